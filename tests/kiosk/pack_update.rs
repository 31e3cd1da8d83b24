//! A pack from the hub is shown from the next attract loop on: never
//! under a visitor's finger.

use std::time::{Duration, Instant};

use city_kiosk::app::{Message, Route};

use crate::support::{IDLE_TIMEOUT, LANDSCAPE, demo_pack, kiosk, send, shows};

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
    assert_eq!(kiosk.route(), &Route::Attract);
    assert_eq!(kiosk.pack().version, "2027.01.15");
    send(
        &mut kiosk,
        Message::Attract(city_kiosk::screen::attract::Message::Start),
    );
    send(&mut kiosk, Message::Go(Route::Town("ptuj".into())));
    assert!(shows(&kiosk, LANDSCAPE, "Ptuj: new summary from the hub"));
}
