//! Filled shapes that stay as they are while a screen is shown (the map's
//! country areas), rasterised once into a picture and blended from it on
//! every later frame.
//!
//! Without a GPU, the map's three country areas (each the union of a
//! country's discs, anti-aliased, translucent) took a third of the map's
//! frame, 2.7 to 3.4 ms, to be filled again on every full redraw. The
//! same tiny-skia fill done once into a picture at the widget's size and
//! position within a pixel gives the same coverage; blending the picture
//! onto the screen then differs from filling onto it only by rounding: at
//! most two levels of 255 on the map, three where shapes of two colours
//! overlap (see the tests).

use std::sync::{Arc, Mutex};

use iced::advanced::Widget;
use iced::advanced::image::{self as image_renderer, FilterMethod, Renderer as _};
use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer;
use iced::advanced::widget::Tree;
use iced::widget::canvas::Path;
use iced::widget::canvas::path::lyon_path;
use iced::widget::image::Handle;
use iced::{Color, Element, Length, Point, Rectangle, Size, Theme, mouse};

type Renderer = iced::Renderer;

/// Pixels filled at most beyond the widget's on each side (see
/// [`rasterise`]).
const REACH: f32 = 512.0;

/// Paths in the widget's own coordinates, each filled (non-zero) with its
/// colour, for a widget of the given size.
pub type Shapes = Vec<(Path, Color)>;

pub struct StillShapes<'a> {
    key: u64,
    shapes: Box<dyn Fn(Size) -> Shapes + 'a>,
}

/// Shapes that `shapes` makes for a size; `key` tells them apart from other
/// shapes of the same size (a new pack's towns give another key), so that
/// they are rasterised again only when the key, the size or the position
/// within a pixel changes.
pub fn still_shapes<'a>(key: u64, shapes: impl Fn(Size) -> Shapes + 'a) -> StillShapes<'a> {
    StillShapes {
        key,
        shapes: Box::new(shapes),
    }
}

/// Pictures kept, the latest first: the window's and the warm-up's (which
/// draws the map at the window's size before a visitor opens it, so the
/// window finds it here), for a few sizes and packs.
static DRAWN: Mutex<Vec<(DrawnKey, Option<Arc<Picture>>)>> = Mutex::new(Vec::new());
const KEPT: usize = 4;

#[derive(Clone, Copy, PartialEq, Eq)]
struct DrawnKey {
    shapes: u64,
    /// Size and position within a pixel, as bits.
    place: [u32; 4],
}

/// The picture for `key`, rasterised by `rasterise` if no thread has yet.
fn drawn(key: DrawnKey, rasterise: impl FnOnce() -> Option<Picture>) -> Option<Arc<Picture>> {
    let kept = |drawn: &mut Vec<(DrawnKey, Option<Arc<Picture>>)>| {
        let index = drawn.iter().position(|(of, _)| *of == key)?;
        let entry = drawn.remove(index);
        let picture = entry.1.clone();
        drawn.insert(0, entry);
        Some(picture)
    };
    if let Some(picture) = kept(&mut DRAWN.lock().unwrap_or_else(|error| error.into_inner())) {
        return picture;
    }
    // Outside the lock: another thread may rasterise the same meanwhile.
    let picture = rasterise().map(Arc::new);
    let mut drawn = DRAWN.lock().unwrap_or_else(|error| error.into_inner());
    drawn.retain(|(of, _)| *of != key);
    drawn.insert(0, (key, picture.clone()));
    drawn.truncate(KEPT);
    picture
}

/// The shapes' pixels, at `offset` whole pixels from the widget's
/// top-left pixel.
struct Picture {
    handle: Handle,
    offset: (u32, u32),
    size: (u32, u32),
}

