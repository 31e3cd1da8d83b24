//! The kiosk's sync against a hub that lies, cuts, drips and fails: the
//! real sync client and a real store in a real data folder. Whatever the
//! hub does, the kiosk loses no lead, shows no broken pack, leaves no
//! half-assembled pack behind and writes nothing outside its data folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use city_core::config::HubUrl;
use city_core::content::load_pack;
use city_core::store::Store;
use city_core::sync::{
    Deadlines, HubClient, KioskState, SyncError, SyncReport, installed_pack, sync_once,
};

use crate::support;
use crate::support::demo_pack;
use crate::support::fake_hub::{Behaviour, Blobs, FakeHub, Leads, ManifestAnswer};

/// A kiosk's data folder inside `work`, whose other contents must stay
/// untouched by anything the hub says.
struct Kiosk {
    work: tempfile::TempDir,
    data: PathBuf,
    store: Store,
    client: HubClient,
}

impl Kiosk {
    async fn new(hub: &FakeHub) -> Kiosk {
        Kiosk::with_deadlines(hub, Deadlines::default()).await
    }

    /// A kiosk that gives up on a hub silent for `silence`.
    async fn with_read_timeout(hub: &FakeHub, silence: Duration) -> Kiosk {
        let deadlines = Deadlines {
            silence,
            ..Deadlines::default()
        };
        Kiosk::with_deadlines(hub, deadlines).await
    }

    async fn with_deadlines(hub: &FakeHub, deadlines: Deadlines) -> Kiosk {
        let work = tempfile::tempdir().unwrap();
        let data = work.path().join("data");
        let store = Store::open_in(&data).await.unwrap();
        let url = HubUrl::parse(&hub.url).unwrap();
        let client = HubClient::with_deadlines(&url, "token", None, deadlines).unwrap();
        Kiosk {
            work,
            data,
            store,
            client,
        }
    }

    /// The pack on screen: the hub's last installed one, or the demo pack.
    fn shown(&self) -> PathBuf {
        installed_pack(&self.data).map_or_else(demo_pack, |(_, dir)| dir)
    }

    async fn sync(&self) -> Result<SyncReport, SyncError> {
        let shown = self.shown();
        let kiosk = KioskState {
            data_dir: &self.data,
            current_pack: &shown,
            pack_version: "test",
            app_version: "test",
            media: None,
            venue: None,
            last_error: None,
        };
        sync_once(&self.client, &self.store, &kiosk).await
    }

    async fn give_leads(&self, count: usize) {
        for n in 0..count {
            let email = format!("visitor{n}@example.org");
            let lead = support::visitor_lead(&email, &["ptuj"], city_core::Lang::De);
            self.store.save_lead(&lead).await.unwrap();
        }
    }

    async fn unsynced(&self) -> i64 {
        self.store.unsynced_count().await.unwrap()
    }

    /// Every file under `work` that is not in the data folder.
    fn written_outside(&self) -> Vec<PathBuf> {
        let mut outside = Vec::new();
        walk(self.work.path(), &mut |path| {
            if !path.starts_with(&self.data) {
                outside.push(path.to_path_buf());
            }
        });
        outside
    }

    fn staging_left(&self) -> Vec<String> {
        std::fs::read_dir(self.data.join("packs"))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.file_name().to_string_lossy().into_owned())
                    .filter(|name| name.starts_with('.'))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The installed pack, if any, loads: nothing broken is ever on screen.
    fn assert_shown_pack_is_whole(&self) {
        if let Some((_, dir)) = installed_pack(&self.data) {
            load_pack(&dir).expect("the installed pack loads");
        }
    }
}

fn walk(dir: &Path, visit: &mut dyn FnMut(&Path)) {
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        visit(&path);
        if entry.file_type().unwrap().is_dir() {
            walk(&path, visit);
        }
    }
}

/// A copy of the demo pack with one event renamed: one file differs.
fn changed_pack(into: &Path, title: &str) -> PathBuf {
    let dir = into.join(title.replace(' ', "-"));
    support::copy_dir(&demo_pack(), &dir);
    let events = dir.join("events.toml");
    let text = std::fs::read_to_string(&events).unwrap();
    assert!(text.contains("Kurentovanje carnival"));
    std::fs::write(&events, text.replacen("Kurentovanje carnival", title, 1)).unwrap();
    dir
}

