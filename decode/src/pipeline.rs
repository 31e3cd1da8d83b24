//! GStreamer pieces shared by the player, the film check and the bench.

use gstreamer as gst;
use gstreamer::prelude::*;
use gstreamer_app as gst_app;

/// Makes an element of a factory the GStreamer packages provide.
pub fn element(factory: &str) -> Result<gst::Element, String> {
    gst::ElementFactory::make(factory).build().map_err(|_| {
        format!("GStreamer element `{factory}` is missing (is the Debian package installed?)")
    })
}

/// An error message from the bus as one line for a log or an editor: what
/// went wrong, not GStreamer's internals.
pub fn describe_error(error: &gst::message::Error) -> String {
    let text = error.error().to_string();
    match error.src() {
        Some(source) => format!("{text} ({})", source.name()),
        None => text,
    }
}

/// The size a frame of `width`x`height` (with pixel aspect `par`) gets
/// to fit inside `bounds` with its proportions kept. Even numbers, because
/// encoders and scalers prefer them.
pub fn fit_size(
    width: i32,
    height: i32,
    par: (i32, i32),
    bounds: (u32, u32),
) -> Option<(i32, i32)> {
    if width <= 0 || height <= 0 || par.0 <= 0 || par.1 <= 0 {
        return None;
    }
    let display_width = f64::from(width) * f64::from(par.0) / f64::from(par.1);
    let scale = (f64::from(bounds.0) / display_width).min(f64::from(bounds.1) / f64::from(height));
    let even = |value: f64| ((value / 2.0).round() as i32 * 2).max(2);
    Some((even(display_width * scale), even(f64::from(height) * scale)))
}

/// A bin that delivers decoded video to `sink`, to be shown no larger than
/// `bounds`: I420, which the player scales (`scale`) and converts itself
/// (`yuv`, three times faster than `videoconvert`'s way to RGBA), or RGBA
/// from `videoconvert`, at the size it is shown at, for any other format.
/// `videoscale` scales here, on the decoder's threads, what the player does
/// not: RGBA, films with pixels that are not square, films shrunk to less
/// than half, and every film on a machine where the player's scaling is
/// slower (`scale::is_fast`). Either way each frame is scaled once, before
/// its colours are converted (a film shown smaller converts fewer pixels,
/// and planar YUV moves 1.5 bytes a pixel instead of RGBA's 4), and the
/// renderer draws it at 1:1.
pub fn film_sink_bin(
    sink: &gst_app::AppSink,
    bounds: Option<(u32, u32)>,
) -> Result<gst::Bin, String> {
    let bin = gst::Bin::new();
    let convert = element("videoconvert")?;
    let scale = element("videoscale")?;
    let filter = element("capsfilter")?;
    bin.add_many([&scale, &convert, &filter, sink.upcast_ref()])
        .map_err(|error| error.to_string())?;
    gst::Element::link_many([&scale, &convert, &filter, sink.upcast_ref()])
        .map_err(|error| error.to_string())?;
    let base_caps = gst::Caps::builder("video/x-raw")
        .field("format", frame_formats())
        .field("pixel-aspect-ratio", gst::Fraction::new(1, 1))
        .build();
    filter.set_property("caps", &base_caps);

    let pad = scale
        .static_pad("sink")
        .ok_or("videoscale has no sink pad")?;
    let ghost = gst::GhostPad::with_target(&pad).map_err(|error| error.to_string())?;
    if let Some(bounds) = bounds {
        // The decoded size is known only when the film's caps arrive: fix
        // the scaler's output then, before the caps travel on.
        let filter = filter.clone();
        ghost.add_probe(gst::PadProbeType::EVENT_DOWNSTREAM, move |_, info| {
            if let Some(gst::PadProbeData::Event(event)) = &info.data
                && let gst::EventView::Caps(caps) = event.view()
                && let Some(structure) = caps.caps().structure(0)
            {
                let width = structure.get::<i32>("width").unwrap_or(0);
                let height = structure.get::<i32>("height").unwrap_or(0);
                let par = structure
                    .get::<gst::Fraction>("pixel-aspect-ratio")
                    .map(|par| (par.numer(), par.denom()))
                    .unwrap_or((1, 1));
                if let Some(caps) = film_caps((width, height), par, bounds) {
                    filter.set_property("caps", &caps);
                }
            }
            gst::PadProbeReturn::Ok
        });
    }
    bin.add_pad(&ghost).map_err(|error| error.to_string())?;
    Ok(bin)
}