impl<Message> Widget<Message, Theme, Renderer> for StillShapes<'_> {
    fn size(&self) -> Size<Length> {
        Size::new(Length::Fill, Length::Fill)
    }

    fn layout(
        &mut self,
        _tree: &mut Tree,
        _renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        layout::Node::new(limits.resolve(Length::Fill, Length::Fill, Size::ZERO))
    }

    fn draw(
        &self,
        _tree: &Tree,
        renderer: &mut Renderer,
        _theme: &Theme,
        _style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
    ) {
        let bounds = layout.bounds();
        // The picture goes on whole pixels, where the renderer can blend it
        // without sampling; the shapes keep their place within a pixel.
        let origin = Point::new(bounds.x.floor(), bounds.y.floor());
        let within = (bounds.x - origin.x, bounds.y - origin.y);
        let key = DrawnKey {
            shapes: self.key,
            place: [
                bounds.width.to_bits(),
                bounds.height.to_bits(),
                within.0.to_bits(),
                within.1.to_bits(),
            ],
        };
        let Some(picture) = drawn(key, || {
            rasterise(&(self.shapes)(bounds.size()), bounds.size(), within)
        }) else {
            return;
        };
        renderer.draw_image(
            image_renderer::Image {
                handle: picture.handle.clone(),
                filter_method: FilterMethod::Nearest,
                rotation: iced::Radians(0.0),
                border_radius: iced::border::Radius::default(),
                opacity: 1.0,
                snap: true,
            },
            Rectangle::new(
                Point::new(
                    origin.x + picture.offset.0 as f32,
                    origin.y + picture.offset.1 as f32,
                ),
                Size::new(picture.size.0 as f32, picture.size.1 as f32),
            ),
            bounds,
        );
    }
}

/// Fills `shapes` as iced's software renderer does (anti-aliased,
/// non-zero, source over) onto a transparent picture covering the pixels
/// they touch inside a widget of `size` placed `within` a pixel; `None`
/// when they touch none.
fn rasterise(shapes: &[(Path, Color)], size: Size, within: (f32, f32)) -> Option<Picture> {
    let paths: Vec<(tiny_skia::Path, Color)> = shapes
        .iter()
        .filter_map(|(path, color)| Some((to_tiny_skia(path)?, *color)))
        .collect();
    // The pixels the shapes touch, inside the widget's pixels.
    let (right, bottom) = (
        (within.0 + size.width).ceil(),
        (within.1 + size.height).ceil(),
    );
    let (mut left, mut top, mut far_right, mut far_bottom) = (right, bottom, 0.0f32, 0.0f32);
    for (path, _) in &paths {
        let area = path.bounds();
        left = left.min((area.left() + within.0).floor());
        top = top.min((area.top() + within.1).floor());
        far_right = far_right.max((area.right() + within.0).ceil());
        far_bottom = far_bottom.max((area.bottom() + within.1).ceil());
    }
    // Filled whole, as on the screen's pixmap: tiny-skia chops a curve
    // that leaves its pixmap and then flattens it otherwise, which moves
    // anti-aliased edges well inside. Within reason round the widget.
    let (fill_left, fill_top) = (left.max(-REACH), top.max(-REACH));
    let (fill_right, fill_bottom) = (far_right.min(right + REACH), far_bottom.min(bottom + REACH));
    // Kept: the pixels inside the widget's.
    let (left, top) = (left.max(0.0), top.max(0.0));
    let (far_right, far_bottom) = (far_right.min(right), far_bottom.min(bottom));
    if far_right <= left || far_bottom <= top {
        return None;
    }
    let fill_width = (fill_right - fill_left) as u32;
    let mut pixmap = tiny_skia::Pixmap::new(fill_width, (fill_bottom - fill_top) as u32)?;
    let place = tiny_skia::Transform::from_translate(within.0 - fill_left, within.1 - fill_top);
    // Cut at the widget's bounds as the renderer cuts a layer: the pixels
    // whose centres lie inside.
    let mut clip = tiny_skia::Mask::new(pixmap.width(), pixmap.height())?;
    let bounds = tiny_skia::Rect::from_xywh(
        within.0 - fill_left,
        within.1 - fill_top,
        size.width,
        size.height,
    )?;
    clip.fill_path(
        &tiny_skia::PathBuilder::from_rect(bounds),
        tiny_skia::FillRule::EvenOdd,
        false,
        tiny_skia::Transform::identity(),
    );
    for (path, color) in &paths {
        let paint = tiny_skia::Paint {
            shader: tiny_skia::Shader::SolidColor(tiny_skia::Color::from_rgba(
                color.r, color.g, color.b, color.a,
            )?),
            anti_alias: true,
            ..tiny_skia::Paint::default()
        };
        pixmap.fill_path(
            path,
            &paint,
            tiny_skia::FillRule::Winding,
            place,
            Some(&clip),
        );
    }
    // iced's pictures are straight RGBA; the renderer premultiplies again.
    let (width, height) = ((far_right - left) as u32, (far_bottom - top) as u32);
    let (skip_x, skip_y) = ((left - fill_left) as usize, (top - fill_top) as usize);
    let mut rgba = Vec::with_capacity(width as usize * height as usize * 4);
    // Most pixels repeat the one before (outside the shapes, inside one):
    // each new one is converted once.
    let mut last = (tiny_skia::PremultipliedColorU8::TRANSPARENT, [0u8; 4]);
    for row in pixmap
        .pixels()
        .chunks_exact(fill_width as usize)
        .skip(skip_y)
        .take(height as usize)
    {
        for pixel in &row[skip_x..skip_x + width as usize] {
            if *pixel != last.0 {
                let straight = pixel.demultiply();
                last = (
                    *pixel,
                    [
                        straight.red(),
                        straight.green(),
                        straight.blue(),
                        straight.alpha(),
                    ],
                );
            }
            rgba.extend_from_slice(&last.1);
        }
    }
    Some(Picture {
        handle: Handle::from_rgba(width, height, rgba),
        offset: (left as u32, top as u32),
        size: (width, height),
    })
}

