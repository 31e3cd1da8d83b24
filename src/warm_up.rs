//! The screens a visitor opens first, drawn once off screen on a
//! background thread when the kiosk starts, gets a new pack or a new
//! window size: their pictures are then scaled before anyone asks for
//! them, and the first frame of such a screen costs what any frame costs
//! instead of a quarter of a second of scaling on the screen's thread.
//! After them, once a run, it times this machine decoding one of the
//! pack's films on one thread (`playback::decode_speed`).

use std::time::Instant;

use chrono::NaiveDate;
use city_core::content::Pack;
use iced::Size;

use crate::app::{Kiosk, Message, Options, Route};
use crate::offscreen::Offscreen;

/// What a visitor reaches with one touch from the attract loop. A town's
/// page is left out: its first frame scales two or three pictures, under
/// the 50 ms a touch may take.
pub const FIRST_SCREENS: [Route; 4] = [Route::Home, Route::Kids, Route::Events, Route::Map];

/// Draws [`FIRST_SCREENS`] of `pack` at `size` off screen, which leaves
/// their pictures in the picture cache the window draws from.
pub fn draw_first_screens(pack: &Pack, size: Size, today: NaiveDate) -> anyhow::Result<()> {
    let mut offscreen = Offscreen::new()?;
    for route in FIRST_SCREENS {
        // The home screen's tiles get their size from the window's width
        // alone; drawn four times as tall, all 24 towns' tiles are in view
        // on a kiosk's screen (at 1920x1080 four rows of six, at 1080x1920
        // twelve rows of two), so scrolling down scales nothing either.
        // The other screens change their layout for a portrait window.
        let size = match route {
            Route::Home => Size::new(size.width, size.height * 4.0),
            _ => size,
        };
        draw_screen(&mut offscreen, pack, route, size, today);
    }
    Ok(())
}

/// Draws `route` of a new kiosk on `pack` at `size` into `offscreen`.
fn draw_screen(offscreen: &mut Offscreen, pack: &Pack, route: Route, size: Size, today: NaiveDate) {
    let pixels = Size::new(
        size.width.round().max(1.0) as u32,
        size.height.round().max(1.0) as u32,
    );
    let kiosk = kiosk_showing(pack, route, size, today);
    let _ = offscreen.draw(kiosk.view_at(size), pixels, &kiosk.theme());
}

/// A new kiosk on `pack` in a window of `size`, showing `route`.
pub(crate) fn kiosk_showing(pack: &Pack, route: Route, size: Size, today: NaiveDate) -> Kiosk {
    let mut kiosk = Kiosk::new(pack.clone(), Options::preview(None), today, Instant::now());
    let _ = kiosk.update(Message::Resized(size));
    let _ = kiosk.update(Message::Go(route));
    kiosk
}

/// [`draw_first_screens`] on a thread of its own at a low priority, so
/// that the film playing meanwhile keeps its pace; then, once a run, how
/// fast this machine decodes one of the pack's films on one thread.
pub fn in_background(pack: Pack, size: Size, today: NaiveDate) {
    let spawned = std::thread::Builder::new()
        .name("warm-up".into())
        .spawn(move || {
            lower_this_threads_priority();
            let started = Instant::now();
            match draw_first_screens(&pack, size, today) {
                Ok(()) => tracing::info!(
                    "pictures of the first screens prepared in {} ms",
                    started.elapsed().as_millis()
                ),
                Err(error) => tracing::warn!("cannot prepare the first screens: {error:#}"),
            }
            // After the drawing, so that neither slows the other down.
            crate::playback::decode_speed::measure_once_on(&pack);
        });
    if let Err(error) = spawned {
        tracing::warn!("cannot start preparing the first screens: {error}");
    }
}

/// Makes the calling thread yield to the screen's and the films' threads.
pub fn lower_this_threads_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority only changes the scheduling of the calling
    // thread (Linux applies it per thread to the id gettid gives).
    unsafe {
        let _ = libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}

/// The demo pack and a day of its calendar, for the tests that draw it.
#[cfg(test)]
pub(crate) fn demo_pack_on_a_day() -> (Pack, NaiveDate) {
    let pack = city_core::content::load_pack(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("media"),
    )
    .expect("the demo pack loads");
    (pack, NaiveDate::from_ymd_opt(2027, 2, 3).expect("a date"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::widget::picture::pictures_scaled_on_this_thread;

    #[test]
    fn after_the_warm_up_the_first_screens_scale_no_picture() {
        let (pack, today) = demo_pack_on_a_day();
        let size = Size::new(1280.0, 720.0);
        let before = pictures_scaled_on_this_thread();
        draw_first_screens(&pack, size, today).unwrap();
        let warm_up = pictures_scaled_on_this_thread() - before;
        // Every town's tile on the home screen, and the mascots.
        assert!(warm_up >= 24, "the warm-up scaled {warm_up} pictures");
        // The window's renderer is another than the warm-up's; only the
        // pictures are shared.
        let mut window = Offscreen::new().unwrap();
        for route in FIRST_SCREENS {
            draw_screen(&mut window, &pack, route.clone(), size, today);
            assert_eq!(
                pictures_scaled_on_this_thread() - before,
                warm_up,
                "{route:?} scaled a picture the warm-up should have prepared"
            );
        }
        // The home screen scrolled to its end: as tall as all its tiles.
        draw_screen(
            &mut window,
            &pack,
            Route::Home,
            Size::new(1280.0, 2880.0),
            today,
        );
        assert_eq!(
            pictures_scaled_on_this_thread() - before,
            warm_up,
            "the home screen's lower tiles were not prepared"
        );
    }
}
