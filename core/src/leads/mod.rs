//! Visitor interest: what the form collects, the rules it must pass before
//! it becomes a lead, and the lead as stored and exported.
//!
//! Leads are personal data: consent is per purpose, the version of the
//! consent texts shown is kept with each lead, and nothing of a lead is
//! ever written to a log.

pub mod csv;
mod email;
mod wire;

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

pub use email::{Email, EmailError, fold_email};
pub use wire::{LeadFieldError, LeadRecord, LeadWire, is_valid_label};

use crate::Lang;
use crate::content::Theme;

/// The longest free message; a kiosk is no place for letters.
pub const MESSAGE_MAX: usize = 500;
pub const NAME_MAX: usize = 100;
pub const ADDRESS_MAX: usize = 300;
/// Venues and consent versions are short labels.
pub const LABEL_MAX: usize = 100;
/// More towns than the network has is not a visitor's choice.
pub const TOWNS_MAX: usize = 64;

/// Countries of residence the form offers, by ISO code; `XX` is "another".
pub const RESIDENCE_COUNTRIES: &[&str] = &[
    "AT", "SI", "HU", "DE", "IT", "HR", "CZ", "SK", "PL", "CH", "NL", "BE", "FR", "GB", "XX",
];

/// When "today" began in the kiosk's time zone, as UTC: leads "today"
/// are the day at the fair, not the day in Greenwich.
pub fn today_started_at() -> DateTime<Utc> {
    let now = chrono::Local::now();
    now.date_naive()
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(chrono::Local).earliest())
        .map_or_else(|| now.to_utc(), |midnight| midnight.to_utc())
}

/// A time as leads keep it: RFC 3339 UTC with milliseconds, so that text
/// order is time order.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// A visitor's free text of several lines (an address, a message) as it
/// is kept: without control characters other than line breaks (a physical
/// keyboard or a phone can type them; no one means them), trimmed.
pub fn visible_text(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect();
    kept.trim().to_string()
}

/// A visitor's text of one line (a name) as it is kept: line breaks and
/// other control characters become spaces, runs of spaces one, trimmed. A
/// name never starts a line of its own in a mail's greeting.
pub fn one_line_text(text: &str) -> String {
    text.split(|c: char| c.is_control() || c.is_whitespace())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// How a visitor wants the events calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CalendarBy {
    Email,
    Post,
}

impl CalendarBy {
    pub fn key(self) -> &'static str {
        match self {
            CalendarBy::Email => "email",
            CalendarBy::Post => "post",
        }
    }

    pub fn from_key(key: &str) -> Option<CalendarBy> {
        match key {
            "email" => Some(CalendarBy::Email),
            "post" => Some(CalendarBy::Post),
            _ => None,
        }
    }
}

/// The form as the visitor filled it, nothing checked yet.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LeadForm {
    pub email: String,
    pub name: String,
    pub country: Option<String>,
    pub towns: BTreeSet<String>,
    pub themes: BTreeSet<Theme>,
    pub family: bool,
    pub calendar: Option<CalendarBy>,
    pub postal_address: String,
    pub message: String,
    pub consent_contact: bool,
    pub consent_newsletter: bool,
}

/// Why a form cannot be sent yet, one reason per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormError {
    EmailMissing,
    EmailMalformed,
    NameTooLong,
    UnknownCountry,
    AddressMissing,
    AddressTooLong,
    MessageTooLong,
    ContactConsentMissing,
}

/// Where and when a lead was given, added by the kiosk.
#[derive(Debug, Clone)]
pub struct Origin<'a> {
    pub kiosk_id: &'a str,
    pub venue: &'a str,
    pub language: Lang,
    pub consent_version: &'a str,
    pub at: DateTime<Utc>,
}

/// A lead that passed every rule, ready to be stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Lead {
    /// Made on the kiosk; the idempotency key of the sync with the hub.
    pub id: Uuid,
    pub kiosk_id: String,
    pub venue: String,
    pub created_at: DateTime<Utc>,
    pub language: Lang,
    pub email: Email,
    pub name: Option<String>,
    pub country: Option<String>,
    pub towns: Vec<String>,
    pub themes: Vec<Theme>,
    pub family: bool,
    pub calendar: Option<CalendarBy>,
    pub postal_address: Option<String>,
    pub message: Option<String>,
    /// The version of the consent texts the visitor saw.
    pub consent_version: String,
    /// Always true: a lead cannot exist without it.
    pub consent_contact: bool,
    pub consent_newsletter: bool,
}

