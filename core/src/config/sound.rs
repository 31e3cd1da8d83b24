//! `[sound]`: how loud the kiosk is. Fairs are loud and neighbours are
//! close, so the attract loop is silent unless a booth asks for sound.

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, SectionCheck};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SoundConfig {
    /// Whether the idle attract loop plays its films' sound.
    pub attract_sound: bool,
    /// Loudness of films and audio guides, 0.0 to 1.0.
    pub volume: f32,
}

const DEFAULT_VOLUME_PERCENT: u8 = 70;

impl Default for SoundConfig {
    fn default() -> Self {
        SoundConfig {
            attract_sound: false,
            volume: f32::from(DEFAULT_VOLUME_PERCENT) / 100.0,
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSound {
    attract_sound: Option<bool>,
    volume_percent: Option<Spanned<i64>>,
}

impl RawSound {
    pub fn check(self, check: &SectionCheck) -> Result<SoundConfig, ConfigError> {
        let mut sound = SoundConfig::default();
        if let Some(on) = self.attract_sound {
            sound.attract_sound = on;
        }
        if let Some(raw) = self.volume_percent {
            let percent = *raw.get_ref();
            if !(0..=100).contains(&percent) {
                return check.error(
                    "sound.volume_percent",
                    &raw.span(),
                    format!("must be between 0 and 100, not {percent}"),
                );
            }
            sound.volume = percent as f32 / 100.0;
        }
        Ok(sound)
    }
}
