//! A zipped pack folder, as the console uploads it, unpacked into a fresh
//! folder: only plain files and folders, each named by a safe relative
//! path and named once, within a bound on their number and on their size
//! in all. A zip that says it unpacks to more than the bound is refused
//! before anything is written; one whose entries lie about their size is
//! refused when an entry writes more than it said, so a zip bomb never
//! writes more than the bound.

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::{Component, Path, PathBuf};

use city_core::content::PACK_FILE;

/// Files in one pack zip; the demo pack has a few hundred.
pub const MAX_ENTRIES: usize = 20_000;

#[derive(Debug, thiserror::Error)]
pub enum UnzipError {
    #[error("this is not a zip file ({0})")]
    NotZip(String),
    #[error("{name}: {problem}")]
    Entry { name: String, problem: String },
    #[error("the zip holds more than {MAX_ENTRIES} files")]
    TooManyEntries,
    #[error("the zip is too large: it unpacks to more than {} MB", .limit / 1_000_000)]
    TooLarge { limit: u64 },
    #[error("the zip holds {0} twice")]
    Duplicate(String),
    #[error("the zip holds no {PACK_FILE}, neither at its top nor in one folder")]
    NoPack,
    #[error("cannot unpack: {0}")]
    Io(#[from] io::Error),
}

/// Unpacks `zip` into the empty folder `into`, writing at most `limit`
/// bytes, and returns the pack's root: `into` itself, or its one folder
/// when the zip holds a zipped folder.
pub fn unzip_pack(zip: &Path, into: &Path, limit: u64) -> Result<PathBuf, UnzipError> {
    let mut archive = zip::ZipArchive::new(File::open(zip)?)
        .map_err(|error| UnzipError::NotZip(error.to_string()))?;
    if archive.len() > MAX_ENTRIES {
        return Err(UnzipError::TooManyEntries);
    }
    refuse_duplicates(zip, &archive)?;
    // What the zip says it unpacks to, before anything is written.
    let mut declared: u64 = 0;
    for index in 0..archive.len() {
        let entry = archive
            .by_index_raw(index)
            .map_err(|error| UnzipError::NotZip(error.to_string()))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > limit {
        return Err(UnzipError::TooLarge { limit });
    }
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
        let mut out = File::create_new(&target).map_err(|error| match error.kind() {
            io::ErrorKind::AlreadyExists => refuse("is in the zip twice"),
            _ => UnzipError::Io(error),
        })?;
        // The declared size may lie: read at most that, plus one byte to
        // know it did not fit. All declared sizes together are within the
        // limit, so the bytes written are too.
        let size = entry.size();
        let written = io::copy(&mut (&mut entry).take(size + 1), &mut out)
            .map_err(|error| refuse(&format!("cannot be unpacked ({error})")))?;
        if written > size {
            return Err(refuse(&format!(
                "unpacks to more than the {size} bytes the zip says (a zip bomb?)"
            )));
        }
    }
    pack_root(into)
}

/// Refuses a zip whose central directory names one path twice: the zip
/// reader keeps only the last of them, so the files checked could differ
/// from what another unzipper shows.
fn refuse_duplicates(zip: &Path, archive: &zip::ZipArchive<File>) -> Result<(), UnzipError> {
    let names = central_directory_names(zip, archive.central_directory_start())?;
    let mut seen = std::collections::HashSet::new();
    match names.into_iter().find(|name| !seen.insert(name.clone())) {
        Some(name) => Err(UnzipError::Duplicate(
            String::from_utf8_lossy(&name).into_owned(),
        )),
        None => Ok(()),
    }
}

/// The names of the central directory's records, in order, up to one
/// more than [`MAX_ENTRIES`].
fn central_directory_names(zip: &Path, start: u64) -> io::Result<Vec<Vec<u8>>> {
    const RECORD: [u8; 4] = [0x50, 0x4b, 0x01, 0x02];
    let mut reader = BufReader::new(File::open(zip)?);
    reader.seek(SeekFrom::Start(start))?;
    let mut names = Vec::new();
    let mut header = [0u8; 46];
    while names.len() <= MAX_ENTRIES && reader.read_exact(&mut header).is_ok() {
        if header[..4] != RECORD {
            break;
        }
        let length = |at: usize| usize::from(u16::from_le_bytes([header[at], header[at + 1]]));
        let mut name = vec![0u8; length(28)];
        reader.read_exact(&mut name)?;
        let rest = length(30) + length(32);
        reader.seek_relative(i64::try_from(rest).unwrap_or(i64::MAX))?;
        names.push(name);
    }
    Ok(names)
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

    const LIMIT: u64 = 1 << 20;

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
        let root = unzip_pack(zip.path(), into.path(), LIMIT).unwrap();
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
            let error = unzip_pack(zip.path(), &into, LIMIT).unwrap_err();
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
            unzip_pack(zip.path(), into.path(), LIMIT),
            Err(UnzipError::NoPack)
        ));
        let not_zip = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(not_zip.path(), b"PK but not really").unwrap();
        let into = tempfile::tempdir().unwrap();
        assert!(matches!(
            unzip_pack(not_zip.path(), into.path(), LIMIT),
            Err(UnzipError::NotZip(_))
        ));
    }

    /// The bytes under `dir`, in all.
    fn written(dir: &Path) -> u64 {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| {
                let entry = entry.unwrap();
                if entry.file_type().unwrap().is_dir() {
                    written(&entry.path())
                } else {
                    entry.metadata().unwrap().len()
                }
            })
            .sum()
    }

    #[test]
    fn a_zip_bomb_is_refused_as_too_large_before_it_is_written() {
        // 64 MB of zeros each, a few kB zipped: far over a 1 MB limit.
        let zeros = vec![0u8; 64 << 20];
        let zip = zip_of(&[
            ("pack.toml", b"version = \"1\"\n"),
            ("a.bin", &zeros),
            ("b.bin", &zeros),
        ]);
        assert!(std::fs::metadata(zip.path()).unwrap().len() < 1 << 20);
        let into = tempfile::tempdir().unwrap();
        let error = unzip_pack(zip.path(), into.path(), LIMIT).unwrap_err();
        assert!(
            matches!(error, UnzipError::TooLarge { limit: LIMIT }),
            "{error}"
        );
        assert_eq!(
            error.to_string(),
            "the zip is too large: it unpacks to more than 1 MB"
        );
        assert_eq!(written(into.path()), 0, "refused before writing");
    }

    /// `zip` with every `from` in its names (local headers and central
    /// directory) replaced by `to`, of the same length.
    fn renamed(zip: &Path, from: &[u8], to: &[u8]) -> tempfile::NamedTempFile {
        assert_eq!(from.len(), to.len());
        let mut bytes = std::fs::read(zip).unwrap();
        let mut at = 0;
        while let Some(found) = bytes[at..].windows(from.len()).position(|w| w == from) {
            let start = at + found;
            bytes[start..start + to.len()].copy_from_slice(to);
            at = start + to.len();
        }
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        file
    }

    /// `zip` whose entries all say they unpack to `size` bytes.
    fn lying_about_sizes(zip: &Path, size: u32) -> tempfile::NamedTempFile {
        let mut bytes = std::fs::read(zip).unwrap();
        let patch = |bytes: &mut Vec<u8>, signature: [u8; 4], offset: usize| {
            let mut at = 0;
            while let Some(found) = bytes[at..].windows(4).position(|w| w == signature) {
                let field = at + found + offset;
                bytes[field..field + 4].copy_from_slice(&size.to_le_bytes());
                at += found + 4;
            }
        };
        patch(&mut bytes, [0x50, 0x4b, 0x03, 0x04], 22);
        patch(&mut bytes, [0x50, 0x4b, 0x01, 0x02], 24);
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), bytes).unwrap();
        file
    }

    #[test]
    fn an_entry_that_unpacks_to_more_than_it_says_is_refused_at_what_it_said() {
        let zeros = vec![0u8; 8 << 20];
        let honest = zip_of(&[("a.bin", &zeros)]);
        let lying = lying_about_sizes(honest.path(), 1000);
        let into = tempfile::tempdir().unwrap();
        let error = unzip_pack(lying.path(), into.path(), LIMIT).unwrap_err();
        assert!(
            matches!(&error, UnzipError::Entry { name, .. } if name == "a.bin"),
            "{error}"
        );
        assert!(written(into.path()) <= 1001, "{}", written(into.path()));
    }

    #[test]
    fn two_entries_of_one_name_are_refused() {
        let zip = zip_of(&[
            ("pack.toml", b"version = \"1\"\n"),
            ("pack.tomm", b"version = \"evil\"\n"),
        ]);
        let twice = renamed(zip.path(), b"pack.tomm", b"pack.toml");
        let into = tempfile::tempdir().unwrap();
        let error = unzip_pack(twice.path(), into.path(), LIMIT).unwrap_err();
        assert!(
            matches!(&error, UnzipError::Duplicate(name) if name == "pack.toml"),
            "{error}"
        );
        assert_eq!(written(into.path()), 0);
    }
}
