//! One film playing: a GStreamer `playbin` whose pictures arrive as iced
//! images and whose end or failure arrives as a status, never as a panic.
//!
//! Dropping a [`Player`] stops its pipeline and frees every buffer, so the
//! attract loop can open one film after another for weeks.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;
use gstreamer_video as gst_video;
use iced::futures::Stream;
use iced::widget::image;
use tokio::sync::watch;

use city_decode::decoder_threads::{choose_decoder_threads, decoder_max_threads};
use city_decode::pipeline::{
    decode_into_pooled_buffers, describe_error, element, film_sink_bin, shown_size,
};
use city_decode::scale::Scaler;
use city_decode::yuv::{I420, YuvToRgb};
use city_decode::{FilmError, file_uri, init};

use super::frame_pool::FramePool;

/// How fast a film plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Frames when they are due, with sound: for people.
    RealTime,
    /// Every frame as soon as it is decoded, without sound: for tests and
    /// checks that play a film through to its end.
    AsFastAsPossible,
}

#[derive(Debug, Clone, Copy)]
pub struct PlayerOptions {
    pub sound: bool,
    /// 0.0 to 1.0.
    pub volume: f32,
    /// Frames are scaled to fit this box (pixels); `None`: the film's size.
    pub bounds: Option<(u32, u32)>,
    pub pace: Pace,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PlayerStatus {
    /// Opened; no picture yet.
    #[default]
    Starting,
    Playing,
    Paused,
    Ended,
    /// The film cannot be played: why, for one log line.
    Failed(String),
}

impl PlayerStatus {
    pub fn is_over(&self) -> bool {
        matches!(self, PlayerStatus::Ended | PlayerStatus::Failed(_))
    }
}

/// What a player reports: how many frames it has shown and how it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Update {
    pub frames: u64,
    pub status: PlayerStatus,
}

/// The picture on screen now.
#[derive(Debug, Clone)]
pub struct Frame {
    pub image: image::Handle,
    pub width: u32,
    pub height: u32,
    /// Where in the film this picture is.
    pub position: Duration,
}

struct Shared {
    frame: Mutex<Option<Frame>>,
    updates: watch::Sender<Update>,
}

impl Shared {
    fn set_status(&self, status: PlayerStatus) {
        self.updates.send_if_modified(|update| {
            // An ended or failed film stays so.
            if update.status.is_over() || update.status == status {
                return false;
            }
            update.status = status;
            true
        });
    }
}

