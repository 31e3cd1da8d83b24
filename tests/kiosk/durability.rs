//! A lead the screen confirmed survives the process being killed at any
//! moment: the kiosk's own save path (`leads stress` uses it) is killed
//! with SIGKILL again and again while it saves.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use city_core::store::Store;

use crate::support::{demo_pack_dir, runtime};

const ROUNDS: u64 = 25;

#[test]
fn every_confirmed_lead_survives_sigkill_exactly_once() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let config = work.path().join("kiosk.toml");
    std::fs::write(
        &config,
        format!(
            "[kiosk]\nid = \"durable\"\nvenue = \"Kill test\"\n[content]\ndir = \"{}\"\n[data]\ndir = \"{}\"\n",
            demo_pack_dir().display(),
            data.display()
        ),
    )
    .unwrap();

    let mut confirmed: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_city-kiosk"))
            .arg("--config")
            .arg(&config)
            .args(["leads", "stress", "--count", "1000000"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| line.strip_prefix("saved ").map(str::to_string))
                .collect::<Vec<_>>()
        });
        // Kill at a different moment each round, mid-save more often than not.
        std::thread::sleep(Duration::from_millis(60 + (round * 53) % 240));
        child.kill().unwrap();
        let _ = child.wait();
        confirmed.extend(reader.join().unwrap());
    }
    assert!(
        confirmed.len() > ROUNDS as usize,
        "the stress runs saved leads: {}",
        confirmed.len()
    );

    runtime().block_on(async {
        let store = Store::open_in(&data)
            .await
            .expect("the store opens cleanly after the kills");
        assert_eq!(store.check_integrity().await.unwrap(), "ok");
        let stored = store.lead_ids().await.unwrap();
        let unique: HashSet<&String> = stored.iter().collect();
        assert_eq!(unique.len(), stored.len(), "no lead is stored twice");
        let missing: Vec<&String> = confirmed.iter().filter(|id| !unique.contains(id)).collect();
        assert!(
            missing.is_empty(),
            "{} confirmed leads lost, e.g. {:?}",
            missing.len(),
            missing.first()
        );
        // Saved but killed before it could say so is fine: the screen never
        // thanked anyone for those.
        assert!(stored.len() >= confirmed.len());
    });
}
