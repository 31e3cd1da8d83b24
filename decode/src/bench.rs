//! `city-kiosk film bench FILE`: how much faster than real time this
//! machine decodes a film, on a given number of decoder threads.
//!
//! Frames stay in the decoder's own format (NV12/I420): colour conversion
//! is the renderer's business and is measured with it, not here.

use std::path::Path;
use std::time::{Duration, Instant};

use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_video as gst_video;

use crate::pipeline::{DecodePipeline, Pulled, limit_decoder_threads};
use crate::{FilmError, file_uri, init};

#[derive(Debug, Clone)]
pub struct DecodeReport {
    pub frames: u64,
    pub elapsed: Duration,
    /// The film's own frame rate, from its stream.
    pub film_fps: f64,
    pub width: u32,
    pub height: u32,
    pub format: String,
}

impl DecodeReport {
    pub fn frames_per_second(&self) -> f64 {
        self.frames as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// How many times faster than the film plays.
    pub fn times_real_time(&self) -> f64 {
        if self.film_fps > 0.0 {
            self.frames_per_second() / self.film_fps
        } else {
            0.0
        }
    }
}

/// Decodes every frame of `path` as fast as `threads` decoder threads can.
pub fn decode_all(path: &Path, threads: i32) -> Result<DecodeReport, FilmError> {
    init()?;
    let uri = file_uri(path)?;
    let decode = DecodePipeline::new(&uri).map_err(FilmError::Init)?;
    limit_decoder_threads(&decode.source, threads);
    let pipeline = &decode.pipeline;

    let start = Instant::now();
    pipeline
        .set_state(gst::State::Playing)
        .map_err(|_| FilmError::Unplayable("cannot be decoded".into()))?;
    let mut frames = 0u64;
    let mut info: Option<gst_video::VideoInfo> = None;
    let result = loop {
        match decode.next_frame() {
            Ok(Pulled::Frame(sample)) => {
                frames += 1;
                if info.is_none() {
                    info = sample
                        .caps()
                        .and_then(|caps| gst_video::VideoInfo::from_caps(caps).ok());
                }
            }
            Ok(Pulled::End) => break Ok(()),
            Err(error) => break Err(FilmError::Unplayable(error)),
        }
    };
    let elapsed = start.elapsed();
    drop(decode);
    result?;
    let info = info.ok_or_else(|| FilmError::Unplayable("has no video frames".into()))?;
    let fps = info.fps();
    Ok(DecodeReport {
        frames,
        elapsed,
        film_fps: if fps.denom() > 0 {
            f64::from(fps.numer()) / f64::from(fps.denom())
        } else {
            0.0
        },
        width: info.width(),
        height: info.height(),
        format: info.format().to_str().to_string(),
    })
}
