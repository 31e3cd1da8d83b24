//! The attract loop for a long time: real films, decoded and scaled by
//! GStreamer, handed to the kiosk, drawn by the software renderer at
//! 1920x1080, one player after another, as an unattended kiosk does for
//! weeks. Prints memory after warm-up and at the end; never asserts.
//!
//! `cargo bench --bench soak` plays 30 minutes of a compressed playlist:
//! every town's film replaced by a 2 s film, so the loop opens and closes a
//! player every 2 s (900 films in 30 minutes instead of about 130).
//! `SOAK_MINUTES=N` changes the length; `SOAK_FILMS=demo` plays the demo
//! pack's own films instead. Target: growth under 5 MB.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use city_core::Lang;
use city_core::content::load_pack;
use city_kiosk::app::{Kiosk, Message, Options};
use city_kiosk::playback::bench::current_memory;
use city_kiosk::render::Offscreen;
use iced::futures::StreamExt;

#[path = "../tests/common/files.rs"]
mod files;
use files::copy_dir;

/// Caches fill and the allocator settles during the first loops.
const WARM_UP: Duration = Duration::from_secs(60);
const REPORT_EVERY: Duration = Duration::from_secs(300);

fn megabytes(bytes: Option<u64>) -> f64 {
    bytes.unwrap_or(0) as f64 / 1e6
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let minutes: f64 = std::env::var("SOAK_MINUTES")
        .ok()
        .and_then(|minutes| minutes.parse().ok())
        .unwrap_or(30.0);
    let demo_films = std::env::var("SOAK_FILMS").is_ok_and(|films| films == "demo");
    let work = tempfile::tempdir().unwrap();
    let pack_dir = if demo_films {
        root.join("media")
    } else {
        let pack = work.path().join("pack");
        copy_dir(&root.join("media"), &pack);
        let short = root.join("tests/fixtures/films/good-2s.mp4");
        for town in std::fs::read_dir(pack.join("towns")).unwrap() {
            let films = town.unwrap().path().join("films");
            for film in std::fs::read_dir(&films).unwrap() {
                let film = film.unwrap().path();
                if film.extension().is_some_and(|ext| ext == "mp4") {
                    std::fs::copy(&short, &film).unwrap();
                }
            }
        }
        pack
    };
    let pack = load_pack(&pack_dir).unwrap_or_else(|invalid| panic!("{invalid}"));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();

    let size = iced::Size::new(1920u32, 1080u32);
    let logical = iced::Size::new(1920.0, 1080.0);
    let day = NaiveDate::from_ymd_opt(2027, 2, 3).unwrap();
    let mut kiosk = Kiosk::new(pack, Options::preview(Some(Lang::En)), day, Instant::now());
    let _ = kiosk.update(Message::Resized(logical));
    let mut offscreen = Offscreen::new().unwrap();
    let theme = kiosk.theme();

    println!(
        "soak: {minutes} min of the attract loop ({} films), drawn at {}x{}",
        if demo_films { "demo" } else { "2 s" },
        size.width,
        size.height
    );
    let duration = Duration::from_secs_f64(minutes * 60.0);
    let start = Instant::now();
    let mut last_tick = start - Duration::from_secs(1);
    let mut last_report = start;
    let mut baseline: Option<u64> = None;
    let mut films = 0u64;
    let mut frames = 0u64;
    let mut feed: Option<(u64, std::pin::Pin<Box<dyn iced::futures::Stream<Item = _>>>)> = None;
    while start.elapsed() < duration {
        let now = Instant::now();
        if now - last_tick >= Duration::from_secs(1) {
            let _ = kiosk.update(Message::Tick(now));
            last_tick = now;
        }
        // Follow the loop's current player, as the kiosk's subscription does.
        match kiosk.attract().feed() {
            Some(current) if feed.as_ref().is_none_or(|(id, _)| *id != current.id()) => {
                films += 1;
                feed = Some((current.id(), Box::pin(current.stream())));
            }
            Some(_) => {}
            None => feed = None,
        }
        let Some((_, stream)) = feed.as_mut() else {
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let next = runtime.block_on(async {
            tokio::time::timeout(Duration::from_millis(100), stream.next()).await
        });
        if let Ok(Some((id, update))) = next {
            let _ = kiosk.update(Message::FilmUpdate(id, update));
            offscreen.frame(kiosk.view_at(logical), size, &theme);
            frames += 1;
        }

        let elapsed = start.elapsed();
        if baseline.is_none() && elapsed >= WARM_UP.min(duration / 4) {
            baseline = current_memory();
            println!(
                "{:>6.1} min: memory after warm-up {:.1} MB ({films} films, {frames} frames drawn)",
                elapsed.as_secs_f64() / 60.0,
                megabytes(baseline)
            );
        }
        if last_report.elapsed() >= REPORT_EVERY {
            last_report = Instant::now();
            println!(
                "{:>6.1} min: memory {:.1} MB ({films} films, {frames} frames drawn)",
                elapsed.as_secs_f64() / 60.0,
                megabytes(current_memory())
            );
        }
    }
    let end = current_memory();
    println!(
        "end: memory {:.1} MB after {:.1} min, {films} films, {frames} frames drawn, {} broken",
        megabytes(end),
        start.elapsed().as_secs_f64() / 60.0,
        kiosk.broken_films().len()
    );
    println!(
        "growth since warm-up: {:+.1} MB (target: under 5 MB)",
        megabytes(end) - megabytes(baseline)
    );
}