fn event_titles(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("events.toml")).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn hostile_hashes_and_paths_in_a_manifest_write_nothing_anywhere() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    hub.publish(&changed_pack(sources.path(), "Carnival A"));
    let kiosk = Kiosk::new(&hub).await;
    let outside = kiosk.work.path().join("outside");
    let hostile = [
        hub.manifest_with(|file| {
            file.sha256 = city_core::hash::Sha256::of(b"x");
        })
        .replace(
            &city_core::hash::Sha256::of(b"x").to_hex(),
            &format!("{}/escaped", outside.display()),
        ),
        hub.manifest_with(|_| {}).replacen(
            "\"path\":\"",
            &format!("\"path\":\"{}/", outside.display()),
            1,
        ),
        hub.manifest_with(|_| {})
            .replacen("\"path\":\"", "\"path\":\"../../outside/", 1),
        hub.manifest_with(|_| {})
            .replacen("\"path\":\"", "\"path\":\".staging-x/", 1),
    ];
    for body in hostile {
        // Each with its proper ETag: what refuses it is the reading.
        hub.set(|b| b.manifest = ManifestAnswer::hashed(body.clone()));
        let error = kiosk.sync().await.unwrap_err();
        assert!(matches!(error, SyncError::BadAnswer(_)), "{error}");
        assert!(
            error.to_string().contains("manifest is not readable"),
            "{error}"
        );
    }
    assert_eq!(kiosk.written_outside(), Vec::<PathBuf>::new());
    assert!(!outside.exists());
    assert_eq!(installed_pack(&kiosk.data), None);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_manifest_without_a_proper_etag_changes_nothing_and_the_next_good_one_installs() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    hub.publish(&changed_pack(sources.path(), "Carnival A"));
    let kiosk = Kiosk::new(&hub).await;
    kiosk.sync().await.unwrap();
    let (first, first_dir) = installed_pack(&kiosk.data).unwrap();
    assert!(event_titles(&first_dir).contains("Carnival A"));

    hub.publish(&changed_pack(sources.path(), "Carnival B"));
    let body = hub.manifest_with(|_| {});
    for answer in [
        ManifestAnswer::NoEtag,
        ManifestAnswer::Raw {
            body: body.clone(),
            etag: Some("\"\"".into()),
        },
        ManifestAnswer::Raw {
            body: body.clone(),
            etag: Some("\"../../x\"".into()),
        },
        ManifestAnswer::Raw {
            body: body.clone(),
            etag: Some(format!("W/{}", hub.id().etag())),
        },
    ] {
        hub.set(|b| b.manifest = answer.clone());
        let error = kiosk.sync().await.unwrap_err();
        assert!(error.to_string().contains("ETag"), "{error}");
        assert_eq!(
            installed_pack(&kiosk.data),
            Some((first, first_dir.clone())),
            "the pack on screen stays, folder and all"
        );
        assert!(event_titles(&first_dir).contains("Carnival A"));
    }
    hub.set(|b| b.manifest = ManifestAnswer::Pack);
    let report = kiosk.sync().await.unwrap();
    assert_eq!(report.blobs_downloaded, 1);
    let (_, dir) = installed_pack(&kiosk.data).unwrap();
    assert!(event_titles(&dir).contains("Carnival B"));
    assert!(first_dir.is_dir(), "the pack before is kept as a way back");
    assert!(kiosk.staging_left().is_empty());
    assert_eq!(kiosk.written_outside(), Vec::<PathBuf>::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn oversized_wrong_and_failing_blobs_are_refused_and_leave_nothing_behind() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    hub.publish(&changed_pack(sources.path(), "Carnival A"));
    let kiosk = Kiosk::new(&hub).await;
    let downloads = kiosk.data.join("downloads");

    for (blobs, expected) in [
        (
            Blobs::Oversize(50 * 1024 * 1024),
            "more than the manifest says",
        ),
        (Blobs::WrongContent, "hashes to"),
        (Blobs::Status(500), "500"),
        (Blobs::Status(404), "404"),
    ] {
        hub.set(|b| b.blobs = blobs.clone());
        for _attempt in 0..5 {
            let error = kiosk.sync().await.unwrap_err();
            assert!(error.to_string().contains(expected), "{blobs:?}: {error}");
            assert!(kiosk.staging_left().is_empty(), "{blobs:?}");
            let kept: u64 = std::fs::read_dir(&downloads)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|entry| entry.metadata().unwrap().len())
                        .sum()
                })
                .unwrap_or(0);
            assert_eq!(kept, 0, "{blobs:?}: nothing refused is kept");
            assert_eq!(installed_pack(&kiosk.data), None);
        }
    }
    hub.set(|b| b.blobs = Blobs::Honest);
    kiosk.sync().await.unwrap();
    assert!(installed_pack(&kiosk.data).is_some());
    assert!(!downloads.exists(), "downloads are cleared once installed");
    assert_eq!(kiosk.written_outside(), Vec::<PathBuf>::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cut_download_resumes_where_it_stopped_and_a_drip_times_out() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    hub.publish(&changed_pack(sources.path(), "Carnival A"));
    let kiosk = Kiosk::with_read_timeout(&hub, Duration::from_millis(500)).await;

    hub.set(|b| b.blobs = Blobs::CutAfter(1000));
    let error = kiosk.sync().await.unwrap_err();
    assert!(matches!(error, SyncError::Interrupted(_)), "{error}");
    assert!(
        error
            .to_string()
            .starts_with("the connection to the hub broke off"),
        "{error}"
    );
    let partial: Vec<_> = std::fs::read_dir(kiosk.data.join("downloads"))
        .unwrap()
        .map(|entry| entry.unwrap())
        .collect();
    assert_eq!(partial.len(), 1);
    assert_eq!(partial[0].metadata().unwrap().len(), 1000, "kept to resume");
    assert!(kiosk.staging_left().is_empty());

    hub.set(|b| b.blobs = Blobs::Drip(Duration::from_secs(2)));
    let error = kiosk.sync().await.unwrap_err();
    assert!(matches!(error, SyncError::TooSlow(_)), "{error}");
    assert!(
        error.to_string().starts_with("the hub answers too slowly"),
        "{error}"
    );
    assert_eq!(installed_pack(&kiosk.data), None);

    hub.set(|b| b.blobs = Blobs::Honest);
    kiosk.sync().await.unwrap();
    let resumed = hub
        .requests()
        .iter()
        .filter(|request| request.starts_with("GET /v1/blobs/") && request.ends_with("bytes=1000-"))
        .count();
    assert!(resumed >= 1, "{:?}", hub.requests());
    let (_, dir) = installed_pack(&kiosk.data).unwrap();
    assert!(event_titles(&dir).contains("Carnival A"));
    kiosk.assert_shown_pack_is_whole();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_broken_pack_from_the_hub_is_never_shown() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    let good = changed_pack(sources.path(), "Carnival A");
    hub.publish(&good);
    let kiosk = Kiosk::new(&hub).await;
    kiosk.sync().await.unwrap();
    let before = installed_pack(&kiosk.data).unwrap();

    let broken = changed_pack(sources.path(), "Carnival B");
    let town = broken.join("towns/ptuj/town.toml");
    let text = std::fs::read_to_string(&town).unwrap();
    std::fs::write(&town, text.replacen("lat = 46.420", "lat = 15.870", 1)).unwrap();
    // Published as it is, with matching hashes: the kiosk's own check refuses it.
    hub.publish(&broken);
    let error = kiosk.sync().await.unwrap_err();
    assert!(
        error
            .to_string()
            .contains("towns/ptuj/town.toml:7: coordinates"),
        "{error}"
    );
    assert_eq!(installed_pack(&kiosk.data), Some(before));
    assert!(kiosk.staging_left().is_empty());
    kiosk.assert_shown_pack_is_whole();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pack_link_pointing_at_nothing_is_repaired_by_the_next_sync() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    hub.publish(&changed_pack(sources.path(), "Carnival A"));
    let kiosk = Kiosk::new(&hub).await;
    kiosk.sync().await.unwrap();
    let (id, dir) = installed_pack(&kiosk.data).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        installed_pack(&kiosk.data),
        None,
        "falls back to its own pack"
    );

    let report = kiosk.sync().await.unwrap();
    assert!(report.installed.is_some(), "fetched again");
    assert_eq!(installed_pack(&kiosk.data), Some((id, dir)));
    kiosk.assert_shown_pack_is_whole();
}

