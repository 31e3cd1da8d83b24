//! A lead as it travels from kiosk to hub, and the one set of rules every
//! lead obeys wherever it is made or received: the hub parses each wire
//! lead into the same [`Lead`] the kiosk stores, so a kiosk of an older or
//! a broken build (or anyone holding a kiosk's token) cannot put into the
//! towns' lists what the kiosk's own form would refuse.

use chrono::{DateTime, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    ADDRESS_MAX, CalendarBy, Email, LABEL_MAX, Lead, MESSAGE_MAX, NAME_MAX, RESIDENCE_COUNTRIES,
    TOWNS_MAX,
};
use crate::Lang;
use crate::content::Theme;
use crate::ids::is_valid_id;

/// A lead on the wire; the kiosk's UUID is the idempotency key. Plain
/// values here, parsed into a [`Lead`] by [`Lead::from_wire`]. Only the
/// protocol: each store reads its own row type into a [`LeadRecord`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadWire {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub venue: String,
    pub language: String,
    pub email: String,
    pub name: Option<String>,
    pub country: Option<String>,
    pub towns: Vec<String>,
    pub themes: Vec<String>,
    pub family: bool,
    pub calendar: Option<String>,
    pub postal_address: Option<String>,
    pub message: Option<String>,
    pub consent_version: String,
    pub consent_contact: bool,
    pub consent_newsletter: bool,
}

/// A lead's values as a store keeps them (text, flags, a time), before
/// [`Lead::from_record`] parses them: what the kiosk's store and the hub's
/// table each read their own rows into, so that neither row is the wire's.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadRecord {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub venue: String,
    pub language: String,
    pub email: String,
    pub name: Option<String>,
    pub country: Option<String>,
    pub towns: Vec<String>,
    pub themes: Vec<String>,
    pub family: bool,
    pub calendar: Option<String>,
    pub postal_address: Option<String>,
    pub message: Option<String>,
    pub consent_version: String,
    pub consent_contact: bool,
    pub consent_newsletter: bool,
}

impl From<LeadWire> for LeadRecord {
    fn from(wire: LeadWire) -> Self {
        LeadRecord {
            id: wire.id,
            created_at: wire.created_at,
            venue: wire.venue,
            language: wire.language,
            email: wire.email,
            name: wire.name,
            country: wire.country,
            towns: wire.towns,
            themes: wire.themes,
            family: wire.family,
            calendar: wire.calendar,
            postal_address: wire.postal_address,
            message: wire.message,
            consent_version: wire.consent_version,
            consent_contact: wire.consent_contact,
            consent_newsletter: wire.consent_newsletter,
        }
    }
}

/// Why a lead is refused: the field at fault and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct LeadFieldError {
    pub field: &'static str,
    pub message: String,
}

fn refuse<T>(field: &'static str, message: impl Into<String>) -> Result<T, LeadFieldError> {
    Err(LeadFieldError {
        field,
        message: message.into(),
    })
}

/// Lines a free text may have: a name or label has one, an address or a
/// message may have several.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Lines {
    One,
    Many,
}

fn check_text(
    field: &'static str,
    text: &str,
    max: usize,
    lines: Lines,
) -> Result<(), LeadFieldError> {
    if text
        .chars()
        .any(|c| c.is_control() && !(lines == Lines::Many && c == '\n'))
    {
        return refuse(field, "holds a control character");
    }
    if text.chars().count() > max {
        return refuse(field, format!("is longer than {max} characters"));
    }
    if text.trim() != text || text.is_empty() {
        return refuse(field, "is empty or not trimmed");
    }
    Ok(())
}

/// Whether `text` can be a label of a lead (its venue, its consent
/// version): one trimmed line of at most [`LABEL_MAX`] characters.
pub fn is_valid_label(text: &str) -> bool {
    check_text("label", text, LABEL_MAX, Lines::One).is_ok()
}

fn check_optional(
    field: &'static str,
    text: &Option<String>,
    max: usize,
    lines: Lines,
) -> Result<(), LeadFieldError> {
    text.as_deref()
        .map_or(Ok(()), |text| check_text(field, text, max, lines))
}

/// The earliest time a lead can have been given: before the product.
fn earliest() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// How far a kiosk's clock may run ahead of the hub's.
const CLOCK_SKEW: chrono::Duration = chrono::Duration::days(2);

