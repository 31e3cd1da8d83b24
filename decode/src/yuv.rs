//! Film frames from the decoder's planar YUV (I420) into RGBA, for the
//! player.
//!
//! GStreamer's `videoconvert` has no fast path from I420 to RGBA on this
//! machine's version: it cost 3.1 ms a 1080p frame (a tenth of a core at
//! 30 frames a second, 15 % of the attract loop), against about 1 ms here.
//! The colours follow the film's own colorimetry (its matrix and range,
//! as GStreamer reads them from the stream); each chroma sample colours
//! the 2x2 pixels it belongs to. Any other format is still converted by
//! `videoconvert` (see `pipeline::rgba_sink_bin`).

use gstreamer as gst;
use gstreamer_video as gst_video;
use gstreamer_video::VideoFrameExt;

/// Bits of fraction in the fixed-point coefficients.
const SHIFT: u32 = 16;
const HALF: i32 = 1 << (SHIFT - 1);

/// The fixed-point arithmetic that turns one film's Y, U and V into R, G
/// and B: its colour matrix and range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YuvToRgb {
    luma_offset: i32,
    luma: i32,
    red_from_v: i32,
    green_from_u: i32,
    green_from_v: i32,
    blue_from_u: i32,
}

impl YuvToRgb {
    /// The conversion for frames described by `info`, if they are I420:
    /// their matrix (BT.601, BT.709, BT.2020, SMPTE 240M, FCC) and range.
    /// A film that states neither gets GStreamer's defaults: BT.709 above
    /// standard definition, BT.601 up to it, limited range.
    pub fn for_frames(info: &gst_video::VideoInfo) -> Option<YuvToRgb> {
        use gst_video::{VideoColorMatrix, VideoColorRange};
        if info.format() != gst_video::VideoFormat::I420 {
            return None;
        }
        let colorimetry = info.colorimetry();
        let matrix = match colorimetry.matrix() {
            VideoColorMatrix::Unknown | VideoColorMatrix::Rgb if info.height() > 576 => {
                VideoColorMatrix::Bt709
            }
            VideoColorMatrix::Unknown | VideoColorMatrix::Rgb => VideoColorMatrix::Bt601,
            stated => stated,
        };
        let range = match colorimetry.range() {
            VideoColorRange::Range0_255 => VideoColorRange::Range0_255,
            _ => VideoColorRange::Range16_235,
        };
        let (kr, kb) = matrix.kr_kb().ok()?;
        let (offsets, scales) = info.format_info().range_offsets(range);
        YuvToRgb::with(kr, kb, offsets[0], scales[0], scales[1])
    }

    /// The conversion for a matrix's red and blue weights and a range (the
    /// luma's offset and span, the chroma's span).
    fn with(kr: f64, kb: f64, luma_offset: i32, luma_span: i32, chroma_span: i32) -> Option<Self> {
        let kg = 1.0 - kr - kb;
        if !(kr > 0.0 && kb > 0.0 && kg > 0.0) || luma_span <= 0 || chroma_span <= 0 {
            return None;
        }
        let one = f64::from(1 << SHIFT);
        let luma = 255.0 / f64::from(luma_span);
        let chroma = 255.0 / f64::from(chroma_span);
        let fixed = |value: f64| (value * one).round() as i32;
        Some(YuvToRgb {
            luma_offset,
            luma: fixed(luma),
            red_from_v: fixed(chroma * 2.0 * (1.0 - kr)),
            green_from_u: fixed(chroma * 2.0 * (1.0 - kb) * kb / kg),
            green_from_v: fixed(chroma * 2.0 * (1.0 - kr) * kr / kg),
            blue_from_u: fixed(chroma * 2.0 * (1.0 - kb)),
        })
    }
}

