//! Every screen in every language at the three sizes kiosks come in:
//! no text overflows or is cut off, no picture is missing, and the
//! software renderer draws each one.

use city_core::Lang;
use city_kiosk::app::{Kiosk, Message, Route};
use city_kiosk::offscreen::Offscreen;
use city_kiosk::screen::{attract, interest, kids};
use iced::Size;

use crate::support::{LANDSCAPE, PORTRAIT, SMALL, kiosk};

const SIZES: [Size; 3] = [LANDSCAPE, PORTRAIT, SMALL];

/// A kiosk showing `route` in `lang`.
fn showing(route: &Route, lang: Lang) -> Kiosk {
    let mut kiosk = kiosk();
    let _ = kiosk.update(Message::Language(lang));
    if route != &Route::Attract {
        let _ = kiosk.update(Message::Attract(attract::Message::Start));
        let _ = kiosk.update(Message::Go(route.clone()));
    }
    kiosk
}

fn pixel_size(size: Size) -> Size<u32> {
    Size::new(size.width as u32, size.height as u32)
}

/// Inspects one screen; returns a line per problem.
fn problems(offscreen: &mut Offscreen, kiosk: &Kiosk, size: Size, what: &str) -> Vec<String> {
    let found = offscreen.inspect(kiosk.view_at(size), pixel_size(size));
    let mut problems = Vec::new();
    for text in &found.overflowing {
        problems.push(format!(
            "{what}: `{}` needs {:.0}x{:.0} but has {:.0}x{:.0}",
            text.content,
            text.needed.width,
            text.needed.height,
            text.bounds.width,
            text.bounds.height
        ));
    }
    for text in &found.cut_off {
        problems.push(format!(
            "{what}: `{}` sticks out of its box at {:?}",
            text.content, text.bounds
        ));
    }
    for path in &found.missing_pictures {
        problems.push(format!("{what}: picture {} is missing", path.display()));
    }
    if found.texts.is_empty() {
        problems.push(format!("{what}: no text at all"));
    }
    problems
}

