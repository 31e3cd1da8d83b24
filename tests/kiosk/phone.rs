//! "Continue on your phone" on the kiosk: the QR code beside the form's
//! keyboard appears once the hub has answered, carries a link the hub will
//! believe (the kiosk's id and venue, the choices made so far, signed with
//! the kiosk's token), follows the visitor's choices, and the kiosk thanks
//! the visitor when the hub says the phone's lead arrived.

use std::time::{Duration, Instant};

use city_core::config::{HubConfig, HubUrl};
use city_core::hash::Sha256;
use city_core::i18n::Key;
use city_core::phone_link::PhoneLink;
use city_core::store::Store;
use city_kiosk::app::{Kiosk, Message, Route};
use city_kiosk::screen::interest::{self, Stage};

use crate::support::fake_hub::FakeHub;
use crate::support::{
    LANDSCAPE, demo_pack, demo_pack_dir, options, run_rounds, runtime, send, shows, test_day,
};

const TOKEN: &str = "kiosk-token";

/// The screen as the renderer draws it, where `KIOSK_SCREENSHOTS` says
/// (docs/console.md's picture is made so), else nowhere.
fn keep_picture(kiosk: &Kiosk, name: &str) {
    let Some(dir) = std::env::var_os("KIOSK_SCREENSHOTS") else {
        return;
    };
    let mut offscreen = city_kiosk::offscreen::Offscreen::new().unwrap();
    let size = iced::Size::new(LANDSCAPE.width as u32, LANDSCAPE.height as u32);
    let frame = offscreen.frame(kiosk.view_at(LANDSCAPE), size, &kiosk.theme());
    frame
        .save_png(&std::path::Path::new(&dir).join(name))
        .unwrap();
}

#[test]
fn the_form_offers_the_phone_once_the_hub_answers_and_thanks_when_the_phone_sent() {
    let work = tempfile::tempdir().unwrap();
    let hub = runtime().block_on(FakeHub::start());
    hub.publish(&demo_pack_dir());
    let data = work.path().join("data");
    let mut options = options(&data);
    options.hub = Some(HubConfig {
        url: HubUrl::parse(&hub.url).unwrap(),
        token: TOKEN.into(),
        ca_file: None,
        public_url: Some(HubUrl::parse("https://hub.example.org/").unwrap()),
        proxy: None,
    });
    let kiosk_id = options.kiosk_id.clone();
    let venue = options.venue.clone();
    let store = runtime().block_on(Store::open_in(&data)).unwrap();
    let mut kiosk = Kiosk::new(demo_pack(), options, test_day(), Instant::now());
    send(
        &mut kiosk,
        Message::Attract(city_kiosk::screen::attract::Message::Start),
    );
    send(&mut kiosk, Message::Go(Route::Interest));
    let continue_here = kiosk.pack().ui.text(kiosk.lang(), Key::PhoneContinue);

    // Before the hub has answered, no code: the phone would reach nothing.
    assert!(kiosk.interest().phone_link().is_none());
    assert!(!shows(&kiosk, LANDSCAPE, &continue_here));

    let task = kiosk.update(Message::StoreReady(Ok(store)));
    let mut sync = iced_runtime::task::into_stream(task).expect("the store's tasks run");
    run_rounds(&mut kiosk, &mut sync, 1);
    send(&mut kiosk, Message::Tick(Instant::now()));
    let link = kiosk
        .interest()
        .phone_link()
        .expect("a link once the hub answered")
        .clone();
    assert!(shows(&kiosk, LANDSCAPE, &continue_here));
    assert_eq!(
        (link.kiosk.as_str(), link.venue.as_str()),
        (kiosk_id.as_str(), venue.as_str())
    );
    assert_eq!(link.lang, kiosk.lang());
    assert!(link.towns.is_empty() && link.themes.is_empty());
    // The address the code holds is one the hub believes.
    let url = link.url(&url::Url::parse("https://hub.example.org/").unwrap(), TOKEN);
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let (read, signature) =
        PhoneLink::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
    assert!(read.verify(&signature, &Sha256::of(TOKEN.as_bytes())));

    // A town chosen on the kiosk goes into a new link.
    send(
        &mut kiosk,
        Message::Interest(interest::Message::ToggleTown("ptuj".into())),
    );
    let chosen = kiosk.interest().phone_link().unwrap().clone();
    keep_picture(&kiosk, "interest-phone-en-1920x1080.png");
    assert_eq!(chosen.towns, ["ptuj"]);
    assert_ne!(chosen.lead_id, link.lead_id);

    // The phone's lead reaches the hub: the kiosk asks and says thank you.
    send(
        &mut kiosk,
        Message::Tick(Instant::now() + Duration::from_secs(5)),
    );
    assert_eq!(
        kiosk.interest().stage(),
        Stage::Editing,
        "nothing arrived yet"
    );
    hub.inner.lock().unwrap().phone_leads.push(chosen.lead_id);
    send(
        &mut kiosk,
        Message::Tick(Instant::now() + Duration::from_secs(10)),
    );
    assert_eq!(kiosk.interest().stage(), Stage::Thanks);
    assert!(shows(
        &kiosk,
        LANDSCAPE,
        &kiosk.pack().ui.text(kiosk.lang(), Key::ThanksTitle)
    ));
    assert!(
        hub.requests()
            .iter()
            .any(|request| request.contains(&format!("/v1/phone/{}", chosen.lead_id))),
        "asked about the link on screen"
    );
}
