//! What only playing can tell about a pack: every film suits the kiosk
//! and decodes from its start to its end, every audio guide decodes to
//! sound. The rules live here; decoding is a [`MediaDecoder`]'s (GStreamer
//! and rodio in `city-media`), so `content check`, the kiosk's sync and
//! `city-hub publish` apply the very same rules.

use std::path::Path;
use std::sync::Mutex;
use std::time::Duration;

use super::{InvalidPack, MediaFile, Pack, Problem, load_pack};

/// The largest film the kiosk plays: Full HD, landscape or portrait.
pub const MAX_LONG_SIDE: u32 = 1920;
pub const MAX_SHORT_SIDE: u32 = 1080;
/// H.264 profiles every kiosk decodes at speed, in hardware or software.
pub const H264_PROFILES: [&str; 6] = [
    "constrained-baseline",
    "baseline",
    "main",
    "high",
    "progressive-high",
    "constrained-high",
];
/// The rules' edition: bump it when a rule changes, so media remembered
/// as checked under the old rules (by the hub) are checked anew.
pub const RULES_VERSION: i32 = 1;
/// A guide whose loudest sample stays below this is silence.
const SILENT_PEAK: f32 = 0.001;

/// A film's video stream as its container describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct FilmFormat {
    pub codec: VideoCodec,
    pub width: u32,
    pub height: u32,
    pub duration: Duration,
    pub has_audio: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VideoCodec {
    /// H.264 with its profile, where the stream names one.
    H264 { profile: Option<String> },
    /// Anything else, by its human name ("MPEG-4 Part 2", ...).
    Other(String),
}

/// What the check learnt of a playable film.
#[derive(Debug, Clone, PartialEq)]
pub struct FilmInfo {
    pub format: FilmFormat,
    /// Frames decoded by the check.
    pub frames_decoded: u64,
}

/// Decodes films and audio guides for the checks. Errors are words for
/// an editor ("cannot be decoded: ...").
pub trait MediaDecoder: Sync {
    /// Reads the film's format without decoding it; `Err` if there is no
    /// video stream to read.
    fn film_format(&self, path: &Path) -> Result<FilmFormat, String>;
    /// Decodes the film's first seconds and its last second (a file cut
    /// short while copying plays its start and fails at its end); returns
    /// the frames decoded.
    fn decode_film_ends(&self, path: &Path, duration: Duration) -> Result<u64, String>;
    /// Decodes a guide whole; returns its loudest sample, 0.0 to 1.0.
    fn audio_peak(&self, path: &Path) -> Result<f32, String>;
}

/// Checks one film: the format rules first (no decoding for a film the
/// kiosk would refuse anyway), then its start and end decoded.
pub fn check_film(decoder: &dyn MediaDecoder, path: &Path) -> Result<FilmInfo, String> {
    let format = decoder.film_format(path)?;
    film_format_allowed(&format)?;
    let frames_decoded = decoder.decode_film_ends(path, format.duration)?;
    Ok(FilmInfo {
        format,
        frames_decoded,
    })
}

/// The kiosk plays H.264 films in a common profile, at most Full HD.
pub fn film_format_allowed(format: &FilmFormat) -> Result<(), String> {
    match &format.codec {
        VideoCodec::H264 { profile: None } => {}
        VideoCodec::H264 {
            profile: Some(profile),
        } => {
            if !H264_PROFILES.contains(&profile.as_str()) {
                return Err(format!(
                    "uses the H.264 profile `{profile}`; encode it in High, Main or Baseline profile"
                ));
            }
        }
        VideoCodec::Other(codec) => {
            return Err(format!(
                "is encoded as {codec}; the kiosk plays H.264 films (High, Main or Baseline profile)"
            ));
        }
    }
    let (width, height) = (format.width, format.height);
    if width.max(height) > MAX_LONG_SIDE || width.min(height) > MAX_SHORT_SIDE {
        return Err(format!(
            "is {width}x{height}; films may be at most {MAX_LONG_SIDE}x{MAX_SHORT_SIDE} (or {MAX_SHORT_SIDE}x{MAX_LONG_SIDE} portrait)"
        ));
    }
    Ok(())
}

/// Checks one audio guide: it decodes, and to more than silence.
pub fn check_audio_guide(decoder: &dyn MediaDecoder, path: &Path) -> Result<(), String> {
    let peak = decoder.audio_peak(path)?;
    if peak < SILENT_PEAK {
        return Err("is silent".into());
    }
    Ok(())
}

/// Loads a pack and checks its films and guides too: every problem in
/// one list, so an editor sees everything to fix in one run. `skip`
/// names media already known to pass (by the caller's own means, e.g. a
/// hub that checked the same bytes before).
pub fn check_pack(
    dir: &Path,
    decoder: &dyn MediaDecoder,
    skip: &(dyn Fn(&Path) -> bool + Sync),
) -> Result<Pack, InvalidPack> {
    match load_pack(dir) {
        Ok(pack) => {
            let problems = check_media(pack.media_files(), decoder, skip);
            if problems.is_empty() {
                Ok(pack)
            } else {
                Err(InvalidPack {
                    root: pack.root.clone(),
                    media: pack.media_files(),
                    problems,
                })
            }
        }
        Err(mut invalid) => {
            let media = std::mem::take(&mut invalid.media);
            invalid
                .problems
                .extend(check_media(media.clone(), decoder, skip));
            invalid.media = media;
            Err(invalid)
        }
    }
}

/// Checks films and guides, a few at a time; the problems sorted by path.
pub fn check_media(
    media: Vec<MediaFile>,
    decoder: &dyn MediaDecoder,
    skip: &(dyn Fn(&Path) -> bool + Sync),
) -> Vec<Problem> {
    let queue = Mutex::new(media);
    let problems = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().min(4));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
                    let problem = match next {
                        None => break,
                        Some(MediaFile::Film(path) | MediaFile::AudioGuide(path))
                            if skip(&path) =>
                        {
                            None
                        }
                        Some(MediaFile::Film(path)) => check_film(decoder, &path)
                            .err()
                            .map(|error| Problem::in_file(&path, format!("film {error}"))),
                        Some(MediaFile::AudioGuide(path)) => check_audio_guide(decoder, &path)
                            .err()
                            .map(|error| Problem::in_file(&path, format!("audio guide {error}"))),
                    };
                    if let Some(problem) = problem {
                        problems
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .push(problem);
                    }
                }
            });
        }
    });
    let mut problems = problems.into_inner().unwrap_or_else(|e| e.into_inner());
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}