#[test]
fn every_screen_fits_in_every_language_and_size_and_draws() {
    let mut offscreen = Offscreen::new().unwrap();
    let pack = kiosk().pack().clone();
    let mut failures = Vec::new();
    let mut drawn = 0;
    for lang in Lang::ALL {
        for size in SIZES {
            let routes = [
                Route::Attract,
                Route::Home,
                Route::Events,
                Route::Map,
                Route::Kids,
                Route::Interest,
                Route::Staff,
            ];
            for route in routes {
                let kiosk = showing(&route, lang);
                let what = format!("{route:?} {lang} {}x{}", size.width, size.height);
                failures.extend(problems(&mut offscreen, &kiosk, size, &what));
                let frame = offscreen.frame(kiosk.view_at(size), pixel_size(size), &kiosk.theme());
                assert_eq!(frame.rgba.len(), (size.width * size.height * 4.0) as usize);
                assert!(distinct_colours(&frame.rgba) > 50, "{what} looks blank");
                drawn += 1;
            }
            for town in &pack.towns {
                let kiosk = showing(&Route::Town(town.id.clone()), lang);
                failures.extend(problems(
                    &mut offscreen,
                    &kiosk,
                    size,
                    &format!("town {} {lang} {}x{}", town.id, size.width, size.height),
                ));
            }
            // Open overlays: a mascot's story, the events' town choice, "Still there?".
            let mut story = showing(&Route::Kids, lang);
            let _ = story.update(Message::Kids(kids::Message::Select("lenart".into())));
            failures.extend(problems(
                &mut offscreen,
                &story,
                size,
                &format!("mascot story {lang}"),
            ));
            let mut choice = showing(&Route::Events, lang);
            let _ = choice.update(Message::Events(
                city_kiosk::screen::events::Message::ChooseTown,
            ));
            failures.extend(problems(
                &mut offscreen,
                &choice,
                size,
                &format!("town choice {lang}"),
            ));
            // The form after a failed send (every error shown), without the
            // keyboard; the PIN pad; the town choice of the form.
            let mut form = showing(&Route::Interest, lang);
            let _ = form.update(Message::Interest(interest::Message::Calendar(Some(
                city_core::leads::CalendarBy::Post,
            ))));
            let _ = form.update(Message::Interest(interest::Message::Submit));
            let _ = form.update(Message::Interest(interest::Message::Key(
                city_core::keyboard::Key::Done,
            )));
            failures.extend(problems(
                &mut offscreen,
                &form,
                size,
                &format!("form errors {lang}"),
            ));
            let mut towns = showing(&Route::Interest, lang);
            let _ = towns.update(Message::Interest(interest::Message::Choose(Some(
                interest::Choice::Towns,
            ))));
            failures.extend(problems(
                &mut offscreen,
                &towns,
                size,
                &format!("form towns {lang}"),
            ));
            let mut pad = showing(&Route::Home, lang);
            let _ = pad.update(Message::OpenStaff);
            failures.extend(problems(
                &mut offscreen,
                &pad,
                size,
                &format!("pin pad {lang}"),
            ));
            let mut idle = showing(&Route::Home, lang);
            let _ = idle.update(Message::Tick(
                std::time::Instant::now() + crate::support::IDLE_TIMEOUT
                    - std::time::Duration::from_secs(3),
            ));
            failures.extend(problems(
                &mut offscreen,
                &idle,
                size,
                &format!("still there {lang}"),
            ));
        }
    }
    assert_eq!(drawn, 4 * 3 * 7);
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_inspection_catches_overflow_and_missing_pictures() {
    // The checks above must be able to fail: a long word in a narrow box,
    // and a picture whose file is gone.
    use city_kiosk::widget::{checked_text, picture};
    use iced::widget::{column, container, text};
    let mut offscreen = Offscreen::new().unwrap();
    let narrow: iced::Element<'_, ()> = container(checked_text(
        text("Donaudampfschifffahrtsgesellschaft").size(40),
    ))
    .width(120)
    .into();
    let found = offscreen.inspect(narrow, Size::new(400, 300));
    assert_eq!(found.overflowing.len(), 1);

    let short: iced::Element<'_, ()> =
        container(checked_text(text("one\ntwo\nthree\nfour").size(40)))
            .height(60)
            .into();
    assert_eq!(
        offscreen
            .inspect(short, Size::new(400, 300))
            .overflowing
            .len(),
        1
    );

    let gone: iced::Element<'_, ()> = column![
        picture(std::path::Path::new("/nonexistent/ptuj.jpg"))
            .width(100)
            .height(100)
    ]
    .into();
    let found = offscreen.inspect(gone, Size::new(400, 300));
    assert_eq!(found.missing_pictures.len(), 1);

    // A text pinned near the right edge of a narrow box: iced squeezes it
    // into the room left, and the inspection reports the text either way.
    let pinned: iced::Element<'_, ()> =
        container(iced::widget::pin(checked_text(text("Lendava").size(30))).x(350))
            .width(400)
            .height(100)
            .into();
    let found = offscreen.inspect(pinned, Size::new(800, 300));
    let reported: Vec<_> = found
        .overflowing
        .iter()
        .chain(&found.cut_off)
        .map(|text| text.content.as_str())
        .collect();
    assert_eq!(reported, ["Lendava"], "{found:?}");

    let fits: iced::Element<'_, ()> = container(checked_text(text("Ptuj").size(40)))
        .width(300)
        .into();
    let found = offscreen.inspect(fits, Size::new(400, 300));
    assert!(found.overflowing.is_empty() && found.cut_off.is_empty());
}

fn distinct_colours(rgba: &[u8]) -> usize {
    let mut colours: Vec<[u8; 3]> = rgba
        .chunks_exact(4)
        .step_by(97)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}
