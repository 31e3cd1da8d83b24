//! The hub's log as an operator reads it: plain text without escape
//! characters when it goes to a file or the journal, one JSON object per
//! line for a collector, and never a visitor's or a user's address or
//! name, even with the hub's own crates at DEBUG.

use crate::support::console::{World, world_with_env};

/// What a working day puts into the log: a kiosk's lead, a user who
/// mistypes their password, logs in, reads and erases it.
fn a_day(world: &World) {
    world.lead("ana.novak@example.si", &["ptuj"], true);
    let coordinator = world.user("coordinator@example.org", &["--network"]);
    let refused = world.post(
        "/console/login",
        None,
        &[
            ("email", coordinator.as_str()),
            ("password", "wrong password"),
        ],
    );
    assert_eq!(refused.status, 200);
    let session = world.login(&coordinator);
    let list = world.get("/console/leads", Some(&session));
    assert!(list.body.contains("ana.novak@example.si"));
    let id = list
        .body
        .split("data-lead=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_string();
    let page = world.get(&format!("/console/leads/{id}"), Some(&session));
    let erased = world.post(
        &format!("/console/leads/{id}/erase"),
        Some(&session),
        &[("csrf", &page.csrf())],
    );
    assert_eq!(erased.status, 303);
    let csv = world.get("/console/leads.csv", Some(&session));
    assert_eq!(csv.status, 200);
}

fn assert_nothing_personal(log: &[String]) {
    for secret in [
        "ana.novak@example.si",
        "coordinator@example.org",
        "wrong password",
    ] {
        let found: Vec<&String> = log.iter().filter(|line| line.contains(secret)).collect();
        assert!(found.is_empty(), "{secret} in the log: {found:#?}");
    }
}

#[test]
fn the_log_in_a_file_is_plain_text_and_says_what_happened_without_whom() {
    // No RUST_LOG: the levels an installed hub has.
    let world = world_with_env("logs_text", &[], &[]);
    a_day(&world);
    let log = world.hub.log();
    assert!(
        log.iter().all(|line| !line.contains('\u{1b}')),
        "escape characters: {log:#?}"
    );
    let start = log
        .iter()
        .find(|line| line.contains(" listening on "))
        .expect("a start line");
    assert!(
        start.contains("city-hub ") && start.contains("database 127.0.0.1:"),
        "{start}"
    );
    assert!(
        !start.contains("postgres@"),
        "no user in the address: {start}"
    );
    for event in [
        "database migrated",
        "console: a failed login",
        "logged in",
        "erased a person",
        "exported leads",
    ] {
        assert!(
            log.iter().any(|line| line.contains(event)),
            "no `{event}`: {log:#?}"
        );
    }
    // A kiosk's heartbeats, every few minutes all day, write nothing
    // (the log is read as it comes: give each line time to arrive).
    let settled = || {
        std::thread::sleep(std::time::Duration::from_millis(300));
        world.hub.log().len()
    };
    let before = settled();
    let beat = serde_json::json!({"pack_version": "1", "queued_leads": 0, "app_version": "1", "erasures_seen": 0});
    for _ in 0..20 {
        let answer = world.send(
            world
                .http
                .post(world.hub.url.join("v1/heartbeat").unwrap())
                .bearer_auth(&world.kiosk_token)
                .json(&beat),
        );
        assert_eq!(answer.status, 200);
    }
    assert_eq!(settled(), before, "{:#?}", world.hub.log());
    // Third-party crates speak only to warn: no library's chatter.
    assert!(
        log.iter()
            .all(|line| line.contains("city_hub") || line.contains("city_core")),
        "{log:#?}"
    );
    assert_nothing_personal(&log);
}

#[test]
fn with_json_every_line_is_an_object_with_its_fields_and_debug_names_nobody() {
    let world = world_with_env(
        "logs_json",
        &[],
        &[
            ("CITY_LOG_FORMAT", "json"),
            ("RUST_LOG", "warn,city_hub=debug,city_core=debug"),
        ],
    );
    a_day(&world);
    let log = world.hub.log();
    assert!(log.len() >= 5, "{log:#?}");
    for line in &log {
        let object: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|error| panic!("not JSON ({error}): {line}"));
        for field in ["timestamp", "level", "target", "message"] {
            assert!(object.get(field).is_some(), "no {field}: {line}");
        }
    }
    assert!(log.iter().any(|line| line.contains("listening on")));
    // An event keeps its facts as fields, and the request it was made in.
    let login = log
        .iter()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .find(|object| object["message"] == "console: logged in")
        .expect("a login line");
    assert!(login["user"].is_i64(), "{login}");
    assert_eq!(login["span"]["name"], "request", "{login}");
    let id = login["span"]["id"].as_str().unwrap();
    assert_eq!(uuid::Uuid::parse_str(id).unwrap().get_version_num(), 4);
    // The id is answered back, for a proxy's log or a bug report.
    let answer = world.get("/healthz", None);
    assert!(answer.headers.contains_key("x-request-id"));
    assert_nothing_personal(&log);
}
