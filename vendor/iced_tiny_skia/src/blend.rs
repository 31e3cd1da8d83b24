//! Drawing premultiplied pixels at their own size over the surface, with
//! the very arithmetic of tiny-skia's float pipeline, without the pipeline.

use crate::core::Rectangle;
use crate::engine::on_whole_pixels;

/// `fastest!(fn name(args) -> ret = body)` defines `name`, which calls
/// `body` (an `#[inline(always)]` function whose loops the compiler turns
/// into vector instructions) built a second time for AVX2 where the
/// processor has it, else as built (plain x86-64). The AVX2 build is a
/// `#[target_feature]` function that `body` is inlined into; a generic
/// helper taking a closure instead left the closure out of it (measured:
/// scalar code, half the speed).
macro_rules! fastest {
    ($(#[$meta:meta])* fn $name:ident($($arg:ident: $type:ty),*) $(-> $output:ty)? = $body:ident) => {
        $(#[$meta])*
        fn $name($($arg: $type),*) $(-> $output)? {
            #[cfg(target_arch = "x86_64")]
            #[target_feature(enable = "avx2")]
            fn avx2($($arg: $type),*) $(-> $output)? {
                $body($($arg),*)
            }

            #[cfg(target_arch = "x86_64")]
            {
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the processor has AVX2, checked just above.
                    #[allow(unsafe_code)]
                    return unsafe { avx2($($arg),*) };
                }
            }

            $body($($arg),*)
        }
    };
}

pub(crate) use fastest;

/// A rectangle of whole pixels, in physical pixels, ends exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PixelRect {
    pub x0: i32,
    pub y0: i32,
    pub x1: i32,
    pub y1: i32,
}

impl PixelRect {
    /// `bounds` as whole pixels, if its edges lie on pixels' edges; a fill
    /// of such bounds into a mask without anti-aliasing sets exactly
    /// these pixels.
    pub fn of(bounds: Rectangle) -> Option<PixelRect> {
        on_whole_pixels(bounds).then(|| PixelRect {
            x0: bounds.x.round() as i32,
            y0: bounds.y.round() as i32,
            x1: (bounds.x + bounds.width).round() as i32,
            y1: (bounds.y + bounds.height).round() as i32,
        })
    }
}

/// Where a drawing may change pixels.
#[derive(Debug, Clone, Copy)]
pub enum Clip<'a> {
    Everywhere,
    /// Inside a rectangle of whole pixels: what a mask of it does.
    Rect(PixelRect),
    Mask(&'a tiny_skia::Mask),
}

/// Draws `source`'s premultiplied pixels over `pixels` at (`x`, `y`), at
/// `opacity`, inside `clip`, as `draw_pixmap` does with nearest sampling
/// at an integer offset (and a mask of `clip`): tiny-skia's float
/// pipeline (gather, scale by the opacity below one, source-over, store)
/// with the same arithmetic in the same order, so the same bytes, without
/// the pipeline's stages (see `source_over_pixels`). A mask's 255 scales
/// by exactly one and its 0 by zero, so a rectangle clip gives the same
/// pixels too.
pub fn source_over(
    pixels: &mut tiny_skia::PixmapMut<'_>,
    x: i32,
    y: i32,
    source: tiny_skia::PixmapRef<'_>,
    opacity: f32,
    clip: Option<PixelRect>,
) {
    let opacity = opacity.clamp(0.0, 1.0);
    let source_width = source.width() as i32;
    let (mut x0, mut y0) = (x.max(0), y.max(0));
    let mut x1 = (x + source_width).min(pixels.width() as i32);
    let mut y1 = (y + source.height() as i32).min(pixels.height() as i32);

    if let Some(clip) = clip {
        x0 = x0.max(clip.x0);
        y0 = y0.max(clip.y0);
        x1 = x1.min(clip.x1);
        y1 = y1.min(clip.y1);
    }

    if x0 >= x1 || y0 >= y1 {
        return;
    }

    let target_width = pixels.width() as i32;
    let source = source.data();
    let target = pixels.data_mut();
    let row_bytes = (x1 - x0) as usize * 4;

    for target_y in y0..y1 {
        let from = ((target_y - y) * source_width + (x0 - x)) as usize * 4;
        let to = (target_y * target_width + x0) as usize * 4;
        let over = &source[from..from + row_bytes];
        let under = &mut target[to..to + row_bytes];

        source_over_row_fastest(under, over, opacity);
    }
}

fastest!(
    fn source_over_row_fastest(under: &mut [u8], over: &[u8], opacity: f32)
        = source_over_row
);

/// Eight pixels at a time: eight clear ones are left as they are, eight
/// opaque ones at full opacity copied (the arithmetic leaves both exactly
/// so), any others blended without a branch, which the compiler turns into
/// vector instructions.
#[inline(always)]
fn source_over_row(under: &mut [u8], over: &[u8], opacity: f32) {
    if opacity >= 1.0 {
        source_over_pixels::<true>(under, over, opacity);
    } else {
        source_over_pixels::<false>(under, over, opacity);
    }
}

#[inline(always)]
fn source_over_pixels<const WHOLE: bool>(
    under: &mut [u8],
    over: &[u8],
    opacity: f32,
) {
    let (under_eights, under_rest) = under.as_chunks_mut::<32>();
    let (over_eights, over_rest) = over.as_chunks::<32>();

    for (under, over) in under_eights.iter_mut().zip(over_eights) {
        let (mut any, mut all) = (0, u8::MAX);

        for pixel in over.as_chunks::<4>().0 {
            any |= pixel[3];
            all &= pixel[3];
        }

        if any == 0 {
            continue;
        }

        if WHOLE && all == u8::MAX {
            *under = *over;
            continue;
        }

        blend_pixels::<WHOLE>(under, over, opacity);
    }

    blend_pixels::<WHOLE>(under_rest, over_rest, opacity);
}