#[tokio::test(flavor = "multi_thread")]
async fn leads_stay_queued_unless_the_hub_acknowledges_them_as_this_kiosks_own() {
    let hub = FakeHub::start().await;
    let kiosk = Kiosk::new(&hub).await;
    kiosk.give_leads(3).await;

    hub.set(|b| b.leads = Leads::AckForeign);
    let report = kiosk.sync().await.unwrap();
    assert_eq!((report.leads_sent, report.leads_kept), (0, 3));
    assert_eq!(kiosk.unsynced().await, 3, "ids nobody sent mark nothing");

    hub.set(|b| b.leads = Leads::Conflicts);
    let report = kiosk.sync().await.unwrap();
    assert_eq!(kiosk.unsynced().await, 3, "another kiosk's ids stay queued");
    assert!(
        report
            .problems
            .iter()
            .any(|problem| problem.contains("another kiosk")),
        "{:?}",
        report.problems
    );

    for status in [500, 503, 400] {
        hub.set(|b| b.leads = Leads::Status(status));
        let error = kiosk.sync().await.unwrap_err();
        assert!(error.to_string().contains(&status.to_string()), "{error}");
        assert_eq!(kiosk.unsynced().await, 3);
    }
    hub.set(|b| {
        *b = Behaviour {
            everything: Some(401),
            ..Behaviour::default()
        }
    });
    assert!(matches!(
        kiosk.sync().await.unwrap_err(),
        SyncError::Unauthorized
    ));
    assert_eq!(kiosk.unsynced().await, 3);

    // The hub refuses one lead: the others go, that one stays for later.
    hub.set(|b| {
        *b = Behaviour {
            leads: Leads::Refuse(1),
            ..Behaviour::default()
        }
    });
    let report = kiosk.sync().await.unwrap();
    assert_eq!((report.leads_sent, report.leads_kept), (2, 1));
    assert_eq!(kiosk.unsynced().await, 1);
    let report = kiosk.sync().await.unwrap();
    assert_eq!(report.leads_sent, 1);
    assert_eq!(kiosk.unsynced().await, 0);
    assert_eq!(hub.leads().len(), 3, "each lead once at the hub");
    assert_eq!(kiosk.store.lead_ids().await.unwrap().len(), 3, "none lost");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_pack_with_an_empty_file_installs() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    let pack = changed_pack(sources.path(), "Carnival A");
    std::fs::write(pack.join("towns/ptuj/empty.txt"), b"").unwrap();
    hub.publish(&pack);
    let kiosk = Kiosk::new(&hub).await;

    let report = kiosk.sync().await.unwrap();
    assert!(report.installed.is_some());
    let (_, dir) = installed_pack(&kiosk.data).unwrap();
    assert_eq!(
        std::fs::read(dir.join("towns/ptuj/empty.txt")).unwrap(),
        b""
    );
    assert!(event_titles(&dir).contains("Carnival A"));
    kiosk.assert_shown_pack_is_whole();
}

