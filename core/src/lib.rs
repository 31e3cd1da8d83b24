//! Everything of the City Cooperation kiosk that is not drawing.
//!
//! The kiosk UI and the hub are thin shells over this crate: every rule of
//! the product (what a valid content pack is, how the kiosk is configured,
//! later leads, consent and sync) lives here and is testable without a
//! window.

pub mod attract;
pub mod browse;
pub mod config;
pub mod content;
pub mod drives;
pub mod exports;
pub mod files;
#[doc(hidden)]
pub mod fuzzing;
pub mod hash;
pub mod i18n;
pub mod idle;
pub mod ids;
pub mod keyboard;
pub mod lang;
pub mod leads;
pub mod private;
pub mod process_memory;
pub mod protocol;
mod source;
pub mod staff;
pub mod store;
pub mod subtitles;
pub mod sync;
pub mod systemd;

pub use lang::Lang;
