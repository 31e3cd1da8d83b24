//! The list of a pack's files with their sizes and SHA-256 hashes: what the
//! hub publishes, what a kiosk compares to fetch only changed files, and
//! how the kiosk knows whether its last good copy is still current.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

use super::pack_path::PackPath;
use crate::hash::Sha256;
pub use crate::hash::hash_file;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileListEntry {
    /// Path relative to the pack root.
    pub path: PackPath,
    pub size: u64,
    pub sha256: Sha256,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileList {
    /// Sorted by path.
    pub entries: Vec<FileListEntry>,
}

impl FileList {
    /// Hashes every regular file under `root`. Hidden files (names starting
    /// with `.`) are not part of a pack: editors' tools leave them around.
    pub fn of_dir(root: &Path) -> io::Result<FileList> {
        let mut files = Vec::new();
        collect_files(root, root, &mut files)?;
        files.sort();
        let entries = files
            .into_iter()
            .map(|(relative, path)| {
                let (size, sha256) = hash_file(&path)?;
                Ok(FileListEntry {
                    path: relative,
                    size,
                    sha256,
                })
            })
            .collect::<io::Result<Vec<_>>>()?;
        Ok(FileList { entries })
    }

    /// One line per file: `sha256 size path`.
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        for entry in &self.entries {
            let _ = writeln!(text, "{} {} {}", entry.sha256, entry.size, entry.path);
        }
        text
    }

    /// Reads what [`FileList::to_text`] wrote; `None` if it is not that.
    pub fn from_text(text: &str) -> Option<FileList> {
        let entries = text
            .lines()
            .map(|line| {
                let mut parts = line.splitn(3, ' ');
                let sha256 = Sha256::parse(parts.next()?).ok()?;
                let size = parts.next()?.parse().ok()?;
                let path = PackPath::parse(parts.next()?).ok()?;
                Some(FileListEntry { path, size, sha256 })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(FileList { entries })
    }

    pub fn total_size(&self) -> u64 {
        self.entries.iter().map(|entry| entry.size).sum()
    }
}

fn collect_files(root: &Path, dir: &Path, files: &mut Vec<(PackPath, PathBuf)>) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_files(root, &path, files)?;
        } else if kind.is_file() {
            let relative = path
                .strip_prefix(root)
                .map_err(io::Error::other)?
                .components()
                .map(|part| part.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let relative = PackPath::parse(&relative)
                .map_err(|error| io::Error::new(io::ErrorKind::InvalidData, error))?;
            files.push((relative, path));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_lists_files_with_hashes_and_round_trips_as_text() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("towns/a")).unwrap();
        std::fs::write(dir.path().join("pack.toml"), b"abc").unwrap();
        std::fs::write(dir.path().join("towns/a/town.toml"), b"").unwrap();
        std::fs::write(dir.path().join(".DS_Store"), b"junk").unwrap();

        let manifest = FileList::of_dir(dir.path()).unwrap();
        let paths: Vec<_> = manifest.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["pack.toml", "towns/a/town.toml"]);
        // SHA-256 of "abc" and of the empty string.
        assert_eq!(
            manifest.entries[0].sha256.to_hex(),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            manifest.entries[1].sha256.to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(manifest.total_size(), 3);
        assert_eq!(FileList::from_text(&manifest.to_text()), Some(manifest));
        assert_eq!(FileList::from_text("not a manifest"), None);
    }
}
