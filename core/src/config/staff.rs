//! `[staff]`: access to staff mode.

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, SectionCheck};

#[derive(Debug, Clone, Default)]
pub struct StaffConfig {
    /// The staff PIN as an argon2 hash (PHC string); `None` disables staff
    /// mode on the screen (the command line still works).
    pub pin_hash: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStaff {
    #[serde(default)]
    pin_hash: Option<Spanned<String>>,
}

impl RawStaff {
    pub fn check(self, check: &SectionCheck) -> Result<StaffConfig, ConfigError> {
        let Some(raw) = self.pin_hash else {
            return Ok(StaffConfig::default());
        };
        let hash = raw.get_ref().trim();
        if hash.is_empty() {
            return Ok(StaffConfig::default());
        }
        if !hash.starts_with("$argon2") {
            return check.error(
                "staff.pin_hash",
                &raw.span(),
                "must be an argon2 hash made with `city-kiosk pin hash`, never the PIN itself",
            );
        }
        if let Err(problem) = crate::staff::check_pin_hash(hash) {
            return check.error("staff.pin_hash", &raw.span(), problem);
        }
        Ok(StaffConfig {
            pin_hash: Some(hash.to_string()),
        })
    }
}