/// The formats a film's frames reach the player in, the decoder's own
/// first, so that `videoconvert` passes it through.
fn frame_formats() -> gst::List {
    gst::List::new(["I420", "RGBA"])
}

/// What the frames of a film decoded at `size` (with pixel aspect `par`)
/// leave the bin as, to be shown inside `bounds`: RGBA at the size it is
/// shown at; I420 at its own size if the player scales it (fast, square
/// pixels, not shrunk below half), else at the size it is shown at.
fn film_caps(size: (i32, i32), par: (i32, i32), bounds: (u32, u32)) -> Option<gst::Caps> {
    let (width, height) = fit_size(size.0, size.1, par, bounds)?;
    let sized = |format: &str, (width, height): (i32, i32)| {
        gst::Structure::builder("video/x-raw")
            .field("format", format)
            .field("pixel-aspect-ratio", gst::Fraction::new(1, 1))
            .field("width", width)
            .field("height", height)
            .build()
    };
    let player_scales =
        crate::scale::is_fast() && par.0 == par.1 && width * 2 >= size.0 && height * 2 >= size.1;
    let planar = if player_scales { size } else { (width, height) };
    Some(
        gst::Caps::builder_full()
            .structure(sized("I420", planar))
            .structure(sized("RGBA", (width, height)))
            .build(),
    )
}

/// The size a frame of `width`x`height` square pixels is shown at inside
/// `bounds` (its own size without bounds): where the player scales what
/// `film_sink_bin` left at the film's size.
pub fn shown_size(width: u32, height: u32, bounds: Option<(u32, u32)>) -> (u32, u32) {
    let to_i32 = |value: u32| i32::try_from(value).unwrap_or(i32::MAX);
    bounds
        .and_then(|bounds| fit_size(to_i32(width), to_i32(height), (1, 1), bounds))
        .map_or((width, height), |(width, height)| {
            (width.unsigned_abs(), height.unsigned_abs())
        })
}

/// How long a decoder may go without a frame before it counts as stuck.
pub(crate) const STALL: std::time::Duration = std::time::Duration::from_secs(15);

/// What a decoder gave.
pub(crate) enum Pulled {
    Frame(gst::Sample),
    End,
}

/// A pipeline that decodes the video of `uri` into an app sink that takes
/// frames as fast as they come, for checks and the bench.
pub(crate) struct DecodePipeline {
    pub pipeline: gst::Pipeline,
    pub source: gst::Element,
    pub sink: gst_app::AppSink,
}

impl DecodePipeline {
    pub fn new(uri: &str) -> Result<DecodePipeline, String> {
        let pipeline = gst::Pipeline::new();
        let source = element("uridecodebin")?;
        source.set_property("uri", uri);
        source.set_property("caps", gst::Caps::new_empty_simple("video/x-raw"));
        let sink = gst_app::AppSink::builder()
            .sync(false)
            .max_buffers(8)
            .enable_last_sample(false)
            .build();
        pipeline
            .add_many([&source, sink.upcast_ref()])
            .map_err(|error| error.to_string())?;
        let sink_pad = sink.static_pad("sink");
        source.connect_pad_added(move |_, pad| {
            if let Some(sink_pad) = &sink_pad
                && !sink_pad.is_linked()
            {
                let _ = pad.link(sink_pad);
            }
        });
        Ok(DecodePipeline {
            pipeline,
            source,
            sink,
        })
    }

    /// The next decoded frame, or the end. An error on the bus, or no
    /// frame for [`STALL`], is an error: a garbage or truncated file must
    /// never leave a check or the bench waiting for ever.
    pub fn next_frame(&self) -> Result<Pulled, String> {
        let deadline = std::time::Instant::now() + STALL;
        loop {
            if let Some(error) = self.pending_error() {
                return Err(format!("cannot be decoded: {error}"));
            }
            match self
                .sink
                .try_pull_sample(gst::ClockTime::from_mseconds(200))
            {
                Some(sample) => return Ok(Pulled::Frame(sample)),
                None if self.sink.is_eos() => {
                    // The end may come with an error posted just before it.
                    return match self.pending_error() {
                        Some(error) => Err(format!("cannot be decoded: {error}")),
                        None => Ok(Pulled::End),
                    };
                }
                None if std::time::Instant::now() >= deadline => {
                    return Err("stopped decoding".into());
                }
                None => {}
            }
        }
    }

