//! Packs that came from the hub, kept in the data folder:
//! `packs/<id>/` holds each, and the link `pack` points at the one in use.
//! A new pack is assembled and checked beside it and switched in with one
//! rename of the link, so a power cut leaves either the old or the new.

use std::io;
use std::path::{Path, PathBuf};

const PACKS_DIR: &str = "packs";
const ACTIVE_LINK: &str = "pack";

/// The pack the hub last installed, if any.
pub fn active_pack_dir(data_dir: &Path) -> Option<PathBuf> {
    let link = data_dir.join(ACTIVE_LINK);
    link.join(crate::content::PACK_FILE)
        .is_file()
        .then_some(link)
}

/// A folder beside the installed packs to assemble a new one in.
pub fn staging_dir(data_dir: &Path, id: &str) -> PathBuf {
    data_dir.join(PACKS_DIR).join(format!(".staging-{id}"))
}

/// Moves a checked staging folder in as pack `id` and points the link at
/// it; keeps the pack it replaces (for a quick way back) and removes older
/// ones. Returns the link's path.
pub fn install(data_dir: &Path, staging: &Path, id: &str) -> io::Result<PathBuf> {
    let packs = data_dir.join(PACKS_DIR);
    let target = packs.join(id);
    if target.exists() {
        std::fs::remove_dir_all(&target)?;
    }
    std::fs::rename(staging, &target)?;
    let previous = std::fs::read_link(data_dir.join(ACTIVE_LINK)).ok();
    let new_link = data_dir.join(format!("{ACTIVE_LINK}.new"));
    let _ = std::fs::remove_file(&new_link);
    std::os::unix::fs::symlink(Path::new(PACKS_DIR).join(id), &new_link)?;
    std::fs::rename(&new_link, data_dir.join(ACTIVE_LINK))?;
    if let Ok(dir) = std::fs::File::open(data_dir) {
        let _ = dir.sync_all();
    }
    // Keep the new pack and the one before it; older ones go.
    let keep: Vec<PathBuf> = [Some(Path::new(PACKS_DIR).join(id)), previous]
        .into_iter()
        .flatten()
        .collect();
    for entry in std::fs::read_dir(&packs)?.filter_map(Result::ok) {
        let name = Path::new(PACKS_DIR).join(entry.file_name());
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && !keep.contains(&name) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
    Ok(data_dir.join(ACTIVE_LINK))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installing_switches_the_link_and_keeps_one_pack_back() {
        let data = tempfile::tempdir().unwrap();
        assert_eq!(active_pack_dir(data.path()), None);
        for id in ["a", "b", "c"] {
            let staging = staging_dir(data.path(), id);
            std::fs::create_dir_all(&staging).unwrap();
            std::fs::write(staging.join("pack.toml"), id).unwrap();
            install(data.path(), &staging, id).unwrap();
            let active = active_pack_dir(data.path()).unwrap();
            assert_eq!(
                std::fs::read_to_string(active.join("pack.toml")).unwrap(),
                id
            );
            assert!(!staging.exists());
        }
        let mut left: Vec<String> = std::fs::read_dir(data.path().join("packs"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["b", "c"]);
    }
}