impl LeadForm {
    /// Every reason the form cannot be sent, in field order; empty when it can.
    pub fn problems(&self) -> Vec<FormError> {
        let mut problems = Vec::new();
        match Email::parse(&self.email) {
            Err(EmailError::Missing) => problems.push(FormError::EmailMissing),
            Err(EmailError::Malformed) => problems.push(FormError::EmailMalformed),
            Ok(_) => {}
        }
        if one_line_text(&self.name).chars().count() > NAME_MAX {
            problems.push(FormError::NameTooLong);
        }
        if self
            .country
            .as_deref()
            .is_some_and(|code| !RESIDENCE_COUNTRIES.contains(&code))
        {
            problems.push(FormError::UnknownCountry);
        }
        if self.calendar == Some(CalendarBy::Post) && visible_text(&self.postal_address).is_empty()
        {
            problems.push(FormError::AddressMissing);
        }
        if visible_text(&self.postal_address).chars().count() > ADDRESS_MAX {
            problems.push(FormError::AddressTooLong);
        }
        if visible_text(&self.message).chars().count() > MESSAGE_MAX {
            problems.push(FormError::MessageTooLong);
        }
        if !self.consent_contact {
            problems.push(FormError::ContactConsentMissing);
        }
        problems
    }

    /// The lead, or every reason it cannot be one.
    pub fn to_lead(&self, origin: &Origin) -> Result<Lead, Vec<FormError>> {
        let problems = self.problems();
        let Ok(email) = Email::parse(&self.email) else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let optional = |text: String| Some(text).filter(|text| !text.is_empty());
        Ok(Lead {
            id: Uuid::new_v4(),
            kiosk_id: origin.kiosk_id.to_string(),
            venue: origin.venue.to_string(),
            created_at: origin.at,
            language: origin.language,
            email,
            name: optional(one_line_text(&self.name)),
            country: self.country.clone(),
            towns: self.towns.iter().cloned().collect(),
            themes: self.themes.iter().copied().collect(),
            family: self.family,
            calendar: self.calendar,
            postal_address: if self.calendar == Some(CalendarBy::Post) {
                optional(visible_text(&self.postal_address))
            } else {
                None
            },
            message: optional(visible_text(&self.message)),
            consent_version: origin.consent_version.to_string(),
            consent_contact: true,
            consent_newsletter: self.consent_newsletter,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin() -> Origin<'static> {
        Origin {
            kiosk_id: "booth-1",
            venue: "Fair",
            language: Lang::Sl,
            consent_version: "2026-11-24",
            at: DateTime::parse_from_rfc3339("2027-02-03T10:00:00Z")
                .unwrap()
                .to_utc(),
        }
    }

    #[test]
    fn a_form_needs_an_address_and_the_contact_consent() {
        let mut form = LeadForm::default();
        assert_eq!(
            form.problems(),
            [FormError::EmailMissing, FormError::ContactConsentMissing]
        );
        form.email = "ana@ptuj".into();
        assert_eq!(
            form.problems(),
            [FormError::EmailMalformed, FormError::ContactConsentMissing]
        );
        form.email = "ana@ptuj.si".into();
        form.consent_contact = true;
        assert!(form.problems().is_empty());
        form.calendar = Some(CalendarBy::Post);
        assert_eq!(form.problems(), [FormError::AddressMissing]);
        form.postal_address = "Slovenski trg 1, 2250 Ptuj".into();
        form.message = "x".repeat(MESSAGE_MAX + 1);
        assert_eq!(form.problems(), [FormError::MessageTooLong]);
    }

    #[test]
    fn a_lead_keeps_the_consent_version_and_language_and_only_given_details() {
        let form = LeadForm {
            email: " ana@Ptuj.SI ".into(),
            name: "  ".into(),
            towns: ["ptuj".to_string(), "lendava".to_string()].into(),
            consent_contact: true,
            postal_address: "ignored unless by post".into(),
            ..LeadForm::default()
        };
        let lead = form.to_lead(&origin()).unwrap();
        assert_eq!(lead.email.as_str(), "ana@ptuj.si");
        assert_eq!(lead.name, None);
        assert_eq!(lead.postal_address, None);
        assert_eq!(lead.towns, ["lendava", "ptuj"]);
        assert_eq!(lead.consent_version, "2026-11-24");
        assert_eq!(lead.language, Lang::Sl);
        assert!(lead.consent_contact && !lead.consent_newsletter);
        assert_ne!(
            form.to_lead(&origin()).unwrap().id,
            lead.id,
            "every lead gets its own id"
        );
    }

    #[test]
    fn whatever_is_typed_the_lead_keeps_the_rules_every_door_applies() {
        let form = LeadForm {
            email: "ana@ptuj.si".into(),
            name: "Ana\r\nBcc: all@example.org \u{7}".into(),
            calendar: Some(CalendarBy::Post),
            postal_address: " Slovenski trg 1\r\n2250 Ptuj\t\u{0} ".into(),
            message: "Hvala!\r\n\r\nLep pozdrav \u{1b}[2J".into(),
            consent_contact: true,
            ..LeadForm::default()
        };
        let lead = form.to_lead(&origin()).unwrap();
        assert_eq!(lead.name.as_deref(), Some("Ana Bcc: all@example.org"));
        assert_eq!(
            lead.postal_address.as_deref(),
            Some("Slovenski trg 1\n2250 Ptuj")
        );
        assert_eq!(lead.message.as_deref(), Some("Hvala!\n\nLep pozdrav [2J"));
        assert_eq!(lead.check(origin().at), Ok(()));
    }
}