#[tokio::test(flavor = "multi_thread")]
async fn every_file_of_an_installed_pack_is_owner_only() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    // The pack on screen is a content folder of 0644 files: the new pack
    // copies all but the one changed file from it.
    hub.publish(&changed_pack(sources.path(), "Carnival A"));
    let kiosk = Kiosk::new(&hub).await;
    kiosk.sync().await.unwrap();
    let (_, first) = installed_pack(&kiosk.data).unwrap();
    // The next shares the installed pack's files and downloads one.
    hub.publish(&changed_pack(sources.path(), "Carnival B"));
    kiosk.sync().await.unwrap();
    let (_, second) = installed_pack(&kiosk.data).unwrap();
    assert_ne!(first, second);
    assert_eq!(support::not_owner_only(&kiosk.data), Vec::new());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hub_that_drips_its_answers_is_given_up_on_and_the_next_sync_sends_the_leads() {
    let hub = FakeHub::start().await;
    let deadlines = Deadlines {
        silence: Duration::from_secs(1),
        answer: Duration::from_secs(2),
        manifest: Duration::from_secs(2),
    };
    let kiosk = Kiosk::with_deadlines(&hub, deadlines).await;
    kiosk.give_leads(2).await;
    // A byte every 300 ms beats the silence limit; a heartbeat's answer
    // of some 40 bytes would take 12 s.
    hub.set(|b| b.drip_answers = Some(Duration::from_millis(300)));
    let error = kiosk.sync().await.unwrap_err();
    assert!(matches!(error, SyncError::TooSlow(_)), "{error}");
    assert_eq!(
        error.to_string(),
        "the hub answers too slowly: its answer to the heartbeat did not arrive whole within 2 s"
    );
    assert_eq!(kiosk.unsynced().await, 2);

    hub.set(|b| b.drip_answers = None);
    let report = kiosk.sync().await.unwrap();
    assert_eq!(report.leads_sent, 2);
    assert_eq!(kiosk.unsynced().await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_manifest_whose_etag_is_not_its_hash_is_refused_and_the_pack_on_screen_stays() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    hub.publish(&changed_pack(sources.path(), "Carnival A"));
    let kiosk = Kiosk::new(&hub).await;
    kiosk.sync().await.unwrap();
    let (first, first_dir) = installed_pack(&kiosk.data).unwrap();

    hub.publish(&changed_pack(sources.path(), "Carnival B"));
    let body = hub.manifest_with(|_| {});
    // The installed pack's ETag on another manifest, and a made-up one.
    let made_up = city_core::protocol::PackId::new(city_core::hash::Sha256::of(b"another"));
    for etag in [first.etag(), made_up.etag()] {
        hub.set(|b| {
            b.manifest = ManifestAnswer::Raw {
                body: body.clone(),
                etag: Some(etag.clone()),
            }
        });
        let error = kiosk.sync().await.unwrap_err();
        assert!(matches!(error, SyncError::BadAnswer(_)), "{error}");
        assert!(error.to_string().contains("is not its SHA-256"), "{error}");
        assert_eq!(
            installed_pack(&kiosk.data),
            Some((first, first_dir.clone()))
        );
        assert!(event_titles(&first_dir).contains("Carnival A"));
    }
    hub.set(|b| b.manifest = ManifestAnswer::Pack);
    let report = kiosk.sync().await.unwrap();
    let (id, dir) = installed_pack(&kiosk.data).unwrap();
    assert_eq!(id, hub.id());
    assert_eq!(report.installed.unwrap().root, dir);
    assert!(event_titles(&dir).contains("Carnival B"));
}

#[tokio::test(flavor = "multi_thread")]
async fn erasures_are_carried_out_whatever_the_order_of_their_ids() {
    let hub = FakeHub::start().await;
    let kiosk = Kiosk::new(&hub).await;
    for email in ["ana@ptuj.si", "bea@ptuj.si", "cene@ptuj.si"] {
        let lead = support::visitor_lead(email, &["ptuj"], city_core::Lang::Sl);
        kiosk.store.save_lead(&lead).await.unwrap();
    }
    let erasure = |id: i64, email: &str| city_core::protocol::Erasure {
        id,
        email_sha256: city_core::protocol::email_hash(email),
    };
    hub.inner.lock().unwrap().erasures = vec![erasure(i64::MAX, "ana@ptuj.si")];
    assert_eq!(kiosk.sync().await.unwrap().leads_erased, 1);
    // A hub restored from a backup counts from lower ids again.
    hub.inner.lock().unwrap().erasures = vec![erasure(5, "bea@ptuj.si")];
    assert_eq!(kiosk.sync().await.unwrap().leads_erased, 1);
    // Sent again (its acknowledgement lost): carried out again, harmlessly.
    assert_eq!(kiosk.sync().await.unwrap().leads_erased, 0);
    let left: Vec<String> = kiosk
        .store
        .leads()
        .await
        .unwrap()
        .iter()
        .map(|lead| lead.email.as_str().to_string())
        .collect();
    assert_eq!(left, ["cene@ptuj.si"]);
    // Each heartbeat acknowledges the last reply's erasures.
    assert_eq!(hub.inner.lock().unwrap().erasures_seen, [0, i64::MAX, 5]);
}

/// Set in the child process of the proxy test: the hub it syncs with.
const PROXY_CHILD_HUB: &str = "SYNC_FAULTS_PROXY_CHILD_HUB";

#[test]
fn the_environments_proxy_variables_are_never_used() {
    if let Ok(hub_url) = std::env::var(PROXY_CHILD_HUB) {
        // The child: a sync under the proxy variables its parent set.
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async {
            let work = tempfile::tempdir().unwrap();
            let data = work.path().join("data");
            let store = Store::open_in(&data).await.unwrap();
            let lead = support::visitor_lead("ana@ptuj.si", &["ptuj"], city_core::Lang::Sl);
            store.save_lead(&lead).await.unwrap();
            let client = HubClient::new(&HubUrl::parse(&hub_url).unwrap(), "token", None).unwrap();
            let pack = demo_pack();
            let kiosk = KioskState {
                data_dir: &data,
                current_pack: &pack,
                pack_version: "test",
                app_version: "test",
                media: None,
                venue: None,
                last_error: None,
            };
            let report = sync_once(&client, &store, &kiosk).await.unwrap();
            assert_eq!(report.leads_sent, 1);
        });
        return;
    }
    // A proxy that counts who comes to it and answers nothing.
    let proxy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    proxy.set_nonblocking(true).unwrap();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let hub = runtime.block_on(FakeHub::start());
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child
        .args([
            "--exact",
            "sync_faults::the_environments_proxy_variables_are_never_used",
            "--nocapture",
        ])
        .env(PROXY_CHILD_HUB, &hub.url)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy");
    for variable in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        child.env(variable, &proxy_url);
    }
    let output = child.output().unwrap();
    let visits = std::iter::from_fn(|| proxy.accept().ok()).count();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("1 passed"),
        "the child ran the sync"
    );
    assert_eq!(visits, 0, "nothing went to the proxy");
    assert_eq!(hub.leads().len(), 1, "the lead went straight to the hub");
    assert!(
        hub.requests()
            .iter()
            .any(|r| r.starts_with("POST /v1/heartbeat"))
    );
}

