//! A small label on a picture (a town tile's country), drawn by the picture
//! itself.
//!
//! iced draws a layer's images after its boxes, so a label box over a
//! picture needs a layer of its own (a `stack`), and the software renderer
//! pays for every layer with a full-screen clip mask: on the towns screen
//! that was two of its sixteen milliseconds. Here the box is a small image
//! of its own, drawn right after the picture, and the text after both, all
//! in the picture's layer.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use iced::advanced::image::{self as image_renderer, FilterMethod, Renderer as _};
use iced::advanced::text::{self, Paragraph as _, Renderer as _};
use iced::widget::image::Handle;
use iced::{Color, Pixels, Point, Rectangle, Size};

use crate::theme;

type Renderer = iced::Renderer;

/// Space between the picture's corner and the badge.
const MARGIN: f32 = 12.0;
/// The white rim around the tinted label.
const RIM: f32 = 4.0;
const PADDING_X: f32 = 12.0;
const PADDING_Y: f32 = 4.0;
/// How strongly the label's colour tints its box.
const TINT: f32 = 0.14;

#[derive(Debug, Clone)]
pub struct Badge {
    pub label: String,
    pub color: Color,
}

/// Draws `badge` in the top left corner of `bounds`, clipped to them.
pub(super) fn draw(renderer: &mut Renderer, bounds: Rectangle, badge: &Badge) {
    let text = text::Text {
        content: badge.label.clone(),
        bounds: Size::INFINITE,
        size: Pixels(theme::size::SMALL),
        line_height: text::LineHeight::default(),
        font: theme::FONT_BOLD,
        align_x: text::Alignment::Left,
        align_y: iced::alignment::Vertical::Top,
        shaping: text::Shaping::Advanced,
        wrapping: text::Wrapping::None,
    };
    let measured = <Renderer as text::Renderer>::Paragraph::with_text(text.as_ref()).min_bounds();
    let size = Size::new(
        (measured.width + 2.0 * (PADDING_X + RIM)).ceil(),
        (measured.height + 2.0 * (PADDING_Y + RIM)).ceil(),
    );
    let origin = Point::new(bounds.x + MARGIN, bounds.y + MARGIN);
    let area = Rectangle::new(origin, size);
    let Some(clip) = area.intersection(&bounds) else {
        return;
    };
    renderer.draw_image(
        image_renderer::Image {
            handle: backdrop(size.width as u32, size.height as u32, badge.color),
            filter_method: FilterMethod::Nearest,
            rotation: iced::Radians(0.0),
            border_radius: Default::default(),
            opacity: 1.0,
            snap: true,
        },
        area,
        clip,
    );
    renderer.fill_text(
        text::Text {
            // Room for exactly the measured line.
            bounds: Size::new(measured.width.ceil() + 1.0, measured.height.ceil()),
            ..text
        },
        Point::new(origin.x + RIM + PADDING_X, origin.y + RIM + PADDING_Y),
        badge.color,
        clip,
    );
}

/// Width, height and colour of a badge's box.
type BackdropKey = (u32, u32, [u8; 4]);

/// The badge's box: a white rounded rim around a rounded box tinted with
/// `color`, made once per size and colour.
fn backdrop(width: u32, height: u32, color: Color) -> Handle {
    static MADE: LazyLock<Mutex<HashMap<BackdropKey, Handle>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    let key = (width, height, color.into_rgba8());
    let mut made = MADE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    made.entry(key)
        .or_insert_with(|| {
            let tint = mix(theme::SURFACE, color, TINT);
            let outer = Rectangle::new(Point::ORIGIN, Size::new(width as f32, height as f32));
            let inner = outer.shrink(RIM);
            let mut pixels = Vec::with_capacity(width as usize * height as usize * 4);
            for y in 0..height {
                for x in 0..width {
                    let at = Point::new(x as f32 + 0.5, y as f32 + 0.5);
                    let rim = coverage(at, outer, 10.0);
                    let inside = coverage(at, inner, 8.0);
                    let rgb = mix(theme::SURFACE, tint, inside);
                    let [r, g, b, _] = rgb.into_rgba8();
                    pixels.extend_from_slice(&[r, g, b, (rim * 255.0).round() as u8]);
                }
            }
            Handle::from_rgba(width, height, pixels)
        })
        .clone()
}

/// How much of the pixel centred at `at` lies inside the rounded `area`.
fn coverage(at: Point, area: Rectangle, radius: f32) -> f32 {
    let radius = radius.min(area.width / 2.0).min(area.height / 2.0);
    let center = area.center();
    // Distance outside a rectangle shrunk by the radius, minus the radius.
    let dx = ((at.x - center.x).abs() - (area.width / 2.0 - radius)).max(0.0);
    let dy = ((at.y - center.y).abs() - (area.height / 2.0 - radius)).max(0.0);
    let outside = (dx * dx + dy * dy).sqrt() - radius;
    // Inside the straight edges the rectangle's own edge decides.
    let edge_x = (at.x - center.x).abs() - area.width / 2.0;
    let edge_y = (at.y - center.y).abs() - area.height / 2.0;
    let distance = outside.max(edge_x).max(edge_y);
    (0.5 - distance).clamp(0.0, 1.0)
}

fn mix(from: Color, to: Color, amount: f32) -> Color {
    Color {
        r: from.r + (to.r - from.r) * amount,
        g: from.g + (to.g - from.g) * amount,
        b: from.b + (to.b - from.b) * amount,
        a: 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_corners_are_clear_and_the_middle_is_covered() {
        let area = Rectangle::new(Point::ORIGIN, Size::new(100.0, 40.0));
        assert_eq!(coverage(Point::new(50.0, 20.0), area, 10.0), 1.0);
        assert_eq!(coverage(Point::new(0.5, 0.5), area, 10.0), 0.0);
        assert_eq!(coverage(Point::new(50.0, 0.5), area, 10.0), 1.0);
        assert_eq!(coverage(Point::new(50.0, -1.0), area, 10.0), 0.0);
        // On the corner's arc, half in.
        let corner = coverage(Point::new(2.9, 2.9), area, 10.0);
        assert!(corner > 0.0 && corner < 1.0, "{corner}");
    }
}
