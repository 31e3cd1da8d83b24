//! The attract loop for a long time: real films, decoded and scaled by
//! GStreamer, handed to the kiosk, drawn by the software renderer at
//! 1920x1080, one player after another, as an unattended kiosk does for
//! weeks. Prints memory after warm-up and at the end; never asserts.
//!
//! `cargo bench --bench soak` plays 30 minutes of a compressed playlist:
//! every town's film replaced by a 2 s film, so the loop opens and closes a
//! player every 2 s (900 films in 30 minutes instead of about 130).
//! `SOAK_MINUTES=N` changes the length; `SOAK_FILMS=demo` plays the demo
//! pack's own films instead; `SOAK_MALLOC=default` leaves glibc's malloc
//! as it comes instead of setting it as the kiosk does. Target: growth
//! under 5 MB.

// An unwrap here stops a benchmark on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use city_core::Lang;
use city_core::content::load_pack;
use city_core::process_memory::current_memory;
use city_kiosk::app::{Kiosk, Message, Options};
use city_kiosk::memory::{heap_in_use, keep_large_buffers_out_of_the_heap};
use city_kiosk::offscreen::Offscreen;
use city_kiosk::playback::Player;
use iced::futures::StreamExt;

#[path = "../tests/common/files.rs"]
mod files;
use files::copy_dir;

/// Caches (texts, pictures of every town) fill during the first turn of
/// the playlist; memory is measured from the start of the second.
const WARM_UP_TURNS: u64 = 1;
const REPORT_EVERY: Duration = Duration::from_secs(300);
/// Memory moves by a few frame buffers from one moment to the next; each
/// figure is the median of a minute of samples, one a second.
const WINDOW: usize = 60;

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// Memory samples, one a second: resident, and what malloc has handed out.
#[derive(Default)]
struct Samples {
    resident: Vec<u64>,
    heap: Vec<u64>,
}

impl Samples {
    fn take(&mut self) {
        self.resident.push(current_memory().unwrap_or(0));
        self.heap.push(heap_in_use().unwrap_or(0));
    }

    /// Medians of the `WINDOW` samples from `from` on (resident, heap).
    fn median_from(&self, from: usize) -> (u64, u64) {
        let median = |values: &[u64]| {
            let mut window: Vec<u64> = values.iter().skip(from).take(WINDOW).copied().collect();
            window.sort_unstable();
            window.get(window.len() / 2).copied().unwrap_or(0)
        };
        (median(&self.resident), median(&self.heap))
    }

    fn median_of_last(&self) -> (u64, u64) {
        self.median_from(self.resident.len().saturating_sub(WINDOW))
    }
}

fn main() {
    let default_malloc = std::env::var("SOAK_MALLOC").is_ok_and(|malloc| malloc == "default");
    if !default_malloc {
        keep_large_buffers_out_of_the_heap();
    }
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
    let playlist = pack.attract.len() as u64;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();

    let size = iced::Size::new(1920u32, 1080u32);
    let logical = iced::Size::new(1920.0, 1080.0);
    let day = NaiveDate::from_ymd_opt(2027, 2, 3).unwrap();
    // As the kiosk's warm-up does once a run: the films then decode on the
    // threads this machine's speed gives them.
    city_kiosk::playback::decode_speed::measure_once_on(&pack);
    let mut kiosk = Kiosk::new(pack, Options::preview(Some(Lang::En)), day, Instant::now());
    let _ = kiosk.update(Message::Resized(logical));
    let mut offscreen = Offscreen::new().unwrap();
    let theme = kiosk.theme();

    println!(
        "soak: {minutes} min of the attract loop ({} films, decoder threads {}), drawn at {}x{}, malloc {}",
        if demo_films { "demo" } else { "2 s" },
        match city_kiosk::playback::decode_speed::measured() {
            Some(speed) => format!("{:?} for 1080p30", speed.threads_for(1920, 1080, 30.0)),
            None => "libav's choice".to_string(),
        },
        size.width,
        size.height,
        if default_malloc {
            "as it comes"
        } else {
            "as the kiosk sets it"
        }
    );
    let duration = Duration::from_secs_f64(minutes * 60.0);
    let start = Instant::now();
    let mut last_tick = start - Duration::from_secs(1);
    let mut last_report = start;
    let mut samples = Samples::default();
    // Index of the first sample after warm-up.
    let mut warm: Option<usize> = None;
    let mut films = 0u64;
    let mut frames = 0u64;
    let mut feed: Option<(u64, std::pin::Pin<Box<dyn iced::futures::Stream<Item = _>>>)> = None;
    while start.elapsed() < duration {
        let now = Instant::now();
        if now - last_tick >= Duration::from_secs(1) {
            let _ = kiosk.update(Message::Tick(now));
            last_tick = now;
            samples.take();
        }
        // Follow the loop's current player, as the kiosk's subscription does.
        match kiosk.attract_player().map(Player::feed) {
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
            offscreen.draw(kiosk.view_at(logical), size, &theme);
            frames += 1;
        }

        let elapsed = start.elapsed();
        if warm.is_none() && films > playlist * WARM_UP_TURNS {
            warm = Some(samples.resident.len());
            println!(
                "{:>6.1} min: warmed up ({films} films, {frames} frames drawn)",
                elapsed.as_secs_f64() / 60.0
            );
        }
        if last_report.elapsed() >= REPORT_EVERY.min(duration / 6) {
            last_report = Instant::now();
            let (resident, heap) = samples.median_of_last();
            println!(
                "{:>6.1} min: memory {:.1} MB, heap in use {:.1} MB ({films} films, {frames} frames drawn)",
                elapsed.as_secs_f64() / 60.0,
                megabytes(resident),
                megabytes(heap)
            );
        }
    }
    let (start_resident, start_heap) = samples.median_from(warm.unwrap_or(0));
    let (end_resident, end_heap) = samples.median_of_last();
    println!(
        "after warm-up: memory {:.1} MB, heap in use {:.1} MB (median of a minute)",
        megabytes(start_resident),
        megabytes(start_heap)
    );
    println!(
        "end: memory {:.1} MB, heap in use {:.1} MB after {:.1} min, {films} films, {frames} frames drawn, {} broken",
        megabytes(end_resident),
        megabytes(end_heap),
        start.elapsed().as_secs_f64() / 60.0,
        kiosk.broken_films().len()
    );
    println!(
        "growth since warm-up: {:+.1} MB (target: under 5 MB); heap in use {:+.1} MB",
        megabytes(end_resident) - megabytes(start_resident),
        megabytes(end_heap) - megabytes(start_heap)
    );
}
