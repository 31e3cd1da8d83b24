#![allow(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
pub mod window;

mod blend;
mod engine;
mod layer;
mod primitive;
mod settings;
mod text;

#[cfg(feature = "image")]
mod raster;

#[cfg(feature = "svg")]
mod vector;

#[cfg(feature = "geometry")]
pub mod geometry;

use iced_debug as debug;
pub use iced_graphics as graphics;
pub use iced_graphics::core;

pub use layer::Layer;
pub use primitive::Primitive;
pub use settings::Settings;

#[cfg(feature = "geometry")]
pub use geometry::Geometry;

use crate::core::renderer;
use crate::core::{
    Background, Color, Font, Pixels, Point, Rectangle, Size, Transformation,
};
use crate::engine::Engine;
use crate::graphics::Viewport;
use crate::graphics::compositor;
use crate::graphics::text::{Editor, Paragraph};

/// A [`tiny-skia`] graphics renderer for [`iced`].
///
/// [`tiny-skia`]: https://github.com/RazrFalcon/tiny-skia
/// [`iced`]: https://github.com/iced-rs/iced
#[derive(Debug)]
pub struct Renderer {
    default_font: Font,
    default_text_size: Pixels,
    layers: layer::Stack,
    engine: Engine, // TODO: Shared engine
}

impl Renderer {
    pub fn new(default_font: Font, default_text_size: Pixels) -> Self {
        Self {
            default_font,
            default_text_size,
            layers: layer::Stack::new(),
            engine: Engine::new(),
        }
    }

    pub fn layers(&mut self) -> &[Layer] {
        self.layers.flush();
        self.layers.as_slice()
    }

    pub fn draw(
        &mut self,
        pixels: &mut tiny_skia::PixmapMut<'_>,
        clip_mask: &mut tiny_skia::Mask,
        viewport: &Viewport,
        damage: &[Rectangle],
        background_color: Color,
    ) {
        let scale_factor = viewport.scale_factor();

        self.layers.flush();

        for &damage_bounds in damage {
            // Whole pixels: redrawing a pixel an area touches is what the
            // area asks anyway, and the pieces cut round a picture on
            // whole pixels are then whole pixels too, never a sliver of
            // float noise that tiny-skia refuses to fill (with a warning).
            let Some(damage_bounds) =
                whole_pixels_around(damage_bounds * scale_factor)
            else {
                continue;
            };

            // An opaque picture over most of the damaged area (a film
            // with the ring of a pixel that damage adds round what
            // changed, a film between a header and its controls): its
            // part is drawn on its own, the rest around it.
            for region in
                self.around_picture(damage_bounds, scale_factor).iter()
            {
                self.draw_region(
                    pixels,
                    clip_mask,
                    *region,
                    scale_factor,
                    background_color,
                );
            }
        }

        self.engine.trim();
    }

    /// Draws what lies in `damage_bounds` (physical) there.
    fn draw_region(
        &mut self,
        pixels: &mut tiny_skia::PixmapMut<'_>,
        clip_mask: &mut tiny_skia::Mask,
        damage_bounds: Rectangle,
        scale_factor: f32,
        background_color: Color,
    ) {
        // An opaque picture over the whole damaged area (a film frame
        // filling the screen) hides all that is drawn before it: it is
        // drawn first, and the rest after it.
        let cover = self.draw_cover(pixels, damage_bounds, scale_factor);

        if cover.is_none() {
            Self::fill_background(pixels, damage_bounds, background_color);
        }

        for (index, layer) in self.layers.iter().enumerate() {
            let hidden = cover.and_then(|cover| cover.hides(index));

            if hidden == Some(Hidden::Layer) {
                continue;
            }

            let Some(layer_bounds) =
                damage_bounds.intersection(&(layer.bounds * scale_factor))
            else {
                continue;
            };

            if hidden.is_none() && !layer.quads.is_empty() {
                let render_span = debug::render(debug::Primitive::Quad);
                for (quad, background) in &layer.quads {
                    self.engine.draw_quad(
                        quad,
                        background,
                        Transformation::scale(scale_factor),
                        pixels,
                        clip_mask,
                        layer_bounds,
                    );
                }
                render_span.finish();
            }

            if hidden.is_none() && !layer.primitives.is_empty() {
                let render_span = debug::render(debug::Primitive::Triangle);

                for group in &layer.primitives {
                    let Some(group_bounds) = (group.clip_bounds()
                        * scale_factor)
                        .intersection(&layer_bounds)
                    else {
                        continue;
                    };

                    for primitive in group.as_slice() {
                        self.engine.draw_primitive(
                            primitive,
                            Transformation::scale(scale_factor)
                                * group.transformation(),
                            pixels,
                            clip_mask,
                            group_bounds,
                        );
                    }
                }

                render_span.finish();
            }

            if !layer.images.is_empty() {
                let render_span = debug::render(debug::Primitive::Image);

                let first = match hidden {
                    Some(Hidden::ImagesUpTo(last)) => last + 1,
                    _ => 0,
                };

                for image in &layer.images[first..] {
                    self.engine.draw_image(
                        image,
                        Transformation::scale(scale_factor),
                        pixels,
                        clip_mask,
                        layer_bounds,
                    );
                }

                render_span.finish();
            }

            if !layer.text.is_empty() {
                let render_span = debug::render(debug::Primitive::Image);

                for group in &layer.text {
                    for text in group.as_slice() {
                        self.engine.draw_text(
                            text,
                            Transformation::scale(scale_factor)
                                * group.transformation(),
                            pixels,
                            clip_mask,
                            layer_bounds,
                        );
                    }
                }

                render_span.finish();
            }
        }
    }

