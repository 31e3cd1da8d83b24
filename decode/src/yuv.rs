//! Film frames from the decoder's planar YUV (I420) into RGBA, for the
//! player.
//!
//! GStreamer's `videoconvert` has no fast path from I420 to RGBA on this
//! machine's version: it cost 3.1 ms a 1080p frame (a tenth of a core at
//! 30 frames a second, 15 % of the attract loop), against 0.9 ms here
//! (sixteen pixels at a time in 16-bit lanes with AVX2; the same
//! arithmetic one pixel at a time elsewhere, which gives the same bytes).
//! The colours follow the film's own colorimetry (its matrix and range,
//! as GStreamer reads them from the stream); each chroma sample colours
//! the 2x2 pixels it belongs to. Any other format is still converted by
//! `videoconvert` (see `pipeline::film_sink_bin`).

use gstreamer as gst;
use gstreamer_video as gst_video;
use gstreamer_video::VideoFrameExt;

/// Bits of fraction in the fixed-point coefficients.
const SHIFT: u32 = 16;

/// The fixed-point arithmetic that turns one film's Y, U and V into R, G
/// and B: its colour matrix and range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YuvToRgb {
    luma_offset: i32,
    luma: i32,
    /// The luma's weight in the 16-bit lanes: 14 bits of fraction.
    luma_in_lanes: u16,
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
            luma_in_lanes: (luma * f64::from(1 << 14)).round() as u16,
            red_from_v: fixed(chroma * 2.0 * (1.0 - kr)),
            green_from_u: fixed(chroma * 2.0 * (1.0 - kb) * kb / kg),
            green_from_v: fixed(chroma * 2.0 * (1.0 - kr) * kr / kg),
            blue_from_u: fixed(chroma * 2.0 * (1.0 - kb)),
        })
    }
}

/// An I420 picture's three planes, each with its row stride in bytes.
#[derive(Clone)]
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
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            return self.to_rgba_with(
                out,
                |shares, u, v| {
                    // SAFETY: the processor has AVX2, checked above.
                    unsafe { avx2::fill_shares(shares, matrix, u, v) }
                },
                |luma, shares, out| {
                    // SAFETY: the processor has AVX2, checked above.
                    unsafe { avx2::luma_row(matrix, luma, shares, out) }
                },
            );
        }
        self.to_rgba_with(
            out,
            |shares, u, v| shares.fill(matrix, u, v),
            |luma, shares, out| luma_row(matrix, luma, shares, out, 0),
        );
    }

    /// Converts two rows at a time: the chroma's share of each colour is
    /// worked out once per chroma row by `fill`, then each of the two luma
    /// rows it covers is made by `row`.
    fn to_rgba_with(
        &self,
        out: &mut [u8],
        mut fill: impl FnMut(&mut ChromaShares, &[u8], &[u8]),
        mut row: impl FnMut(&[u8], &ChromaShares, &mut [u8]),
    ) {
        assert_eq!(out.len(), self.width * self.height * 4, "RGBA buffer size");
        let (width, chroma_width) = (self.width, self.width.div_ceil(2));
        let mut shares = ChromaShares {
            red: vec![0; chroma_width],
            green: vec![0; chroma_width],
            blue: vec![0; chroma_width],
        };
        for (chroma_row, rows_out) in out.chunks_mut(width * 4 * 2).enumerate() {
            let u = &self.u.0[chroma_row * self.u.1..][..chroma_width];
            let v = &self.v.0[chroma_row * self.v.1..][..chroma_width];
            fill(&mut shares, u, v);
            for (half, row_out) in rows_out.chunks_exact_mut(width * 4).enumerate() {
                let y = chroma_row * 2 + half;
                row(&self.y.0[y * self.y.1..][..width], &shares, row_out);
            }
        }
    }
}

/// Bits of fraction in the 16-bit lanes the pixels are worked out in.
const LANE_SHIFT: u32 = 6;

/// Each chroma sample's share of red, green and blue for one chroma row,
/// in 16-bit lanes, with the luma's offset and the rounding folded in.
struct ChromaShares {
    red: Vec<i16>,
    green: Vec<i16>,
    blue: Vec<i16>,
}

