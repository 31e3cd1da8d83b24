//! How many threads a film's decoder gets.
//!
//! libav decodes H.264 on several threads by handing whole frames to each
//! ("frame threading"). That keeps up on a slow machine, but costs work:
//! on this 2-core machine a 1080p film took 8 % more CPU time that way
//! than on one thread, and the kiosk held 10 to 20 MB more. So a film
//! gets one thread where this machine, measured once on one of the pack's
//! films, decodes it at least [`HEADROOM`] times faster than it plays, and
//! as many as libav wants otherwise, or while nothing is measured yet.

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_video as gst_video;

use crate::FilmError;
use crate::pipeline::{DecodePipeline, Pulled, limit_decoder_threads};

/// How much faster than the film plays one thread must decode it: room
/// for the screen's thread, sound and harder scenes than the measured one.
pub const HEADROOM: f64 = 3.0;

/// Frames decoded to measure a machine: two seconds of a 30 fps film.
pub const MEASURED_FRAMES: u64 = 60;

/// Films larger than this are not played (`city-core`'s film rules); caps
/// beyond it are not believed.
const MAX_SIDE: i32 = 8192;

/// How fast one decoder thread decodes on this machine.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecodeSpeed {
    pixels_per_second: f64,
}

/// What a decoder's `max-threads` is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecoderThreads {
    One,
    /// As many as the decoder chooses (one per core for libav).
    Auto,
}

impl DecoderThreads {
    fn max_threads(self) -> i32 {
        match self {
            DecoderThreads::One => 1,
            DecoderThreads::Auto => 0,
        }
    }
}

impl DecodeSpeed {
    /// `frames` frames of `width`x`height` decoded in `time`; `None` when
    /// that says nothing (no time, fewer than two frames, no pixels).
    pub fn of(frames: u64, width: u32, height: u32, time: Duration) -> Option<DecodeSpeed> {
        let seconds = time.as_secs_f64();
        let pixels = frames as f64 * f64::from(width) * f64::from(height);
        (frames >= 2 && seconds > 0.0 && pixels > 0.0).then(|| DecodeSpeed {
            pixels_per_second: pixels / seconds,
        })
    }

    /// Decodes the first [`MEASURED_FRAMES`] frames of `film` on one
    /// thread, timing the processor time that thread spends between its
    /// first frame and its last: opening the file does not count, nor do
    /// other threads running meanwhile (the film the kiosk is playing).
    pub fn measure(film: &Path) -> Result<DecodeSpeed, FilmError> {
        crate::init()?;
        let uri = crate::file_uri(film)?;
        let decode = DecodePipeline::new(&uri).map_err(FilmError::Init)?;
        limit_decoder_threads(&decode.source, 1);
        let timing = Arc::new(Mutex::new(FrameTimes::default()));
        time_decoded_frames(&decode.source, Arc::clone(&timing));
        decode
            .pipeline
            .set_state(gst::State::Playing)
            .map_err(|_| FilmError::Unplayable("cannot be decoded".into()))?;
        let mut size = None;
        for _ in 0..=MEASURED_FRAMES {
            match decode.next_frame().map_err(FilmError::Unplayable)? {
                Pulled::Frame(sample) => {
                    size = size.or_else(|| {
                        let caps = sample.caps()?;
                        let info = gst_video::VideoInfo::from_caps(caps).ok()?;
                        Some((info.width(), info.height()))
                    });
                }
                Pulled::End => break,
            }
        }
        drop(decode);
        let times = *timing.lock().unwrap_or_else(|error| error.into_inner());
        let (width, height) = size.unwrap_or((0, 0));
        // The first frame starts the clock: the frames after it are timed.
        times
            .first
            .and_then(|first| {
                DecodeSpeed::of(
                    times.frames.saturating_sub(1),
                    width,
                    height,
                    times.last.saturating_sub(first),
                )
            })
            .ok_or_else(|| FilmError::Unplayable("has too few frames to time its decoding".into()))
    }

    pub fn pixels_per_second(&self) -> f64 {
        self.pixels_per_second
    }

    /// The threads for a film of `width`x`height` at `fps` frames a
    /// second; a film whose rate is unknown gets [`DecoderThreads::Auto`].
    pub fn threads_for(&self, width: u32, height: u32, fps: f64) -> DecoderThreads {
        let needed = f64::from(width) * f64::from(height) * fps;
        if fps.is_finite() && fps > 0.0 && self.pixels_per_second >= HEADROOM * needed {
            DecoderThreads::One
        } else {
            DecoderThreads::Auto
        }
    }
}

/// Processor time of the decoding thread when frames left the decoder.
#[derive(Debug, Default, Clone, Copy)]
struct FrameTimes {
    first: Option<Duration>,
    last: Duration,
    frames: u64,
}

