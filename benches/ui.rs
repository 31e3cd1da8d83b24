//! The kiosk's drawing speed, printed, never asserted:
//! - time from process start to the first frame in a real window (X,
//!   Vulkan on Mesa), over several starts;
//! - time to lay out, draw and rasterise each screen at 1920x1080 with the
//!   software renderer (tiny-skia), first frame and steady state;
//! - a film frame's way from the decoder's I420 to the RGBA the renderer
//!   draws: scaling to the size it is shown at, converting its colours.
//!
//! `cargo bench --bench ui` (builds the release kiosk). Targets: first
//! frame under 1 s, every screen under 16 ms.

// An unwrap here stops a benchmark on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

#[path = "../tests/kiosk/xserver.rs"]
mod xserver;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use city_core::Lang;
use city_core::content::load_pack;
use city_kiosk::app::{Kiosk, Message, Options, Route};
use city_kiosk::offscreen::{FrameTimes, Offscreen};
use iced::Size;

const STARTS: usize = 5;
const FRAMES: usize = 30;

fn main() {
    let pack_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("media");
    first_frame(&pack_dir);
    screens(&pack_dir);
    film_frames();
    lead_submit(&pack_dir);
}

/// A decoded film frame (noise, so that no branch predicts it) scaled and
/// converted as the player does, for the attract loop (no scaling), the
/// town film screen (1080p shown at 1600x900) and the demo pack's 720p
/// films full screen.
fn film_frames() {
    use city_decode::scale::Scaler;
    use city_decode::yuv::{I420, YuvToRgb};
    const PICTURES: usize = 100;
    let mut state = 0x9e37_79b9_u32;
    let mut noise = |length: usize| -> Vec<u8> {
        (0..length)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state >> 24) as u8
            })
            .collect()
    };
    gstreamer::init().expect("GStreamer starts");
    // What a 1080p film without stated colours gets: BT.709, limited.
    let info = gstreamer_video::VideoInfo::builder(gstreamer_video::VideoFormat::I420, 1920, 1080)
        .build()
        .expect("an I420 frame's description");
    let matrix = YuvToRgb::for_frames(&info).expect("I420 converts");
    println!(
        "film frames, I420 to the RGBA drawn, median of {PICTURES} (scaling with AVX2: {}):",
        city_decode::scale::is_fast()
    );
    for ((width, height), shown) in [
        ((1920, 1080), (1920, 1080)),
        ((1920, 1080), (1600, 900)),
        ((1280, 720), (1920, 1080)),
    ] {
        let chroma = (width / 2) * (height / 2);
        let planes = [noise(width * height), noise(chroma), noise(chroma)];
        let decoded = I420 {
            width,
            height,
            y: (&planes[0], width),
            u: (&planes[1], width / 2),
            v: (&planes[2], width / 2),
        };
        let mut scaler = Scaler::new(shown.0, shown.1);
        let mut rgba = vec![0; shown.0 * shown.1 * 4];
        let (mut scaling, mut converting) = (Vec::new(), Vec::new());
        for _ in 0..PICTURES {
            let start = Instant::now();
            let picture = scaler.scale(&decoded);
            let scaled = Instant::now();
            picture.to_rgba(&matrix, &mut rgba);
            converting.push(scaled.elapsed());
            scaling.push(scaled - start);
        }
        scaling.sort();
        converting.sort();
        println!(
            "  {width}x{height} shown at {}x{}: scale {:>5.2} ms, convert {:>5.2} ms",
            shown.0,
            shown.1,
            ms(scaling[PICTURES / 2]),
            ms(converting[PICTURES / 2])
        );
    }
}

/// From the tap on Send to the thank-you: validation, the durable commit
/// in the store, and the screen's update, as the kiosk does it.
fn lead_submit(pack_dir: &Path) {
    use city_kiosk::screen::interest;
    use iced::futures::StreamExt;
    const LEADS: usize = 100;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let data = tempfile::tempdir().unwrap();
    let store = runtime
        .block_on(city_core::store::Store::open_in(data.path()))
        .unwrap();
    let mut options = Options::preview(Some(Lang::En));
    options.data_dir = data.path().to_path_buf();
    let day = NaiveDate::from_ymd_opt(2027, 2, 3).unwrap();
    let mut kiosk =
        Kiosk::new(load_pack(pack_dir).unwrap(), options, day, Instant::now()).with_store(store);
    let mut times = Vec::with_capacity(LEADS);
    let run = |kiosk: &mut Kiosk, message: Message| {
        let mut pending = vec![kiosk.update(message)];
        while let Some(task) = pending.pop() {
            if let Some(mut stream) = iced_runtime::task::into_stream(task) {
                while let Some(action) = runtime.block_on(stream.next()) {
                    if let iced_runtime::Action::Output(message) = action {
                        pending.push(kiosk.update(message));
                    }
                }
            }
        }
    };
    for n in 0..LEADS {
        run(&mut kiosk, Message::Go(Route::Interest));
        run(
            &mut kiosk,
            Message::Interest(interest::Message::Typed(format!("visitor{n}@example.org"))),
        );
        run(
            &mut kiosk,
            Message::Interest(interest::Message::ConsentContact),
        );
        let start = Instant::now();
        run(&mut kiosk, Message::Interest(interest::Message::Submit));
        assert_eq!(kiosk.interest().stage(), interest::Stage::Thanks);
        times.push(start.elapsed());
        run(&mut kiosk, Message::Interest(interest::Message::Done));
    }
    times.sort();
    println!(
        "lead submit (tap Send to thank-you, {LEADS} leads, committed with synchronous=FULL): median {:.2} ms, 95th {:.2} ms, max {:.2} ms",
        ms(times[LEADS / 2]),
        ms(times[LEADS * 95 / 100]),
        ms(times[LEADS - 1])
    );
}

