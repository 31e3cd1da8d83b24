//! What the kiosk's tests share: the demo pack, a kiosk on a fixed day,
//! and a way to touch its screen through iced_test.

// The kiosk's tests use the honest hub; its lies are for core's tests.
#[allow(dead_code)]
#[path = "../common/fake_hub.rs"]
pub mod fake_hub;
#[path = "../common/files.rs"]
mod files;
#[path = "../common/leads.rs"]
mod leads;
pub use files::copy_dir;
pub use leads::visitor_lead;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use iced::futures::StreamExt;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use city_core::content::{Pack, load_pack};
use city_kiosk::app::{Kiosk, Message, Options};
use city_kiosk::theme;
use iced::{Point, Size, touch};
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

/// Options of a test kiosk whose data folder is `data_dir`.
pub fn options(data_dir: &Path) -> Options {
    Options {
        default_language: None,
        idle_timeout: IDLE_TIMEOUT,
        kiosk_id: "test-kiosk".into(),
        venue: "Test fair, hall A".into(),
        pin_hash: None,
        retention_days: 90,
        data_dir: data_dir.to_path_buf(),
        hub: None,
        sound: city_core::config::SoundConfig::default(),
        warm_up: false,
    }
}

/// A kiosk without a store, for looking at screens.
pub fn kiosk() -> Kiosk {
    Kiosk::new(
        demo_pack(),
        options(&std::env::temp_dir().join("city-kiosk-tests")),
        test_day(),
        Instant::now(),
    )
}

/// The runtime that carries out the kiosk's tasks (store work) in tests,
/// as iced's does in the app.
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap()
    })
}

/// A kiosk with a real store in a fresh data folder.
pub fn kiosk_with_store(options: Options) -> Kiosk {
    let store = runtime()
        .block_on(city_core::store::Store::open_in(&options.data_dir))
        .unwrap();
    Kiosk::new(demo_pack(), options, test_day(), Instant::now()).with_store(store)
}

/// Sends a message and carries out every task it starts, to the end,
/// feeding their messages back, as the runtime would.
pub fn send(kiosk: &mut Kiosk, message: Message) {
    let task = kiosk.update(message);
    finish(kiosk, task);
}

fn finish(kiosk: &mut Kiosk, task: iced::Task<Message>) {
    let Some(mut stream) = iced_runtime::task::into_stream(task) else {
        return;
    };
    while let Some(action) = runtime().block_on(stream.next()) {
        if let iced_runtime::Action::Output(message) = action {
            let next = kiosk.update(message);
            finish(kiosk, next);
        }
    }
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
        send(kiosk, message);
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

pub fn finger(id: u64) -> touch::Finger {
    touch::Finger(id)
}

/// A finger put down at `from`, moved in steps to `to`, lifted.
pub fn drag(ui: &mut iced_test::Simulator<'_, Message>, from: Point, to: Point) {
    ui.point_at(from);
    ui.simulate([iced::Event::Touch(touch::Event::FingerPressed {
        id: finger(1),
        position: from,
    })]);
    for step in 1..=8 {
        let t = step as f32 / 8.0;
        let position = Point::new(from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t);
        ui.point_at(position);
        ui.simulate([iced::Event::Touch(touch::Event::FingerMoved {
            id: finger(1),
            position,
        })]);
    }
    ui.simulate([iced::Event::Touch(touch::Event::FingerLifted {
        id: finger(1),
        position: to,
    })]);
}

/// Feeds the sync loop's messages to the kiosk until `rounds` rounds are
/// done; returns how many packs it handed over.
pub fn run_rounds(
    kiosk: &mut Kiosk,
    sync: &mut (impl iced::futures::Stream<Item = iced_runtime::Action<Message>> + Unpin),
    rounds: usize,
) -> usize {
    let deadline = Instant::now() + Duration::from_secs(120);
    let (mut done, mut installed) = (0, 0);
    while done < rounds {
        assert!(Instant::now() < deadline, "no sync round within 2 minutes");
        let next = runtime()
            .block_on(async { tokio::time::timeout(Duration::from_secs(5), sync.next()).await });
        let Ok(Some(iced_runtime::Action::Output(message))) = next else {
            continue;
        };
        match &message {
            Message::Sync(city_kiosk::app::SyncEvent::Done { problems, .. }) => {
                assert!(problems.is_empty(), "{problems:?}");
                done += 1;
            }
            Message::Sync(city_kiosk::app::SyncEvent::Failed { error, .. }) => {
                panic!("sync failed: {error}")
            }
            Message::PackInstalled(_) => installed += 1,
            _ => {}
        }
        send(kiosk, message);
    }
    installed
}