    /// The first error waiting on the bus, in words.
    pub fn pending_error(&self) -> Option<String> {
        let message = self
            .pipeline
            .bus()?
            .pop_filtered(&[gst::MessageType::Error])?;
        match message.view() {
            gst::MessageView::Error(error) => Some(describe_error(error)),
            _ => None,
        }
    }
}

impl Drop for DecodePipeline {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
    }
}

/// Makes libav's decoders write each picture into a buffer of the next
/// element's pool rather than hand out their own reference frames.
///
/// With their own frames ("direct rendering") the base decoder class must
/// copy every picture into a fresh allocation to make it writable, as the
/// decoder still refers to it: for a 1080p film that is a new 3 MB mapping,
/// its page faults and its unmapping 30 times a second (a tenth of a core
/// on the kiosk's machine). Without, the same one copy lands in buffers
/// that go round.
pub fn decode_into_pooled_buffers(bin: &gst::Element) {
    set_on_elements_having(bin, "direct-rendering", false);
}

/// Limits software video decoders to `threads` threads, for a bench that
/// measures one core.
pub fn limit_decoder_threads(bin: &gst::Element, threads: i32) {
    set_on_elements_having(bin, "max-threads", threads);
}

/// Sets `property` to `value` on every element the bin creates inside it
/// (at any depth) that has such a property: how a `playbin` or
/// `uridecodebin` lets its decoders be tuned.
fn set_on_elements_having<V>(bin: &gst::Element, property: &'static str, value: V)
where
    V: Into<gst::glib::Value> + Copy + Send + Sync + 'static,
{
    if let Some(bin) = bin.downcast_ref::<gst::Bin>() {
        bin.connect_deep_element_added(move |_, _, element| {
            if element.find_property(property).is_some() {
                element.set_property(property, value);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::{film_caps, fit_size, shown_size};

    /// The (format, width, height) of each structure of `caps`.
    fn sizes(caps: &gstreamer::Caps) -> Vec<(String, i32, i32)> {
        caps.iter()
            .map(|structure| {
                (
                    structure.get::<String>("format").unwrap(),
                    structure.get::<i32>("width").unwrap(),
                    structure.get::<i32>("height").unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn the_player_scales_square_pixels_down_to_half_and_videoscale_the_rest() {
        gstreamer::init().unwrap();
        let shown = (1600, 900);
        let town_film = film_caps((1920, 1080), (1, 1), (1600, 904)).unwrap();
        let planar = if crate::scale::is_fast() {
            (1920, 1080)
        } else {
            shown
        };
        assert_eq!(
            sizes(&town_film),
            [
                ("I420".into(), planar.0, planar.1),
                ("RGBA".into(), shown.0, shown.1)
            ]
        );
        // Shrunk to less than half, or pixels not square: videoscale.
        for (size, par) in [((3840, 2160), (1, 1)), ((1280, 1080), (3, 2))] {
            let caps = film_caps(size, par, (1600, 904)).unwrap();
            assert_eq!(
                sizes(&caps),
                [("I420".into(), 1600, 900), ("RGBA".into(), 1600, 900)],
                "{size:?} {par:?}"
            );
        }
        // What the player then shows.
        assert_eq!(shown_size(1920, 1080, Some((1600, 904))), (1600, 900));
        assert_eq!(shown_size(1920, 1080, None), (1920, 1080));
    }

    #[test]
    fn fits_landscape_portrait_and_anamorphic_frames() {
        assert_eq!(
            fit_size(1280, 720, (1, 1), (1920, 1080)),
            Some((1920, 1080))
        );
        assert_eq!(fit_size(720, 1280, (1, 1), (1920, 1080)), Some((608, 1080)));
        assert_eq!(fit_size(1920, 1080, (1, 1), (1024, 768)), Some((1024, 576)));
        // 720x576 PAL 16:9 has wide pixels.
        assert_eq!(
            fit_size(720, 576, (64, 45), (1920, 1080)),
            Some((1920, 1080))
        );
        assert_eq!(fit_size(0, 720, (1, 1), (1920, 1080)), None);
    }
}
