//! Pack files stored by their SHA-256 in a folder: immutable, so any number
//! of hubs (or a CDN) can serve them.

use std::io;
use std::path::{Path, PathBuf};

pub struct BlobStore {
    root: PathBuf,
}

/// A blob name: exactly 64 lowercase hex digits, nothing that could walk
/// out of the folder.
pub fn is_blob_name(name: &str) -> bool {
    name.len() == 64
        && name
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl BlobStore {
    pub fn new(root: impl Into<PathBuf>) -> io::Result<BlobStore> {
        let root = root.into();
        std::fs::create_dir_all(&root)?;
        Ok(BlobStore { root })
    }

    /// Where a blob lives: `ab/abcdef…`, so no folder grows too large.
    pub fn path(&self, sha256: &str) -> Option<PathBuf> {
        is_blob_name(sha256).then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    pub fn contains(&self, sha256: &str) -> bool {
        self.path(sha256).is_some_and(|path| path.is_file())
    }

    /// Copies `source` in as `sha256` unless it is there already; written
    /// beside and renamed, so a reader never sees half a blob.
    pub fn put_file(&self, sha256: &str, source: &Path) -> io::Result<bool> {
        let Some(path) = self.path(sha256) else {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a SHA-256"));
        };
        if path.is_file() {
            return Ok(false);
        }
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir)?;
        let temporary = dir.join(format!(".{sha256}.partial"));
        std::fs::copy(source, &temporary)?;
        std::fs::File::open(&temporary)?.sync_all()?;
        std::fs::rename(&temporary, &path)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hashes_name_blobs() {
        let sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        assert!(is_blob_name(sha));
        assert!(!is_blob_name(&sha.to_uppercase()));
        assert!(!is_blob_name("../../etc/passwd"));
        assert!(!is_blob_name(&sha[..63]));
        let dir = tempfile::tempdir().unwrap();
        let store = BlobStore::new(dir.path()).unwrap();
        assert!(store.path("../x").is_none());
        let source = dir.path().join("empty");
        std::fs::write(&source, b"").unwrap();
        assert!(store.put_file(sha, &source).unwrap());
        assert!(!store.put_file(sha, &source).unwrap());
        assert!(store.contains(sha));
    }
}
