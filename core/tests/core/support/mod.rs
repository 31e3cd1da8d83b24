#[path = "../../../../tests/common/certificates.rs"]
pub mod certificates;
#[path = "../../../../tests/common/fake_hub.rs"]
pub mod fake_hub;
#[path = "../../../../tests/common/files.rs"]
mod files;
#[path = "../../../../tests/common/leads.rs"]
mod leads;
#[path = "../../../../tests/common/query_cache.rs"]
pub mod query_cache;

pub use files::copy_dir;
pub use leads::visitor_lead;

/// The demo content pack of the repository.
pub fn demo_pack() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../media")
}

/// Files and folders under `dir` (itself included) that others than
/// their owner may read: a file not 0600, a folder not 0700.
pub fn not_owner_only(dir: &std::path::Path) -> Vec<(std::path::PathBuf, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut open = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(path) = pending.pop() {
        let meta = std::fs::symlink_metadata(&path).unwrap();
        let mode = meta.permissions().mode() & 0o777;
        if meta.is_dir() {
            if mode != 0o700 {
                open.push((path.clone(), mode));
            }
            pending.extend(
                std::fs::read_dir(&path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path()),
            );
        } else if meta.is_file() && mode != 0o600 {
            open.push((path, mode));
        }
    }
    open
}
