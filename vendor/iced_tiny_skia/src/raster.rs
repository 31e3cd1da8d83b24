use crate::core::image as raster;
use crate::blend::{self, PixelRect};
use crate::core::{Rectangle, Size, Transformation};
use crate::engine::{is_whole, on_whole_pixels};
use crate::graphics;

use rustc_hash::{FxHashMap, FxHashSet};
use std::cell::RefCell;
use std::collections::hash_map;

#[derive(Debug)]
pub struct Pipeline {
    cache: RefCell<Cache>,
}

impl Pipeline {
    pub fn new() -> Self {
        Self {
            cache: RefCell::new(Cache::default()),
        }
    }

    pub fn load(
        &self,
        handle: &raster::Handle,
    ) -> Result<raster::Allocation, raster::Error> {
        let mut cache = self.cache.borrow_mut();
        let image = cache.allocate(handle)?;

        #[allow(unsafe_code)]
        Ok(unsafe {
            raster::allocate(handle, Size::new(image.width(), image.height()))
        })
    }

    pub fn dimensions(&self, handle: &raster::Handle) -> Option<Size<u32>> {
        // Pixels in memory say their size: converting them into the cache
        // just to measure them would cost a film a pass over every frame.
        if let raster::Handle::Rgba { width, height, .. } = handle {
            return Some(Size::new(*width, *height));
        }

        let mut cache = self.cache.borrow_mut();
        let image = cache.allocate(handle).ok()?;

        Some(Size::new(image.width(), image.height()))
    }

    pub fn draw(
        &mut self,
        handle: &raster::Handle,
        filter_method: raster::FilterMethod,
        bounds: Rectangle,
        opacity: f32,
        pixels: &mut tiny_skia::PixmapMut<'_>,
        transform: tiny_skia::Transform,
        clip_mask: Option<&tiny_skia::Mask>,
    ) {
        let mut cache = self.cache.borrow_mut();

        let Ok(image) = cache.allocate(handle) else {
            return;
        };

        let width_scale = bounds.width / image.width() as f32;
        let height_scale = bounds.height / image.height() as f32;

        let transform = transform.pre_scale(width_scale, height_scale);

        let quality = match filter_method {
            raster::FilterMethod::Linear => tiny_skia::FilterQuality::Bilinear,
            raster::FilterMethod::Nearest => tiny_skia::FilterQuality::Nearest,
        };

        pixels.draw_pixmap(
            (bounds.x / width_scale) as i32,
            (bounds.y / height_scale) as i32,
            image,
            &tiny_skia::PixmapPaint {
                quality,
                opacity,
                ..Default::default()
            },
            transform,
            clip_mask,
        );
    }

    /// Draws a picture shown at its own size and moved by whole pixels
    /// only (a mascot with transparency, an icon) with
    /// [`blend::source_over`] instead of tiny-skia's pipeline: `draw` puts
    /// it at `bounds`' position without the fraction, and with such a
    /// transform samples each pixel of it exactly once whatever the filter
    /// (tiny-skia falls back to nearest), so the pixels are the same.
    /// Returns `false`, having drawn nothing, when the picture is not like
    /// that.
    ///
    /// `bounds` is in logical pixels, `transformation` what makes them
    /// physical, `clip` in physical pixels.
    pub fn blend_at_own_size(
        &mut self,
        handle: &raster::Handle,
        bounds: Rectangle,
        opacity: f32,
        transformation: Transformation,
        clip: Option<PixelRect>,
        pixels: &mut tiny_skia::PixmapMut<'_>,
    ) -> bool {
        let translation = transformation.translation();

        // What the engine makes of it: a scale for both axes, then a move.
        if transformation.scale_factor() != 1.0
            || !is_whole(translation.x)
            || !is_whole(translation.y)
        {
            return false;
        }

        let mut cache = self.cache.borrow_mut();

        let Ok(image) = cache.allocate(handle) else {
            return false;
        };

        if bounds.width != image.width() as f32
            || bounds.height != image.height() as f32
        {
            return false;
        }

        // As `draw` places it: the position cut to whole pixels, then moved.
        let x = bounds.x as i32 + translation.x.round() as i32;
        let y = bounds.y as i32 + translation.y.round() as i32;

        blend::source_over(pixels, x, y, image, opacity, clip);

        true
    }

