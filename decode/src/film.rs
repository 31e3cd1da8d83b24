//! What GStreamer can tell of a film for the checks: its format, as the
//! container describes it, and whether its start and its end decode.

use std::path::Path;
use std::time::Duration;

use city_core::content::media::{FilmFormat, VideoCodec};
use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_pbutils as gst_pbutils;
use gstreamer_pbutils::prelude::*;

use crate::pipeline::{DecodePipeline, Pulled, describe_error};
use crate::{FilmError, file_uri, init};

/// How much of the start of a film is decoded.
const DECODE_START: Duration = Duration::from_secs(3);

/// Reads a film's format; the error says, in words for an editor, why it
/// cannot be read (missing decoders, no video stream, not a film).
pub fn film_format(path: &Path) -> Result<FilmFormat, FilmError> {
    init()?;
    let uri = file_uri(path)?;
    let discoverer = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(15))
        .map_err(|error| FilmError::Init(error.to_string()))?;
    let info = discoverer
        .discover_uri(&uri)
        .map_err(|error| unplayable(format!("cannot be read as a film: {error}")))?;
    match info.result() {
        gst_pbutils::DiscovererResult::Ok => {}
        gst_pbutils::DiscovererResult::MissingPlugins => {
            let missing = info
                .missing_elements_installer_details()
                .iter()
                .map(|detail| detail.to_string())
                .collect::<Vec<_>>();
            return Err(unplayable(format!(
                "cannot be decoded on this machine (missing: {})",
                missing.join(", ")
            )));
        }
        gst_pbutils::DiscovererResult::Timeout => {
            return Err(unplayable("took too long to open".into()));
        }
        other => return Err(unplayable(format!("cannot be opened ({other:?})"))),
    }

    let video = info.video_streams();
    let Some(stream) = video.first() else {
        return Err(unplayable(
            "has no video stream (an audio-only file?)".into(),
        ));
    };
    let caps = stream
        .caps()
        .ok_or_else(|| unplayable("has a video stream without a format".into()))?;
    let structure = caps
        .structure(0)
        .ok_or_else(|| unplayable("has a video stream without a format".into()))?;
    let codec = if structure.name() == "video/x-h264" {
        VideoCodec::H264 {
            profile: structure.get::<&str>("profile").ok().map(str::to_string),
        }
    } else {
        VideoCodec::Other(gst_pbutils::pb_utils_get_codec_description(&caps).to_string())
    };
    Ok(FilmFormat {
        codec,
        width: stream.width(),
        height: stream.height(),
        duration: info
            .duration()
            .map(|time| Duration::from_nanos(time.nseconds()))
            .unwrap_or_default(),
        has_audio: !info.audio_streams().is_empty(),
    })
}

fn unplayable(message: String) -> FilmError {
    FilmError::Unplayable(message)
}

/// Decodes the first seconds, then the last second: a file cut short
/// during copying plays its start and fails at the end.
pub fn decode_start_and_end(path: &Path, duration: Duration) -> Result<u64, FilmError> {
    init()?;
    let uri = file_uri(path)?;
    let decode = DecodePipeline::new(&uri).map_err(FilmError::Init)?;
    let pipeline = &decode.pipeline;
    let result = (|| {
        pipeline
            .set_state(gst::State::Paused)
            .map_err(|_| unplayable("cannot be decoded".into()))?;
        wait_for_preroll(pipeline)?;
        let near_end = duration.saturating_sub(Duration::from_secs(1));
        let cut_short = || {
            unplayable(format!(
                "has no picture in its last second ({}); the file is cut short",
                clock(near_end)
            ))
        };
        let (mut frames, last) = decode_until(&decode, DECODE_START)?;
        if duration <= DECODE_START + Duration::from_secs(1) {
            // A short film was decoded whole: its pictures must reach its end.
            if last < near_end {
                return Err(cut_short());
            }
        } else {
            pipeline
                .seek_simple(
                    gst::SeekFlags::FLUSH | gst::SeekFlags::ACCURATE,
                    gst::ClockTime::from_nseconds(near_end.as_nanos() as u64),
                )
                .map_err(|_| unplayable("cannot seek to its end (cut short?)".into()))?;
            wait_for_preroll(pipeline)?;
            let (end_frames, _) = decode_until(&decode, duration)?;
            if end_frames == 0 {
                return Err(cut_short());
            }
            frames += end_frames;
        }
        Ok(frames)
    })();
    drop(decode);
    result
}

fn clock(time: Duration) -> String {
    format!("{}:{:04.1}", time.as_secs() / 60, time.as_secs_f64() % 60.0)
}

/// Waits until the pipeline has a picture ready, or says why not.
fn wait_for_preroll(pipeline: &gst::Pipeline) -> Result<(), FilmError> {
    let bus = pipeline
        .bus()
        .ok_or_else(|| FilmError::Init("no bus".into()))?;
    loop {
        let Some(message) = bus.timed_pop_filtered(
            gst::ClockTime::from_seconds(15),
            &[
                gst::MessageType::AsyncDone,
                gst::MessageType::Error,
                gst::MessageType::Eos,
            ],
        ) else {
            return Err(unplayable("took too long to decode".into()));
        };
        match message.view() {
            gst::MessageView::AsyncDone(_) => return Ok(()),
            gst::MessageView::Eos(_) => return Ok(()),
            gst::MessageView::Error(error) => {
                return Err(unplayable(format!(
                    "cannot be decoded: {}",
                    describe_error(error)
                )));
            }
            _ => {}
        }
    }
}

/// Plays from where the pipeline is until `until`, the end, or an error;
/// returns the number of frames decoded and the time of the last.
fn decode_until(decode: &DecodePipeline, until: Duration) -> Result<(u64, Duration), FilmError> {
    decode
        .pipeline
        .set_state(gst::State::Playing)
        .map_err(|_| unplayable("cannot be decoded".into()))?;
    let mut frames = 0;
    let mut last = Duration::ZERO;
    while let Pulled::Frame(sample) = decode.next_frame().map_err(unplayable)? {
        frames += 1;
        let pts = sample
            .buffer()
            .and_then(|buffer| buffer.pts())
            .map(|pts| Duration::from_nanos(pts.nseconds()))
            .unwrap_or_default();
        last = last.max(pts);
        if pts >= until {
            break;
        }
    }
    decode
        .pipeline
        .set_state(gst::State::Paused)
        .map_err(|_| unplayable("cannot be decoded".into()))?;
    Ok((frames, last))
}
