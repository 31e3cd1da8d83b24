//! `[kiosk]`: who this kiosk is.

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, SectionCheck};
use crate::ids::{ID_RULE, is_valid_id};

#[derive(Debug, Clone)]
pub struct KioskConfig {
    /// Stored with every lead and sent to the hub; unique in the network.
    pub id: String,
    /// Where the kiosk stands, e.g. "ITB Berlin, hall 21": shown to staff
    /// and stored with leads.
    pub venue: String,
}

/// The longest venue name, within what a lead may carry.
pub const VENUE_MAX: usize = 80;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawKiosk {
    id: Spanned<String>,
    venue: Spanned<String>,
}

impl RawKiosk {
    pub fn check(self, check: &SectionCheck) -> Result<KioskConfig, ConfigError> {
        if !is_valid_id(self.id.get_ref()) {
            return check.error(
                "kiosk.id",
                &self.id.span(),
                format!("`{}` must be {ID_RULE}", self.id.get_ref()),
            );
        }
        let venue = self.venue.get_ref().trim();
        if venue.is_empty()
            || venue.chars().count() > VENUE_MAX
            || venue.chars().any(char::is_control)
        {
            return check.error(
                "kiosk.venue",
                &self.venue.span(),
                format!("must be 1 to {VENUE_MAX} characters on one line"),
            );
        }
        Ok(KioskConfig {
            id: self.id.get_ref().clone(),
            venue: venue.to_string(),
        })
    }
}

/// A venue name typed by staff on the kiosk, made fit to travel with
/// leads: one line, visible characters, at most [`VENUE_MAX`] of them.
pub fn venue_from_staff(typed: &str) -> Option<String> {
    let venue: String = typed
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .take(VENUE_MAX)
        .collect();
    let venue = venue.trim().to_string();
    (!venue.is_empty()).then_some(venue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_venue_becomes_one_short_line() {
        assert_eq!(
            venue_from_staff("  ITB\nBerlin \t hall 21 "),
            Some("ITB Berlin hall 21".into())
        );
        assert_eq!(venue_from_staff(" \u{7} "), None);
        assert_eq!(
            venue_from_staff(&"x".repeat(500)).unwrap().chars().count(),
            VENUE_MAX
        );
    }
}