pub struct Player {
    id: u64,
    path: PathBuf,
    playbin: gst::Element,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Player {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Player")
            .field("id", &self.id)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Player {
    /// Opens `path` and starts playing it. Errors found only while decoding
    /// (a truncated or corrupt file) arrive later as [`PlayerStatus::Failed`].
    pub fn open(path: &Path, options: PlayerOptions) -> Result<Player, FilmError> {
        init()?;
        let uri = file_uri(path)?;
        let playbin = element("playbin").map_err(FilmError::Init)?;
        playbin.set_property("uri", &uri);
        decode_into_pooled_buffers(&playbin);
        if let Some(speed) = super::decode_speed::measured() {
            choose_decoder_threads(&playbin, speed);
        }

        let (updates, _) = watch::channel(Update::default());
        let shared = Arc::new(Shared {
            frame: Mutex::new(None),
            updates,
        });

        let sink = gst_app::AppSink::builder()
            .sync(options.pace == Pace::RealTime)
            .max_buffers(2)
            .enable_last_sample(false)
            .build();
        sink.set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample({
                    let shared = Arc::clone(&shared);
                    let pool = FramePool::default();
                    let mut scaler = None;
                    let bounds = options.bounds;
                    move |sink| {
                        let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                        if let Some(frame) = frame_of(&sample, bounds, &mut scaler, &pool) {
                            *shared.frame.lock().unwrap_or_else(|e| e.into_inner()) = Some(frame);
                            shared.updates.send_modify(|update| {
                                update.frames += 1;
                                if update.status == PlayerStatus::Starting {
                                    update.status = PlayerStatus::Playing;
                                }
                            });
                        }
                        Ok(gst::FlowSuccess::Ok)
                    }
                })
                .build(),
        );
        let video_sink = film_sink_bin(&sink, options.bounds).map_err(FilmError::Init)?;
        playbin.set_property("video-sink", &video_sink);

        let with_sound = options.sound && options.pace == Pace::RealTime;
        // Subtitles are ours (WebVTT, in the visitor's language); sound is
        // not decoded at all when it would not be heard.
        playbin.set_property_from_str(
            "flags",
            if with_sound {
                "video+audio+soft-volume"
            } else {
                "video"
            },
        );
        if with_sound {
            playbin.set_property("audio-sink", audio_sink());
            playbin.set_property("volume", f64::from(options.volume.clamp(0.0, 1.0)));
        }

        if let Some(bus) = playbin.bus() {
            let shared = Arc::clone(&shared);
            bus.set_sync_handler(move |_, message| {
                match message.view() {
                    gst::MessageView::Eos(_) => {
                        // An end without a single picture is a film that
                        // cannot be shown, e.g. a sound-only file.
                        let pictures = shared.updates.borrow().frames;
                        shared.set_status(if pictures == 0 {
                            PlayerStatus::Failed("has no picture (no video stream?)".into())
                        } else {
                            PlayerStatus::Ended
                        });
                    }
                    gst::MessageView::Error(error) => {
                        shared.set_status(PlayerStatus::Failed(describe_error(error)));
                    }
                    _ => {}
                }
                gst::BusSyncReply::Drop
            });
        }

        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let player = Player {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            path: path.to_path_buf(),
            playbin,
            shared,
        };
        player.playbin.set_state(gst::State::Playing).map_err(|_| {
            let reason = match &player.shared.updates.borrow().status {
                PlayerStatus::Failed(reason) => reason.clone(),
                _ => "the film cannot be started".to_string(),
            };
            FilmError::Unplayable(reason)
        })?;
        Ok(player)
    }

    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn status(&self) -> PlayerStatus {
        self.shared.updates.borrow().status.clone()
    }

    /// The threads its video decoder was given: `Some(0)` for as many as
    /// the decoder wants, `None` before the decoder exists.
    pub fn decoder_threads(&self) -> Option<i32> {
        decoder_max_threads(&self.playbin)
    }

    /// Frames shown since the film was opened.
    pub fn frames_shown(&self) -> u64 {
        self.shared.updates.borrow().frames
    }

    /// The latest picture, `None` until the first arrives.
    pub fn frame(&self) -> Option<Frame> {
        self.shared
            .frame
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Where the film is now: the picture on screen's time.
    pub fn position(&self) -> Duration {
        self.frame().map(|frame| frame.position).unwrap_or_default()
    }

    /// The film's length, once GStreamer knows it.
    pub fn duration(&self) -> Option<Duration> {
        self.playbin
            .query_duration::<gst::ClockTime>()
            .map(|time| Duration::from_nanos(time.nseconds()))
    }

    pub fn pause(&self) {
        if !self.status().is_over() && self.playbin.set_state(gst::State::Paused).is_ok() {
            self.shared.set_status(PlayerStatus::Paused);
        }
    }

    pub fn resume(&self) {
        if self.status() == PlayerStatus::Paused
            && self.playbin.set_state(gst::State::Playing).is_ok()
        {
            self.shared.updates.send_modify(|update| {
                update.status = PlayerStatus::Playing;
            });
        }
    }

    pub fn is_paused(&self) -> bool {
        self.status() == PlayerStatus::Paused
    }

    /// Jumps to `position`. `exact`: to that very frame (when a finger lets
    /// go of the scrubber); otherwise to the nearest key frame, which is
    /// fast enough to follow a finger.
    pub fn seek(&self, position: Duration, exact: bool) {
        let position = match self.duration() {
            Some(duration) => position.min(duration.saturating_sub(Duration::from_millis(100))),
            None => position,
        };
        let mode = if exact {
            gst::SeekFlags::ACCURATE
        } else {
            gst::SeekFlags::KEY_UNIT | gst::SeekFlags::SNAP_NEAREST
        };
        let _ = self.playbin.seek_simple(
            gst::SeekFlags::FLUSH | mode,
            gst::ClockTime::from_nseconds(position.as_nanos() as u64),
        );
    }

    /// What a subscription listens to for this player's frames and end.
    pub fn feed(&self) -> PlayerFeed {
        PlayerFeed {
            id: self.id,
            updates: self.shared.updates.subscribe(),
        }
    }
}

impl Drop for Player {
    fn drop(&mut self) {
        let _ = self.playbin.set_state(gst::State::Null);
        if let Some(bus) = self.playbin.bus() {
            bus.unset_sync_handler();
        }
    }
}

/// A player's updates, for an iced subscription: identified by the player,
/// so the subscription lives exactly as long as the film.
#[derive(Clone)]
pub struct PlayerFeed {
    id: u64,
    updates: watch::Receiver<Update>,
}

impl Hash for PlayerFeed {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.id.hash(state);
    }
}

impl PlayerFeed {
    pub fn id(&self) -> u64 {
        self.id
    }

