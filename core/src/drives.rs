//! Where staff can save an export: removable drives mounted on the kiosk
//! (USB sticks under /media, /run/media or /mnt, as Debian desktops and
//! udisks mount them), read from the kernel's mount table.

use std::path::{Path, PathBuf};

/// Mount points under the usual places for removable drives, writable or
/// not (the export says so if not), in mount-table order.
pub fn removable_drives() -> Vec<PathBuf> {
    std::fs::read_to_string("/proc/mounts")
        .map(|table| drives_in(&table))
        .unwrap_or_default()
}

/// The removable-drive mount points listed in a mount table's text.
pub fn drives_in(mount_table: &str) -> Vec<PathBuf> {
    mount_table
        .lines()
        .filter_map(|line| line.split_whitespace().nth(1))
        .map(unescape)
        .filter(|mount| {
            let path = Path::new(mount);
            ["/media/", "/run/media/", "/mnt/"]
                .iter()
                .any(|root| mount.starts_with(root) && path.components().count() > 2)
        })
        .map(PathBuf::from)
        .collect()
}

/// Bytes an unprivileged process can still write on the file system that
/// holds `path`.
pub fn free_bytes(path: &Path) -> std::io::Result<u64> {
    use std::os::unix::ffi::OsStrExt;
    let name = std::ffi::CString::new(path.as_os_str().as_bytes())
        .map_err(|error| std::io::Error::new(std::io::ErrorKind::InvalidInput, error))?;
    let mut stats = std::mem::MaybeUninit::<libc::statvfs>::uninit();
    // SAFETY: `name` is a valid C string and `stats` a buffer of the right
    // type, filled by the call when it returns 0.
    let result = unsafe { libc::statvfs(name.as_ptr(), stats.as_mut_ptr()) };
    if result != 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: statvfs returned 0, so it filled `stats`.
    let stats = unsafe { stats.assume_init() };
    let (blocks, block_size): (u64, u64) = (stats.f_bavail, stats.f_frsize);
    Ok(blocks.saturating_mul(block_size))
}

/// The mount table writes spaces and tabs in paths as octal escapes.
fn unescape(field: &str) -> String {
    field
        .replace("\\040", " ")
        .replace("\\011", "\t")
        .replace("\\012", "\n")
        .replace("\\134", "\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usb_sticks_are_found_and_system_mounts_are_not() {
        let table = "/dev/sda1 / ext4 rw 0 0\n\
                     proc /proc proc rw 0 0\n\
                     /dev/sdb1 /media/staff/MESSE\\040USB vfat rw 0 0\n\
                     /dev/sdc1 /run/media/kiosk/STICK exfat rw 0 0\n\
                     tmpfs /run tmpfs rw 0 0\n\
                     /dev/sdd1 /mnt/usb vfat rw 0 0\n\
                     /dev/sde1 /media vfat rw 0 0\n";
        assert_eq!(
            drives_in(table),
            [
                PathBuf::from("/media/staff/MESSE USB"),
                PathBuf::from("/run/media/kiosk/STICK"),
                PathBuf::from("/mnt/usb"),
            ]
        );
    }
}