/// An I420 picture's three planes, each with its row stride in bytes.
pub struct I420<'a> {
    pub width: usize,
    pub height: usize,
    pub y: (&'a [u8], usize),
    pub u: (&'a [u8], usize),
    pub v: (&'a [u8], usize),
}

impl<'a> I420<'a> {
    /// The planes of a mapped GStreamer frame, if it is I420 and its
    /// planes hold the rows its size needs.
    pub fn of_frame(frame: &'a gst_video::VideoFrameRef<&'a gst::BufferRef>) -> Option<Self> {
        if frame.format() != gst_video::VideoFormat::I420 {
            return None;
        }
        let plane = |index: u32| -> Option<(&'a [u8], usize)> {
            let stride = usize::try_from(*frame.plane_stride().get(index as usize)?).ok()?;
            Some((frame.plane_data(index).ok()?, stride))
        };
        let picture = I420 {
            width: frame.width() as usize,
            height: frame.height() as usize,
            y: plane(0)?,
            u: plane(1)?,
            v: plane(2)?,
        };
        picture.is_whole().then_some(picture)
    }

    /// Whether every plane holds all the rows and columns the size needs,
    /// so that the conversion never reads past one.
    fn is_whole(&self) -> bool {
        let fits = |(data, stride): (&[u8], usize), width: usize, rows: usize| {
            rows == 0 || (stride >= width && data.len() >= stride * (rows - 1) + width)
        };
        let (chroma_width, chroma_rows) = (self.width.div_ceil(2), self.height.div_ceil(2));
        fits(self.y, self.width, self.height)
            && fits(self.u, chroma_width, chroma_rows)
            && fits(self.v, chroma_width, chroma_rows)
    }

    /// The picture as tightly packed, opaque RGBA: `out` must hold
    /// `width * height * 4` bytes.
    pub fn to_rgba(&self, matrix: &YuvToRgb, out: &mut [u8]) {
        assert_eq!(out.len(), self.width * self.height * 4, "RGBA buffer size");
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            return unsafe { to_rgba_avx2(self, matrix, out) };
        }
        to_rgba_rows(self, matrix, out);
    }
}

/// The same rows compiled for AVX2, eight pixels at a time.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn to_rgba_avx2(picture: &I420<'_>, matrix: &YuvToRgb, out: &mut [u8]) {
    to_rgba_rows(picture, matrix, out);
}

/// Converts two rows at a time: the chroma's share of each colour is
/// worked out once per chroma row, for both luma rows it covers.
#[inline(always)]
fn to_rgba_rows(picture: &I420<'_>, matrix: &YuvToRgb, out: &mut [u8]) {
    let (width, chroma_width) = (picture.width, picture.width.div_ceil(2));
    let mut shares = ChromaShares {
        red: vec![0; chroma_width],
        green: vec![0; chroma_width],
        blue: vec![0; chroma_width],
    };
    for (chroma_row, rows_out) in out.chunks_mut(width * 4 * 2).enumerate() {
        let u = &picture.u.0[chroma_row * picture.u.1..][..chroma_width];
        let v = &picture.v.0[chroma_row * picture.v.1..][..chroma_width];
        shares.fill(matrix, u, v);
        for (half, row_out) in rows_out.chunks_exact_mut(width * 4).enumerate() {
            let row = chroma_row * 2 + half;
            let luma = &picture.y.0[row * picture.y.1..][..width];
            shares.luma_row(matrix, luma, row_out);
        }
    }
}

/// Each chroma sample's share of red, green and blue, with the rounding
/// added, for one chroma row.
struct ChromaShares {
    red: Vec<i32>,
    green: Vec<i32>,
    blue: Vec<i32>,
}

impl ChromaShares {
    #[inline(always)]
    fn fill(&mut self, matrix: &YuvToRgb, u: &[u8], v: &[u8]) {
        let shares = self.red.iter_mut().zip(&mut self.green).zip(&mut self.blue);
        for (((red, green), blue), (&u, &v)) in shares.zip(u.iter().zip(v)) {
            let (u, v) = (i32::from(u) - 128, i32::from(v) - 128);
            *red = HALF + v * matrix.red_from_v;
            *green = HALF - u * matrix.green_from_u - v * matrix.green_from_v;
            *blue = HALF + u * matrix.blue_from_u;
        }
    }

