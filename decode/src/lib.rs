//! Decoding the packs' films and audio guides, without a screen: GStreamer
//! for films (`playbin`, whatever decoders the machine has), rodio for
//! guides. The kiosk plays with it; `content check`, the kiosk's sync and
//! `city-hub publish` check packs with [`Decoder`], which applies
//! `city-core`'s rules for films and guides.

pub mod audio;
pub mod bench;
pub mod decoder_threads;
pub mod film;
pub mod pipeline;
pub mod scale;
pub mod yuv;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use city_core::content::media::{FilmFormat, MediaDecoder};

/// Why a film could not be played or checked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FilmError {
    #[error("GStreamer could not start: {0}")]
    Init(String),
    #[error("file does not exist")]
    Missing,
    #[error("{0}")]
    Unplayable(String),
}

/// Starts GStreamer once per process; every later call returns the result
/// of the first.
pub fn init() -> Result<(), FilmError> {
    static STARTED: OnceLock<Result<(), String>> = OnceLock::new();
    STARTED
        .get_or_init(|| gstreamer::init().map_err(|error| error.to_string()))
        .clone()
        .map_err(FilmError::Init)
}

/// The `file://` address GStreamer opens a film by.
pub fn file_uri(path: &Path) -> Result<String, FilmError> {
    let absolute: PathBuf = path.canonicalize().map_err(|_| FilmError::Missing)?;
    url::Url::from_file_path(&absolute)
        .map(String::from)
        .map_err(|()| FilmError::Unplayable(format!("`{}` is not a file path", path.display())))
}

/// The machine's own decoders, for checking packs with core's rules.
#[derive(Debug, Clone, Copy, Default)]
pub struct Decoder;

impl MediaDecoder for Decoder {
    fn film_format(&self, path: &Path) -> Result<FilmFormat, String> {
        film::film_format(path).map_err(|error| error.to_string())
    }

    fn decode_film_ends(&self, path: &Path, duration: Duration) -> Result<u64, String> {
        film::decode_start_and_end(path, duration).map_err(|error| error.to_string())
    }

    fn audio_peak(&self, path: &Path) -> Result<f32, String> {
        audio::decode_guide(path)
            .map(|sound| sound.peak())
            .map_err(|error| error.to_string())
    }
}

/// Checks one film as the kiosk would: format and decoding.
pub fn check_film(path: &Path) -> Result<city_core::content::media::FilmInfo, String> {
    city_core::content::media::check_film(&Decoder, path)
}
