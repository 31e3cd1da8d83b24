//! Files and folders that hold personal data (the store, exports) or the
//! kiosk's own state: readable by the kiosk's user only, 0600 and 0700,
//! whatever the umask, and tightened when an older build left them open.

use std::fs::{DirBuilder, File, OpenOptions, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

pub const FILE_MODE: u32 = 0o600;
pub const DIR_MODE: u32 = 0o700;

/// Makes every file and folder this process creates owner-only unless it
/// says otherwise (umask 077): a file that holds personal data and was
/// forgotten here is still not world-readable.
pub fn owner_only_by_default() {
    // SAFETY: umask only sets the process's file-mode mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// Creates `dir` (and missing parents) as 0700; an existing one is set
/// to 0700.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)?;
    std::fs::set_permissions(dir, Permissions::from_mode(DIR_MODE))
}

/// Creates (or truncates) a file only its owner can read.
pub fn create_file(path: &Path) -> io::Result<File> {
    let file = OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(FILE_MODE)
        .open(path)?;
    file.set_permissions(Permissions::from_mode(FILE_MODE))?;
    Ok(file)
}

/// Copies `from` into a new or truncated owner-only file `to`. Unlike
/// `std::fs::copy`, the copy does not take the source's mode: a file from
/// a content folder (0644) becomes private in the data folder.
pub fn copy_file(from: &Path, to: &Path) -> io::Result<u64> {
    let mut source = File::open(from)?;
    let mut target = create_file(to)?;
    io::copy(&mut source, &mut target)
}

/// Creates a file only its owner can read, refusing one that is there
/// already (a file or a planted link under the same name).
pub fn create_new_file(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .open(path)
}

/// Makes an existing file owner-only; a missing one is no error.
pub fn restrict_file(path: &Path) -> io::Result<()> {
    match std::fs::set_permissions(path, Permissions::from_mode(FILE_MODE)) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// Creates an empty owner-only file if none is there, so that a program
/// that creates it later (SQLite) keeps that mode, and tightens it if it
/// is there.
pub fn touch_file(path: &Path) -> io::Result<()> {
    OpenOptions::new()
        .append(true)
        .create(true)
        .mode(FILE_MODE)
        .open(path)?;
    restrict_file(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn private_things_are_owner_only_even_when_they_were_not() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("a/b");
        create_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);
        std::fs::set_permissions(&dir, Permissions::from_mode(0o755)).unwrap();
        create_dir(&dir).unwrap();
        assert_eq!(mode(&dir), 0o700);

        let file = dir.join("leads.csv");
        create_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        std::fs::set_permissions(&file, Permissions::from_mode(0o644)).unwrap();
        touch_file(&file).unwrap();
        assert_eq!(mode(&file), 0o600);
        restrict_file(&dir.join("absent")).unwrap();

        let shared = root.path().join("shared.toml");
        std::fs::write(&shared, "a = 1").unwrap();
        std::fs::set_permissions(&shared, Permissions::from_mode(0o644)).unwrap();
        let copy = dir.join("copy.toml");
        assert_eq!(copy_file(&shared, &copy).unwrap(), 5);
        assert_eq!(mode(&copy), 0o600);
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), "a = 1");
    }
}
