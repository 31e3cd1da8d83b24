//! Packs that came from the hub, kept in the data folder: `packs/<id>/`
//! holds each (its id is the SHA-256 of its manifest), and the link `pack`
//! points at the one in use. A new pack is assembled and checked beside it
//! in `packs/.staging-<id>` and switched in with one rename of the link, so
//! a power cut leaves either the old or the new.
//!
//! Every folder name here comes from a [`PackId`], never from the network
//! as text, so nothing the hub says can name a folder outside `packs/`.

use std::io;
use std::path::{Path, PathBuf};

use crate::files::remove_if_present;
use crate::protocol::PackId;

const PACKS_DIR: &str = "packs";
const ACTIVE_LINK: &str = "pack";
const STAGING_PREFIX: &str = ".staging-";

/// The pack the hub last installed and its folder, if the link points at a
/// pack that is there; a dangling or odd link counts as none, so the next
/// sync fetches the pack again.
pub fn installed_pack(data_dir: &Path) -> Option<(PackId, PathBuf)> {
    let target = std::fs::read_link(data_dir.join(ACTIVE_LINK)).ok()?;
    let mut parts = target.components();
    let packs = parts.next()?.as_os_str().to_str()?;
    let name = parts.next()?.as_os_str().to_str()?;
    if packs != PACKS_DIR || parts.next().is_some() {
        return None;
    }
    let id = PackId::from_dir_name(name)?;
    let dir = data_dir.join(PACKS_DIR).join(id.dir_name());
    dir.join(crate::content::PACK_FILE)
        .is_file()
        .then_some((id, dir))
}

/// The folder of the pack the hub last installed, if any.
pub fn active_pack_dir(data_dir: &Path) -> Option<PathBuf> {
    installed_pack(data_dir).map(|(_, dir)| dir)
}

