//! A visitor leaves their interest by tapping the on-screen keyboard, in
//! each language; the store holds exactly what the screen confirmed.

use std::time::{Duration, Instant};

use city_core::Lang;
use city_core::i18n::Key;
use city_core::leads::csv::CsvStyle;
use city_core::store::Store;
use city_kiosk::app::{Kiosk, Message, Route};
use city_kiosk::screen::interest::{Field, Stage};
use iced::Point;
use iced_test::simulator;

use crate::support::{
    IDLE_TIMEOUT, LANDSCAPE, drag, kiosk_with_store, options, runtime, send, shows, tap, touch,
};

fn t(kiosk: &Kiosk, key: Key) -> String {
    kiosk.pack().ui.text(kiosk.lang(), key)
}

/// Taps a text field by its box.
fn tap_field(kiosk: &mut Kiosk, field: Field) {
    let center = {
        let mut ui = crate::support::simulator(kiosk, LANDSCAPE);
        let target = ui.find(field.id()).expect("the field is on screen");
        iced_test::selector::Bounded::visible_bounds(&target)
            .expect("visible")
            .center()
    };
    touch(kiosk, LANDSCAPE, |ui| {
        ui.point_at(center);
        ui.simulate(simulator::click());
    });
    assert_eq!(kiosk.interest().focus(), Some(field));
}

/// Types with the on-screen keyboard: one tap per key; an uppercase
/// letter is Shift then the letter.
fn type_on_screen(kiosk: &mut Kiosk, text: &str) {
    let shift = t(kiosk, Key::KeyShift);
    for c in text.chars() {
        if c.is_uppercase() {
            // Shift turns the keys' labels to capitals.
            tap(kiosk, LANDSCAPE, &shift);
            tap(kiosk, LANDSCAPE, &c.to_string());
        } else {
            tap(kiosk, LANDSCAPE, &c.to_string());
        }
    }
}

fn stored_rows(kiosk_data: &std::path::Path) -> Vec<Vec<String>> {
    runtime().block_on(async {
        let store = Store::open_in(kiosk_data).await.unwrap();
        let (bytes, _) = store
            .export_csv(Vec::new(), CsvStyle::default(), None)
            .await
            .unwrap();
        String::from_utf8(bytes)
            .unwrap()
            .split("\r\n")
            .skip(1)
            .filter(|line| !line.is_empty())
            .map(|line| line.split(';').map(str::to_string).collect())
            .collect()
    })
}

#[test]
fn a_visitor_sends_their_interest_with_the_on_screen_keyboard_in_every_language() {
    let names = [
        (Lang::Sl, "Žiga"),
        (Lang::De, "Jürgen"),
        (Lang::Hu, "Ödön"),
        (Lang::En, "Ann"),
    ];
    for (lang, name) in names {
        let data = tempfile::tempdir().unwrap();
        let mut kiosk = kiosk_with_store(options(data.path()));
        send(
            &mut kiosk,
            Message::Attract(city_kiosk::screen::attract::Message::Start),
        );
        send(&mut kiosk, Message::Language(lang));
        send(&mut kiosk, Message::Go(Route::Town("ptuj".into())));

        // "Send me more about Ptuj" opens the form with Ptuj chosen.
        let town_name = kiosk
            .pack()
            .town("ptuj")
            .unwrap()
            .name
            .get(lang)
            .to_string();
        let send_more = kiosk.pack().ui.format(
            lang,
            Key::TownSendMore,
            &[("town", town_name.as_str().into())],
        );
        tap(&mut kiosk, LANDSCAPE, &send_more);
        assert_eq!(kiosk.route(), Route::Interest);
        assert!(kiosk.interest().form().towns.contains("ptuj"));
        assert_eq!(kiosk.interest().focus(), Some(Field::Email), "{lang}");

        type_on_screen(&mut kiosk, "ana");
        tap(&mut kiosk, LANDSCAPE, "@");
        type_on_screen(&mut kiosk, "ptuj");
        tap(&mut kiosk, LANDSCAPE, ".si");
        tap_field(&mut kiosk, Field::Name);
        type_on_screen(&mut kiosk, name);
        assert_eq!(kiosk.interest().form().email, "ana@ptuj.si");
        assert_eq!(kiosk.interest().form().name, name);

        let label = t(&kiosk, Key::KeyDone);
        tap(&mut kiosk, LANDSCAPE, &label);
        let consent = kiosk.pack().consent.contact.get(lang).to_string();
        tap(&mut kiosk, LANDSCAPE, &consent);
        let label = t(&kiosk, Key::InterestSend);
        tap(&mut kiosk, LANDSCAPE, &label);

        // The thank-you shows only after the store committed the lead.
        assert_eq!(kiosk.interest().stage(), Stage::Thanks, "{lang}");
        assert!(shows(&kiosk, LANDSCAPE, &t(&kiosk, Key::ThanksTitle)));
        assert!(
            !shows(&kiosk, LANDSCAPE, "ana@ptuj.si"),
            "the details left the screen"
        );
        let rows = stored_rows(data.path());
        assert_eq!(rows.len(), 1, "{lang}");
        let row = &rows[0];
        assert_eq!(row[4], lang.code(), "language");
        assert_eq!(row[5], "ana@ptuj.si");
        assert_eq!(row[6], name);
        assert_eq!(row[8], "ptuj");
        assert_eq!(row[14], "2026-11-24", "consent version");
        assert_eq!(
            (row[15].as_str(), row[16].as_str()),
            ("yes", "no"),
            "only the contact consent"
        );
        assert_eq!(row[2], "test-kiosk");

        // After the thank-you, an empty form for the next visitor.
        let label = t(&kiosk, Key::ThanksDone);
        tap(&mut kiosk, LANDSCAPE, &label);
        assert_eq!(kiosk.route(), Route::Home);
        assert_eq!(kiosk.interest().form(), &Default::default());
    }
}