    fn fill_background(
        pixels: &mut tiny_skia::PixmapMut<'_>,
        bounds: Rectangle,
        background_color: Color,
    ) {
        let path = tiny_skia::PathBuilder::from_rect(
            tiny_skia::Rect::from_xywh(
                bounds.x,
                bounds.y,
                bounds.width,
                bounds.height,
            )
            .expect("Create damage rectangle"),
        );

        pixels.fill_path(
            &path,
            &tiny_skia::Paint {
                shader: tiny_skia::Shader::SolidColor(engine::into_color(
                    background_color,
                )),
                anti_alias: false,
                blend_mode: tiny_skia::BlendMode::Source,
                ..Default::default()
            },
            tiny_skia::FillRule::default(),
            tiny_skia::Transform::identity(),
            None,
        );
    }

    /// Finds the picture drawn last of those that lie over all of
    /// `damage_bounds` and, if it can be copied as an opaque picture,
    /// copies it there and says where it is.
    #[cfg(feature = "image")]
    fn draw_cover(
        &mut self,
        pixels: &mut tiny_skia::PixmapMut<'_>,
        damage_bounds: Rectangle,
        scale_factor: f32,
    ) -> Option<Cover> {
        for (layer_index, layer) in self.layers.as_slice().iter().enumerate().rev()
        {
            if !damage_bounds.is_within(&(layer.bounds * scale_factor)) {
                continue;
            }

            for (image_index, image) in layer.images.iter().enumerate().rev()
            {
                let graphics::Image::Raster { image, bounds, .. } = image
                else {
                    continue;
                };
                let physical_bounds = *bounds * scale_factor;

                if !damage_bounds.is_within(&physical_bounds) {
                    continue;
                }

                let copied = f32::from(image.rotation) == 0.0
                    && image.opacity >= 1.0
                    && self.engine.raster_pipeline.copy_opaque(
                        &image.handle,
                        physical_bounds,
                        damage_bounds,
                        pixels,
                    );

                return copied.then_some(Cover {
                    layer: layer_index,
                    image: image_index,
                });
            }
        }

        None
    }

    /// `damage_bounds` in the pieces it is drawn in: when an opaque
    /// picture on whole pixels, unrotated and at full opacity, lies over
    /// at least half of it, the whole pixels the picture covers there,
    /// then up to four pieces around them; else the area whole. Each piece
    /// is then drawn as a damaged area of its own, so that the picture's
    /// piece is copied without drawing what lies under it.
    #[cfg(feature = "image")]
    fn around_picture(
        &self,
        damage_bounds: Rectangle,
        scale_factor: f32,
    ) -> Pieces {
        for layer in self.layers.as_slice().iter().rev() {
            let Some(visible) =
                damage_bounds.intersection(&(layer.bounds * scale_factor))
            else {
                continue;
            };

            for image in layer.images.iter().rev() {
                let graphics::Image::Raster { image, bounds, .. } = image
                else {
                    continue;
                };
                let physical_bounds = *bounds * scale_factor;

                if f32::from(image.rotation) != 0.0
                    || image.opacity < 1.0
                    || !matches!(image.handle, core::image::Handle::Rgba { .. })
                    || !engine::on_whole_pixels(physical_bounds)
                {
                    continue;
                }

                let Some(covered) = visible
                    .intersection(&physical_bounds)
                    .and_then(whole_pixels_within)
                else {
                    continue;
                };

                if covered.area() * 2.0 < damage_bounds.area() {
                    continue;
                }

                return pieces_around(damage_bounds, covered);
            }
        }

        Pieces::whole(damage_bounds)
    }

