//! The content pack: the model of what the kiosk shows, and the loader that
//! validates a pack folder into it.
//!
//! Layout of a pack folder:
//! - `pack.toml`: version, languages, default and fallback language, title,
//!   attract order
//! - `towns/<folder>/town.toml` with the town's images and films beside it
//! - `events.toml`: the joint calendar
//! - `ui/<lang>.ftl`: the kiosk's UI strings (Fluent)

mod check;
mod decoded_images;
mod events;
pub mod file_list;
mod images;
mod last_good;
mod load;
pub mod media;
pub mod model;
pub mod pack_path;
mod problem;
mod raw;
pub mod region;
mod town;

pub use decoded_images::{DecodedImages, RECORD_FILE as DECODED_IMAGES_FILE};
pub use last_good::{
    LoadedPack, RememberOutcome, last_good_dir, load_with_fallback, remember_good,
};
pub use load::{
    CONSENT_FILE, EVENTS_FILE, PACK_FILE, TOWN_FILE, TOWNS_DIR, load_pack, load_pack_with,
};
pub use model::*;
pub use problem::{InvalidPack, MediaFile, Problem};
pub use town::{BROCHURE_MAX_BYTES, check_pdf};