/// An iced path as tiny-skia's, point for point as iced's software
/// renderer converts it.
fn to_tiny_skia(path: &Path) -> Option<tiny_skia::Path> {
    let mut builder = tiny_skia::PathBuilder::new();
    let mut last = lyon_path::math::Point::default();
    // A segment that does not start where the last one ended starts anew.
    let start_at = |builder: &mut tiny_skia::PathBuilder,
                    last: lyon_path::math::Point,
                    from: lyon_path::math::Point| {
        if last != from {
            builder.move_to(from.x, from.y);
        }
    };
    for event in path.raw() {
        match event {
            lyon_path::Event::Begin { at } => {
                builder.move_to(at.x, at.y);
                last = at;
            }
            lyon_path::Event::Line { from, to } => {
                start_at(&mut builder, last, from);
                builder.line_to(to.x, to.y);
                last = to;
            }
            lyon_path::Event::Quadratic { from, ctrl, to } => {
                start_at(&mut builder, last, from);
                builder.quad_to(ctrl.x, ctrl.y, to.x, to.y);
                last = to;
            }
            lyon_path::Event::Cubic {
                from,
                ctrl1,
                ctrl2,
                to,
            } => {
                start_at(&mut builder, last, from);
                builder.cubic_to(ctrl1.x, ctrl1.y, ctrl2.x, ctrl2.y, to.x, to.y);
                last = to;
            }
            lyon_path::Event::End { close, .. } => {
                if close {
                    builder.close();
                }
            }
        }
    }
    builder.finish()
}

