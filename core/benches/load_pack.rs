//! Time to load and validate a whole content pack, images decoded included.
//!
//! `cargo bench -p city-core --bench load_pack [-- PACK_DIR [RUNS]]`
//! (default: the demo pack, 20 runs). Prints the figures; asserts nothing.

// An unwrap here stops a benchmark on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use city_core::content::load_pack;

fn main() {
    let mut args = std::env::args().skip(1).filter(|arg| arg != "--bench");
    let dir = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../media"));
    let runs: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);

    // One warm-up run fills the page cache, as on a kiosk that has started before.
    let pack = load_pack(&dir).unwrap_or_else(|invalid| panic!("{invalid}"));
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let pack = load_pack(&dir).expect("the pack stays valid");
            std::hint::black_box(pack);
            start.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "load_pack {}: {} towns, {} images, {} events; {runs} runs on {} threads",
        dir.display(),
        pack.towns.len(),
        pack.image_count(),
        pack.events.len(),
        std::thread::available_parallelism().map_or(1, usize::from),
    );
    println!(
        "  min {:.1} ms, median {:.1} ms, max {:.1} ms",
        ms(times[0]),
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1])
    );
}