    #[cfg(not(feature = "image"))]
    fn around_picture(
        &self,
        damage_bounds: Rectangle,
        _scale_factor: f32,
    ) -> Pieces {
        Pieces::whole(damage_bounds)
    }

    #[cfg(not(feature = "image"))]
    fn draw_cover(
        &mut self,
        _pixels: &mut tiny_skia::PixmapMut<'_>,
        _damage_bounds: Rectangle,
        _scale_factor: f32,
    ) -> Option<Cover> {
        None
    }
}

/// A damaged area cut into at most five rectangles that do not overlap.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Pieces {
    rectangles: [Rectangle; 5],
    count: usize,
}

impl Pieces {
    fn whole(area: Rectangle) -> Self {
        Self {
            rectangles: [area; 5],
            count: 1,
        }
    }

    fn iter(&self) -> impl Iterator<Item = &Rectangle> {
        self.rectangles[..self.count].iter()
    }
}

/// `inner` (within `outer`), then what of `outer` lies above it, below
/// it, left and right of it: the bands above and below as wide as
/// `outer`, the sides as tall as `inner`. Empty pieces are left out.
fn pieces_around(outer: Rectangle, inner: Rectangle) -> Pieces {
    let (left, top) = (outer.x, outer.y);
    let (right, bottom) = (outer.x + outer.width, outer.y + outer.height);
    let (inner_right, inner_bottom) =
        (inner.x + inner.width, inner.y + inner.height);
    let candidates = [
        inner,
        Rectangle::new(
            Point::new(left, top),
            Size::new(outer.width, inner.y - top),
        ),
        Rectangle::new(
            Point::new(left, inner_bottom),
            Size::new(outer.width, bottom - inner_bottom),
        ),
        Rectangle::new(
            Point::new(left, inner.y),
            Size::new(inner.x - left, inner.height),
        ),
        Rectangle::new(
            Point::new(inner_right, inner.y),
            Size::new(right - inner_right, inner.height),
        ),
    ];
    let mut pieces = Pieces::whole(inner);
    pieces.count = 0;

    for candidate in candidates {
        if candidate.width > 0.0 && candidate.height > 0.0 {
            pieces.rectangles[pieces.count] = candidate;
            pieces.count += 1;
        }
    }

    pieces
}

/// The whole pixels `area` touches, if it has any area.
fn whole_pixels_around(area: Rectangle) -> Option<Rectangle> {
    let (x0, y0) = (area.x.floor(), area.y.floor());
    let (x1, y1) = (
        (area.x + area.width).ceil(),
        (area.y + area.height).ceil(),
    );

    (area.width > 0.0 && area.height > 0.0)
        .then(|| Rectangle::new(Point::new(x0, y0), Size::new(x1 - x0, y1 - y0)))
}

/// The whole pixels inside `area`, if any.
fn whole_pixels_within(area: Rectangle) -> Option<Rectangle> {
    let (x0, y0) = (area.x.ceil(), area.y.ceil());
    let (x1, y1) = (
        (area.x + area.width).floor(),
        (area.y + area.height).floor(),
    );

    (x1 > x0 && y1 > y0)
        .then(|| Rectangle::new(Point::new(x0, y0), Size::new(x1 - x0, y1 - y0)))
}

/// An opaque picture drawn over a whole damaged area: its layer and its
/// place among the layer's images.
#[derive(Debug, Clone, Copy)]
struct Cover {
    layer: usize,
    image: usize,
}

/// What a [`Cover`] hides of a layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hidden {
    /// All of it: the layer is under the cover's.
    Layer,
    /// Its quads, primitives and images up to the cover (itself drawn).
    ImagesUpTo(usize),
}

impl Cover {
    fn hides(self, layer: usize) -> Option<Hidden> {
        use std::cmp::Ordering;

        match layer.cmp(&self.layer) {
            Ordering::Less => Some(Hidden::Layer),
            Ordering::Equal => Some(Hidden::ImagesUpTo(self.image)),
            Ordering::Greater => None,
        }
    }
}

impl core::Renderer for Renderer {
    fn start_layer(&mut self, bounds: Rectangle) {
        self.layers.push_clip(bounds);
    }

    fn end_layer(&mut self) {
        self.layers.pop_clip();
    }

    fn start_transformation(&mut self, transformation: Transformation) {
        self.layers.push_transformation(transformation);
    }

    fn end_transformation(&mut self) {
        self.layers.pop_transformation();
    }