/// Notes in `times` when each frame leaves a video decoder of `bin`. The
/// probe runs on the thread that pushes the frame, which with one decoder
/// thread is the thread that decoded it.
fn time_decoded_frames(bin: &gst::Element, times: Arc<Mutex<FrameTimes>>) {
    let Some(bin) = bin.downcast_ref::<gst::Bin>() else {
        return;
    };
    bin.connect_deep_element_added(move |_, _, element| {
        if !is_video_decoder(element) {
            return;
        }
        let Some(pad) = element.static_pad("src") else {
            return;
        };
        let times = Arc::clone(&times);
        pad.add_probe(gst::PadProbeType::BUFFER, move |_, _| {
            if let Some(now) = this_threads_processor_time() {
                let mut times = times.lock().unwrap_or_else(|error| error.into_inner());
                times.first.get_or_insert(now);
                times.last = now;
                times.frames += 1;
            }
            gst::PadProbeReturn::Ok
        });
    });
}

/// The processor time the calling thread has used.
fn this_threads_processor_time() -> Option<Duration> {
    let mut time = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec, which `time` is.
    let result = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut time) };
    (result == 0).then(|| {
        Duration::new(
            u64::try_from(time.tv_sec).unwrap_or(0),
            u32::try_from(time.tv_nsec).unwrap_or(0),
        )
    })
}

/// A software video decoder with a thread count to set, as libav's are.
fn is_video_decoder(element: &gst::Element) -> bool {
    element.find_property("max-threads").is_some()
        && element.factory().is_some_and(|factory| {
            factory
                .has_type(gst::ElementFactoryType::DECODER | gst::ElementFactoryType::MEDIA_VIDEO)
        })
}

/// The `max-threads` of the first video decoder inside `bin` (`0`: the
/// decoder's own choice), once it has been created.
pub fn decoder_max_threads(bin: &gst::Element) -> Option<i32> {
    bin.downcast_ref::<gst::Bin>()?
        .iterate_recurse()
        .into_iter()
        .flatten()
        .find(is_video_decoder)
        .map(|decoder| decoder.property::<i32>("max-threads"))
}

/// Gives every video decoder `bin` creates the threads `speed` says for
/// the film it is about to decode. The decoder takes its thread count when
/// the film's caps arrive, so they are read on its sink pad just before.
pub fn choose_decoder_threads(bin: &gst::Element, speed: DecodeSpeed) {
    let Some(bin) = bin.downcast_ref::<gst::Bin>() else {
        return;
    };
    bin.connect_deep_element_added(move |_, _, element| {
        let Some(pad) = element
            .static_pad("sink")
            .filter(|_| is_video_decoder(element))
        else {
            return;
        };
        let decoder = element.downgrade();
        pad.add_probe(gst::PadProbeType::EVENT_DOWNSTREAM, move |_, info| {
            if let Some(gst::PadProbeData::Event(event)) = &info.data
                && let gst::EventView::Caps(caps) = event.view()
                && let Some(decoder) = decoder.upgrade()
            {
                let threads = caps
                    .caps()
                    .structure(0)
                    .and_then(film_rate)
                    .map_or(DecoderThreads::Auto, |(width, height, fps)| {
                        speed.threads_for(width, height, fps)
                    });
                decoder.set_property("max-threads", threads.max_threads());
            }
            gst::PadProbeReturn::Ok
        });
    });
}

