//! Audio guides, decoded whole into memory (they are short): the one
//! decoder for the content check, the hub's publish and the kiosk's
//! playback.

use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rodio::Source;

/// Why a guide cannot be played.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GuideError {
    #[error("cannot be read: {0}")]
    Unreadable(String),
    #[error("cannot be decoded: {0}")]
    Undecodable(String),
    #[error("contains no sound")]
    Empty,
}

/// A guide's sound, decoded.
#[derive(Debug, Clone)]
pub struct GuideSound {
    pub channels: u16,
    pub sample_rate: u32,
    samples: Arc<[f32]>,
}

impl GuideSound {
    pub fn duration(&self) -> Duration {
        let frames = self.samples.len() as f64 / f64::from(self.channels.max(1));
        Duration::from_secs_f64(frames / f64::from(self.sample_rate.max(1)))
    }

    pub fn samples(&self) -> &[f32] {
        &self.samples
    }

    /// The loudest sample, 0.0 to 1.0: a guide that decodes to silence is
    /// as useless as one that does not decode.
    pub fn peak(&self) -> f32 {
        self.samples.iter().fold(0.0, |peak, s| peak.max(s.abs()))
    }

    /// The sound as rodio plays it.
    pub fn source(&self) -> rodio::buffer::SamplesBuffer {
        rodio::buffer::SamplesBuffer::new(self.channels, self.sample_rate, self.samples.to_vec())
    }
}

/// Decodes a guide (Ogg Vorbis, MP3 or WAV): the one path for both the
/// content check and playback.
pub fn decode_guide(path: &Path) -> Result<GuideSound, GuideError> {
    let file = File::open(path).map_err(|error| GuideError::Unreadable(error.to_string()))?;
    let decoder = rodio::Decoder::try_from(BufReader::new(file))
        .map_err(|error| GuideError::Undecodable(error.to_string()))?;
    let channels = decoder.channels();
    let sample_rate = decoder.sample_rate();
    let samples: Arc<[f32]> = decoder.collect();
    if samples.is_empty() || channels == 0 || sample_rate == 0 {
        return Err(GuideError::Empty);
    }
    Ok(GuideSound {
        channels,
        sample_rate,
        samples,
    })
}