/// Drops the link to the installed pack (it did not load), so the kiosk
/// shows its own pack and the next sync fetches the hub's again.
pub fn forget_installed_pack(data_dir: &Path) -> io::Result<()> {
    match std::fs::remove_file(data_dir.join(ACTIVE_LINK)) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// A folder beside the installed packs to assemble pack `id` in.
pub fn staging_dir(data_dir: &Path, id: PackId) -> PathBuf {
    data_dir
        .join(PACKS_DIR)
        .join(format!("{STAGING_PREFIX}{}", id.dir_name()))
}

/// Removes every staging folder (a failed or interrupted assembly),
/// except `keep`. Returns how many went.
pub fn remove_staging(data_dir: &Path, keep: Option<&Path>) -> io::Result<usize> {
    let packs = data_dir.join(PACKS_DIR);
    let entries = match std::fs::read_dir(&packs) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(error),
    };
    let mut removed = 0;
    for entry in entries {
        let entry = entry?;
        let is_staging = entry
            .file_name()
            .to_str()
            .is_some_and(|name| name.starts_with(STAGING_PREFIX));
        if is_staging && Some(entry.path().as_path()) != keep {
            remove_if_present(&entry.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Whether a pack folder lives in the data folder's `packs/`, where packs
/// never change once installed (so their files may be hard-linked).
pub fn is_installed_folder(data_dir: &Path, dir: &Path) -> bool {
    let packs = data_dir.join(PACKS_DIR);
    dir.parent() == Some(packs.as_path())
        && dir
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| PackId::from_dir_name(name).is_some())
}

/// Moves a checked staging folder in as pack `id` and points the link at
/// it. Keeps the pack it replaces (for a quick way back) and `in_use`
/// (the pack on screen, which may be neither), removes older ones and any
/// staging leftovers. Returns the new pack's folder.
pub fn install(data_dir: &Path, staging: &Path, id: PackId, in_use: &Path) -> io::Result<PathBuf> {
    let packs = data_dir.join(PACKS_DIR);
    let target = packs.join(id.dir_name());
    let previous = installed_pack(data_dir).map(|(_, dir)| dir);
    let target_in_use = previous.as_deref() == Some(target.as_path()) || in_use == target;
    if target_in_use {
        // The same pack again (same manifest, same files): keep the folder
        // on screen as it is.
        remove_if_present(staging)?;
    } else {
        remove_if_present(&target)?;
        std::fs::rename(staging, &target)?;
    }
    let new_link = data_dir.join(format!("{ACTIVE_LINK}.new"));
    remove_if_present(&new_link)?;
    std::os::unix::fs::symlink(Path::new(PACKS_DIR).join(id.dir_name()), &new_link)?;
    std::fs::rename(&new_link, data_dir.join(ACTIVE_LINK))?;
    std::fs::File::open(data_dir)?.sync_all()?;

    let keep: Vec<&Path> = [Some(target.as_path()), previous.as_deref(), Some(in_use)]
        .into_iter()
        .flatten()
        .collect();
    for entry in std::fs::read_dir(&packs)?.filter_map(Result::ok) {
        let path = entry.path();
        if !keep.contains(&path.as_path()) {
            // Best effort: a leftover costs space, not correctness.
            if let Err(error) = remove_if_present(&path) {
                tracing::warn!("cannot remove old pack {}: {error}", path.display());
            }
        }
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::Sha256;

    fn id(n: u8) -> PackId {
        PackId::new(Sha256::of(&[n]))
    }

    fn stage(data: &Path, id: PackId, text: &str) -> PathBuf {
        let staging = staging_dir(data, id);
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join("pack.toml"), text).unwrap();
        staging
    }

    fn left(data: &Path) -> Vec<String> {
        let mut left: Vec<String> = std::fs::read_dir(data.join("packs"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        left
    }

    #[test]
    fn installing_switches_the_link_and_keeps_one_pack_back() {
        let data = tempfile::tempdir().unwrap();
        let shown = data.path().join("shipped");
        assert_eq!(active_pack_dir(data.path()), None);
        for (n, text) in [(1, "a"), (2, "b"), (3, "c")] {
            let staging = stage(data.path(), id(n), text);
            let dir = install(data.path(), &staging, id(n), &shown).unwrap();
            assert_eq!(installed_pack(data.path()), Some((id(n), dir.clone())));
            assert_eq!(
                std::fs::read_to_string(dir.join("pack.toml")).unwrap(),
                text
            );
            assert!(!staging.exists());
        }
        let mut expected = vec![id(2).dir_name(), id(3).dir_name()];
        expected.sort();
        assert_eq!(left(data.path()), expected);
    }

    #[test]
    fn the_pack_on_screen_is_never_removed() {
        let data = tempfile::tempdir().unwrap();
        let first = install(
            data.path(),
            &stage(data.path(), id(1), "a"),
            id(1),
            Path::new("/x"),
        )
        .unwrap();
        // The same pack again, as after a lost setting: the folder on screen stays.
        let again = install(data.path(), &stage(data.path(), id(1), "a"), id(1), &first).unwrap();
        assert_eq!(again, first);
        assert_eq!(
            std::fs::read_to_string(first.join("pack.toml")).unwrap(),
            "a"
        );
        // Two new packs while the screen still shows the first.
        install(data.path(), &stage(data.path(), id(2), "b"), id(2), &first).unwrap();
        install(data.path(), &stage(data.path(), id(3), "c"), id(3), &first).unwrap();
        assert!(first.join("pack.toml").is_file(), "still on screen");
        assert_eq!(left(data.path()).len(), 3);
    }

    #[test]
    fn a_dangling_or_odd_link_is_no_installed_pack_and_staging_leftovers_go() {
        let data = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(data.path().join("packs")).unwrap();
        std::os::unix::fs::symlink("packs/nothing", data.path().join("pack")).unwrap();
        assert_eq!(installed_pack(data.path()), None);
        std::fs::remove_file(data.path().join("pack")).unwrap();
        std::os::unix::fs::symlink(
            Path::new("packs").join(id(1).dir_name()),
            data.path().join("pack"),
        )
        .unwrap();
        assert_eq!(installed_pack(data.path()), None, "points at nothing");
        std::fs::remove_file(data.path().join("pack")).unwrap();
        std::os::unix::fs::symlink("/etc", data.path().join("pack")).unwrap();
        assert_eq!(installed_pack(data.path()), None);
        forget_installed_pack(data.path()).unwrap();
        forget_installed_pack(data.path()).unwrap();

        stage(data.path(), id(1), "a");
        let keep = stage(data.path(), id(2), "b");
        assert_eq!(remove_staging(data.path(), Some(&keep)).unwrap(), 1);
        assert!(keep.is_dir());
        assert_eq!(remove_staging(data.path(), None).unwrap(), 1);
        assert!(left(data.path()).is_empty());
    }
}