/// Mounts a small tmpfs for a data folder that fills up; only root may.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(megabytes: u32) -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(dir.path())
            .status()
            .is_ok_and(|status| status.success());
        mounted.then_some(SmallDisk { dir })
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.dir.path())
            .status();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_disk_is_a_clear_error_and_leads_still_fit() {
    let Some(disk) = SmallDisk::mount(40) else {
        // Mounting needs root (CI runs as root); say so rather than pass.
        // SAFETY: geteuid only reads the process's user id; it cannot fail.
        let euid = unsafe { libc_geteuid() };
        assert_ne!(euid, 0, "root could not mount a tmpfs");
        eprintln!("skipped: mounting a small disk needs root");
        return;
    };
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    hub.publish(&changed_pack(sources.path(), "Carnival A"));
    let data = disk.dir.path().join("data");
    let store = Store::open_in(&data).await.unwrap();
    let client = HubClient::new(&HubUrl::parse(&hub.url).unwrap(), "token", None).unwrap();
    let pack = demo_pack();
    let kiosk = KioskState {
        data_dir: &data,
        current_pack: &pack,
        pack_version: "test",
        app_version: "test",
        media: None,
        venue: None,
        last_error: None,
    };
    // The 25 MB pack plus room for leads does not fit in 40 MB.
    let error = sync_once(&client, &store, &kiosk).await.unwrap_err();
    assert!(matches!(error, SyncError::DiskFull { .. }), "{error}");
    assert!(error.to_string().contains("disk is full"), "{error}");
    assert_eq!(installed_pack(&data), None);
    let lead = support::visitor_lead("ana@ptuj.si", &[], city_core::Lang::Sl);
    store.save_lead(&lead).await.unwrap();
    assert_eq!(store.lead_ids().await.unwrap().len(), 1);
    store.close().await;
}

