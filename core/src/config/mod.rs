//! The configuration of one kiosk, `kiosk-config/kiosk.toml`: a typed tree
//! of small sections, one file each. An unknown or mistyped key is an error
//! naming the key, the file and the line, never a silent default.

mod content;
mod display;
mod hub;
mod idle;
mod kiosk;
mod leads;
mod sound;
mod staff;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

pub use content::ContentConfig;
pub use display::{DisplayConfig, RendererChoice};
pub use hub::{HubConfig, HubUrl, HubUrlError};
pub use idle::IdleConfig;
pub use kiosk::{KioskConfig, VENUE_MAX, venue_from_staff};
pub use leads::LeadsConfig;
pub use sound::SoundConfig;
pub use staff::StaffConfig;

use crate::source::SourceFile;

/// Where the kiosk looks for its configuration when not told otherwise.
pub const DEFAULT_CONFIG_PATH: &str = "kiosk-config/kiosk.toml";

#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    pub kiosk: KioskConfig,
    pub content: ContentConfig,
    pub data: DataConfig,
    pub idle: IdleConfig,
    pub staff: StaffConfig,
    pub leads: LeadsConfig,
    pub sound: SoundConfig,
    pub display: DisplayConfig,
    /// Absent: the kiosk runs alone and staff export leads by hand.
    pub hub: Option<HubConfig>,
}

#[derive(Debug, Clone)]
pub struct DataConfig {
    /// Leads, statistics and the last good pack live here.
    pub dir: PathBuf,
}

/// A problem with a config file: which file, where, which key, what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    /// The key at fault, as `section.key`, when known.
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        match &self.key {
            Some(key) => write!(f, ": {key}: {}", self.message),
            None => write!(f, ": {}", self.message),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    kiosk: kiosk::RawKiosk,
    content: content::RawContent,
    data: RawData,
    #[serde(default)]
    idle: idle::RawIdle,
    #[serde(default)]
    staff: staff::RawStaff,
    #[serde(default)]
    leads: leads::RawLeads,
    #[serde(default)]
    sound: sound::RawSound,
    #[serde(default)]
    display: display::RawDisplay,
    hub: Option<hub::RawHub>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawData {
    dir: toml::Spanned<String>,
}

/// Checks values of one section, reporting the first bad key.
pub(crate) struct SectionCheck<'a> {
    file: &'a SourceFile,
}

impl SectionCheck<'_> {
    pub fn error<T>(
        &self,
        key: &str,
        span: &std::ops::Range<usize>,
        message: impl Into<String>,
    ) -> Result<T, ConfigError> {
        Err(ConfigError {
            path: self.file.path.clone(),
            line: Some(self.file.line_of(span)),
            key: Some(key.to_string()),
            message: message.into(),
        })
    }

    /// A path in the config, relative to the config file's folder.
    pub fn path(&self, key: &str, raw: &toml::Spanned<String>) -> Result<PathBuf, ConfigError> {
        if raw.get_ref().trim().is_empty() {
            return self.error(key, &raw.span(), "must not be empty");
        }
        let base = self.file.path.parent().unwrap_or(Path::new("."));
        Ok(base.join(raw.get_ref()))
    }
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let file = SourceFile::read(path).map_err(|error| ConfigError {
            path: path.to_path_buf(),
            line: None,
            key: None,
            message: format!("cannot be read: {error}"),
        })?;
        let raw: RawConfig = file.parse_toml().map_err(|failure| ConfigError {
            path: path.to_path_buf(),
            line: failure.line,
            key: None,
            message: failure.message,
        })?;
        let check = SectionCheck { file: &file };
        Ok(Config {
            path: path.to_path_buf(),
            kiosk: raw.kiosk.check(&check)?,
            content: raw.content.check(&check)?,
            data: DataConfig {
                dir: check.path("data.dir", &raw.data.dir)?,
            },
            idle: raw.idle.check(&check)?,
            staff: raw.staff.check(&check)?,
            leads: raw.leads.check(&check)?,
            sound: raw.sound.check(&check)?,
            display: raw.display.check(),
            hub: raw.hub.map(|hub| hub.check(&check)).transpose()?,
        })
    }
}
