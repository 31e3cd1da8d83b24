//! Checks of installed systemd units, shared by the kiosk's and the hub's
//! deploy tests (each includes this file with `#[path]`).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs an install script of the repository into `root` with a built binary.
pub fn install(script: &str, root: &Path, binary: &str, extra: &[&str]) {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let repo = if repo.join("scripts").is_dir() {
        repo
    } else {
        repo.join("..")
    };
    let output = Command::new(repo.join("scripts").join(script))
        .args([
            "--root",
            root.to_str().unwrap(),
            "--no-user",
            "--binary",
            binary,
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

pub fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// `systemd-analyze verify` on a unit whose programs live under `root`.
pub fn verify(root: &Path, unit: &Path) {
    let text = std::fs::read_to_string(unit).unwrap().replace(
        "/usr/local/bin/",
        &format!("{}/usr/local/bin/", root.display()),
    );
    let staged = root.join(unit.file_name().unwrap());
    std::fs::write(&staged, text).unwrap();
    let output = Command::new("systemd-analyze")
        .arg("verify")
        .arg(&staged)
        .output()
        .expect("systemd-analyze (systemd) is installed");
    let complaints = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        output.status.success() && complaints.trim().is_empty(),
        "{}: {complaints}",
        unit.display()
    );
    std::fs::remove_file(staged).unwrap();
}

/// Asserts that a unit file has each of `lines`.
pub fn unit_has(unit: &Path, lines: &[&str]) {
    let text = std::fs::read_to_string(unit).unwrap();
    for line in lines {
        assert!(
            text.lines().any(|have| have.trim() == *line),
            "{} has no `{line}`",
            unit.display()
        );
    }
}
