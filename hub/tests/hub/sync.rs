//! The hub and the kiosk's sync client together, for real: a throwaway
//! PostgreSQL, the `city-hub` binary on 127.0.0.1, and `city_core::sync`
//! as the kiosk runs it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::support::hub::Hub;
use crate::support::postgres::TestPostgres;
use crate::support::{copy_dir, demo_pack, visitor_lead};
use city_core::content::file_list::hash_file;
use city_core::content::load_pack;
use city_core::protocol::{LeadBatch, LeadWire};
use city_core::store::Store;
use city_core::sync::{HubClient, KioskState, SyncError, active_pack_dir, sync_once};

struct World {
    hub: Hub,
    database_url: String,
    token: String,
    kiosk_data: PathBuf,
    work: tempfile::TempDir,
    runtime: tokio::runtime::Runtime,
    // Dropped last: the hub must stop before its database does.
    _postgres: TestPostgres,
}

fn world(name: &str) -> World {
    let mut postgres = TestPostgres::start();
    let database_url = postgres.database(name);
    let work = tempfile::tempdir().unwrap();
    let hub = Hub::start(&database_url, &work.path().join("blobs"));
    let token = hub.ok(&["kiosk", "add", "booth-1"]).trim().to_string();
    World {
        hub,
        database_url,
        token,
        kiosk_data: work.path().join("kiosk-data"),
        work,
        runtime: tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap(),
        _postgres: postgres,
    }
}

impl World {
    fn client(&self) -> HubClient {
        let url = city_core::config::HubUrl::parse(self.hub.url.as_str()).unwrap();
        HubClient::new(&url, &self.token, None).unwrap()
    }

    fn store(&self) -> Store {
        self.runtime
            .block_on(Store::open_in(&self.kiosk_data))
            .unwrap()
    }

    fn sync(
        &self,
        store: &Store,
        current_pack: &Path,
    ) -> Result<city_core::sync::SyncReport, SyncError> {
        let client = self.client();
        let kiosk = KioskState {
            data_dir: &self.kiosk_data,
            current_pack,
            pack_version: "test",
            app_version: "test",
            media: Some(&city_decode::Decoder),
            venue: None,
            last_error: None,
        };
        self.runtime.block_on(sync_once(&client, store, &kiosk))
    }

    fn hub_leads(&self) -> i64 {
        self.runtime.block_on(async {
            let pool = sqlx::PgPool::connect(&self.database_url).await.unwrap();
            sqlx::query_scalar("SELECT COUNT(*) FROM leads")
                .fetch_one(&pool)
                .await
                .unwrap()
        })
    }

    /// An editor's copy of the demo pack.
    fn editor_pack(&self) -> PathBuf {
        let editor = self.work.path().join("editor");
        copy_dir(&demo_pack(), &editor);
        editor
    }
}

