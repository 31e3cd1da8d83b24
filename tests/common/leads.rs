//! A visitor's lead as the kiosk's form makes it, for the tests of every
//! crate (each includes this file with `#[path]`).

use city_core::Lang;
use city_core::leads::{Lead, LeadForm, LeadWire, Origin};

/// A lead from booth-1 at a fair, given now, asking about `towns`.
pub fn visitor_lead(email: &str, towns: &[&str], language: Lang) -> Lead {
    LeadForm {
        email: email.into(),
        towns: towns.iter().map(|town| town.to_string()).collect(),
        consent_contact: true,
        ..LeadForm::default()
    }
    .to_lead(&Origin {
        kiosk_id: "booth-1",
        venue: "Fair",
        language,
        consent_version: "2026-11-24",
        at: chrono::Utc::now(),
    })
    .expect("a filled form makes a lead")
}

/// The same lead as the kiosk's sync sends it: what the hub's tests and
/// benchmarks start from and change a field or two of.
#[allow(dead_code)] // Not every crate's tests send leads over the wire.
pub fn wire_lead(email: &str, towns: &[&str], language: Lang) -> LeadWire {
    LeadWire::from(&visitor_lead(email, towns, language))
}
