//! How a kiosk behaves, from its configuration file; the venue may be
//! renamed by staff on the kiosk.

use std::path::PathBuf;
use std::time::Duration;

use city_core::Lang;

/// How a kiosk behaves, from its configuration.
#[derive(Debug, Clone)]
pub struct Options {
    /// The language a visitor is greeted in; the pack's default if `None`.
    pub default_language: Option<Lang>,
    pub idle_timeout: Duration,
    pub kiosk_id: String,
    /// Where the kiosk stands: from the configuration, or as staff
    /// renamed it on the kiosk (kept in the store).
    pub venue: String,
    /// `None`: staff mode cannot be opened on the screen.
    pub pin_hash: Option<String>,
    pub retention_days: u32,
    /// The store lives here; exports can always go to its `exports` folder.
    pub data_dir: PathBuf,
    /// `None`: the kiosk runs alone.
    pub hub: Option<city_core::config::HubConfig>,
    pub sound: city_core::config::SoundConfig,
    /// Prepare the pictures of the first screens in the background when
    /// the window opens or the pack changes (see [`crate::warm_up`]): a
    /// kiosk does; a preview or a test of screens need not.
    pub warm_up: bool,
}

impl Options {
    /// The kiosk as its configuration file describes it.
    pub fn from_config(config: &city_core::config::Config) -> Options {
        Options {
            default_language: config.content.default_language,
            idle_timeout: config.idle.timeout,
            kiosk_id: config.kiosk.id.clone(),
            venue: config.kiosk.venue.clone(),
            pin_hash: config.staff.pin_hash.clone(),
            retention_days: config.leads.retention_days,
            data_dir: config.data.dir.clone(),
            hub: config.hub.clone(),
            sound: config.sound,
            warm_up: true,
        }
    }

    /// A kiosk without a store or staff PIN, for pictures of its screens.
    pub fn preview(default_language: Option<Lang>) -> Options {
        Options {
            default_language,
            idle_timeout: Duration::from_secs(90),
            kiosk_id: "preview".into(),
            venue: String::new(),
            pin_hash: None,
            retention_days: 90,
            data_dir: std::env::temp_dir().join("city-kiosk-preview"),
            hub: None,
            sound: city_core::config::SoundConfig::default(),
            warm_up: false,
        }
    }
}