impl Lead {
    /// Every rule a lead obeys, whoever made it; `now` bounds its time.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), LeadFieldError> {
        check_text("venue", &self.venue, LABEL_MAX, Lines::One)?;
        check_text(
            "consent_version",
            &self.consent_version,
            LABEL_MAX,
            Lines::One,
        )?;
        if !self.consent_contact {
            return refuse(
                "consent_contact",
                "a lead needs the consent to be contacted",
            );
        }
        if self.created_at < earliest() || self.created_at > now + CLOCK_SKEW {
            return refuse(
                "created_at",
                format!(
                    "{} is not a time a lead can have been given (is the kiosk's clock right?)",
                    super::timestamp(self.created_at)
                ),
            );
        }
        check_optional("name", &self.name, NAME_MAX, Lines::One)?;
        check_optional(
            "postal_address",
            &self.postal_address,
            ADDRESS_MAX,
            Lines::Many,
        )?;
        check_optional("message", &self.message, MESSAGE_MAX, Lines::Many)?;
        if let Some(country) = &self.country
            && !RESIDENCE_COUNTRIES.contains(&country.as_str())
        {
            return refuse("country", "is not a country the form offers");
        }
        if self.towns.len() > TOWNS_MAX {
            return refuse("towns", format!("more than {TOWNS_MAX} towns"));
        }
        if self.towns.iter().any(|town| !is_valid_id(town)) {
            return refuse("towns", "holds something that is not a town id");
        }
        if has_duplicates(&self.towns) || has_duplicates(&self.themes) {
            return refuse("towns", "a town or theme is given twice");
        }
        match (self.calendar, &self.postal_address) {
            (Some(CalendarBy::Post), None) => {
                return refuse("postal_address", "the calendar by post needs an address");
            }
            (Some(CalendarBy::Email) | None, Some(_)) => {
                return refuse("postal_address", "only kept for the calendar by post");
            }
            _ => {}
        }
        Ok(())
    }

    /// Parses a lead that came over the network, given by `kiosk_id`,
    /// with the same rules as a lead made on the kiosk.
    pub fn from_wire(
        wire: LeadWire,
        kiosk_id: &str,
        now: DateTime<Utc>,
    ) -> Result<Lead, LeadFieldError> {
        let lead = Lead::from_record(LeadRecord::from(wire), kiosk_id)?;
        lead.check(now)?;
        Ok(lead)
    }

    /// Reads a lead back from a store that took it: its values must still
    /// be of their kinds, but a lead once taken is never refused for its
    /// time or length, so an export can never leave one out.
    pub fn from_record(record: LeadRecord, kiosk_id: &str) -> Result<Lead, LeadFieldError> {
        let email = match Email::parse(&record.email) {
            Ok(email) if email.as_str() == record.email => email,
            Ok(_) => return refuse("email", "is not written as the kiosk writes it"),
            Err(error) => return refuse("email", error.to_string()),
        };
        let Some(language) = Lang::from_code(&record.language) else {
            return refuse("language", "is not sl, de, hu or en");
        };
        let themes = record
            .themes
            .iter()
            .map(|key| Theme::from_key(key))
            .collect::<Option<Vec<Theme>>>();
        let Some(themes) = themes else {
            return refuse("themes", "holds a theme the kiosk does not offer");
        };
        let calendar = match record.calendar.as_deref() {
            None => None,
            Some(key) => match CalendarBy::from_key(key) {
                Some(by) => Some(by),
                None => return refuse("calendar", "is neither `email` nor `post`"),
            },
        };
        Ok(Lead {
            id: record.id,
            kiosk_id: kiosk_id.to_string(),
            venue: record.venue,
            created_at: record.created_at,
            language,
            email,
            name: record.name,
            country: record.country,
            towns: record.towns,
            themes,
            family: record.family,
            calendar,
            postal_address: record.postal_address,
            message: record.message,
            consent_version: record.consent_version,
            consent_contact: record.consent_contact,
            consent_newsletter: record.consent_newsletter,
        })
    }
}

fn has_duplicates<T: Ord>(items: &[T]) -> bool {
    let mut sorted: Vec<&T> = items.iter().collect();
    sorted.sort();
    sorted.windows(2).any(|pair| pair[0] == pair[1])
}

