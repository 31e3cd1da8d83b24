//! A kiosk's log as an operator reads it in the journal: the attract loop
//! running in a real window writes what started and nothing per frame, no
//! warning, and no escape character when the log goes to a file.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::demo_pack_dir;
use crate::xserver::XServer;

/// How long the attract loop runs: its films change every 14 s, and the
/// renderer's empty-shape warnings came every few seconds.
const RUNNING: Duration = Duration::from_secs(40);

#[test]
fn the_attract_loop_logs_events_not_frames_and_no_warning() {
    let x = XServer::get();
    let work = tempfile::tempdir().unwrap();
    let config = work.path().join("kiosk.toml");
    std::fs::write(
        &config,
        format!(
            "[kiosk]\nid = \"logs\"\nvenue = \"Log test\"\n\n[content]\ndir = \"{}\"\n\n[data]\ndir = \"{}\"\n",
            demo_pack_dir().display(),
            work.path().join("data").display()
        ),
    )
    .unwrap();
    let log_path = work.path().join("kiosk.log");
    let log_file = std::fs::File::create(&log_path).unwrap();
    // The levels and format an installed kiosk has: no RUST_LOG, a file.
    let mut kiosk = Command::new(env!("CARGO_BIN_EXE_city-kiosk"))
        .arg("--config")
        .arg(&config)
        .env("DISPLAY", &x.display)
        .env("XDG_RUNTIME_DIR", work.path())
        .env_remove("RUST_LOG")
        .env_remove("CITY_LOG_FORMAT")
        .env_remove("NO_COLOR")
        .stdout(Stdio::null())
        .stderr(log_file)
        .spawn()
        .unwrap();
    std::thread::sleep(RUNNING);
    assert!(kiosk.try_wait().unwrap().is_none(), "the kiosk still runs");
    let _ = kiosk.kill();
    let _ = kiosk.wait();

    let log = std::fs::read_to_string(&log_path).unwrap();
    assert!(
        !log.contains('\u{1b}'),
        "escape characters in a file:\n{log}"
    );
    let lines: Vec<&str> = log.lines().collect();
    let started = lines
        .iter()
        .find(|line| line.contains("city-kiosk ") && line.contains(" started: "))
        .unwrap_or_else(|| panic!("no start line:\n{log}"));
    for part in ["pack ", "data folder ", "renderer "] {
        assert!(started.contains(part), "{started}");
    }
    let loud: Vec<&&str> = lines
        .iter()
        .filter(|line| line.contains(" WARN ") || line.contains(" ERROR "))
        .collect();
    assert!(loud.is_empty(), "warnings in the attract loop:\n{log}");
    // What each line says, without its time: none comes again and again.
    let mut said: BTreeMap<&str, usize> = BTreeMap::new();
    for line in &lines {
        let message = line.split_once(' ').map_or(*line, |(_, rest)| rest);
        *said.entry(message).or_default() += 1;
    }
    let repeated: Vec<_> = said.iter().filter(|(_, count)| **count > 3).collect();
    assert!(repeated.is_empty(), "repeated lines: {repeated:#?}");
    assert!(
        lines.len() <= 20,
        "{} lines in {RUNNING:?}:\n{log}",
        lines.len()
    );
}
