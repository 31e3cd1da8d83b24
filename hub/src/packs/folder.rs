//! A published pack as a folder of files again: the same TOML files,
//! pictures, films, guides and brochures that `content check` accepts,
//! laid out from the blob store by the pack's manifest. The hub reads the
//! current pack this way (`current`), and `city-hub content export` writes
//! one for the people who edit files.

use std::path::{Path, PathBuf};

use city_core::hash::hash_file;
use city_core::protocol::Manifest;

use crate::BlobStore;

/// How a file of the pack reaches the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placing {
    /// A hard link to its blob where the file system allows (the hub's
    /// own copy, which nobody edits).
    Shared,
    /// A copy of its own, checked against its hash (a folder people edit).
    Copied,
}

/// Lays every file of `manifest` out under `into` (a new, empty folder).
pub fn lay_out(
    blobs: &BlobStore,
    manifest: &Manifest,
    into: &Path,
    placing: Placing,
) -> anyhow::Result<()> {
    for file in &manifest.files {
        let target: PathBuf = into.join(file.path.to_relative());
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let blob = blobs.path(file.sha256);
        let damaged = |problem: String| {
            anyhow::anyhow!("blob {} of {}: {problem}", file.sha256, file.path.as_str())
        };
        if placing == Placing::Shared && std::fs::hard_link(&blob, &target).is_ok() {
            continue;
        }
        std::fs::copy(&blob, &target).map_err(|error| damaged(error.to_string()))?;
        if placing == Placing::Copied {
            let (size, sha256) = hash_file(&target)?;
            if (size, sha256) != (file.size, file.sha256) {
                return Err(damaged(format!("holds {size} bytes hashing to {sha256}")));
            }
        }
    }
    Ok(())
}

/// Writes the current pack to `out`, a folder that must not exist yet:
/// assembled beside it, then renamed into place, so `out` is whole or
/// not there. Its version and how many files.
pub async fn export_current(
    pool: &sqlx::PgPool,
    blobs: &BlobStore,
    out: &Path,
) -> anyhow::Result<(String, usize)> {
    anyhow::ensure!(
        !out.exists(),
        "{} is there already; export into a new folder",
        out.display()
    );
    let (manifest, _) = crate::db::packs::current(pool)
        .await?
        .ok_or_else(|| anyhow::anyhow!("no pack is published"))?;
    let parent = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let partial = tempfile::Builder::new()
        .prefix(".exporting-")
        .tempdir_in(&parent)?;
    lay_out(blobs, &manifest, partial.path(), Placing::Copied)?;
    // The temporary folder removes itself if the rename fails.
    std::fs::rename(partial.path(), out)
        .map_err(|error| anyhow::anyhow!("moving the pack to {}: {error}", out.display()))?;
    // Renamed away: nothing is left for the guard to remove.
    drop(partial);
    Ok((manifest.version.clone(), manifest.files.len()))
}
