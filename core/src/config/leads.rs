//! `[leads]`: how long leads stay on the kiosk.

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, SectionCheck};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LeadsConfig {
    /// Leads older than this are erased once they are safe elsewhere
    /// (synced to the hub or exported by staff).
    pub retention_days: u32,
}

const DEFAULT_RETENTION_DAYS: u32 = 90;

impl Default for LeadsConfig {
    fn default() -> Self {
        LeadsConfig {
            retention_days: DEFAULT_RETENTION_DAYS,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLeads {
    retention_days: Option<Spanned<u32>>,
}

impl RawLeads {
    pub fn check(self, check: &SectionCheck) -> Result<LeadsConfig, ConfigError> {
        let Some(raw) = self.retention_days else {
            return Ok(LeadsConfig::default());
        };
        let days = *raw.get_ref();
        if !(1..=730).contains(&days) {
            return check.error(
                "leads.retention_days",
                &raw.span(),
                format!("must be between 1 and 730 days, not {days}"),
            );
        }
        Ok(LeadsConfig {
            retention_days: days,
        })
    }
}
