//! Staff mode: the hidden gesture, the PIN and its lockout, figures,
//! export to a drive, erasure after confirming, the venue's name.

use std::time::{Duration, Instant};

use city_core::leads::{LeadForm, Origin};
use city_core::store::Store;
use city_kiosk::app::{Kiosk, Message, Route};
use city_kiosk::screen::attract;
use city_kiosk::screen::pin::Notice;
use iced::window;

use crate::support::{LANDSCAPE, kiosk_with_store, options, runtime, send, shows, tap, touch};

const PIN: &str = "2468";

fn staff_kiosk(data: &std::path::Path) -> Kiosk {
    let mut options = options(data);
    options.pin_hash = Some(city_core::staff::hash_pin(PIN).unwrap());
    let mut kiosk = kiosk_with_store(options);
    send(&mut kiosk, Message::Attract(attract::Message::Start));
    kiosk
}

/// Holds a finger on the header's title for four seconds.
fn hold_title(kiosk: &mut Kiosk) {
    touch(kiosk, LANDSCAPE, |ui| {
        let title = ui
            .find("City Cooperation")
            .expect("the title is in the header");
        let center = iced_test::selector::Bounded::visible_bounds(&title)
            .unwrap()
            .center();
        ui.point_at(center);
        ui.simulate([iced::Event::Mouse(iced::mouse::Event::ButtonPressed(
            iced::mouse::Button::Left,
        ))]);
        ui.simulate([iced::Event::Window(window::Event::RedrawRequested(
            Instant::now() + Duration::from_secs(4),
        ))]);
        ui.simulate([iced::Event::Mouse(iced::mouse::Event::ButtonReleased(
            iced::mouse::Button::Left,
        ))]);
    });
}

fn enter_pin(kiosk: &mut Kiosk, pin: &str) {
    for digit in pin.chars() {
        tap(kiosk, LANDSCAPE, &digit.to_string());
    }
    tap(kiosk, LANDSCAPE, "OK");
}

fn save_leads(data: &std::path::Path, count: usize) {
    runtime().block_on(async {
        let store = Store::open_in(data).await.unwrap();
        for n in 0..count {
            let form = LeadForm {
                email: format!("guest{n}@example.org"),
                towns: ["lendava".to_string()].into(),
                consent_contact: true,
                ..LeadForm::default()
            };
            let lead = form
                .to_lead(&Origin {
                    kiosk_id: "test-kiosk",
                    venue: "Test fair",
                    language: city_core::Lang::De,
                    consent_version: "2026-11-24",
                    at: chrono::Utc::now(),
                })
                .unwrap();
            store.save_lead(&lead).await.unwrap();
        }
        store.close().await;
    });
}

#[test]
fn a_quick_tap_on_the_title_does_nothing_a_long_press_asks_for_the_pin() {
    let data = tempfile::tempdir().unwrap();
    let mut kiosk = staff_kiosk(data.path());
    touch(&mut kiosk, LANDSCAPE, |ui| {
        let _ = ui.click("City Cooperation");
    });
    assert!(kiosk.pin().is_none());
    hold_title(&mut kiosk);
    assert!(kiosk.pin().is_some());
    assert!(shows(&kiosk, LANDSCAPE, "Staff: enter the PIN"));
}

#[test]
fn five_wrong_pins_lock_the_pad_and_the_right_one_waits() {
    let data = tempfile::tempdir().unwrap();
    let mut kiosk = staff_kiosk(data.path());
    hold_title(&mut kiosk);
    for tries_left in (1..=4).rev() {
        enter_pin(&mut kiosk, "1111");
        assert_eq!(
            kiosk.pin().unwrap().notice(),
            Some(Notice::Wrong { tries_left })
        );
    }
    assert!(shows(&kiosk, LANDSCAPE, "Wrong PIN. 1 try left."));
    enter_pin(&mut kiosk, "1111");
    assert_eq!(
        kiosk.pin().unwrap().notice(),
        Some(Notice::Locked { minutes: 5 })
    );
    assert!(shows(
        &kiosk,
        LANDSCAPE,
        "Too many wrong PINs. Try again in 5 minutes."
    ));
    enter_pin(&mut kiosk, PIN);
    assert!(matches!(
        kiosk.pin().unwrap().notice(),
        Some(Notice::Locked { .. })
    ));
    assert_ne!(kiosk.route(), Route::Staff);
}