impl From<&Lead> for LeadWire {
    fn from(lead: &Lead) -> Self {
        LeadWire {
            id: lead.id,
            created_at: lead.created_at,
            venue: lead.venue.clone(),
            language: lead.language.code().to_string(),
            email: lead.email.as_str().to_string(),
            name: lead.name.clone(),
            country: lead.country.clone(),
            towns: lead.towns.clone(),
            themes: lead
                .themes
                .iter()
                .map(|theme| theme.key().to_string())
                .collect(),
            family: lead.family,
            calendar: lead.calendar.map(|by| by.key().to_string()),
            postal_address: lead.postal_address.clone(),
            message: lead.message.clone(),
            consent_version: lead.consent_version.clone(),
            consent_contact: lead.consent_contact,
            consent_newsletter: lead.consent_newsletter,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::leads::{LeadForm, Origin};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 2, 3, 10, 0, 0).unwrap()
    }

    fn form_lead() -> Lead {
        LeadForm {
            email: "Ödön@Példa.hu".into(),
            name: "Őry Ödön".into(),
            country: Some("HU".into()),
            towns: ["ptuj".to_string(), "lendava".to_string()].into(),
            themes: [Theme::Culinary, Theme::Family].into(),
            family: true,
            calendar: Some(CalendarBy::Post),
            postal_address: "Fő utca 1\n8900 Zalaegerszeg".into(),
            message: "Szia!".into(),
            consent_contact: true,
            consent_newsletter: true,
        }
        .to_lead(&Origin {
            kiosk_id: "booth-1",
            venue: "Ferienmesse Wien",
            language: Lang::Hu,
            consent_version: "2026-11-24",
            at: now(),
        })
        .unwrap()
    }

    #[test]
    fn a_lead_from_the_form_travels_and_comes_back_the_same() {
        let lead = form_lead();
        lead.check(now()).unwrap();
        let wire = LeadWire::from(&lead);
        let json = serde_json::to_string(&wire).unwrap();
        let back: LeadWire = serde_json::from_str(&json).unwrap();
        assert_eq!(Lead::from_wire(back, "booth-1", now()).unwrap(), lead);
    }

    #[test]
    fn the_hub_refuses_what_the_kiosk_would_refuse_naming_the_field() {
        let good = LeadWire::from(&form_lead());
        type Change = Box<dyn Fn(&mut LeadWire)>;
        let cases: Vec<(&str, Change)> = vec![
            ("name", Box::new(|w| w.name = Some("a\0b".into()))),
            ("name", Box::new(|w| w.name = Some("x".repeat(3_900_000)))),
            ("message", Box::new(|w| w.message = Some("x\u{7}".into()))),
            ("venue", Box::new(|w| w.venue = "Fair\0".into())),
            ("venue", Box::new(|w| w.venue = String::new())),
            ("country", Box::new(|w| w.country = Some("ZZ".into()))),
            ("themes", Box::new(|w| w.themes = vec!["gambling".into()])),
            ("calendar", Box::new(|w| w.calendar = Some("pigeon".into()))),
            ("language", Box::new(|w| w.language = "fr".into())),
            ("email", Box::new(|w| w.email = "not an address".into())),
            ("email", Box::new(|w| w.email = " ödön@példa.hu".into())),
            ("towns", Box::new(|w| w.towns = vec!["../ptuj".into()])),
            ("towns", Box::new(|w| w.towns = vec!["ptuj".into(); 2])),
            ("towns", Box::new(|w| w.towns = vec!["ptuj".into(); 65])),
            (
                "created_at",
                Box::new(|w| w.created_at = Utc.with_ymd_and_hms(9999, 1, 1, 0, 0, 0).unwrap()),
            ),
            ("consent_contact", Box::new(|w| w.consent_contact = false)),
            (
                "consent_version",
                Box::new(|w| w.consent_version = " ".into()),
            ),
            ("postal_address", Box::new(|w| w.postal_address = None)),
        ];
        for (field, change) in cases {
            let mut wire = good.clone();
            change(&mut wire);
            let error = Lead::from_wire(wire, "booth-1", now()).unwrap_err();
            assert_eq!(error.field, field, "{error}");
            assert!(error.to_string().len() < 300);
        }
    }
}