    fn fill_quad(
        &mut self,
        quad: renderer::Quad,
        background: impl Into<Background>,
    ) {
        let (layer, transformation) = self.layers.current_mut();
        layer.draw_quad(quad, background.into(), transformation);
    }

    fn reset(&mut self, new_bounds: Rectangle) {
        self.layers.reset(new_bounds);
    }

    fn allocate_image(
        &mut self,
        _handle: &core::image::Handle,
        callback: impl FnOnce(Result<core::image::Allocation, core::image::Error>)
        + Send
        + 'static,
    ) {
        #[cfg(feature = "image")]
        #[allow(unsafe_code)]
        // TODO: Concurrency
        callback(self.engine.raster_pipeline.load(_handle));

        #[cfg(not(feature = "image"))]
        callback(Err(core::image::Error::Unsupported));
    }
}

impl core::text::Renderer for Renderer {
    type Font = Font;
    type Paragraph = Paragraph;
    type Editor = Editor;

    const ICON_FONT: Font = Font::with_name("Iced-Icons");
    const CHECKMARK_ICON: char = '\u{f00c}';
    const ARROW_DOWN_ICON: char = '\u{e800}';
    const ICED_LOGO: char = '\u{e801}';
    const SCROLL_UP_ICON: char = '\u{e802}';
    const SCROLL_DOWN_ICON: char = '\u{e803}';
    const SCROLL_LEFT_ICON: char = '\u{e804}';
    const SCROLL_RIGHT_ICON: char = '\u{e805}';

    fn default_font(&self) -> Self::Font {
        self.default_font
    }

    fn default_size(&self) -> Pixels {
        self.default_text_size
    }

    fn fill_paragraph(
        &mut self,
        text: &Self::Paragraph,
        position: Point,
        color: Color,
        clip_bounds: Rectangle,
    ) {
        let (layer, transformation) = self.layers.current_mut();

        layer.draw_paragraph(
            text,
            position,
            color,
            clip_bounds,
            transformation,
        );
    }

    fn fill_editor(
        &mut self,
        editor: &Self::Editor,
        position: Point,
        color: Color,
        clip_bounds: Rectangle,
    ) {
        let (layer, transformation) = self.layers.current_mut();
        layer.draw_editor(editor, position, color, clip_bounds, transformation);
    }

    fn fill_text(
        &mut self,
        text: core::Text,
        position: Point,
        color: Color,
        clip_bounds: Rectangle,
    ) {
        let (layer, transformation) = self.layers.current_mut();
        layer.draw_text(text, position, color, clip_bounds, transformation);
    }
}

impl graphics::text::Renderer for Renderer {
    fn fill_raw(&mut self, raw: graphics::text::Raw) {
        let (layer, transformation) = self.layers.current_mut();
        layer.draw_text_raw(raw, transformation);
    }
}

#[cfg(feature = "geometry")]
impl graphics::geometry::Renderer for Renderer {
    type Geometry = Geometry;
    type Frame = geometry::Frame;

    fn new_frame(&self, bounds: Rectangle) -> Self::Frame {
        geometry::Frame::new(bounds)
    }

    fn draw_geometry(&mut self, geometry: Self::Geometry) {
        let (layer, transformation) = self.layers.current_mut();

        match geometry {
            Geometry::Live {
                primitives,
                images,
                text,
                clip_bounds,
            } => {
                layer.draw_primitive_group(
                    primitives,
                    clip_bounds,
                    transformation,
                );

                for image in images {
                    layer.draw_image(image, transformation);
                }

                layer.draw_text_group(text, clip_bounds, transformation);
            }
            Geometry::Cache(cache) => {
                layer.draw_primitive_cache(
                    cache.primitives,
                    cache.clip_bounds,
                    transformation,
                );

                for image in cache.images.iter() {
                    layer.draw_image(image.clone(), transformation);
                }

                layer.draw_text_cache(
                    cache.text,
                    cache.clip_bounds,
                    transformation,
                );
            }
        }
    }
}

impl graphics::mesh::Renderer for Renderer {
    fn draw_mesh(&mut self, _mesh: graphics::Mesh) {
        log::warn!("iced_tiny_skia does not support drawing meshes");
    }

    fn draw_mesh_cache(&mut self, _cache: iced_graphics::mesh::Cache) {
        log::warn!("iced_tiny_skia does not support drawing meshes");
    }
}

#[cfg(feature = "image")]
impl core::image::Renderer for Renderer {
    type Handle = core::image::Handle;

    fn load_image(
        &self,
        handle: &Self::Handle,
    ) -> Result<core::image::Allocation, core::image::Error> {
        self.engine.raster_pipeline.load(handle)
    }

