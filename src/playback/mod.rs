//! Films and audio guides: decoding and playing them, and telling a broken
//! file from a playable one before a visitor ever sees it.
//!
//! Films are decoded by GStreamer (`playbin`, whatever decoders the machine
//! has) into RGBA frames at the size they are shown, handed to iced as
//! images. That works with both of iced's renderers: on a kiosk PC with a
//! GPU through wgpu, and on one without through tiny-skia, where a shader
//! based player would show nothing. Audio guides are decoded and played by
//! rodio.

pub mod audio;
pub mod bench;
pub mod check;
mod pipeline;
pub mod player;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use player::{Pace, Player, PlayerFeed, PlayerOptions, PlayerStatus};

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
pub(crate) fn file_uri(path: &Path) -> Result<String, FilmError> {
    let absolute: PathBuf = path.canonicalize().map_err(|_| FilmError::Missing)?;
    url::Url::from_file_path(&absolute)
        .map(String::from)
        .map_err(|()| FilmError::Unplayable(format!("`{}` is not a file path", path.display())))
}
