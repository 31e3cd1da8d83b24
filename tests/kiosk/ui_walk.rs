//! A visitor's walk through the kiosk, by simulated taps, swipes and
//! drags on the real widgets (iced_test), from the attract loop back to it.

use std::time::{Duration, Instant};

use city_core::Lang;
use city_core::content::Country;
use city_core::idle::IdleState;
use city_kiosk::app::{Message, Route};
use city_kiosk::screen::map;
use iced::{Point, Size, mouse};
use iced_test::simulator;

use crate::support::{IDLE_TIMEOUT, LANDSCAPE, PORTRAIT, drag, kiosk, shows, tap, tap_nth, touch};

fn center_of(kiosk: &city_kiosk::app::Kiosk, size: Size, text: &str) -> Point {
    let mut ui = crate::support::simulator(kiosk, size);
    let target = ui
        .find(text)
        .unwrap_or_else(|error| panic!("`{text}`: {error}"));
    iced_test::selector::Bounded::visible_bounds(&target)
        .unwrap_or_else(|| panic!("`{text}` is not visible"))
        .center()
}

#[test]
fn a_visitor_walks_from_attract_through_every_screen_and_back() {
    let size = LANDSCAPE;
    let mut kiosk = kiosk();
    assert_eq!(kiosk.route(), Route::Attract);
    assert!(shows(&kiosk, size, "Touch the screen to start"));

    // Any touch on the attract loop starts.
    touch(&mut kiosk, size, |ui| {
        ui.point_at(Point::new(700.0, 500.0));
        ui.simulate(simulator::click());
    });
    assert_eq!(kiosk.route(), Route::Home);
    assert!(shows(&kiosk, size, "Discover 24 towns in three countries"));
    assert!(shows(&kiosk, size, "24 towns"));

    // Filter: Austria, then Business.
    tap(&mut kiosk, size, "Austria");
    assert_eq!(kiosk.home().filter().country, Some(Country::At));
    assert!(shows(&kiosk, size, "8 towns"));
    assert!(!shows(&kiosk, size, "Ptuj"));
    tap(&mut kiosk, size, "Business");
    assert!(
        shows(&kiosk, size, "3 towns"),
        "Feldbach, Gleisdorf and Weiz"
    );
    assert!(!shows(&kiosk, size, "Hartberg"));

    // Open Weiz and swipe through its gallery with a finger.
    tap(&mut kiosk, size, "Weiz");
    assert_eq!(kiosk.route(), Route::Town("weiz".into()));
    let caption = center_of(&kiosk, size, "The basilica on the Weizberg");
    touch(&mut kiosk, size, |ui| {
        drag(
            ui,
            Point::new(caption.x + 200.0, caption.y - 150.0),
            Point::new(caption.x - 150.0, caption.y - 140.0),
        )
    });
    assert_eq!(kiosk.town().unwrap().image(), 1);
    assert!(shows(&kiosk, size, "Kunsthaus Weiz"));
    assert!(shows(&kiosk, size, "2 of 3"));
    touch(&mut kiosk, size, |ui| {
        drag(
            ui,
            Point::new(caption.x - 150.0, caption.y - 150.0),
            Point::new(caption.x + 200.0, caption.y - 150.0),
        )
    });
    assert_eq!(kiosk.town().unwrap().image(), 0);
    // A vertical drag is not a swipe.
    touch(&mut kiosk, size, |ui| {
        drag(
            ui,
            Point::new(caption.x, caption.y - 250.0),
            Point::new(caption.x + 20.0, caption.y - 50.0),
        )
    });
    assert_eq!(kiosk.town().unwrap().image(), 0);

    // The events calendar: this weekend, in Ptuj.
    tap(&mut kiosk, size, "Events");
    assert_eq!(kiosk.route(), Route::Events);
    tap(&mut kiosk, size, "This weekend");
    assert!(kiosk.events().filter().this_weekend);
    assert!(
        shows(&kiosk, size, "Carnival parade"),
        "6 February in Beltinci and Vasvár"
    );
    tap(&mut kiosk, size, "All towns  ▾");
    // "Ptuj" is in the list behind the town choice too; tap the choice's.
    tap_nth(&mut kiosk, size, "Ptuj", 2);
    assert_eq!(kiosk.events().filter().town.as_deref(), Some("ptuj"));
    assert!(shows(&kiosk, size, "1 event"));
    assert!(shows(&kiosk, size, "Kurentovanje carnival"));
    assert!(!shows(&kiosk, size, "Carnival parade"));

    // Back returns to the town the visitor came from.
    tap(&mut kiosk, size, "‹  Back");
    assert_eq!(kiosk.route(), Route::Town("weiz".into()));

    // The map: a tap on Ptuj's marker opens Ptuj.
    tap(&mut kiosk, size, "Map");
    assert_eq!(kiosk.route(), Route::Map);
    let map_bounds = {
        let mut ui = crate::support::simulator(&kiosk, size);
        let target = ui.find(map::MAP_ID).expect("the map is on screen");
        iced_test::selector::Bounded::visible_bounds(&target).unwrap()
    };
    let ptuj = map::town_positions(kiosk.pack(), map_bounds.size())
        .into_iter()
        .find(|(id, _)| id == "ptuj")
        .unwrap()
        .1;
    touch(&mut kiosk, size, |ui| {
        ui.point_at(Point::new(
            map_bounds.x + ptuj.x + 5.0,
            map_bounds.y + ptuj.y - 4.0,
        ));
        ui.simulate(simulator::click());
    });
    assert_eq!(kiosk.route(), Route::Town("ptuj".into()));

    // The kids' corner: Kurentek's story, then his town.
    tap(&mut kiosk, size, "For kids");
    assert_eq!(kiosk.route(), Route::Kids);
    tap(&mut kiosk, size, "Kurentek");
    assert_eq!(kiosk.kids().selected(), Some("ptuj"));
    assert!(shows(
        &kiosk,
        size,
        "Kurentek is the youngest Kurent in Ptuj. His fleece is as soft as a cloud and his bells are so loud that winter takes fright and runs away as soon as he starts to jump."
    ));
    tap(&mut kiosk, size, "Visit Ptuj");
    assert_eq!(kiosk.route(), Route::Town("ptuj".into()));

    // Nobody touches the kiosk: "Still there?" for the last ten seconds,
    // and a touch keeps the visitor where they are.
    let _ = kiosk.update(Message::Tick(
        Instant::now() + IDLE_TIMEOUT - Duration::from_secs(5),
    ));
    assert!(matches!(kiosk.idle_state(), IdleState::Warning { .. }));
    assert!(shows(&kiosk, size, "Still there?"));
    touch(&mut kiosk, size, |ui| {
        ui.point_at(Point::new(300.0, 300.0));
        ui.simulate(simulator::click());
    });
    assert_eq!(kiosk.idle_state(), IdleState::Active);
    assert_eq!(kiosk.route(), Route::Town("ptuj".into()));

    // Then the visitor leaves for good.
    tap(&mut kiosk, size, "DE");
    let _ = kiosk.update(Message::Tick(
        Instant::now() + IDLE_TIMEOUT + Duration::from_secs(1),
    ));
    assert_eq!(kiosk.route(), Route::Attract);
    assert_eq!(
        kiosk.lang(),
        Lang::En,
        "the language is back to the default"
    );
    assert_eq!(
        kiosk.home().filter(),
        Default::default(),
        "filters are wiped"
    );
    assert!(!kiosk.events().filter().this_weekend);
    assert!(kiosk.events().filter().town.is_none());
    assert!(kiosk.town().is_none());
    touch(&mut kiosk, size, |ui| {
        ui.point_at(Point::new(700.0, 500.0));
        ui.simulate(simulator::click());
    });
    assert!(shows(&kiosk, size, "24 towns"), "a fresh, unfiltered home");
}