fn first_frame(pack_dir: &Path) {
    let x = xserver::XServer::get();
    let work = tempfile::tempdir().unwrap();
    let config = work.path().join("kiosk.toml");
    std::fs::write(
        &config,
        format!(
            "[kiosk]\nid = \"bench\"\nvenue = \"Bench\"\n[content]\ndir = \"{}\"\n[data]\ndir = \"{}\"\n",
            pack_dir.display(),
            work.path().join("data").display()
        ),
    )
    .unwrap();
    let mut times = Vec::new();
    for _ in 0..STARTS {
        let start = Instant::now();
        let mut kiosk = Command::new(env!("CARGO_BIN_EXE_city-kiosk"))
            .arg("--config")
            .arg(&config)
            .env("DISPLAY", &x.display)
            .env("XDG_RUNTIME_DIR", work.path())
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = kiosk.stderr.take().unwrap();
        let drawn = BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
            .any(|line| line.contains("first frame drawn"));
        let elapsed = start.elapsed();
        let _ = kiosk.kill();
        let _ = kiosk.wait();
        assert!(drawn, "the kiosk never drew a frame");
        times.push(elapsed);
    }
    times.sort();
    println!(
        "first frame (process start to first frame, {STARTS} starts, window 1920x1080 on {}): min {:.0} ms, median {:.0} ms, max {:.0} ms",
        x.display,
        ms(times[0]),
        ms(times[STARTS / 2]),
        ms(times[STARTS - 1])
    );
}

fn screens(pack_dir: &Path) {
    let pack = load_pack(pack_dir).unwrap();
    let mut offscreen = Offscreen::new().unwrap();
    let size = Size::new(1920u32, 1080);
    let day = NaiveDate::from_ymd_opt(2027, 2, 3).unwrap();
    println!(
        "screens at 1920x1080, software renderer (tiny-skia), {FRAMES} frames each after the first:"
    );
    println!(
        "  {:<22} {:>10} {:>10} {:>10} {:>10} {:>12}",
        "screen", "layout", "draw", "raster", "total", "first frame"
    );
    let routes = [
        Route::Attract,
        Route::Home,
        Route::Town("ptuj".into()),
        Route::Events,
        Route::Map,
        Route::Kids,
    ];
    for route in routes {
        let mut kiosk = Kiosk::new(
            pack.clone(),
            Options::preview(Some(Lang::En)),
            day,
            Instant::now(),
        );
        if route != Route::Attract {
            let _ = kiosk.update(Message::Go(route.clone()));
        }
        let logical = Size::new(size.width as f32, size.height as f32);
        let first = offscreen.draw(kiosk.view_at(logical), size, &kiosk.theme());
        let mut frames: Vec<FrameTimes> = (0..FRAMES)
            .map(|_| offscreen.draw(kiosk.view_at(logical), size, &kiosk.theme()))
            .collect();
        frames.sort_by_key(FrameTimes::total);
        let median = frames[FRAMES / 2];
        println!(
            "  {:<22} {:>7.1} ms {:>7.1} ms {:>7.1} ms {:>7.1} ms {:>9.1} ms",
            format!("{route:?}"),
            ms(median.layout),
            ms(median.draw),
            ms(median.raster),
            ms(median.total()),
            ms(first.total())
        );
    }
    warmed_first_frames(&pack, size, day);
}

/// As the kiosk starts: the first screens' pictures prepared by the
/// warm-up thread, then each screen's first frame in a window that has
/// drawn only the attract loop so far.
fn warmed_first_frames(pack: &city_core::content::Pack, size: Size<u32>, day: NaiveDate) {
    use city_kiosk::warm_up::{FIRST_SCREENS, draw_first_screens};
    city_kiosk::widget::picture::clear_cache();
    let logical = Size::new(size.width as f32, size.height as f32);
    let started = Instant::now();
    draw_first_screens(pack, logical, day).unwrap();
    println!(
        "warm-up of the first screens (a background thread at start): {:.0} ms",
        ms(started.elapsed())
    );
    let mut window = Offscreen::new().unwrap();
    let attract = Kiosk::new(
        pack.clone(),
        Options::preview(Some(Lang::En)),
        day,
        Instant::now(),
    );
    let _ = window.draw(attract.view_at(logical), size, &attract.theme());
    for route in FIRST_SCREENS {
        let mut kiosk = Kiosk::new(
            pack.clone(),
            Options::preview(Some(Lang::En)),
            day,
            Instant::now(),
        );
        let _ = kiosk.update(Message::Go(route.clone()));
        let first = window.draw(kiosk.view_at(logical), size, &kiosk.theme());
        println!(
            "  {:<22} first frame after the warm-up {:>7.1} ms",
            format!("{route:?}"),
            ms(first.total())
        );
    }
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}