    /// One row of pixels from its luma, eight at a time where it can (a
    /// fixed-size block the compiler keeps in vectors).
    #[inline(always)]
    fn luma_row(&self, matrix: &YuvToRgb, luma: &[u8], out: &mut [u8]) {
        const BLOCK: usize = 8;
        let whole = luma.len() / BLOCK * BLOCK;
        let shares = self
            .red
            .chunks_exact(BLOCK / 2)
            .zip(self.green.chunks_exact(BLOCK / 2))
            .zip(self.blue.chunks_exact(BLOCK / 2));
        let blocks = out[..whole * 4]
            .chunks_exact_mut(BLOCK * 4)
            .zip(luma[..whole].chunks_exact(BLOCK))
            .zip(shares);
        for ((out, luma), ((red, green), blue)) in blocks {
            let mut rgba = [0u32; BLOCK];
            for (i, rgba) in rgba.iter_mut().enumerate() {
                *rgba = pixel(matrix, luma[i], red[i / 2], green[i / 2], blue[i / 2]);
            }
            for (out, rgba) in out.chunks_exact_mut(4).zip(rgba) {
                out.copy_from_slice(&rgba.to_le_bytes());
            }
        }
        for (x, out) in out[whole * 4..].chunks_exact_mut(4).enumerate() {
            let (x, c) = (whole + x, (whole + x) / 2);
            let rgba = pixel(matrix, luma[x], self.red[c], self.green[c], self.blue[c]);
            out.copy_from_slice(&rgba.to_le_bytes());
        }
    }
}

/// One opaque pixel, its red in the lowest byte.
#[inline(always)]
fn pixel(matrix: &YuvToRgb, luma: u8, red: i32, green: i32, blue: i32) -> u32 {
    let luma = (i32::from(luma) - matrix.luma_offset) * matrix.luma;
    let channel = |share: i32| ((luma + share) >> SHIFT).clamp(0, 255) as u32;
    channel(red) | channel(green) << 8 | channel(blue) << 16 | 0xff00_0000
}

#[cfg(test)]
mod tests {
    use super::{I420, YuvToRgb, gst, gst_video};
    use gst::prelude::*;

    const BT709: (f64, f64) = (0.2126, 0.0722);

    fn limited(kr_kb: (f64, f64)) -> YuvToRgb {
        YuvToRgb::with(kr_kb.0, kr_kb.1, 16, 219, 224).unwrap()
    }

    /// Whether two colours differ by at most one level in any channel: the
    /// standard's 8-bit values are themselves rounded.
    fn near(got: [u8; 4], want: [u8; 4]) -> bool {
        got.iter()
            .zip(want)
            .all(|(&got, want)| got.abs_diff(want) <= 1)
    }

    /// A 2x2 picture of one Y, U and V, converted.
    fn one_colour(matrix: &YuvToRgb, y: u8, u: u8, v: u8) -> [u8; 4] {
        let (luma, cb, cr) = ([y; 4], [u], [v]);
        let picture = I420 {
            width: 2,
            height: 2,
            y: (&luma, 2),
            u: (&cb, 1),
            v: (&cr, 1),
        };
        let mut out = [0u8; 16];
        picture.to_rgba(matrix, &mut out);
        assert!(out.chunks(4).all(|pixel| pixel == &out[..4]), "{out:?}");
        out[..4].try_into().unwrap()
    }

    #[test]
    fn limited_range_black_white_and_primaries() {
        let bt709 = limited(BT709);
        assert_eq!(one_colour(&bt709, 16, 128, 128), [0, 0, 0, 255]);
        assert_eq!(one_colour(&bt709, 235, 128, 128), [255, 255, 255, 255]);
        // Below black and above white are clamped, not wrapped.
        assert_eq!(one_colour(&bt709, 0, 128, 128), [0, 0, 0, 255]);
        assert_eq!(one_colour(&bt709, 255, 128, 128), [255, 255, 255, 255]);
        // BT.709's red, green and blue at 75 % (ITU-R BT.2111 colour bars).
        assert!(near(one_colour(&bt709, 51, 109, 212), [191, 0, 0, 255]));
        assert!(near(one_colour(&bt709, 133, 63, 52), [0, 191, 0, 255]));
        assert!(near(one_colour(&bt709, 28, 212, 120), [0, 0, 191, 255]));
    }

