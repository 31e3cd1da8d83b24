//! `scripts/install-kiosk.sh`, staged into a folder: every file where
//! systemd, LightDM and the kiosk look for it, with the right modes, and a
//! unit that passes `systemd-analyze verify`.

#[path = "../common/units.rs"]
mod units;

use std::path::Path;
use std::process::Command;

use units::{install, mode, unit_has, verify};

#[test]
fn the_install_script_lays_out_a_kiosk_that_boots_into_itself_and_heals() {
    let root = tempfile::tempdir().unwrap();
    let root = root.path();
    install(
        "install-kiosk.sh",
        root,
        env!("CARGO_BIN_EXE_city-kiosk"),
        &["--no-apt"],
    );

    let unit = root.join("etc/systemd/user/city-kiosk.service");
    unit_has(
        &unit,
        &[
            "Type=notify",
            "Restart=always",
            "WatchdogSec=30",
            "StartLimitIntervalSec=0",
            "UMask=0077",
            "ExecStart=/usr/local/bin/city-kiosk --config /etc/city-kiosk/kiosk.toml",
        ],
    );
    verify(root, &unit);
    let enabled = root.join("etc/systemd/user/default.target.wants/city-kiosk.service");
    assert!(
        std::fs::read_link(enabled).is_ok(),
        "enabled for the kiosk user"
    );
    let lightdm =
        std::fs::read_to_string(root.join("etc/lightdm/lightdm.conf.d/50-city-kiosk.conf"))
            .unwrap();
    assert!(lightdm.contains("autologin-user=kiosk"));
    assert!(lightdm.contains("-s 0 -dpms"), "the screen never blanks");
    let session = root.join("usr/local/lib/city-kiosk/session");
    assert_eq!(mode(&session), 0o755);
    assert!(
        Command::new("sh")
            .arg("-n")
            .arg(&session)
            .status()
            .unwrap()
            .success()
    );
    assert!(
        std::fs::read_to_string(&session)
            .unwrap()
            .contains("xset s off s noblank -dpms")
    );

    // The settings (hub token, PIN hash) and the leads: private; the
    // settings load as they are.
    let config = root.join("etc/city-kiosk/kiosk.toml");
    assert_eq!(mode(&config), 0o640);
    assert_eq!(mode(&root.join("var/lib/city-kiosk")), 0o700);
    let loaded = city_core::config::Config::load(&config).unwrap();
    assert_eq!(loaded.data.dir, Path::new("/var/lib/city-kiosk"));
    assert_eq!(
        loaded.content.dir,
        Path::new("/usr/local/share/city-kiosk/media")
    );
    assert!(
        root.join("usr/local/share/city-kiosk/media/pack.toml")
            .is_file()
    );
}
