//! `[content]`: which pack the kiosk shows.

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, SectionCheck};
use crate::Lang;

#[derive(Debug, Clone)]
pub struct ContentConfig {
    pub dir: PathBuf,
    /// Overrides the pack's default language, e.g. German at a fair in Munich.
    pub default_language: Option<Lang>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawContent {
    dir: Spanned<String>,
    #[serde(default)]
    default_language: Option<Lang>,
}

impl RawContent {
    pub fn check(self, check: &SectionCheck) -> Result<ContentConfig, ConfigError> {
        Ok(ContentConfig {
            dir: check.path("content.dir", &self.dir)?,
            default_language: self.default_language,
        })
    }
}
