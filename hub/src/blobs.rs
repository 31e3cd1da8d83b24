//! Pack files stored by their SHA-256 in a folder: immutable, so any number
//! of hubs (or a CDN) can serve them. Only a [`Sha256`] names a blob, so
//! no request can reach a file outside the folder.

use std::fs::Permissions;
use std::io;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use city_core::hash::Sha256;

pub struct BlobStore {
    root: PathBuf,
}

impl BlobStore {
    pub fn new(root: impl Into<PathBuf>) -> io::Result<BlobStore> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        Ok(BlobStore { root })
    }

    /// Where a blob lives: `ab/abcdef…`, so no folder grows too large.
    pub fn path(&self, sha256: Sha256) -> PathBuf {
        let hex = sha256.to_hex();
        self.root.join(&hex[..2]).join(hex)
    }

    /// Where uploaded packs are unpacked and checked: on the same disk as
    /// the blobs, never served (only a hash names a served file).
    pub fn uploads_dir(&self) -> io::Result<PathBuf> {
        let dir = self.root.join(".uploads");
        std::fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    /// Where published packs are laid out for the hub's own reading (the
    /// visitor's mail): links to blobs, never served.
    pub fn packs_dir(&self) -> io::Result<PathBuf> {
        let dir = self.root.join(".packs");
        std::fs::create_dir_all(&dir)?;
        Ok(dir)
    }

    pub fn contains(&self, sha256: Sha256) -> bool {
        self.path(sha256).is_file()
    }

    /// Copies `source` in as `sha256` unless it is there already; written
    /// beside and renamed, so a reader never sees half a blob.
    pub fn put_file(&self, sha256: Sha256, source: &Path) -> io::Result<bool> {
        let path = self.path(sha256);
        if path.is_file() {
            return Ok(false);
        }
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir)?;
        // Pack files are public content, readable by whichever user serves
        // them (the hub runs with umask 077 for what is not).
        std::fs::set_permissions(dir, Permissions::from_mode(0o755))?;
        let temporary = dir.join(format!(".{sha256}.partial"));
        std::fs::copy(source, &temporary)?;
        std::fs::set_permissions(&temporary, Permissions::from_mode(0o644))?;
        std::fs::File::open(&temporary)?.sync_all()?;
        std::fs::rename(&temporary, &path)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blobs_are_stored_once_under_their_hash() {
        let sha = Sha256::of(b"");
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::new(dir.path()).unwrap();
        assert!(store.path(sha).starts_with(dir.path()));
        let source = dir.path().join("empty");
        std::fs::write(&source, b"").unwrap();
        assert!(store.put_file(sha, &source).unwrap());
        assert!(!store.put_file(sha, &source).unwrap());
        assert!(store.contains(sha));
    }
}