/// tiny-skia's float source-over, pixel by pixel: the source scaled to
/// 0..1 (and by the opacity), `d * (1 - sa) + s`, clamped, rounded half
/// to even.
#[inline(always)]
fn blend_pixels<const WHOLE: bool>(
    under: &mut [u8],
    over: &[u8],
    opacity: f32,
) {
    const FACTOR: f32 = 1.0 / 255.0;

    let scaled = |value: u8| {
        let value = f32::from(value) * FACTOR;

        if WHOLE { value } else { value * opacity }
    };

    for (under, over) in under
        .as_chunks_mut::<4>()
        .0
        .iter_mut()
        .zip(over.as_chunks::<4>().0)
    {
        let keep = 1.0 - scaled(over[3]);

        for channel in 0..4 {
            let value =
                f32::from(under[channel]) * FACTOR * keep + scaled(over[channel]);

            under[channel] =
                (value.clamp(0.0, 1.0) * 255.0).round_ties_even() as u8;
        }
    }
}

/// `color`'s channels rounded to 0..255, as tiny-skia's integer pipeline
/// loads a solid colour.
fn channels(color: tiny_skia::PremultipliedColor) -> [u16; 4] {
    let channel = |value: f32| (value * 255.0 + 0.5) as u16;

    [
        channel(color.red()),
        channel(color.green()),
        channel(color.blue()),
        channel(color.alpha()),
    ]
}

/// `source` (premultiplied, 0..255) over one pixel, in 16 bits as
/// tiny-skia's integer pipeline does: `s + (d * (255 - sa) + 255) >> 8`.
#[inline(always)]
fn source_over_u16(pixel: &mut [u8; 4], source: [u16; 4]) {
    let keep = 255 - source[3];

    for (under, over) in pixel.iter_mut().zip(source) {
        *under = (over + ((u16::from(*under) * keep + 255) >> 8)) as u8;
    }
}

/// Draws `color` (premultiplied) over column `x` of `rows`, each pixel
/// covered `coverage`/255 of the way, as tiny-skia's pipeline does for an
/// anti-aliased edge of a solid fill without a clip mask, with the
/// colour's channels rounded to 0..255: an opaque colour replaces the
/// pixel (tiny-skia turns source-over into source then), mixed with it by
/// the coverage (`(d * (255 - c) + s * c + 255) >> 8`); a translucent one
/// is scaled by the coverage first (`(s * c + 255) >> 8`), then blended
/// source-over.
pub fn cover_column(
    pixels: &mut tiny_skia::PixmapMut<'_>,
    x: usize,
    rows: std::ops::Range<i32>,
    color: tiny_skia::PremultipliedColor,
    coverage: u8,
) {
    let source = channels(color);
    let opaque = color.alpha() == 1.0;
    let coverage = u16::from(coverage);
    let scaled = source.map(|value| (value * coverage + 255) >> 8);
    let stride = pixels.width() as usize * 4;
    let data = pixels.data_mut();

    for y in rows {
        let at = y as usize * stride + x * 4;
        let Some(pixel) = data.get_mut(at..at + 4) else {
            continue;
        };
        let pixel: &mut [u8; 4] =
            pixel.try_into().expect("a slice of four bytes");

        if opaque {
            for (under, over) in pixel.iter_mut().zip(source) {
                *under = ((u16::from(*under) * (255 - coverage)
                    + over * coverage
                    + 255)
                    >> 8) as u8;
            }
        } else {
            source_over_u16(pixel, scaled);
        }
    }
}

/// Fills `rect` with `color` (premultiplied, not opaque) over what is
/// there, as tiny-skia's integer pipeline fills a rectangle: the colour's
/// channels rounded to 0..255, then `s + (d * (255 - sa) + 255) >> 8` in
/// 16 bits, so the same bytes, in a loop the compiler vectorises (see
/// [`fastest`]) instead of the pipeline's stages. The translucent veils
/// behind captions over a playing film are filled every frame.
pub fn fill_translucent(
    pixels: &mut tiny_skia::PixmapMut<'_>,
    rect: PixelRect,
    color: tiny_skia::PremultipliedColor,
) {
    let source = channels(color);
    let width = pixels.width() as i32;
    let x0 = rect.x0.clamp(0, width) as usize;
    let x1 = rect.x1.clamp(0, width) as usize;
    let y0 = rect.y0.clamp(0, pixels.height() as i32) as usize;
    let y1 = rect.y1.clamp(0, pixels.height() as i32) as usize;

    if x0 >= x1 {
        return;
    }

    let stride = width as usize * 4;
    let data = pixels.data_mut();

    for y in y0..y1 {
        let row = &mut data[y * stride + x0 * 4..y * stride + x1 * 4];

        fill_row_fastest(row, source);
    }
}

fastest!(fn fill_row_fastest(row: &mut [u8], source: [u16; 4]) = fill_row);

#[inline(always)]
fn fill_row(row: &mut [u8], source: [u16; 4]) {
    for pixel in row.as_chunks_mut::<4>().0 {
        source_over_u16(pixel, source);
    }
}
