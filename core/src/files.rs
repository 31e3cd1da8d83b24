//! Small file-system steps shared by the pack installer, the last good
//! pack and the downloads folder.

use std::io;
use std::path::Path;

/// Removes a file, a link or a folder tree; one that is not there is no
/// error.
pub fn remove_if_present(path: &Path) -> io::Result<()> {
    let result = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(error) => Err(error),
    };
    match result {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}
