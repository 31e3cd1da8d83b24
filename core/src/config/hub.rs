//! `[hub]`: the central service this kiosk syncs with.

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, SectionCheck};

#[derive(Debug, Clone)]
pub struct HubConfig {
    pub url: url::Url,
    /// This kiosk's bearer token, from `city-hub kiosk add`.
    pub token: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHub {
    url: Spanned<String>,
    token: Spanned<String>,
}

impl RawHub {
    pub fn check(self, check: &SectionCheck) -> Result<HubConfig, ConfigError> {
        let url = match url::Url::parse(self.url.get_ref()) {
            Ok(url) if matches!(url.scheme(), "https" | "http") && url.host().is_some() => url,
            Ok(_) => {
                return check.error(
                    "hub.url",
                    &self.url.span(),
                    "must be an http or https address",
                );
            }
            Err(error) => {
                return check.error(
                    "hub.url",
                    &self.url.span(),
                    format!("is not a valid address: {error}"),
                );
            }
        };
        let token = self.token.get_ref().trim();
        if token.is_empty() {
            return check.error("hub.token", &self.token.span(), "must not be empty");
        }
        Ok(HubConfig {
            url,
            token: token.to_string(),
        })
    }
}