#[test]
fn the_form_says_why_it_cannot_be_sent_and_stores_nothing_until_it_can() {
    let data = tempfile::tempdir().unwrap();
    let mut kiosk = kiosk_with_store(options(data.path()));
    send(
        &mut kiosk,
        Message::Attract(city_kiosk::screen::attract::Message::Start),
    );
    tap(&mut kiosk, LANDSCAPE, "Send me information");
    assert_eq!(kiosk.route(), Route::Interest);

    // A malformed address.
    type_on_screen(&mut kiosk, "ana");
    tap(&mut kiosk, LANDSCAPE, "@");
    type_on_screen(&mut kiosk, "ptuj");
    tap(&mut kiosk, LANDSCAPE, "Done");
    tap(&mut kiosk, LANDSCAPE, "Send");
    assert!(shows(
        &kiosk,
        LANDSCAPE,
        "This does not look like an e-mail address. Please check it."
    ));
    assert!(shows(
        &kiosk,
        LANDSCAPE,
        "Please agree to be contacted, so that the towns can answer you."
    ));
    assert_eq!(kiosk.interest().stage(), Stage::Editing);
    assert_eq!(
        kiosk.interest().focus(),
        Some(Field::Email),
        "the keyboard returns to the address"
    );

    // A good address, but still no consent.
    tap(&mut kiosk, LANDSCAPE, ".si");
    tap(&mut kiosk, LANDSCAPE, "Done");
    tap(&mut kiosk, LANDSCAPE, "Send");
    assert!(!shows(
        &kiosk,
        LANDSCAPE,
        "This does not look like an e-mail address. Please check it."
    ));
    assert!(shows(
        &kiosk,
        LANDSCAPE,
        "Please agree to be contacted, so that the towns can answer you."
    ));
    assert!(stored_rows(data.path()).is_empty());

    // The consents are further down: the visitor scrolls with a finger
    // and ticks the newsletter alone, which is not enough.
    let newsletter = kiosk.pack().consent.newsletter.get(Lang::En).to_string();
    let contact = kiosk.pack().consent.contact.get(Lang::En).to_string();
    touch(&mut kiosk, LANDSCAPE, |ui| {
        drag(ui, Point::new(500.0, 800.0), Point::new(500.0, 300.0));
        ui.click(newsletter.as_str())
            .expect("the newsletter consent is in reach");
    });
    assert!(kiosk.interest().form().consent_newsletter);
    tap(&mut kiosk, LANDSCAPE, "Send");
    assert!(stored_rows(data.path()).is_empty());

    touch(&mut kiosk, LANDSCAPE, |ui| {
        drag(ui, Point::new(500.0, 800.0), Point::new(500.0, 300.0));
        ui.click(contact.as_str())
            .expect("the contact consent is in reach");
    });
    tap(&mut kiosk, LANDSCAPE, "Send");
    let rows = stored_rows(data.path());
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0][15].as_str(), rows[0][16].as_str()), ("yes", "yes"));
}

#[test]
fn an_abandoned_form_is_wiped_by_the_idle_timeout() {
    let data = tempfile::tempdir().unwrap();
    let mut kiosk = kiosk_with_store(options(data.path()));
    send(
        &mut kiosk,
        Message::Attract(city_kiosk::screen::attract::Message::Start),
    );
    tap(&mut kiosk, LANDSCAPE, "Send me information");
    type_on_screen(&mut kiosk, "secret");
    tap(&mut kiosk, LANDSCAPE, "@");
    assert_eq!(kiosk.interest().form().email, "secret@");

    send(
        &mut kiosk,
        Message::Tick(Instant::now() + IDLE_TIMEOUT + Duration::from_secs(1)),
    );
    assert_eq!(kiosk.route(), Route::Attract);
    assert_eq!(kiosk.interest().form(), &Default::default());
    assert!(!shows(&kiosk, LANDSCAPE, "secret@"));
    touch(&mut kiosk, LANDSCAPE, |ui| {
        ui.point_at(Point::new(700.0, 500.0));
        ui.simulate(simulator::click());
    });
    tap(&mut kiosk, LANDSCAPE, "Send me information");
    assert_eq!(
        kiosk.interest().form().email,
        "",
        "the next visitor starts empty"
    );
    assert!(stored_rows(data.path()).is_empty());
}