    /// Draws pixels in memory that are opaque and shown at their own size
    /// on whole pixels (a film frame, a picture scaled beforehand) by
    /// copying them row by row into `pixels`, swapping red and blue on the
    /// way: the very pixels `draw` gives (an opaque pixel replaces what is
    /// under it, and premultiplying by one changes nothing), without a
    /// converted copy in the cache and without sampling and blending each
    /// pixel. Returns `false` when the picture is not like that, having
    /// drawn at most some of its opaque rows, which `draw` then covers with
    /// the same pixels.
    ///
    /// `bounds` and `clip_bounds` are in physical pixels.
    pub fn copy_opaque(
        &mut self,
        handle: &raster::Handle,
        bounds: Rectangle,
        clip_bounds: Rectangle,
        pixels: &mut tiny_skia::PixmapMut<'_>,
    ) -> bool {
        let raster::Handle::Rgba {
            width,
            height,
            pixels: rgba,
            ..
        } = handle
        else {
            return false;
        };
        let (width, height) = (*width, *height);
        let source_stride = width as usize * 4;

        if rgba.len() < source_stride * height as usize
            || !is_whole(bounds.x)
            || !is_whole(bounds.y)
            || !is_whole(bounds.width - width as f32)
            || !is_whole(bounds.height - height as f32)
        {
            return false;
        }

        // A clip on whole pixels cuts whole pixels; any other leaves edge
        // pixels partly covered, which the blending path's mask decides.
        let area = if bounds.is_within(&clip_bounds) {
            bounds
        } else if on_whole_pixels(clip_bounds) {
            match bounds.intersection(&clip_bounds) {
                Some(area) => area,
                None => return true,
            }
        } else {
            return false;
        };

        let target_width = i64::from(pixels.width());
        let target_height = i64::from(pixels.height());
        let (left, top) = (bounds.x.round() as i64, bounds.y.round() as i64);
        let x0 = (area.x.round() as i64).clamp(0, target_width);
        let y0 = (area.y.round() as i64).clamp(0, target_height);
        let x1 = ((area.x + area.width).round() as i64).clamp(x0, target_width);
        let y1 =
            ((area.y + area.height).round() as i64).clamp(y0, target_height);

        let target_stride = target_width as usize * 4;
        let row_bytes = (x1 - x0) as usize * 4;
        let target = pixels.data_mut();

        for y in y0..y1 {
            let from = (y - top) as usize * source_stride
                + (x0 - left) as usize * 4;
            let to = y as usize * target_stride + x0 as usize * 4;

            if !copy_opaque_row(
                &rgba[from..from + row_bytes],
                &mut target[to..to + row_bytes],
            ) {
                return false;
            }
        }

        true
    }

    pub fn trim_cache(&mut self) {
        self.cache.borrow_mut().trim();
    }
}

blend::fastest!(
    /// Copies a row of straight RGBA into the surface's BGRA if every
    /// pixel of it is opaque; otherwise leaves `target` as it is and
    /// returns `false`.
    fn copy_opaque_row(rgba: &[u8], target: &mut [u8]) -> bool
        = copy_opaque_row_with
);

/// Written as plain loops over whole pixels, read as `u32`s, so that the
/// compiler turns both into vector instructions for the features of the
/// function it is inlined into. Reading the bytes one by one instead made
/// it assemble vectors a byte at a time: 2.7 ms a 1080p frame, against
/// 1.0 ms (SSE2) and 0.75 ms (AVX2) now.
#[inline(always)]
fn copy_opaque_row_with(rgba: &[u8], target: &mut [u8]) -> bool {
    const ALPHA: u32 = u32::from_le_bytes([0, 0, 0, u8::MAX]);

    let (source, _) = rgba.as_chunks::<4>();
    let (target, _) = target.as_chunks_mut::<4>();

    let alpha = source
        .iter()
        .fold(ALPHA, |alpha, pixel| alpha & u32::from_le_bytes(*pixel));

    if alpha & ALPHA != ALPHA {
        return false;
    }

    for (to, from) in target.iter_mut().zip(source) {
        let rgba = u32::from_le_bytes(*from);
        let bgra = (rgba & 0xFF00_FF00)
            | ((rgba >> 16) & 0x0000_00FF)
            | ((rgba & 0x0000_00FF) << 16);

        *to = bgra.to_le_bytes();
    }

    true
}

#[derive(Debug, Default)]
struct Cache {
    entries: FxHashMap<raster::Id, Option<Entry>>,
    hits: FxHashSet<raster::Id>,
}

impl Cache {
    pub fn allocate(
        &mut self,
        handle: &raster::Handle,
    ) -> Result<tiny_skia::PixmapRef<'_>, raster::Error> {
        let id = handle.id();

        if let hash_map::Entry::Vacant(entry) = self.entries.entry(id) {
            let image = match graphics::image::load(handle) {
                Ok(image) => image,
                Err(error) => {
                    let _ = entry.insert(None);

                    return Err(error);
                }
            };

            if image.width() == 0 || image.height() == 0 {
                return Err(raster::Error::Empty);
            }

            let mut buffer =
                vec![0u32; image.width() as usize * image.height() as usize];

            for (i, pixel) in image.pixels().enumerate() {
                let [r, g, b, a] = pixel.0;

                buffer[i] = bytemuck::cast(
                    tiny_skia::ColorU8::from_rgba(b, g, r, a).premultiply(),
                );
            }

            let _ = entry.insert(Some(Entry {
                width: image.width(),
                height: image.height(),
                pixels: buffer,
            }));
        }

        let _ = self.hits.insert(id);

        Ok(self
            .entries
            .get(&id)
            .unwrap()
            .as_ref()
            .map(|entry| {
                tiny_skia::PixmapRef::from_bytes(
                    bytemuck::cast_slice(&entry.pixels),
                    entry.width,
                    entry.height,
                )
                .expect("Build pixmap from image bytes")
            })
            .expect("Image should be allocated"))
    }

    fn trim(&mut self) {
        self.entries.retain(|key, _| self.hits.contains(key));
        self.hits.clear();
    }
}

#[derive(Debug)]
struct Entry {
    width: u32,
    height: u32,
    pixels: Vec<u32>,
}