    #[test]
    fn the_matrix_and_range_change_the_colours() {
        let bt601 = limited((0.299, 0.114));
        // BT.601's 75 % red bar.
        assert!(near(one_colour(&bt601, 65, 100, 212), [191, 0, 0, 255]));
        assert!(!near(
            one_colour(&limited(BT709), 65, 100, 212),
            [191, 0, 0, 255]
        ));
        let full = YuvToRgb::with(BT709.0, BT709.1, 0, 255, 255).unwrap();
        assert_eq!(one_colour(&full, 0, 128, 128), [0, 0, 0, 255]);
        assert_eq!(one_colour(&full, 255, 128, 128), [255, 255, 255, 255]);
        assert_eq!(one_colour(&full, 128, 128, 128), [128, 128, 128, 255]);
        assert!(YuvToRgb::with(0.6, 0.5, 16, 219, 224).is_none());
    }

    #[test]
    fn films_that_state_no_colours_get_gstreamers_defaults() {
        crate::init().unwrap();
        let unstated = |width, height| {
            let info = gst_video::VideoInfo::builder(gst_video::VideoFormat::I420, width, height)
                .colorimetry(&"0:0:0:0".parse().unwrap())
                .build()
                .unwrap();
            assert_eq!(
                info.colorimetry().matrix(),
                gst_video::VideoColorMatrix::Unknown
            );
            YuvToRgb::for_frames(&info).unwrap()
        };
        assert_eq!(unstated(1920, 1080), limited(BT709));
        assert_eq!(unstated(720, 576), limited((0.299, 0.114)));
        let rgba = gst_video::VideoInfo::builder(gst_video::VideoFormat::Rgba, 2, 2).build();
        assert!(YuvToRgb::for_frames(&rgba.unwrap()).is_none());
    }