unsafe extern "C" {
    #[link_name = "geteuid"]
    fn libc_geteuid() -> u32;
}

/// What the random rounds did, per fault.
#[derive(Default)]
struct Tally {
    rounds: u32,
    failed_syncs: u32,
}

#[tokio::test(flavor = "multi_thread")]
async fn rounds_of_random_faults_lose_no_lead_show_no_broken_pack_and_write_nothing_outside() {
    let hub = FakeHub::start().await;
    let sources = tempfile::tempdir().unwrap();
    let packs = [
        changed_pack(sources.path(), "Carnival A"),
        changed_pack(sources.path(), "Carnival B"),
    ];
    hub.publish(&packs[0]);
    let kiosk = Kiosk::with_read_timeout(&hub, Duration::from_millis(500)).await;
    let faults: Vec<(&str, Behaviour)> = vec![
        ("honest", Behaviour::default()),
        (
            "wrong blob",
            Behaviour {
                blobs: Blobs::WrongContent,
                ..Behaviour::default()
            },
        ),
        (
            "oversized blob",
            Behaviour {
                blobs: Blobs::Oversize(1 << 20),
                ..Behaviour::default()
            },
        ),
        (
            "cut blob",
            Behaviour {
                blobs: Blobs::CutAfter(700),
                ..Behaviour::default()
            },
        ),
        (
            "blob 500",
            Behaviour {
                blobs: Blobs::Status(500),
                ..Behaviour::default()
            },
        ),
        (
            "no etag",
            Behaviour {
                manifest: ManifestAnswer::NoEtag,
                ..Behaviour::default()
            },
        ),
        (
            "foreign acks",
            Behaviour {
                leads: Leads::AckForeign,
                ..Behaviour::default()
            },
        ),
        (
            "conflicts",
            Behaviour {
                leads: Leads::Conflicts,
                ..Behaviour::default()
            },
        ),
        (
            "leads 500",
            Behaviour {
                leads: Leads::Status(500),
                ..Behaviour::default()
            },
        ),
        (
            "everything 401",
            Behaviour {
                everything: Some(401),
                ..Behaviour::default()
            },
        ),
        (
            "everything 503",
            Behaviour {
                everything: Some(503),
                ..Behaviour::default()
            },
        ),
    ];
    let mut tallies: Vec<Tally> = faults.iter().map(|_| Tally::default()).collect();
    let mut random = 0x2545_f491_u64;
    let mut next = move |n: usize| {
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        (random % n as u64) as usize
    };
    let mut given = 0;
    for round in 0..66 {
        if round % 11 == 10 {
            hub.publish(&packs[(round / 11) % 2]);
        }
        let pick = next(faults.len());
        let (_, behaviour) = &faults[pick];
        hub.set(|b| {
            *b = Behaviour {
                blobs: behaviour.blobs.clone(),
                leads: behaviour.leads.clone(),
                manifest: behaviour.manifest.clone(),
                everything: behaviour.everything,
                drip_answers: behaviour.drip_answers,
            }
        });
        let new = next(3);
        kiosk.give_leads(new).await;
        given += new;
        let result = kiosk.sync().await;
        tallies[pick].rounds += 1;
        tallies[pick].failed_syncs += u32::from(result.is_err());

        // Nothing lost: every lead given is in the store, and every one
        // marked synced is at the hub.
        let stored = kiosk.store.leads().await.unwrap();
        assert_eq!(stored.len(), given, "round {round}");
        let at_hub = hub.leads();
        let unsynced: Vec<uuid::Uuid> = kiosk
            .store
            .unsynced_leads_after(0, 100_000)
            .await
            .unwrap()
            .iter()
            .map(|(_, lead)| lead.id)
            .collect();
        for lead in stored.iter().filter(|lead| !unsynced.contains(&lead.id)) {
            assert!(
                at_hub.contains(&lead.id),
                "round {round}: a lead marked synced is not at the hub"
            );
        }
        assert_eq!(
            kiosk.written_outside(),
            Vec::<PathBuf>::new(),
            "round {round}"
        );
        assert!(kiosk.staging_left().is_empty(), "round {round}");
        if result
            .as_ref()
            .is_ok_and(|report| report.installed.is_some())
        {
            kiosk.assert_shown_pack_is_whole();
        }
    }
    // An honest hub at the end takes every lead exactly once.
    hub.set(|b| *b = Behaviour::default());
    kiosk.sync().await.unwrap();
    assert_eq!(kiosk.unsynced().await, 0);
    let mut at_hub = hub.leads();
    at_hub.sort();
    at_hub.dedup();
    assert_eq!(at_hub.len(), given, "each lead once at the hub");
    kiosk.assert_shown_pack_is_whole();

    eprintln!("fault            rounds  failed syncs");
    for ((name, _), tally) in faults.iter().zip(&tallies) {
        eprintln!("{name:<16} {:>6}  {:>12}", tally.rounds, tally.failed_syncs);
    }
    eprintln!("leads given {given}, lost 0, files written outside the data folder 0");
}
