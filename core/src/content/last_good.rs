//! The last pack that passed validation, kept in the kiosk's data folder so
//! that a broken update of the content folder never leaves the screen blank.

use std::io;
use std::path::{Path, PathBuf};

use super::decoded_images::DecodedImages;
use super::file_list::FileList;
use super::load::load_pack_with;
use super::model::Pack;
use super::problem::InvalidPack;
use crate::files::remove_if_present;

const LAST_GOOD_DIR: &str = "last-good-pack";
const STAGING_DIR: &str = "last-good-pack.staging";
const OLD_DIR: &str = "last-good-pack.old";
const MANIFEST_FILE: &str = "last-good-pack.manifest";

/// A pack ready to show, and why it is not the one in the content folder.
#[derive(Debug)]
pub struct LoadedPack {
    pub pack: Pack,
    /// The content folder's problems when the last good copy is shown instead.
    pub fell_back: Option<InvalidPack>,
}

/// Loads the pack in `content_dir`; if it is broken, the last good copy in
/// `data_dir`. Fails only when neither is usable, with the content folder's
/// problems. Images decoded at an earlier start are remembered in
/// `data_dir` and not decoded again.
pub fn load_with_fallback(content_dir: &Path, data_dir: &Path) -> Result<LoadedPack, InvalidPack> {
    let decoded = DecodedImages::in_dir(data_dir);
    match load_pack_with(content_dir, &decoded) {
        Ok(pack) => Ok(LoadedPack {
            pack,
            fell_back: None,
        }),
        Err(problems) => {
            for candidate in [LAST_GOOD_DIR, OLD_DIR] {
                let dir = data_dir.join(candidate);
                if dir.is_dir()
                    && let Ok(pack) = load_pack_with(&dir, &decoded)
                {
                    return Ok(LoadedPack {
                        pack,
                        fell_back: Some(problems),
                    });
                }
            }
            Err(problems)
        }
    }
}

/// Keeps a copy of `pack` (which passed validation) as the last good pack,
/// unless the copy there already has the same files. The copy is built
/// beside the old one and swapped in by renames, so a power cut leaves
/// either the old or the new copy whole.
pub fn remember_good(pack: &Pack, data_dir: &Path) -> io::Result<RememberOutcome> {
    if pack.root.starts_with(data_dir.join(LAST_GOOD_DIR)) {
        return Ok(RememberOutcome::Unchanged);
    }
    let manifest = FileList::of_dir(&pack.root)?;
    let manifest_path = data_dir.join(MANIFEST_FILE);
    let current = std::fs::read_to_string(&manifest_path)
        .ok()
        .and_then(|text| FileList::from_text(&text));
    let last_good = data_dir.join(LAST_GOOD_DIR);
    if current.as_ref() == Some(&manifest) && last_good.is_dir() {
        return Ok(RememberOutcome::Unchanged);
    }

    crate::owner_only::create_dir(data_dir)?;
    let staging = data_dir.join(STAGING_DIR);
    remove_if_present(&staging)?;
    crate::owner_only::create_dir(&staging)?;
    for entry in &manifest.entries {
        let target = staging.join(entry.path.to_relative());
        if let Some(parent) = target.parent() {
            crate::owner_only::create_dir(parent)?;
        }
        crate::owner_only::copy_file(&pack.root.join(entry.path.to_relative()), &target)?;
    }
    sync_dir_tree(&staging)?;

    let old = data_dir.join(OLD_DIR);
    remove_if_present(&old)?;
    if last_good.exists() {
        std::fs::rename(&last_good, &old)?;
    }
    std::fs::rename(&staging, &last_good)?;
    write_atomically(&manifest_path, manifest.to_text().as_bytes())?;
    remove_if_present(&old)?;
    Ok(RememberOutcome::Copied {
        files: manifest.entries.len(),
        bytes: manifest.total_size(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RememberOutcome {
    Unchanged,
    Copied { files: usize, bytes: u64 },
}

pub fn last_good_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(LAST_GOOD_DIR)
}

/// Flushes every file under `dir` to disk before it is renamed into place.
fn sync_dir_tree(dir: &Path) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            sync_dir_tree(&path)?;
        } else {
            std::fs::File::open(&path)?.sync_all()?;
        }
    }
    std::fs::File::open(dir)?.sync_all()
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = path.with_extension("tmp");
    std::fs::write(&temporary, bytes)?;
    std::fs::File::open(&temporary)?.sync_all()?;
    std::fs::rename(&temporary, path)
}