fn save_leads(
    store: &Store,
    runtime: &tokio::runtime::Runtime,
    count: usize,
    towns: &[&str],
) -> Vec<String> {
    let leads: Vec<_> = (0..count)
        .map(|n| {
            visitor_lead(
                &format!("visitor{n}@example.org"),
                towns,
                city_core::Lang::De,
            )
        })
        .collect();
    for chunk in leads.chunks(2000) {
        runtime.block_on(store.save_leads(chunk)).unwrap();
    }
    leads.iter().map(|lead| lead.id.to_string()).collect()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_published_pack_reaches_the_kiosk_and_a_changed_file_is_the_only_download() {
    let world = world("pack");
    let editor = world.editor_pack();
    let published = world.hub.ok(&["publish", editor.to_str().unwrap()]);
    assert!(
        published.starts_with("published pack 2026.11.24")
            && published.contains("120 films and guides decoded (0 passed before)"),
        "{published}"
    );
    let store = world.store();

    // The kiosk shipped with the demo pack: every file is reused.
    let report = world.sync(&store, &demo_pack()).unwrap();
    assert_eq!(report.blobs_downloaded, 0);
    let active = active_pack_dir(&world.kiosk_data).expect("the pack is switched in");
    assert_eq!(report.installed.as_ref().unwrap().root, active);
    assert_eq!(load_pack(&active).unwrap().towns.len(), 24);

    // Nothing new: one request.
    let report = world.sync(&store, &active).unwrap();
    assert_eq!(report.requests, 1);
    assert!(report.installed.is_none());

    // The office fixes one event: exactly that file travels.
    edit(
        &editor.join("events.toml"),
        "Kurentovanje carnival",
        "Kurentovanje carnival 2027",
    );
    let published = world.hub.ok(&["publish", editor.to_str().unwrap()]);
    assert!(
        published.contains("0 films and guides decoded (120 passed before)"),
        "the same bytes are not decoded again: {published}"
    );
    let report = world.sync(&store, &active).unwrap();
    assert_eq!(report.blobs_downloaded, 1);
    let pack = load_pack(&active_pack_dir(&world.kiosk_data).unwrap()).unwrap();
    assert!(
        pack.events
            .iter()
            .any(|event| event.title.get(city_core::Lang::En) == "Kurentovanje carnival 2027")
    );
}

#[test]
fn a_damaged_file_on_the_hub_leaves_the_kiosk_on_its_pack_and_names_the_file() {
    let world = world("damaged");
    let editor = world.editor_pack();
    world.hub.ok(&["publish", editor.to_str().unwrap()]);
    let store = world.store();
    world.sync(&store, &demo_pack()).unwrap();
    let active = active_pack_dir(&world.kiosk_data).unwrap();

    edit(
        &editor.join("events.toml"),
        "Kurentovanje carnival",
        "Kurentovanje carnival 2027",
    );
    world.hub.ok(&["publish", editor.to_str().unwrap()]);
    let (_, sha) = hash_file(&editor.join("events.toml")).unwrap();
    let sha = sha.to_hex();
    let blob = world.hub.blob_dir().join(&sha[..2]).join(&sha);
    std::fs::write(&blob, b"bit rot").unwrap();

    match world.sync(&store, &active) {
        Err(SyncError::BadBlob { sha256, .. }) => assert_eq!(sha256.to_hex(), sha),
        other => panic!("expected a damaged blob, got {other:?}"),
    }
    let pack = load_pack(&active_pack_dir(&world.kiosk_data).unwrap()).unwrap();
    assert!(
        pack.events
            .iter()
            .all(|event| event.title.get(city_core::Lang::En) != "Kurentovanje carnival 2027"),
        "still the old pack"
    );
}

#[test]
fn leads_reach_the_hub_exactly_once_even_when_it_dies_mid_batch() {
    let mut world = world("leads");
    let store = world.store();
    let ids = save_leads(&store, &world.runtime, 6000, &["ptuj"]);

    // Sync in the background; kill the hub as soon as the first batch landed.
    let client = world.client();
    let data = world.kiosk_data.clone();
    let background_store = store.clone();
    let pack = demo_pack();
    let sync = world.runtime.spawn(async move {
        let kiosk = KioskState {
            data_dir: &data,
            current_pack: &pack,
            pack_version: "test",
            app_version: "test",
            media: Some(&city_decode::Decoder),
            venue: None,
            last_error: None,
        };
        sync_once(&client, &background_store, &kiosk).await
    });
    let mut waited = Duration::ZERO;
    while world.hub_leads() == 0 && waited < Duration::from_secs(30) {
        std::thread::sleep(Duration::from_millis(5));
        waited += Duration::from_millis(5);
    }
    world.hub.kill();
    let first = world.runtime.block_on(sync).unwrap();
    // Killed between two requests, or in the middle of one.
    assert!(
        matches!(
            first,
            Err(SyncError::Network(_) | SyncError::Interrupted(_))
        ),
        "{first:?}"
    );
    let landed = world.hub_leads();
    assert!(landed > 0 && landed < 6000, "killed mid-way: {landed}");

    world.hub.restart();
    world.sync(&store, &demo_pack()).unwrap();
    assert_eq!(world.hub_leads(), 6000);
    assert_eq!(world.runtime.block_on(store.unsynced_count()).unwrap(), 0);
    let exported = world.hub.ok(&["leads", "export"]);
    for id in ids.iter().step_by(97) {
        assert_eq!(exported.matches(id.as_str()).count(), 1, "{id}");
    }
}

#[test]
fn replayed_batches_make_no_duplicates() {
    let world = world("replay");
    let store = world.store();
    save_leads(&store, &world.runtime, 40, &["lendava"]);
    let leads: Vec<LeadWire> = world
        .runtime
        .block_on(store.unsynced_leads_after(0, 100))
        .unwrap()
        .iter()
        .map(|(_, lead)| LeadWire::from(lead))
        .collect();
    let http = reqwest::Client::new();
    for _ in 0..3 {
        let response = world
            .runtime
            .block_on(
                http.post(world.hub.url.join("v1/leads").unwrap())
                    .bearer_auth(&world.token)
                    .json(&LeadBatch {
                        leads: leads.clone(),
                    })
                    .send(),
            )
            .unwrap();
        assert_eq!(response.status(), 200);
        let ack: city_core::protocol::LeadAck = world.runtime.block_on(response.json()).unwrap();
        assert_eq!(ack.accepted.len(), 40);
    }
    // Half of the same batch again, then a sync of all: still 40.
    let half = LeadBatch {
        leads: leads[..20].to_vec(),
    };
    world
        .runtime
        .block_on(
            http.post(world.hub.url.join("v1/leads").unwrap())
                .bearer_auth(&world.token)
                .json(&half)
                .send(),
        )
        .unwrap();
    world.sync(&store, &demo_pack()).unwrap();
    assert_eq!(world.hub_leads(), 40);
}

#[test]
fn wrong_tokens_bad_bodies_and_huge_bodies_get_clear_4xx_and_the_hub_keeps_serving() {
    let world = world("rejects");
    let http = reqwest::Client::new();
    let url = |path: &str| world.hub.url.join(path).unwrap();
    let send = |request: reqwest::RequestBuilder| world.runtime.block_on(request.send());
    let error_of = |response: reqwest::Response| -> (u16, String) {
        let status = response.status().as_u16();
        let body: city_core::protocol::ErrorBody = world
            .runtime
            .block_on(response.json())
            .expect("a JSON error");
        (status, body.error)
    };
    let refusal_of = |response: reqwest::Response| {
        let status = response.status().as_u16();
        let body: city_core::protocol::ErrorBody = world
            .runtime
            .block_on(response.json())
            .expect("a JSON error");
        (status, body.error, body.field, body.index)
    };

    assert_eq!(error_of(send(http.get(url("v1/manifest"))).unwrap()).0, 401);
    assert_eq!(
        error_of(send(http.get(url("v1/manifest")).bearer_auth("not-a-token")).unwrap()).0,
        401
    );
    world.hub.ok(&["kiosk", "add", "booth-2"]);
    world.hub.ok(&["kiosk", "revoke", "booth-1"]);
    let (status, _) = error_of(
        send(
            http.post(url("v1/heartbeat"))
                .bearer_auth(&world.token)
                .body("{}"),
        )
        .unwrap(),
    );
    assert_eq!(status, 401, "a revoked kiosk is refused");

    let token = world
        .hub
        .ok(&["kiosk", "add", "booth-3"])
        .trim()
        .to_string();
    let (status, message) = error_of(
        send(
            http.post(url("v1/leads"))
                .bearer_auth(&token)
                .header("content-type", "application/json")
                .body("{\"leads\": ["),
        )
        .unwrap(),
    );
    assert_eq!(status, 400);
    assert!(message.contains("malformed JSON"), "{message}");
    let (status, _) = error_of(
        send(
            http.post(url("v1/leads"))
                .bearer_auth(&token)
                .body("{\"leads\": 5}"),
        )
        .unwrap(),
    );
    assert_eq!(status, 400);
    let (status, message, field, index) = refusal_of(
        send(
            http.post(url("v1/leads"))
                .bearer_auth(&token)
                .body(r#"{"leads":[{"id":"6f1c1b7e-4a8e-4b35-9a55-3f2d8d1f7a10","created_at":"2027-02-03T10:00:00Z","venue":"x","language":"xx","email":"a@b.si","name":null,"country":null,"towns":[],"themes":[],"family":false,"calendar":null,"postal_address":null,"message":null,"consent_version":"1","consent_contact":true,"consent_newsletter":false}]}"#),
        )
        .unwrap(),
    );
    assert_eq!(status, 422);
    assert!(message.contains("language"), "{message}");
    assert_eq!((field.as_deref(), index), (Some("language"), Some(0)));

    // 20 MB: refused with 413 (or the connection cut while sending it).
    let huge = vec![b' '; 20 * 1024 * 1024];
    match send(http.post(url("v1/leads")).bearer_auth(&token).body(huge)) {
        Ok(response) => assert_eq!(response.status().as_u16(), 413),
        Err(error) => assert!(error.is_request() || error.is_body(), "{error}"),
    }
    // A range past the end of a blob, a path that is not a hash.
    let (status, _) = error_of(
        send(
            http.get(url("v1/blobs/..%2F..%2Fetc%2Fpasswd"))
                .bearer_auth(&token),
        )
        .unwrap(),
    );
    assert_eq!(status, 400);
    assert_eq!(
        send(http.get(url("v1/nothing")).bearer_auth(&token))
            .unwrap()
            .status(),
        404
    );

    let health = send(http.get(url("healthz"))).unwrap();
    assert_eq!(health.status(), 200, "the hub is still serving");
}

#[test]
fn town_offices_get_their_own_leads_and_erasures_reach_the_kiosks() {
    let world = world("offices");
    let store = world.store();
    save_leads(&store, &world.runtime, 3, &["ptuj"]);
    save_leads(&store, &world.runtime, 2, &["lendava", "ptuj"]);
    save_leads(&store, &world.runtime, 4, &["weiz"]);
    world.sync(&store, &demo_pack()).unwrap();

    let ptuj = world.hub.ok(&["leads", "export", "--town", "ptuj"]);
    assert!(ptuj.starts_with('\u{feff}'));
    assert_eq!(ptuj.lines().count(), 1 + 5, "{ptuj}");
    assert!(ptuj.lines().skip(1).all(|line| line.contains("ptuj")));
    let lendava = world.hub.ok(&["leads", "export", "--town", "lendava"]);
    assert_eq!(lendava.lines().count(), 1 + 2);
    assert!(lendava.contains("lendava,ptuj"));

    // The admin API streams the same CSV, for an admin token only.
    let admin = world.hub.ok(&["admin-token"]).trim().to_string();
    let http = reqwest::Client::new();
    let url = world.hub.url.join("v1/admin/leads?town=weiz").unwrap();
    let refused = world
        .runtime
        .block_on(http.get(url.clone()).bearer_auth(&world.token).send())
        .unwrap();
    assert_eq!(refused.status(), 401, "a kiosk token is no admin token");
    let weiz = world.runtime.block_on(async {
        http.get(url)
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    });
    assert_eq!(weiz.lines().count(), 1 + 4);

    // The right to erasure: here at once, on the kiosk at its next sync.
    let erased = world
        .hub
        .ok(&["leads", "erase", "--email", "Visitor1@Example.org"]);
    assert!(erased.starts_with("3 leads erased"), "{erased}");
    let report = world.sync(&store, &demo_pack()).unwrap();
    assert_eq!(report.leads_erased, 3);
    let left = world
        .runtime
        .block_on(store.lead_counts(chrono::Utc::now()))
        .unwrap();
    assert_eq!(left.total, 6);

    let kiosks = world.hub.ok(&["kiosk", "list"]);
    assert!(
        kiosks.contains("booth-1") && !kiosks.contains("never"),
        "{kiosks}"
    );
}

#[test]
fn a_broken_pack_is_refused_with_the_validators_messages() {
    let world = world("broken");
    let editor = world.editor_pack();
    edit(
        &editor.join("towns/ptuj/town.toml"),
        "lat = 46.420",
        "lat = 15.870",
    );
    // A film cut short while copying: only decoding its end can tell.
    let film = std::fs::read_dir(editor.join("towns/lenart/films"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "mp4"))
        .expect("the demo pack's town has a film");
    let bytes = std::fs::read(&film).unwrap();
    std::fs::write(&film, &bytes[..bytes.len() / 2]).unwrap();
    let output = world.hub.cli(&["publish", editor.to_str().unwrap()]);
    assert!(!output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("towns/ptuj/town.toml:7: coordinates"),
        "{stdout}"
    );
    let film_name = film.file_name().unwrap().to_str().unwrap();
    assert!(
        stdout
            .lines()
            .any(|line| line.contains(film_name) && line.contains("film")),
        "the film is decoded with the kiosk's rules: {stdout}"
    );
    let http = reqwest::Client::new();
    let response = world
        .runtime
        .block_on(
            http.get(world.hub.url.join("v1/manifest").unwrap())
                .bearer_auth(&world.token)
                .send(),
        )
        .unwrap();
    assert_eq!(response.status(), 404, "nothing was published");
}
