//! `scripts/install-hub.sh`, staged into a folder: a unit that passes
//! `systemd-analyze verify` and whose sandbox systemd rates as tight.

#[path = "../../../tests/common/units.rs"]
mod units;

use std::process::Command;

use units::{install, mode, unit_has, verify};

#[test]
fn the_install_script_lays_out_a_sandboxed_hub() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    install(
        "install-hub.sh",
        root,
        env!("CARGO_BIN_EXE_city-hub"),
        &["--no-apt"],
    );

    let unit = root.join("etc/systemd/system/city-hub.service");
    unit_has(
        &unit,
        &[
            "Type=notify",
            "User=city-hub",
            "ProtectSystem=strict",
            "NoNewPrivileges=yes",
            "ReadWritePaths=/var/lib/city-hub/blobs",
            "Restart=always",
        ],
    );
    verify(root, &unit);
    assert_eq!(
        mode(&root.join("etc/city-hub/env")),
        0o600,
        "the database password"
    );
    // systemd rates a unit's exposure from 0 (locked down) to 10.
    let security = Command::new("systemd-analyze")
        .args(["security", "--offline=yes", "--threshold=20"])
        .arg(&unit)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&security.stdout);
    assert!(
        security.status.success(),
        "the hub's sandbox rates above 2.0: {report}"
    );
    assert!(report.contains("Overall exposure level"), "{report}");
}
