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

const VENUE_MAX: usize = 80;

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
        if venue.is_empty() || venue.chars().count() > VENUE_MAX {
            return check.error(
                "kiosk.venue",
                &self.venue.span(),
                format!("must be 1 to {VENUE_MAX} characters"),
            );
        }
        Ok(KioskConfig {
            id: self.id.get_ref().clone(),
            venue: venue.to_string(),
        })
    }
}
