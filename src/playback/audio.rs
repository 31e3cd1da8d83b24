//! Audio guides: decoded whole into memory (they are short), then played
//! through rodio, with a known length for the progress bar.
//!
//! Where the machine has no sound device, guides play into a silent output
//! that consumes the sound at the pace a loudspeaker would, so progress,
//! the end of a guide and everything up to the device behave the same.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub use city_decode::audio::{GuideError, GuideSound, decode_guide};

/// Where the kiosk's sound goes: the default device, or silence.
pub struct AudioOutput {
    mixer: rodio::mixer::Mixer,
    _device: Option<rodio::OutputStream>,
    silent: Option<SilentOutput>,
}

impl AudioOutput {
    /// Opens the default sound device; without one, says so in one log
    /// line and plays silently.
    pub fn open() -> AudioOutput {
        match rodio::OutputStreamBuilder::open_default_stream() {
            Ok(mut stream) => {
                stream.log_on_drop(false);
                AudioOutput {
                    mixer: stream.mixer().clone(),
                    _device: Some(stream),
                    silent: None,
                }
            }
            Err(error) => {
                tracing::warn!("no sound device ({error}): audio guides play silently");
                AudioOutput::silent()
            }
        }
    }

    /// An output without a device, for machines and tests without sound.
    pub fn silent() -> AudioOutput {
        let (mixer, silent) = SilentOutput::start();
        AudioOutput {
            mixer,
            _device: None,
            silent: Some(silent),
        }
    }

    pub fn is_silent(&self) -> bool {
        self.silent.is_some()
    }

    /// Starts a guide at `volume` (0.0 to 1.0).
    pub fn play(&self, sound: &GuideSound, volume: f32) -> GuidePlayback {
        let sink = rodio::Sink::connect_new(&self.mixer);
        sink.set_volume(volume.clamp(0.0, 1.0));
        sink.append(sound.source());
        GuidePlayback {
            sink,
            duration: sound.duration(),
            stopped: std::cell::Cell::new(false),
        }
    }
}

/// A guide playing. Dropping it stops the sound.
pub struct GuidePlayback {
    sink: rodio::Sink,
    duration: Duration,
    /// The sink empties on the audio thread a moment after a stop; the
    /// guide is over for the visitor at once.
    stopped: std::cell::Cell<bool>,
}

impl GuidePlayback {
    pub fn duration(&self) -> Duration {
        self.duration
    }

    pub fn position(&self) -> Duration {
        self.sink.get_pos().min(self.duration)
    }

    /// 0.0 to 1.0, for the progress bar.
    pub fn progress(&self) -> f32 {
        if self.duration.is_zero() {
            return 1.0;
        }
        (self.position().as_secs_f64() / self.duration.as_secs_f64()).clamp(0.0, 1.0) as f32
    }

    pub fn is_finished(&self) -> bool {
        self.stopped.get() || self.sink.empty()
    }

    pub fn stop(&self) {
        self.stopped.set(true);
        self.sink.stop();
    }
}

impl Drop for GuidePlayback {
    fn drop(&mut self) {
        self.sink.stop();
    }
}

/// Pulls sound out of a mixer in real time and drops it, as a device would
/// play it.
struct SilentOutput {
    running: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

const SILENT_CHANNELS: u16 = 2;
const SILENT_RATE: u32 = 44_100;
/// Sound taken per wake-up.
const SILENT_CHUNK: Duration = Duration::from_millis(20);

impl SilentOutput {
    fn start() -> (rodio::mixer::Mixer, SilentOutput) {
        let (mixer, mut source) = rodio::mixer::mixer(SILENT_CHANNELS, SILENT_RATE);
        let running = Arc::new(AtomicBool::new(true));
        let thread = std::thread::Builder::new()
            .name("silent-audio".into())
            .spawn({
                let running = Arc::clone(&running);
                move || {
                    let per_chunk = (SILENT_RATE as f64 * SILENT_CHUNK.as_secs_f64()) as usize
                        * usize::from(SILENT_CHANNELS);
                    let start = Instant::now();
                    let mut chunks = 0u32;
                    while running.load(Ordering::Relaxed) {
                        for _ in 0..per_chunk {
                            let _ = source.next();
                        }
                        chunks += 1;
                        // Keep to the clock, not to the sleeps.
                        let due = start + SILENT_CHUNK * chunks;
                        std::thread::sleep(due.saturating_duration_since(Instant::now()));
                    }
                }
            })
            .ok();
        (mixer, SilentOutput { running, thread })
    }
}

impl Drop for SilentOutput {
    fn drop(&mut self) {
        self.running.store(false, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