impl ChromaShares {
    #[inline(always)]
    fn fill(&mut self, matrix: &YuvToRgb, u: &[u8], v: &[u8]) {
        const TO_LANES: u32 = SHIFT - LANE_SHIFT;
        // Half a level to round the channel, half a lane step for the
        // luma's part (its product is truncated), half a step for the
        // shift into lanes.
        let base = (1 << (SHIFT - 1)) + (1 << TO_LANES) - matrix.luma_offset * matrix.luma;
        let lanes = |value: i32| (value >> TO_LANES).clamp(i16::MIN.into(), i16::MAX.into()) as i16;
        let shares = self.red.iter_mut().zip(&mut self.green).zip(&mut self.blue);
        for (((red, green), blue), (&u, &v)) in shares.zip(u.iter().zip(v)) {
            let (u, v) = (i32::from(u) - 128, i32::from(v) - 128);
            *red = lanes(base + v * matrix.red_from_v);
            *green = lanes(base - u * matrix.green_from_u - v * matrix.green_from_v);
            *blue = lanes(base + u * matrix.blue_from_u);
        }
    }
}

/// Pixels `from..` of one row, one at a time: the arithmetic of the AVX2
/// lanes, written out.
fn luma_row(matrix: &YuvToRgb, luma: &[u8], shares: &ChromaShares, out: &mut [u8], from: usize) {
    let pixels = out[from * 4..].chunks_exact_mut(4).zip(&luma[from..]);
    for (x, (out, &luma)) in (from..).zip(pixels) {
        let luma = luma_in_lanes(matrix, luma);
        let chroma = x / 2;
        out.copy_from_slice(&[
            channel(luma, shares.red[chroma]),
            channel(luma, shares.green[chroma]),
            channel(luma, shares.blue[chroma]),
            255,
        ]);
    }
}

/// A luma's part of every channel: the high half of its 16-bit product
/// with the weight.
fn luma_in_lanes(matrix: &YuvToRgb, luma: u8) -> i16 {
    (((u32::from(luma) << 8) * u32::from(matrix.luma_in_lanes)) >> 16) as i16
}