    #[test]
    fn each_chroma_sample_colours_its_own_two_by_two_pixels_at_odd_sizes() {
        let matrix = limited(BT709);
        // 3x3: chroma is 2x2, the last column and row have their own.
        let luma = [16u8, 16, 235, 0, 16, 16, 235, 0, 235, 235, 235, 0];
        let (cb, cr) = ([128u8, 128, 0, 128, 128, 0], [128u8, 255, 0, 128, 128, 0]);
        let picture = I420 {
            width: 3,
            height: 3,
            y: (&luma, 4),
            u: (&cb, 3),
            v: (&cr, 3),
        };
        assert!(picture.is_whole());
        let mut out = [0u8; 36];
        picture.to_rgba(&matrix, &mut out);
        let pixel = |x: usize, y: usize| &out[(y * 3 + x) * 4..][..4];
        for (x, y) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
            assert_eq!(pixel(x, y), [0, 0, 0, 255]);
        }
        // White luma with the most red-difference: red clamps, green
        // drops, blue (from the other chroma) stays.
        let reddish = pixel(2, 0);
        assert_eq!(reddish, pixel(2, 1));
        assert!(
            reddish[0] == 255 && reddish[1] < 200 && reddish[2] == 255,
            "{reddish:?}"
        );
        for x in 0..3 {
            assert_eq!(pixel(x, 2), [255, 255, 255, 255]);
        }
    }

    #[test]
    fn planes_too_short_for_the_size_are_refused() {
        let (luma, chroma) = ([0u8; 10], [0u8; 4]);
        let picture = I420 {
            width: 3,
            height: 3,
            y: (&luma, 4),
            u: (&chroma, 2),
            v: (&chroma, 2),
        };
        assert!(!picture.is_whole());
    }

    /// The first `count` frames of a film decoded by the decoder the
    /// kiosk's player uses, ending in `tail` (caps or elements) and an app
    /// sink.
    fn decoded(film: &std::path::Path, tail: &str, count: usize) -> Vec<gst::Sample> {
        crate::init().unwrap();
        let description = format!(
            "filesrc location={} ! qtdemux name=demux demux.video_0 ! avdec_h264 ! {tail} \
             ! appsink name=sink sync=false",
            film.display()
        );
        let pipeline = gst::parse::launch(&description)
            .unwrap()
            .downcast::<gst::Pipeline>()
            .unwrap();
        let sink = pipeline
            .by_name("sink")
            .unwrap()
            .downcast::<gstreamer_app::AppSink>()
            .unwrap();
        pipeline.set_state(gst::State::Playing).unwrap();
        let samples = (0..count)
            .map(|_| sink.pull_sample().expect("a frame"))
            .collect();
        pipeline.set_state(gst::State::Null).unwrap();
        samples
    }

    /// The colour the standard gives for one Y, U and V (a matrix's red and
    /// blue weights, a range's offsets and spans), computed in `f64` and
    /// rounded: what the fixed-point arithmetic must come within one level
    /// of.
    fn exact(yuv: [u8; 3], (kr, kb): (f64, f64), offsets: [i32; 4], spans: [i32; 4]) -> [u8; 3] {
        let kg = 1.0 - kr - kb;
        let normal = |value: u8, index: usize| {
            (f64::from(value) - f64::from(offsets[index])) / f64::from(spans[index])
        };
        let (y, u, v) = (normal(yuv[0], 0), normal(yuv[1], 1), normal(yuv[2], 2));
        [
            y + 2.0 * (1.0 - kr) * v,
            y - 2.0 * (1.0 - kb) * kb / kg * u - 2.0 * (1.0 - kr) * kr / kg * v,
            y + 2.0 * (1.0 - kb) * u,
        ]
        .map(|channel| (channel * 255.0).round().clamp(0.0, 255.0) as u8)
    }

    #[test]
    fn a_real_films_frames_get_the_standards_colours() {
        // testsrc2's bars, gradients and sharp-edged shapes as x264 made
        // them, decoded by the kiosk's decoder (BT.601, limited range).
        let film = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/films/good-2s.mp4");
        let frames = 5;
        let ours = decoded(&film, "video/x-raw,format=I420", frames);
        let gstreamers = decoded(&film, "videoconvert ! video/x-raw,format=RGBA", frames);
        let (mut off_by_one, mut from_gstreamer, mut total) = (0, 0, 0);
        let mut furthest_from_gstreamer = 0;
        for (ours, gstreamers) in ours.iter().zip(&gstreamers) {
            let info = gst_video::VideoInfo::from_caps(ours.caps().unwrap()).unwrap();
            let colorimetry = info.colorimetry();
            let kr_kb = colorimetry.matrix().kr_kb().unwrap();
            let (offsets, spans) = info.format_info().range_offsets(colorimetry.range());
            let buffer = ours.buffer().unwrap();
            let frame = gst_video::VideoFrameRef::from_buffer_ref_readable(buffer, &info).unwrap();
            let picture = I420::of_frame(&frame).unwrap();
            let mut rgba = vec![0u8; picture.width * picture.height * 4];
            picture.to_rgba(&YuvToRgb::for_frames(&info).unwrap(), &mut rgba);
            let gstreamers = gstreamers.buffer().unwrap().map_readable().unwrap();
            assert_eq!(gstreamers.len(), rgba.len());
            for (index, pixel) in rgba.chunks_exact(4).enumerate() {
                let (x, y) = (index % picture.width, index / picture.width);
                let yuv = [
                    picture.y.0[y * picture.y.1 + x],
                    picture.u.0[y / 2 * picture.u.1 + x / 2],
                    picture.v.0[y / 2 * picture.v.1 + x / 2],
                ];
                let want = exact(yuv, kr_kb, offsets, spans);
                for channel in 0..3 {
                    let difference = pixel[channel].abs_diff(want[channel]);
                    assert!(
                        difference <= 1,
                        "({x}, {y}): {pixel:?} for {yuv:?}, not {want:?}"
                    );
                    off_by_one += usize::from(difference);
                    let from_theirs = pixel[channel].abs_diff(gstreamers[index * 4 + channel]);
                    from_gstreamer += usize::from(from_theirs);
                    furthest_from_gstreamer = furthest_from_gstreamer.max(from_theirs);
                    total += 1;
                }
                assert_eq!(pixel[3], 255);
            }
        }
        // Off by one only where the exact value is within a hair of a half.
        assert!(
            off_by_one * 1000 < total,
            "{off_by_one} of {total} channels off by one"
        );
        // `videoconvert` rounds its coefficients to 8 bits: up to 6 levels
        // away, 1.6 on average. A wrong matrix or range would be tens of
        // levels away on the saturated bars.
        assert!(
            furthest_from_gstreamer <= 6,
            "{furthest_from_gstreamer} levels from GStreamer's"
        );
        assert!(
            from_gstreamer < total * 2,
            "{from_gstreamer} levels in {total} channels"
        );
    }
}
