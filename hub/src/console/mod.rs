//! The web console under `/console`, served by `city-hub` itself: each
//! town's staff see, export, handle and erase their own leads; the
//! network's coordinator sees every town, the fleet of kiosks and the
//! content packs; everyone sees what visitors did. Server-rendered HTML
//! (maud), no JavaScript, in sl, de, hu, en.

mod chart;
pub(crate) mod kiosks;
pub(crate) mod leads;
pub(crate) mod login;
pub(crate) mod packs;
pub(crate) mod page;
mod session;
pub(crate) mod stats;

pub use login::PASSWORD_MIN;
pub use packs::{MAX_UPLOAD_BYTES, PACK_CHECKS_AT_ONCE};
pub(crate) use page::document;
