//! A zipped pack folder, as the console uploads it, unpacked into a fresh
//! folder: only plain files and folders, each named by a safe relative
//! path, within a bound on their number and size (a zip bomb stops at the
//! bound, it is never written out in full).

use std::fs::File;
use std::io::{self, Read};
use std::path::{Component, Path, PathBuf};

use city_core::content::PACK_FILE;

/// Files in one pack zip; the demo pack has a few hundred.
pub const MAX_ENTRIES: usize = 20_000;
/// What a pack zip may unpack to, in all.
pub const MAX_UNPACKED_BYTES: u64 = 8 << 30;

#[derive(Debug, thiserror::Error)]
pub enum UnzipError {
    #[error("this is not a zip file ({0})")]
    NotZip(String),
    #[error("{name}: {problem}")]
    Entry { name: String, problem: String },
    #[error("the zip holds more than {MAX_ENTRIES} files")]
    TooManyEntries,
    #[error("the zip unpacks to more than {} GB", MAX_UNPACKED_BYTES >> 30)]
    TooLarge,
    #[error("the zip holds no {PACK_FILE}, neither at its top nor in one folder")]
    NoPack,
    #[error("cannot unpack: {0}")]
    Io(#[from] io::Error),
}

/// Unpacks `zip` into the empty folder `into` and returns the pack's root:
/// `into` itself, or its one folder when the zip holds a zipped folder.
pub fn unzip_pack(zip: &Path, into: &Path) -> Result<PathBuf, UnzipError> {
    let mut archive = zip::ZipArchive::new(File::open(zip)?)
        .map_err(|error| UnzipError::NotZip(error.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(UnzipError::TooManyEntries);
    }
    let mut unpacked: u64 = 0;
    for index in 0..archive.len() {
        let mut entry = archive
            .by_index(index)
            .map_err(|error| UnzipError::NotZip(error.to_string()))?;
        let name = entry.name().to_string();
        let refuse = |problem: &str| UnzipError::Entry {
            name: name.clone(),
            problem: problem.into(),
        };
        if is_system_clutter(&name) {
            continue;
        }
        let relative = safe_relative(&name).ok_or_else(|| refuse("is not a safe relative path"))?;
        let target = into.join(&relative);
        if entry.is_dir() {
            std::fs::create_dir_all(&target)?;
            continue;
        }
        if entry.is_symlink() || !entry.is_file() {
            return Err(refuse("is not a plain file (links are not taken)"));
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let room = MAX_UNPACKED_BYTES - unpacked;
        let mut out = File::create_new(&target).map_err(|error| match error.kind() {
            io::ErrorKind::AlreadyExists => refuse("is in the zip twice"),
            _ => UnzipError::Io(error),
        })?;
        // The declared size may lie: read at most the room left, plus one
        // byte to know it did not fit.
        let written = io::copy(&mut (&mut entry).take(room + 1), &mut out)
            .map_err(|error| refuse(&format!("cannot be unpacked ({error})")))?;
        if written > room {
            return Err(UnzipError::TooLarge);
        }
        unpacked += written;
    }
    pack_root(into)
}

/// Files that archivers of macOS and Windows add, never part of a pack.
fn is_system_clutter(name: &str) -> bool {
    name.starts_with("__MACOSX/")
        || name
            .rsplit('/')
            .find(|part| !part.is_empty())
            .is_some_and(|last| last == ".DS_Store" || last == "Thumbs.db")
}

/// `name` as a path of plain names under the folder, or `None` (absolute,
/// `..`, a drive, a backslash, an empty name).
fn safe_relative(name: &str) -> Option<PathBuf> {
    if name.contains('\\') || name.contains('\0') {
        return None;
    }
    let path = Path::new(name);
    let mut relative = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => relative.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!relative.as_os_str().is_empty()).then_some(relative)
}

fn pack_root(into: &Path) -> Result<PathBuf, UnzipError> {
    if into.join(PACK_FILE).is_file() {
        return Ok(into.to_path_buf());
    }
    let mut folders = std::fs::read_dir(into)?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_dir()));
    match (folders.next(), folders.next()) {
        (Some(only), None) if only.path().join(PACK_FILE).is_file() => Ok(only.path()),
        _ => Err(UnzipError::NoPack),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    fn zip_of(entries: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        let mut writer = zip::ZipWriter::new(file.reopen().unwrap());
        for (name, bytes) in entries {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap();
        file
    }

    #[test]
    fn a_zipped_folder_unpacks_to_its_folder() {
        let zip = zip_of(&[
            ("demo/pack.toml", b"version = \"1\"\n"),
            ("demo/towns/ptuj/town.toml", b"id = \"ptuj\"\n"),
            ("__MACOSX/demo/._pack.toml", b"junk"),
        ]);
        let into = tempfile::tempdir().unwrap();
        let root = unzip_pack(zip.path(), into.path()).unwrap();
        assert_eq!(root, into.path().join("demo"));
        assert_eq!(
            std::fs::read(root.join("towns/ptuj/town.toml")).unwrap(),
            b"id = \"ptuj\"\n"
        );
        assert!(!into.path().join("__MACOSX").exists());
    }

    #[test]
    fn paths_out_of_the_folder_are_refused_and_nothing_is_written_there() {
        for name in [
            "../evil.toml",
            "/etc/evil.toml",
            "a/../../evil.toml",
            "a\\..\\evil",
        ] {
            let zip = zip_of(&[("pack.toml", b""), (name, b"x")]);
            let outer = tempfile::tempdir().unwrap();
            let into = outer.path().join("in");
            std::fs::create_dir(&into).unwrap();
            let error = unzip_pack(zip.path(), &into).unwrap_err();
            assert!(
                matches!(&error, UnzipError::Entry { name: n, .. } if n == name),
                "{name}: {error}"
            );
            assert!(!outer.path().join("evil.toml").exists());
        }
    }

    #[test]
    fn a_zip_without_a_pack_or_not_a_zip_is_refused() {
        let into = tempfile::tempdir().unwrap();
        let zip = zip_of(&[("a/readme.txt", b"hi"), ("b/readme.txt", b"hi")]);
        assert!(matches!(
            unzip_pack(zip.path(), into.path()),
            Err(UnzipError::NoPack)
        ));
        let not_zip = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(not_zip.path(), b"PK but not really").unwrap();
        let into = tempfile::tempdir().unwrap();
        assert!(matches!(
            unzip_pack(not_zip.path(), into.path()),
            Err(UnzipError::NotZip(_))
        ));
    }
}