    /// Every change of the player: a new frame, its end or its failure.
    /// Frames that come faster than they are read are merged into one.
    pub fn stream(&self) -> impl Stream<Item = (u64, Update)> + Send + use<> {
        let id = self.id;
        let mut updates = self.updates.clone();
        // The state as it is now comes first: a film that ended before
        // anyone listened still reports its end.
        updates.mark_changed();
        iced::futures::stream::unfold(updates, move |mut updates| async move {
            updates.changed().await.ok()?;
            let update = updates.borrow_and_update().clone();
            Some(((id, update), updates))
        })
    }
}

/// A GStreamer sample as an iced image to be shown inside `bounds`: I420
/// scaled (by `scaler`, kept from frame to frame) and converted into a
/// buffer of `pool`, RGBA (from `videoconvert`, for other formats, already
/// at its size) without copying its pixels.
fn frame_of(
    sample: &gst::Sample,
    bounds: Option<(u32, u32)>,
    scaler: &mut Option<Scaler>,
    pool: &FramePool,
) -> Option<Frame> {
    let info = gst_video::VideoInfo::from_caps(sample.caps()?).ok()?;
    let buffer = sample.buffer_owned()?;
    // The film's own clock (edit lists and seeks applied), which subtitles
    // and the scrubber speak, rather than the raw timestamp.
    let position = buffer
        .pts()
        .map(|pts| {
            sample
                .segment()
                .and_then(|segment| segment.downcast_ref::<gst::ClockTime>())
                .and_then(|segment| segment.to_stream_time(pts))
                .unwrap_or(pts)
        })
        .map(|time| Duration::from_nanos(time.nseconds()))
        .unwrap_or_default();
    let (image, width, height) = if info.format() == gst_video::VideoFormat::I420 {
        let (width, height) = shown_size(info.width(), info.height(), bounds);
        let scaler = match scaler {
            Some(scaler) if scaler.target() == (width as usize, height as usize) => scaler,
            _ => scaler.insert(Scaler::new(width as usize, height as usize)),
        };
        (converted(&buffer, &info, scaler, pool)?, width, height)
    } else {
        (rgba_as_is(buffer, &info)?, info.width(), info.height())
    };
    Some(Frame {
        image,
        width,
        height,
        position,
    })
}

/// An I420 frame scaled to `scaler`'s size and converted into a pooled
/// RGBA buffer.
fn converted(
    buffer: &gst::BufferRef,
    info: &gst_video::VideoInfo,
    scaler: &mut Scaler,
    pool: &FramePool,
) -> Option<image::Handle> {
    let matrix = YuvToRgb::for_frames(info)?;
    let frame = gst_video::VideoFrameRef::from_buffer_ref_readable(buffer, info).ok()?;
    let decoded = I420::of_frame(&frame)?;
    let (width, height) = scaler.target();
    let picture = scaler.scale(&decoded);
    let mut pixels = pool.take(width * height * 4);
    picture.to_rgba(&matrix, &mut pixels);
    Some(image::Handle::from_rgba(
        width as u32,
        height as u32,
        pool.share(pixels),
    ))
}

/// An RGBA frame as it is, or with padded rows made tight as iced expects.
fn rgba_as_is(buffer: gst::Buffer, info: &gst_video::VideoInfo) -> Option<image::Handle> {
    let (width, height) = (info.width(), info.height());
    let row = width as usize * 4;
    let stride = usize::try_from(info.stride()[0]).ok()?;
    if stride == row {
        let mapped = buffer.into_mapped_buffer_readable().ok()?;
        if mapped.len() < row * height as usize {
            return None;
        }
        Some(image::Handle::from_rgba(
            width,
            height,
            bytes::Bytes::from_owner(mapped),
        ))
    } else {
        let map = buffer.map_readable().ok()?;
        let mut pixels = Vec::with_capacity(row * height as usize);
        for line in map.as_slice().chunks(stride).take(height as usize) {
            pixels.extend_from_slice(line.get(..row)?);
        }
        Some(image::Handle::from_rgba(width, height, pixels))
    }
}

/// The sound output for films: the machine's device, or, where it has
/// none, a sink that keeps time silently (said once in the log).
fn audio_sink() -> gst::Element {
    static HAS_DEVICE: OnceLock<bool> = OnceLock::new();
    let has_device = *HAS_DEVICE.get_or_init(|| {
        // autoaudiosink falls back to a fake sink when it finds no device;
        // that is "no sound device" too.
        let works = element("autoaudiosink").is_ok_and(|sink| {
            let ready = sink.set_state(gst::State::Ready).is_ok();
            let real = sink.downcast_ref::<gst::Bin>().is_some_and(|bin| {
                bin.children().iter().all(|child| {
                    child
                        .factory()
                        .is_none_or(|factory| factory.name() != "fakesink")
                })
            });
            let _ = sink.set_state(gst::State::Null);
            ready && real
        });
        if !works {
            tracing::warn!("no sound device: films play silently");
        }
        works
    });
    let device = has_device.then(|| element("autoaudiosink").ok()).flatten();
    device.unwrap_or_else(|| {
        let sink = element("fakesink").unwrap_or_else(|_| gst::Bin::new().upcast());
        if sink.find_property("sync").is_some() {
            sink.set_property("sync", true);
        }
        sink
    })
}