#[test]
fn switching_language_keeps_the_visitor_where_they_are_on_every_screen() {
    let size = LANDSCAPE;
    let mut kiosk = kiosk();
    let _ = kiosk.update(Message::Attract(
        city_kiosk::screen::attract::Message::Start,
    ));
    let screens = [
        (
            Route::Home,
            "Entdecken Sie 24 Städte in drei Ländern",
            "Fedezzen fel 24 várost három országban",
        ),
        (Route::Town("lendava".into()), "Sehenswertes", "Látnivalók"),
        (
            Route::Events,
            "Veranstaltungen in der Region",
            "Programok a régióban",
        ),
        (
            Route::Map,
            "Die 24 Städte auf der Karte",
            "A 24 város a térképen",
        ),
        (Route::Kids, "Die Maskottchen", "Ismerd meg a kabalákat"),
    ];
    for (route, german, hungarian) in screens {
        let _ = kiosk.update(Message::Go(route.clone()));
        tap(&mut kiosk, size, "DE");
        assert_eq!(kiosk.lang(), Lang::De);
        assert_eq!(kiosk.route(), route);
        assert!(shows(&kiosk, size, german), "{route:?} in German");
        tap(&mut kiosk, size, "HU");
        assert_eq!(kiosk.route(), route);
        assert!(shows(&kiosk, size, hungarian), "{route:?} in Hungarian");
        tap(&mut kiosk, size, "SL");
        assert_eq!(kiosk.lang(), Lang::Sl);
        tap(&mut kiosk, size, "EN");
    }
    // Town names follow the language: Ptuj is Pettau in German.
    let _ = kiosk.update(Message::Go(Route::Town("ptuj".into())));
    tap(&mut kiosk, size, "DE");
    assert!(shows(&kiosk, size, "Pettau"));
}

#[test]
fn a_finger_drag_scrolls_the_towns_into_reach() {
    let size = LANDSCAPE;
    let mut kiosk = kiosk();
    let _ = kiosk.update(Message::Attract(
        city_kiosk::screen::attract::Message::Start,
    ));
    // The last tile is below the fold: not tappable yet.
    assert!(
        crate::support::simulator(&kiosk, size)
            .click("Őriszentpéter")
            .is_err()
    );
    let _ = touch(&mut kiosk, size, |ui| {
        drag(ui, Point::new(900.0, 900.0), Point::new(900.0, 150.0));
        drag(ui, Point::new(900.0, 900.0), Point::new(900.0, 150.0));
        ui.click("Őriszentpéter").expect("visible after scrolling");
    });
    assert_eq!(kiosk.route(), Route::Town("oriszentpeter".into()));
}

#[test]
fn a_portrait_kiosk_works_the_same() {
    let size = PORTRAIT;
    let mut kiosk = kiosk();
    touch(&mut kiosk, size, |ui| {
        ui.point_at(Point::new(540.0, 900.0));
        ui.simulate([
            iced::Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)),
            iced::Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left)),
        ]);
    });
    assert_eq!(kiosk.route(), Route::Home);
    tap(&mut kiosk, size, "Hungary");
    tap(&mut kiosk, size, "Körmend");
    assert_eq!(kiosk.route(), Route::Town("kormend".into()));
    tap(&mut kiosk, size, "Home");
    assert_eq!(kiosk.route(), Route::Home);
}