/// One channel from the luma's part and the chroma's share. The sum
/// saturates only far above white, where the channel is 255 either way.
fn channel(luma: i16, share: i16) -> u8 {
    (luma.saturating_add(share) >> LANE_SHIFT).clamp(0, 255) as u8
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use std::arch::x86_64::*;

    use super::{ChromaShares, LANE_SHIFT, YuvToRgb};

    const BLOCK: usize = 16;

    /// `ChromaShares::fill` built for AVX2 (eight 32-bit products at a
    /// time; without, the products are pieced together from halves).
    #[target_feature(enable = "avx2")]
    pub fn fill_shares(shares: &mut ChromaShares, matrix: &YuvToRgb, u: &[u8], v: &[u8]) {
        shares.fill(matrix, u, v);
    }

    /// One row, sixteen pixels at a time, the rest by `super::luma_row`.
    ///
    /// # Safety
    /// The processor must have AVX2.
    #[target_feature(enable = "avx2")]
    pub unsafe fn luma_row(matrix: &YuvToRgb, luma: &[u8], shares: &ChromaShares, out: &mut [u8]) {
        let blocks = luma.len() / BLOCK;
        let weight = _mm256_set1_epi16(matrix.luma_in_lanes as i16);
        for block in 0..blocks {
            let x = block * BLOCK;
            let luma: &[u8; BLOCK] = luma[x..x + BLOCK].try_into().expect("sixteen pixels");
            let out: &mut [u8; BLOCK * 4] = (&mut out[x * 4..(x + BLOCK) * 4])
                .try_into()
                .expect("sixteen pixels");
            sixteen_pixels(luma, weight, shares, x / 2, out);
        }
        super::luma_row(matrix, luma, shares, out, blocks * BLOCK);
    }

    #[target_feature(enable = "avx2")]
    fn sixteen_pixels(
        luma: &[u8; BLOCK],
        weight: __m256i,
        shares: &ChromaShares,
        chroma: usize,
        out: &mut [u8; BLOCK * 4],
    ) {
        // SAFETY: reads the sixteen bytes of `luma`.
        let luma = unsafe { _mm_loadu_si128(luma.as_ptr().cast()) };
        let luma = _mm256_mulhi_epu16(_mm256_slli_epi16::<8>(_mm256_cvtepu8_epi16(luma)), weight);
        let red = channel(luma, &shares.red, chroma);
        let green = channel(luma, &shares.green, chroma);
        let blue = channel(luma, &shares.blue, chroma);
        // Saturated to bytes, then interleaved: each 128-bit half holds
        // eight pixels' red and blue, then their green and alpha.
        let red_blue = _mm256_packus_epi16(red, blue);
        let green_alpha = _mm256_packus_epi16(green, _mm256_set1_epi16(255));
        let red_green = _mm256_unpacklo_epi8(red_blue, green_alpha);
        let blue_alpha = _mm256_unpackhi_epi8(red_blue, green_alpha);
        let first = _mm256_unpacklo_epi16(red_green, blue_alpha);
        let second = _mm256_unpackhi_epi16(red_green, blue_alpha);
        // SAFETY: writes the 64 bytes of `out`, 32 at a time.
        unsafe {
            let out = out.as_mut_ptr();
            _mm256_storeu_si256(out.cast(), _mm256_permute2x128_si256::<0x20>(first, second));
            _mm256_storeu_si256(
                out.add(32).cast(),
                _mm256_permute2x128_si256::<0x31>(first, second),
            );
        }
    }

    /// Sixteen pixels' channel: the luma's parts plus the shares of the
    /// eight chroma samples from `chroma` on, each for two pixels.
    #[target_feature(enable = "avx2")]
    fn channel(luma: __m256i, shares: &[i16], chroma: usize) -> __m256i {
        let eight: &[i16; 8] = shares[chroma..chroma + 8].try_into().expect("eight shares");
        // SAFETY: reads the sixteen bytes of `eight`.
        let eight = unsafe { _mm_loadu_si128(eight.as_ptr().cast()) };
        let twice = _mm256_set_m128i(
            _mm_unpackhi_epi16(eight, eight),
            _mm_unpacklo_epi16(eight, eight),
        );
        _mm256_srai_epi16::<{ LANE_SHIFT as i32 }>(_mm256_adds_epi16(luma, twice))
    }
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
    fn the_vector_rows_give_the_same_bytes_as_one_pixel_at_a_time() {
        // Every value of Y, U and V in a scrambled order, at widths with
        // and without a remainder after the blocks of sixteen.
        let mut seed = 0x2545_f491_u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 24) as u8
        };
        for (width, height) in [(1920_usize, 6_usize), (67, 9), (15, 3), (1, 1)] {
            let stride = width + 5;
            let chroma_stride = width.div_ceil(2) + 3;
            let luma: Vec<u8> = (0..stride * height).map(|_| next()).collect();
            let chroma_rows = height.div_ceil(2);
            let cb: Vec<u8> = (0..chroma_stride * chroma_rows).map(|_| next()).collect();
            let cr: Vec<u8> = (0..chroma_stride * chroma_rows).map(|_| next()).collect();
            let picture = I420 {
                width,
                height,
                y: (&luma, stride),
                u: (&cb, chroma_stride),
                v: (&cr, chroma_stride),
            };
            for matrix in [
                limited(BT709),
                YuvToRgb::with(0.299, 0.114, 0, 255, 255).unwrap(),
            ] {
                let mut fastest = vec![0u8; width * height * 4];
                picture.to_rgba(&matrix, &mut fastest);
                let mut one_by_one = vec![1u8; width * height * 4];
                picture.to_rgba_with(
                    &mut one_by_one,
                    |shares, u, v| shares.fill(&matrix, u, v),
                    |luma, shares, out| super::luma_row(&matrix, luma, shares, out, 0),
                );
                assert!(fastest == one_by_one, "{width}x{height}");
            }
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
        // Off by one only where the exact value is within a hair of a half
        // (0.12 % of channels with 6 bits of fraction in the lanes).
        assert!(
            off_by_one * 500 < total,
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
