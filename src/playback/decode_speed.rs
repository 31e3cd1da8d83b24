//! This machine's decoding speed on one thread, measured once per run of
//! the kiosk on one of its films, which then decides how many threads
//! each film's decoder gets (see `city_decode::decoder_threads`). Until it
//! is measured, films decode on as many threads as the decoder wants.

use std::path::Path;
use std::sync::OnceLock;

use city_core::content::Pack;
use city_decode::decoder_threads::{DecodeSpeed, DecoderThreads};

static MEASURED: OnceLock<DecodeSpeed> = OnceLock::new();

/// The speed measured in this run, if it is.
pub fn measured() -> Option<DecodeSpeed> {
    MEASURED.get().copied()
}

/// Measures on the first film of `pack` (if it has one) unless this run
/// has measured already.
pub fn measure_once_on(pack: &Pack) {
    if let Some(film) = pack.towns.iter().flat_map(|town| &town.films).next() {
        measure_once(&film.path);
    }
}

/// Measures on `film` unless this run has measured already.
pub fn measure_once(film: &Path) {
    if MEASURED.get().is_some() {
        return;
    }
    let measured = DecodeSpeed::measure(film);
    crate::memory::return_freed_memory();
    match measured {
        Ok(speed) => {
            let speed = *MEASURED.get_or_init(|| speed);
            let full_hd = match speed.threads_for(1920, 1080, 30.0) {
                DecoderThreads::One => "on one thread",
                DecoderThreads::Auto => "on the decoder's own number of threads",
            };
            tracing::info!(
                "one decoder thread decodes {:.0} million pixels a second here: \
                 1080p30 films decode {full_hd}",
                speed.pixels_per_second() / 1e6,
            );
        }
        // Films keep decoding on the decoder's own choice of threads.
        Err(error) => tracing::warn!("cannot measure decoding on {}: {error}", film.display()),
    }
}