#[test]
fn the_lockout_survives_a_restart_of_the_kiosk() {
    let data = tempfile::tempdir().unwrap();
    let mut kiosk = staff_kiosk(data.path());
    hold_title(&mut kiosk);
    for _ in 0..5 {
        enter_pin(&mut kiosk, "1111");
    }
    assert_eq!(
        kiosk.pin().unwrap().notice(),
        Some(Notice::Locked { minutes: 5 })
    );
    drop(kiosk);

    // Power cycled: a new kiosk on the same data folder.
    let mut kiosk = staff_kiosk(data.path());
    hold_title(&mut kiosk);
    enter_pin(&mut kiosk, PIN);
    assert!(
        matches!(
            kiosk.pin().unwrap().notice(),
            Some(Notice::Locked { minutes: 5 })
        ),
        "{:?}",
        kiosk.pin().unwrap().notice()
    );
    assert_ne!(kiosk.route(), Route::Staff);
}

#[test]
fn staff_see_figures_export_to_a_drive_and_erase_what_was_exported() {
    let data = tempfile::tempdir().unwrap();
    save_leads(data.path(), 3);
    let mut kiosk = staff_kiosk(data.path());
    hold_title(&mut kiosk);
    enter_pin(&mut kiosk, PIN);
    assert_eq!(kiosk.route(), Route::Staff);
    let counts = kiosk.staff().unwrap().overview().unwrap().counts;
    assert_eq!((counts.total, counts.today, counts.only_here), (3, 3, 3));
    assert!(shows(&kiosk, LANDSCAPE, "Most asked-for towns"));
    assert!(shows(&kiosk, LANDSCAPE, "Lendava"));

    // Export to the data folder's exports (no USB stick in a test machine).
    let target = data.path().join("exports");
    tap(&mut kiosk, LANDSCAPE, &target.display().to_string());
    let files: Vec<_> = std::fs::read_dir(&target)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    let csv = std::fs::read_to_string(&files[0]).unwrap();
    assert!(csv.starts_with('\u{feff}'));
    assert_eq!(csv.matches("guest").count(), 3);
    let notice = format!("3 leads saved to {}", files[0].display());
    assert!(shows(&kiosk, LANDSCAPE, &notice), "{notice}");
    assert_eq!(
        kiosk.staff().unwrap().overview().unwrap().counts.exported,
        3
    );

    // Erasing asks first; cancelling keeps everything.
    tap(&mut kiosk, LANDSCAPE, "Erase exported leads");
    assert!(shows(
        &kiosk,
        LANDSCAPE,
        "Erase 3 exported leads from this kiosk? This cannot be undone."
    ));
    tap(&mut kiosk, LANDSCAPE, "Cancel");
    assert_eq!(kiosk.staff().unwrap().overview().unwrap().counts.total, 3);
    tap(&mut kiosk, LANDSCAPE, "Erase exported leads");
    tap(&mut kiosk, LANDSCAPE, "Yes");
    assert!(shows(&kiosk, LANDSCAPE, "3 leads erased."));
    assert_eq!(kiosk.staff().unwrap().overview().unwrap().counts.total, 0);

    // Staff rename the venue; new leads carry the new name.
    let venue_field = {
        let mut ui = crate::support::simulator(&kiosk, LANDSCAPE);
        let field = ui
            .find(iced::advanced::widget::Id::new("field-venue"))
            .unwrap();
        iced_test::selector::Bounded::visible_bounds(&field)
            .unwrap()
            .center()
    };
    touch(&mut kiosk, LANDSCAPE, |ui| {
        ui.point_at(venue_field);
        ui.simulate(iced_test::simulator::click());
    });
    for _ in 0.."Test fair, hall A".len() {
        tap(&mut kiosk, LANDSCAPE, "Delete");
    }
    tap(&mut kiosk, LANDSCAPE, "Shift");
    for key in ["B", "o", "o", "t", "h"] {
        tap(&mut kiosk, LANDSCAPE, key);
    }
    tap(&mut kiosk, LANDSCAPE, "Done");
    assert_eq!(kiosk.venue(), "Booth");
    assert!(shows(&kiosk, LANDSCAPE, "Booth"));
    let saved = runtime().block_on(async {
        Store::open_in(data.path())
            .await
            .unwrap()
            .setting("venue")
            .await
            .unwrap()
    });
    assert_eq!(saved.as_deref(), Some("Booth"), "kept across restarts");
}