    fn measure_image(
        &self,
        handle: &Self::Handle,
    ) -> Option<crate::core::Size<u32>> {
        self.engine.raster_pipeline.dimensions(handle)
    }

    fn draw_image(
        &mut self,
        image: core::Image,
        bounds: Rectangle,
        clip_bounds: Rectangle,
    ) {
        let (layer, transformation) = self.layers.current_mut();
        layer.draw_raster(image, bounds, clip_bounds, transformation);
    }
}

#[cfg(feature = "svg")]
impl core::svg::Renderer for Renderer {
    fn measure_svg(
        &self,
        handle: &core::svg::Handle,
    ) -> crate::core::Size<u32> {
        self.engine.vector_pipeline.viewport_dimensions(handle)
    }

    fn draw_svg(
        &mut self,
        svg: core::Svg,
        bounds: Rectangle,
        clip_bounds: Rectangle,
    ) {
        let (layer, transformation) = self.layers.current_mut();
        layer.draw_svg(svg, bounds, clip_bounds, transformation);
    }
}

impl compositor::Default for Renderer {
    type Compositor = window::Compositor;
}

impl renderer::Headless for Renderer {
    async fn new(
        default_font: Font,
        default_text_size: Pixels,
        backend: Option<&str>,
    ) -> Option<Self> {
        if backend.is_some_and(|backend| {
            !["tiny-skia", "tiny_skia"].contains(&backend)
        }) {
            return None;
        }

        Some(Self::new(default_font, default_text_size))
    }

    fn name(&self) -> String {
        "tiny-skia".to_owned()
    }

    fn screenshot(
        &mut self,
        size: Size<u32>,
        scale_factor: f32,
        background_color: Color,
    ) -> Vec<u8> {
        let viewport = Viewport::with_physical_size(size, scale_factor);

        window::compositor::screenshot(self, &viewport, background_color)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many of `pieces` hold the point.
    fn holding(pieces: &Pieces, point: Point) -> usize {
        pieces.iter().filter(|piece| piece.contains(point)).count()
    }

    #[test]
    fn the_pieces_around_a_picture_cover_the_area_once() {
        // A damaged area on fractions of pixels, a picture's whole pixels
        // inside it, and one touching its left and top edges.
        let outer = Rectangle::new(Point::new(3.25, 2.5), Size::new(90.5, 60.0));
        for inner in [
            Rectangle::new(Point::new(10.0, 8.0), Size::new(70.0, 40.0)),
            Rectangle::new(Point::new(3.25, 2.5), Size::new(50.75, 30.5)),
        ] {
            let pieces = pieces_around(outer, inner);
            assert_eq!(pieces.iter().next(), Some(&inner));

            for step_y in 0..=240 {
                for step_x in 0..=400 {
                    // Points on a quarter-pixel grid, off the pieces' edges.
                    let point = Point::new(
                        step_x as f32 * 0.25 + 0.125,
                        step_y as f32 * 0.25 + 0.125,
                    );
                    let expected = usize::from(outer.contains(point));
                    assert_eq!(holding(&pieces, point), expected, "{point:?}");
                }
            }
        }
    }

    #[test]
    fn a_picture_gives_the_whole_pixels_it_covers() {
        assert_eq!(
            whole_pixels_within(Rectangle::new(
                Point::new(3.25, 2.0),
                Size::new(10.5, 4.75)
            )),
            Some(Rectangle::new(Point::new(4.0, 2.0), Size::new(9.0, 4.0)))
        );
        assert_eq!(
            whole_pixels_within(Rectangle::new(
                Point::new(3.25, 2.0),
                Size::new(0.5, 4.0)
            )),
            None
        );
    }

    #[test]
    fn damage_is_redrawn_in_whole_pixels_and_never_as_a_sliver() {
        // An area on fractions of pixels round a picture on whole ones.
        let damage =
            Rectangle::new(Point::new(184.9, 96.0), Size::new(1550.2, 872.0));
        let snapped = whole_pixels_around(damage).unwrap();
        assert_eq!(
            snapped,
            Rectangle::new(Point::new(184.0, 96.0), Size::new(1552.0, 872.0))
        );
        let picture =
            Rectangle::new(Point::new(185.0, 96.0), Size::new(1550.0, 872.0));
        for piece in pieces_around(snapped, picture).iter() {
            assert!(piece.width >= 1.0 && piece.height >= 1.0, "{piece:?}");
        }
        assert_eq!(
            whole_pixels_around(Rectangle::new(
                Point::new(3.0, 2.0),
                Size::new(0.0, 4.0)
            )),
            None
        );
    }
}
