//! What the kiosk's tests share: the demo pack, a kiosk on a fixed day,
//! and a way to touch its screen through iced_test.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use city_core::content::{Pack, load_pack};
use city_kiosk::app::{Kiosk, Message, Options};
use city_kiosk::theme;
use iced::Size;
use iced_test::Simulator;

pub fn demo_pack_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("media")
}

/// The demo pack, loaded once for all tests of the binary.
pub fn demo_pack() -> Pack {
    static PACK: OnceLock<Pack> = OnceLock::new();
    PACK.get_or_init(|| load_pack(&demo_pack_dir()).unwrap_or_else(|invalid| panic!("{invalid}")))
        .clone()
}

/// A Wednesday in carnival season: Kurentovanje is on, events ahead.
pub fn test_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 2, 3).unwrap()
}

pub const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

pub fn kiosk() -> Kiosk {
    Kiosk::new(
        demo_pack(),
        Options {
            default_language: None,
            idle_timeout: IDLE_TIMEOUT,
        },
        test_day(),
        Instant::now(),
    )
}

pub const LANDSCAPE: Size = Size::new(1920.0, 1080.0);
pub const PORTRAIT: Size = Size::new(1080.0, 1920.0);
pub const SMALL: Size = Size::new(1280.0, 800.0);

/// The kiosk's screen at `size` in iced_test's simulator.
pub fn simulator(kiosk: &Kiosk, size: Size) -> Simulator<'_, Message> {
    let settings = iced::Settings {
        default_font: theme::FONT,
        ..iced::Settings::default()
    };
    Simulator::with_size(settings, size, kiosk.view_at(size))
}

/// Shows the kiosk at `size`, lets `act` touch it, then feeds every
/// message the touches produced back into the kiosk, as the runtime would.
/// Returns how many messages there were.
pub fn touch(
    kiosk: &mut Kiosk,
    size: Size,
    act: impl FnOnce(&mut Simulator<'_, Message>),
) -> usize {
    let messages: Vec<Message> = {
        let mut ui = simulator(kiosk, size);
        act(&mut ui);
        ui.into_messages().collect()
    };
    let count = messages.len();
    for message in messages {
        let _ = kiosk.update(message);
    }
    count
}

/// Taps the widget showing exactly `text`; panics if it is not visible.
pub fn tap(kiosk: &mut Kiosk, size: Size, text: &str) {
    let count = touch(kiosk, size, |ui| {
        if let Err(error) = ui.click(text) {
            panic!("cannot tap `{text}`: {error}");
        }
    });
    assert!(count > 0, "tapping `{text}` did nothing");
}

/// Whether `text` is laid out on the kiosk's screen (maybe scrolled away).
pub fn shows(kiosk: &Kiosk, size: Size, text: &str) -> bool {
    simulator(kiosk, size).find(text).is_ok()
}

/// Taps the `n`-th (from 1) widget showing exactly `text`, for texts that
/// appear more than once, e.g. in an overlay over a list.
pub fn tap_nth(kiosk: &mut Kiosk, size: Size, text: &str, n: usize) {
    let count = touch(kiosk, size, |ui| {
        let mut seen = 0;
        let selector = move |candidate: iced_test::selector::Candidate<'_>| match candidate {
            iced_test::selector::Candidate::Text {
                content,
                bounds,
                visible_bounds,
                ..
            } if content == text => {
                seen += 1;
                (seen == n).then_some(iced_test::selector::Text::Raw {
                    id: None,
                    bounds,
                    visible_bounds,
                })
            }
            _ => None,
        };
        if let Err(error) = ui.click(selector) {
            panic!("cannot tap `{text}` #{n}: {error}");
        }
    });
    assert!(count > 0, "tapping `{text}` #{n} did nothing");
}