impl<'a, Message: 'a> From<StillShapes<'a>> for Element<'a, Message> {
    fn from(shapes: StillShapes<'a>) -> Self {
        Element::new(shapes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offscreen::Offscreen;
    use iced::widget::{canvas, container};

    /// Overlapping translucent discs and a ring, some reaching out of the
    /// widget, as the map's areas do.
    fn shapes(size: Size) -> Shapes {
        let discs = Path::new(|builder| {
            for (x, y) in [(0.2, 0.3), (0.35, 0.45), (0.9, 0.1), (0.5, 0.95)] {
                builder.circle(Point::new(size.width * x, size.height * y), 70.0);
            }
        });
        let ring = Path::new(|builder| {
            builder.circle(Point::new(size.width * 0.7, size.height * 0.6), 90.0);
            builder.circle(Point::new(size.width * 0.7, size.height * 0.6), 40.0);
        });
        vec![
            (discs, Color::from_rgba(0.8, 0.1, 0.2, 0.12)),
            (ring, Color::from_rgba(0.1, 0.3, 0.7, 0.3)),
        ]
    }

    /// The same shapes filled on the screen by a canvas, every frame.
    struct Filled;

    impl canvas::Program<()> for Filled {
        type State = ();

        fn draw(
            &self,
            _state: &(),
            renderer: &Renderer,
            _theme: &Theme,
            bounds: Rectangle,
            _cursor: mouse::Cursor,
        ) -> Vec<canvas::Geometry> {
            let mut frame = canvas::Frame::new(renderer, bounds.size());
            for (path, color) in shapes(bounds.size()) {
                frame.fill(&path, color);
            }
            vec![frame.into_geometry()]
        }
    }

    /// `content` on a light card placed `padding` from the window's corner.
    fn drawn_at<'a>(content: Element<'a, ()>, padding: f32) -> Element<'a, ()> {
        container(
            container(content)
                .width(Length::Fill)
                .height(Length::Fill)
                .style(crate::theme::card),
        )
        .padding(padding)
        .into()
    }

    #[test]
    fn shapes_from_their_picture_look_as_filled_on_the_screen() {
        let mut offscreen = Offscreen::new().unwrap();
        // Room round the card for the shapes that reach out of it: the
        // screen's own edge would cut them differently.
        let size = iced::Size::new(800, 560);
        let theme = crate::theme::kiosk_theme();
        // On whole pixels and between them.
        for padding in [80.0f32, 80.3, 80.75] {
            let key = 7 + padding.to_bits() as u64;
            let pictured = offscreen.frame(
                drawn_at(still_shapes(key, shapes).into(), padding),
                size,
                &theme,
            );
            let filled = offscreen.frame(
                drawn_at(
                    canvas::Canvas::new(Filled)
                        .width(Length::Fill)
                        .height(Length::Fill)
                        .into(),
                    padding,
                ),
                size,
                &theme,
            );
            let differences: Vec<u8> = pictured
                .rgba
                .iter()
                .zip(&filled.rgba)
                .map(|(a, b)| a.abs_diff(*b))
                .collect();
            let changed = differences.iter().filter(|&&d| d > 0).count();
            // A picture rounded to 8 bits and blended over, instead of
            // each shape filled in turn: at most three levels of 255 on a
            // channel (where shapes overlap), which no one can see; most
            // pixels the same.
            let worst = differences.iter().copied().max().unwrap_or(0);
            assert!(
                worst <= 3,
                "padding {padding}: a channel differs by {worst}"
            );
            assert!(
                changed < differences.len() / 20,
                "padding {padding}: {changed} channels differ"
            );
            // The shapes are there at all: inside the first disc the card
            // is tinted, away from every shape it is not.
            let pixel = |frame: &crate::offscreen::Frame, x: usize, y: usize| {
                frame.rgba[4 * (800 * y + x)..][..3].to_vec()
            };
            for frame in [&pictured, &filled] {
                assert_ne!(
                    pixel(frame, 368, 108),
                    pixel(frame, 196, 188),
                    "padding {padding}"
                );
            }
        }
    }

    #[test]
    fn a_picture_is_rasterised_once_for_a_key_size_and_place() {
        let mut offscreen = Offscreen::new().unwrap();
        let theme = crate::theme::kiosk_theme();
        let rasterised = std::cell::Cell::new(0);
        let counting = |size: Size| {
            rasterised.set(rasterised.get() + 1);
            shapes(size)
        };
        let key = 99;
        let draw = |offscreen: &mut Offscreen, width: u32, padding: f32| {
            offscreen.frame(
                drawn_at(still_shapes(key, counting).into(), padding),
                iced::Size::new(width, 300),
                &theme,
            );
        };
        draw(&mut offscreen, 500, 10.0);
        draw(&mut offscreen, 500, 10.0);
        assert_eq!(rasterised.get(), 1);
        // Another size, another place within a pixel: drawn again.
        draw(&mut offscreen, 520, 10.0);
        draw(&mut offscreen, 520, 10.5);
        assert_eq!(rasterised.get(), 3);
    }
}
