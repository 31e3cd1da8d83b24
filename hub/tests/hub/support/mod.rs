#[path = "../../../../tests/common/certificates.rs"]
pub mod certificates;
pub mod console;
#[path = "../../../../tests/common/files.rs"]
mod files;
pub mod hub;
#[path = "../../../../tests/common/leads.rs"]
mod leads;
pub mod postgres;
#[path = "../../../../tests/common/query_cache.rs"]
pub mod query_cache;
pub mod smtp;

pub use files::copy_dir;
pub use leads::{visitor_lead, wire_lead};

use std::path::{Path, PathBuf};

pub fn demo_pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../media")
}
