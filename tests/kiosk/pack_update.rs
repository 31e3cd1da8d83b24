//! A pack from the hub is shown from the next attract loop on: never
//! under a visitor's finger.

use std::time::{Duration, Instant};

use city_core::Lang;
use city_core::config::{HubConfig, HubUrl};
use city_core::store::Store;
use city_core::sync::{HubClient, KioskState, active_pack_dir, sync_once};
use city_kiosk::app::{Kiosk, Message, Route};
use city_kiosk::screen::staff;

use crate::support::fake_hub::FakeHub;
use crate::support::{
    IDLE_TIMEOUT, LANDSCAPE, copy_dir, demo_pack, demo_pack_dir, kiosk, options, run_rounds,
    runtime, send, shows, test_day, visitor_lead,
};

#[test]
fn a_new_pack_waits_for_the_visitor_to_leave() {
    let mut kiosk = kiosk();
    send(
        &mut kiosk,
        Message::Attract(city_kiosk::screen::attract::Message::Start),
    );
    send(&mut kiosk, Message::Go(Route::Town("ptuj".into())));

    let mut newer = demo_pack();
    newer.version = "2027.01.15".into();
    let ptuj = newer
        .towns
        .iter_mut()
        .find(|town| town.id == "ptuj")
        .unwrap();
    ptuj.summary = city_core::content::Text::same_in_all(
        "Ptuj: new summary from the hub",
        newer.fallback_language,
        &newer.languages,
    );
    send(&mut kiosk, Message::PackInstalled(Box::new(newer)));

    assert_eq!(
        kiosk.pack().version,
        "2026.11.24",
        "the visitor keeps the page they read"
    );
    assert!(!shows(&kiosk, LANDSCAPE, "Ptuj: new summary from the hub"));

    send(
        &mut kiosk,
        Message::Tick(Instant::now() + IDLE_TIMEOUT + Duration::from_secs(1)),
    );
    assert_eq!(kiosk.route(), Route::Attract);
    assert_eq!(kiosk.pack().version, "2027.01.15");
    send(
        &mut kiosk,
        Message::Attract(city_kiosk::screen::attract::Message::Start),
    );
    send(&mut kiosk, Message::Go(Route::Town("ptuj".into())));
    assert!(shows(&kiosk, LANDSCAPE, "Ptuj: new summary from the hub"));
}

/// The kiosk's own sync loop, started once its store is open, against a
/// real HTTP hub on 127.0.0.1: it sends the leads of that very store,
/// hands over the pack it installed (shown after the visitor), and staff's
/// "sync now" reaches the same loop, which knows the pack is already there
/// (a loop restarted with the old pack would fetch it again).
#[test]
fn the_sync_loop_shares_the_kiosks_store_and_hands_over_its_pack() {
    let work = tempfile::tempdir().unwrap();
    let newer = work.path().join("newer");
    copy_dir(&demo_pack_dir(), &newer);
    let pack_toml = newer.join("pack.toml");
    let text = std::fs::read_to_string(&pack_toml).unwrap();
    std::fs::write(
        &pack_toml,
        text.replacen("version = \"2026.11.24\"", "version = \"2027.01.15\"", 1),
    )
    .unwrap();
    let hub = runtime().block_on(FakeHub::start());
    hub.publish(&newer);

    let data = work.path().join("data");
    let mut options = options(&data);
    options.hub = Some(HubConfig {
        url: HubUrl::parse(&hub.url).unwrap(),
        token: "kiosk-token".into(),
        ca_file: None,
        public_url: None,
        proxy: None,
    });
    let store = runtime().block_on(Store::open_in(&data)).unwrap();
    let lead = visitor_lead("ana@example.si", &["ptuj"], Lang::Sl);
    runtime().block_on(store.save_lead(&lead)).unwrap();

    let mut kiosk = Kiosk::new(demo_pack(), options, test_day(), Instant::now());
    send(
        &mut kiosk,
        Message::Attract(city_kiosk::screen::attract::Message::Start),
    );
    send(&mut kiosk, Message::Go(Route::Town("ptuj".into())));
    let task = kiosk.update(Message::StoreReady(Ok(store)));
    let mut sync = iced_runtime::task::into_stream(task).expect("the store's tasks run");

    let installed = run_rounds(&mut kiosk, &mut sync, 1);
    assert_eq!(installed, 1, "the loop hands over the pack it installed");
    assert_eq!(hub.leads(), vec![lead.id], "the kiosk's own lead was sent");
    assert_eq!(kiosk.pack().version, "2026.11.24", "not under the visitor");
    send(
        &mut kiosk,
        Message::Tick(Instant::now() + IDLE_TIMEOUT + Duration::from_secs(30)),
    );
    assert_eq!(kiosk.route(), Route::Attract);
    assert_eq!(kiosk.pack().version, "2027.01.15");

    let before = hub.requests().len();
    send(&mut kiosk, Message::Go(Route::Staff));
    send(&mut kiosk, Message::Staff(staff::Message::SyncNow));
    let installed = run_rounds(&mut kiosk, &mut sync, 1);
    let requests = hub.requests()[before..].to_vec();
    assert_eq!(installed, 0, "{requests:?}");
    assert!(
        requests
            .iter()
            .any(|request| request.starts_with("POST /v1/heartbeat")),
        "{requests:?}"
    );
    assert!(
        !requests
            .iter()
            .any(|request| request.contains("/v1/manifest") || request.contains("/v1/blobs/")),
        "the loop knows the pack it installed is there: {requests:?}"
    );
}

/// The kiosk decodes a new pack's new films with the content rules before
/// it switches the pack in: a film cut short on its way is named, and the
/// kiosk keeps showing what it has.
#[test]
fn a_pack_whose_new_film_does_not_decode_is_refused() {
    let work = tempfile::tempdir().unwrap();
    let newer = work.path().join("newer");
    copy_dir(&demo_pack_dir(), &newer);
    let film = newer.join("towns/lenart/films/lenart.mp4");
    let bytes = std::fs::read(&film).unwrap();
    std::fs::write(&film, &bytes[..bytes.len() / 2]).unwrap();
    let hub = runtime().block_on(FakeHub::start());
    hub.publish(&newer);

    let data = work.path().join("data");
    let store = runtime().block_on(Store::open_in(&data)).unwrap();
    let client = HubClient::new(&HubUrl::parse(&hub.url).unwrap(), "kiosk-token", None).unwrap();
    let kiosk = KioskState {
        data_dir: &data,
        current_pack: &demo_pack_dir(),
        pack_version: "2026.11.24",
        app_version: "test",
        media: Some(&city_decode::Decoder),
        venue: None,
        last_error: None,
    };
    let error = runtime()
        .block_on(sync_once(&client, &store, &kiosk))
        .expect_err("the pack is refused");
    let error = error.to_string();
    assert!(
        error.contains("lenart.mp4") && error.contains("cut short"),
        "{error}"
    );
    assert!(active_pack_dir(&data).is_none(), "nothing was switched in");
    let requests = hub.requests();
    assert_eq!(
        requests
            .iter()
            .filter(|request| request.contains("/v1/blobs/"))
            .count(),
        1,
        "only the changed film travelled: {requests:?}"
    );
}
