#[path = "../../../../tests/common/certificates.rs"]
pub mod certificates;
#[path = "../../../../tests/common/fake_hub.rs"]
pub mod fake_hub;
#[path = "../../../../tests/common/files.rs"]
mod files;
#[path = "../../../../tests/common/leads.rs"]
mod leads;

pub use files::copy_dir;
pub use leads::visitor_lead;

/// The demo content pack of the repository.
pub fn demo_pack() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../media")
}
