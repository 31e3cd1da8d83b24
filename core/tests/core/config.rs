//! The shipped configurations load; every mistake names its file, line and key.

use std::path::{Path, PathBuf};
use std::time::Duration;

use city_core::Lang;
use city_core::config::Config;

fn config_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../kiosk-config")
}

#[test]
fn default_and_example_configs_load() {
    let config = Config::load(&config_dir().join("kiosk.toml")).unwrap();
    assert_eq!(config.kiosk.id, "demo-kiosk");
    assert_eq!(config.idle.timeout, Duration::from_secs(90));
    assert!(
        config.content.dir.join("pack.toml").is_file(),
        "content.dir is relative to the config file"
    );
    assert!(config.hub.is_none());
    assert!(config.staff.pin_hash.is_none());
    assert!(
        !config.sound.attract_sound,
        "fairs are loud: attract is silent"
    );
    assert!((config.sound.volume - 0.7).abs() < 1e-6);

    let booth = Config::load(&config_dir().join("fair-booth.example.toml")).unwrap();
    assert_eq!(booth.content.default_language, Some(Lang::De));
    assert_eq!(
        booth.hub.unwrap().url.url().host_str(),
        Some("hub.example.org")
    );
    let office = Config::load(&config_dir().join("tourist-office.example.toml")).unwrap();
    assert_eq!(office.idle.timeout, Duration::from_secs(180));
}

fn load_with(replace: &str, with: &str) -> String {
    let text = std::fs::read_to_string(config_dir().join("kiosk.toml")).unwrap();
    assert!(text.contains(replace), "{replace}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("kiosk.toml");
    std::fs::write(&path, text.replacen(replace, with, 1)).unwrap();
    Config::load(&path).unwrap_err().to_string()
}

#[test]
fn a_misspelt_key_is_named_with_file_and_line() {
    let text = std::fs::read_to_string(config_dir().join("kiosk.toml")).unwrap();
    let line = 1 + text
        .lines()
        .position(|line| line.starts_with("timeout_secs"))
        .unwrap();
    let error = load_with("timeout_secs = 90", "timeout_sec = 90");
    assert!(
        error.contains(&format!("kiosk.toml:{line}: unknown key")),
        "{error}"
    );
    assert!(error.contains("unknown key `timeout_sec`"), "{error}");
    assert!(error.contains("`timeout_secs`"), "{error}");

    let error = load_with("[staff]", "[staf]");
    assert!(error.contains("unknown key `staf`"), "{error}");
}

#[test]
fn bad_values_name_their_key() {
    let cases = [
        (
            "timeout_secs = 90",
            "timeout_secs = 5",
            "idle.timeout_secs",
            "between 20 and 900",
        ),
        (
            "id = \"demo-kiosk\"",
            "id = \"Demo Kiosk\"",
            "kiosk.id",
            "a-z",
        ),
        (
            "pin_hash = \"\"",
            "pin_hash = \"1234\"",
            "staff.pin_hash",
            "argon2",
        ),
        (
            "# default_language = \"de\"",
            "default_language = \"sk\"",
            "",
            "unknown value `sk`",
        ),
        (
            "# [hub]\n# url = \"https://hub.example.org\"\n# token",
            "[hub]\nurl = \"ftp://x\"\ntoken",
            "hub.url",
            "http",
        ),
        (
            "# [hub]\n# url = \"https://hub.example.org\"\n# token",
            "[hub]\nurl = \"http://hub.example.org\"\ntoken",
            "hub.url",
            "must be an https address",
        ),
        (
            "# [hub]\n# url = \"https://hub.example.org\"\n# token",
            "[hub]\nurl = \"https://hub.example.org\"\npublic_url = \"http://kiosks.example.org\"\ntoken = \"t0ken\"\n# token",
            "hub.public_url",
            "must be an https address",
        ),
        (
            "# [hub]\n# url = \"https://hub.example.org\"\n# token",
            "[hub]\nurl = \"http://127.0.0.1:8080\"\nproxy = \"http://proxy.example:3128\"\ntoken = \"t0ken\"\n# token",
            "hub.proxy",
            "reached directly, never through a proxy",
        ),
        (
            "# [hub]\n# url = \"https://hub.example.org\"\n# token",
            "[hub]\nurl = \"https://hub.example.org\"\nproxy = \"socks5://proxy.example:1080\"\ntoken = \"t0ken\"\n# token",
            "hub.proxy",
            "http:// or https://",
        ),
        (
            "pin_hash = \"\"",
            // argon2id of 2468 with 8 KiB and one pass: guessed in minutes.
            "pin_hash = \"$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$Jc1Qd3VZmwxxCDX1k7Yu9ve4Vbi0gqsExfAp4Oo3wIU\"",
            "staff.pin_hash",
            "too weak",
        ),
        (
            "volume_percent = 70",
            "volume_percent = 140",
            "sound.volume_percent",
            "between 0 and 100",
        ),
        (
            "renderer = \"auto\"",
            "renderer = \"fast\"",
            "",
            "unknown value `fast`, expected one of `auto`, `gpu`, `software`",
        ),
        (
            "attract_sound = false",
            "attract_sound = \"no\"",
            "",
            "invalid type",
        ),
        (
            "timeout_secs = 90",
            "timeout_secs = \"ninety\"",
            "",
            "invalid type",
        ),
    ];
    for (replace, with, key, words) in cases {
        let error = load_with(replace, with);
        assert!(error.contains("kiosk.toml:"), "{error}");
        assert!(error.contains(key), "{error}");
        assert!(error.contains(words), "{error}");
    }
}

#[test]
fn a_missing_file_says_so() {
    let error = Config::load(Path::new("/nonexistent/kiosk.toml"))
        .unwrap_err()
        .to_string();
    assert!(
        error.starts_with("/nonexistent/kiosk.toml: cannot be read"),
        "{error}"
    );
}
