//! `[idle]`: when an unattended kiosk returns to its attract loop.

use std::time::Duration;

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, SectionCheck};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdleConfig {
    /// No touch for this long: back to the attract loop, forms wiped.
    pub timeout: Duration,
}

const DEFAULT_TIMEOUT_SECS: u64 = 90;
/// Shorter than this and a visitor reading a town page is thrown out.
const MIN_TIMEOUT_SECS: u64 = 20;
/// Longer than this and a half-filled form waits too long for the next person.
const MAX_TIMEOUT_SECS: u64 = 900;

impl Default for IdleConfig {
    fn default() -> Self {
        IdleConfig {
            timeout: Duration::from_secs(DEFAULT_TIMEOUT_SECS),
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIdle {
    timeout_secs: Option<Spanned<u64>>,
}

impl RawIdle {
    pub fn check(self, check: &SectionCheck) -> Result<IdleConfig, ConfigError> {
        let Some(raw) = self.timeout_secs else {
            return Ok(IdleConfig::default());
        };
        let secs = *raw.get_ref();
        if !(MIN_TIMEOUT_SECS..=MAX_TIMEOUT_SECS).contains(&secs) {
            return check.error(
                "idle.timeout_secs",
                &raw.span(),
                format!(
                    "must be between {MIN_TIMEOUT_SECS} and {MAX_TIMEOUT_SECS} seconds, not {secs}"
                ),
            );
        }
        Ok(IdleConfig {
            timeout: Duration::from_secs(secs),
        })
    }
}