/// Width, height and frames a second from a film's caps, if all are there
/// and plausible.
fn film_rate(caps: &gst::StructureRef) -> Option<(u32, u32, f64)> {
    let side = |name: &str| {
        caps.get::<i32>(name)
            .ok()
            .filter(|side| (1..=MAX_SIDE).contains(side))
            .and_then(|side| u32::try_from(side).ok())
    };
    let rate = caps.get::<gst::Fraction>("framerate").ok()?;
    let fps = f64::from(rate.numer()) / f64::from(rate.denom());
    // 0/1 is GStreamer's "variable": nothing to plan by.
    (fps > 0.0 && fps <= 240.0).then_some(())?;
    Some((side("width")?, side("height")?, fps))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speed_is_pixels_decoded_per_second() {
        let speed = DecodeSpeed::of(60, 1920, 1080, Duration::from_millis(300)).unwrap();
        assert_eq!(speed.pixels_per_second(), 60.0 * 1920.0 * 1080.0 / 0.3);
        assert_eq!(DecodeSpeed::of(1, 1920, 1080, Duration::from_secs(1)), None);
        assert_eq!(DecodeSpeed::of(60, 1920, 1080, Duration::ZERO), None);
        assert_eq!(DecodeSpeed::of(60, 0, 1080, Duration::from_secs(1)), None);
    }

    #[test]
    fn one_thread_only_with_headroom_for_the_films_size_and_rate() {
        // This machine's measured floor: 207 frames/s of 1080p on one thread.
        let speed = DecodeSpeed::of(207, 1920, 1080, Duration::from_secs(1)).unwrap();
        assert_eq!(speed.threads_for(1920, 1080, 30.0), DecoderThreads::One);
        assert_eq!(speed.threads_for(1280, 720, 60.0), DecoderThreads::One);
        // 1080p60: three times 60 frames/s is less than 207, not than 170.
        assert_eq!(speed.threads_for(1920, 1080, 60.0), DecoderThreads::One);
        let slower = DecodeSpeed::of(170, 1920, 1080, Duration::from_secs(1)).unwrap();
        assert_eq!(slower.threads_for(1920, 1080, 60.0), DecoderThreads::Auto);
        assert_eq!(slower.threads_for(1920, 1080, 30.0), DecoderThreads::One);
        // Exactly at the headroom is enough.
        let edge = DecodeSpeed::of(90, 1920, 1080, Duration::from_secs(1)).unwrap();
        assert_eq!(edge.threads_for(1920, 1080, 30.0), DecoderThreads::One);
        let slow = DecodeSpeed::of(89, 1920, 1080, Duration::from_secs(1)).unwrap();
        assert_eq!(slow.threads_for(1920, 1080, 30.0), DecoderThreads::Auto);
        // An unknown rate plans nothing.
        assert_eq!(speed.threads_for(640, 360, 0.0), DecoderThreads::Auto);
        assert_eq!(speed.threads_for(640, 360, f64::NAN), DecoderThreads::Auto);
    }

    #[test]
    fn caps_without_a_plausible_size_and_rate_give_nothing() {
        let caps = |width: i32, height: i32, rate: (i32, i32)| {
            gst::Structure::builder("video/x-h264")
                .field("width", width)
                .field("height", height)
                .field("framerate", gst::Fraction::new(rate.0, rate.1))
                .build()
        };
        gst::init().unwrap();
        assert_eq!(
            film_rate(&caps(1920, 1080, (30000, 1001))),
            Some((1920, 1080, 30000.0 / 1001.0))
        );
        assert_eq!(film_rate(&caps(1920, 1080, (0, 1))), None);
        assert_eq!(film_rate(&caps(-1, 1080, (30, 1))), None);
        assert_eq!(film_rate(&caps(1920, 100_000, (30, 1))), None);
        assert_eq!(film_rate(&caps(1920, 1080, (100_000, 1))), None);
        let no_rate = gst::Structure::builder("video/x-h264")
            .field("width", 1920)
            .field("height", 1080)
            .build();
        assert_eq!(film_rate(&no_rate), None);
    }

    fn good_film() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/films/good-2s.mp4")
    }

    /// The `max-threads` the video decoder had once `film`'s first frame
    /// came out of a pipeline whose decoders `speed` chose threads for.
    fn threads_decoding(film: &Path, speed: DecodeSpeed) -> i32 {
        crate::init().unwrap();
        let uri = crate::file_uri(film).unwrap();
        let decode = crate::pipeline::DecodePipeline::new(&uri).unwrap();
        // Something other than either choice, so that only ours can undo it.
        crate::pipeline::limit_decoder_threads(&decode.source, 3);
        choose_decoder_threads(&decode.source, speed);
        decode.pipeline.set_state(gst::State::Playing).unwrap();
        assert!(matches!(
            decode.next_frame(),
            Ok(crate::pipeline::Pulled::Frame(_))
        ));
        decoder_max_threads(&decode.source).expect("the film has a video decoder")
    }

    #[test]
    fn a_films_decoder_gets_the_threads_its_size_and_rate_need() {
        // good-2s.mp4 is 320x240 at 25 frames a second.
        let needed = 320.0 * 240.0 * 25.0;
        let fast = DecodeSpeed {
            pixels_per_second: HEADROOM * needed,
        };
        let slow = DecodeSpeed {
            pixels_per_second: HEADROOM * needed * 0.99,
        };
        assert_eq!(threads_decoding(&good_film(), fast), 1);
        assert_eq!(threads_decoding(&good_film(), slow), 0);
    }

    #[test]
    fn a_machine_is_measured_on_a_real_film() {
        let speed = DecodeSpeed::measure(&good_film()).unwrap();
        // Any machine that runs the tests decodes 320x240 faster than it
        // plays; the figure must at least be a real one.
        assert!(speed.pixels_per_second() > 320.0 * 240.0 * 25.0);
        assert!(speed.pixels_per_second().is_finite());
        let not_a_film = Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml");
        assert!(DecodeSpeed::measure(&not_a_film).is_err());
    }
}
