//! Everything of the City Cooperation kiosk that is not drawing.
//!
//! The kiosk UI and the hub are thin shells over this crate: every rule of
//! the product (what a valid content pack is, how the kiosk is configured,
//! leads, consent and sync) lives here and is testable without a window.
//! The kiosk's own parts, its SQLite store and its hub client, come with
//! the `kiosk` feature (on by default); the hub builds without them.

pub mod attract;
pub mod browse;
pub mod config;
pub mod content;
pub mod drives;
pub mod export_folder;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod hash;
pub mod health;
pub mod i18n;
pub mod idle;
pub mod ids;
pub mod keyboard;
pub mod lang;
pub mod leads;
pub mod logging;
pub mod owner_only;
pub mod phone_link;
pub mod process_memory;
pub mod protocol;
pub mod secrets;
mod source;
pub mod staff;
#[cfg(feature = "kiosk")]
pub mod store;
pub mod subtitles;
#[cfg(feature = "kiosk")]
pub mod sync;
pub mod systemd;

pub use lang::Lang;
