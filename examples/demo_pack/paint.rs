//! A small drawing surface over tiny-skia: flat shapes, gradients and a
//! seeded random source, enough for illustrated landscapes and mascots.

use tiny_skia::{
    Color, FillRule, GradientStop, LinearGradient, Paint, Path, PathBuilder, Pixmap, Point, Rect,
    Shader, SpreadMode, Stroke, Transform,
};

#[derive(Clone, Copy, Debug)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// From hue (0–360), saturation and lightness (0–1).
    pub fn hsl(hue: f32, saturation: f32, lightness: f32) -> Rgb {
        let c = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
        let h = (hue.rem_euclid(360.0)) / 60.0;
        let x = c * (1.0 - (h % 2.0 - 1.0).abs());
        let (r, g, b) = match h as u32 {
            0 => (c, x, 0.0),
            1 => (x, c, 0.0),
            2 => (0.0, c, x),
            3 => (0.0, x, c),
            4 => (x, 0.0, c),
            _ => (c, 0.0, x),
        };
        let m = lightness - c / 2.0;
        let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
        Rgb(to(r), to(g), to(b))
    }

    pub fn mix(self, other: Rgb, t: f32) -> Rgb {
        let lerp = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * t).round() as u8;
        Rgb(
            lerp(self.0, other.0),
            lerp(self.1, other.1),
            lerp(self.2, other.2),
        )
    }

    pub fn darker(self, t: f32) -> Rgb {
        self.mix(Rgb(20, 24, 40), t)
    }

    pub fn lighter(self, t: f32) -> Rgb {
        self.mix(Rgb(255, 255, 255), t)
    }

    fn color(self, alpha: f32) -> Color {
        Color::from_rgba8(self.0, self.1, self.2, (alpha * 255.0).round() as u8)
    }
}

pub const WHITE: Rgb = Rgb(255, 255, 255);
pub const INK: Rgb = Rgb(34, 36, 52);

/// xorshift64*: deterministic, so the committed images can be remade
/// byte for byte.
pub struct Rng(u64);

impl Rng {
    pub fn seeded(text: &str) -> Rng {
        // FNV-1a of the text.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in text.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Rng(hash | 1)
    }

    pub fn next(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let value = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        (value >> 40) as f32 / (1u64 << 24) as f32
    }

    pub fn range(&mut self, low: f32, high: f32) -> f32 {
        low + (high - low) * self.next()
    }
}

pub struct Canvas {
    pub pixmap: Pixmap,
}

impl Canvas {
    pub fn new(width: u32, height: u32) -> Canvas {
        Canvas {
            pixmap: Pixmap::new(width, height).expect("canvas size is not zero"),
        }
    }

    pub fn width(&self) -> f32 {
        self.pixmap.width() as f32
    }

    pub fn height(&self) -> f32 {
        self.pixmap.height() as f32
    }

    pub fn fill(&mut self, path: &Path, color: Rgb) {
        self.fill_alpha(path, color, 1.0);
    }

    pub fn fill_alpha(&mut self, path: &Path, color: Rgb, alpha: f32) {
        let mut paint = Paint::default();
        paint.set_color(color.color(alpha));
        paint.anti_alias = true;
        self.pixmap
            .fill_path(path, &paint, FillRule::Winding, Transform::identity(), None);
    }

    pub fn stroke(&mut self, path: &Path, color: Rgb, width: f32) {
        let mut paint = Paint::default();
        paint.set_color(color.color(1.0));
        paint.anti_alias = true;
        let stroke = Stroke {
            width,
            line_cap: tiny_skia::LineCap::Round,
            line_join: tiny_skia::LineJoin::Round,
            ..Stroke::default()
        };
        self.pixmap
            .stroke_path(path, &paint, &stroke, Transform::identity(), None);
    }

    /// A vertical gradient over a rectangle.
    pub fn vertical_gradient(&mut self, rect: Rect, top: Rgb, bottom: Rgb) {
        let shader = LinearGradient::new(
            Point::from_xy(0.0, rect.top()),
            Point::from_xy(0.0, rect.bottom()),
            vec![
                GradientStop::new(0.0, top.color(1.0)),
                GradientStop::new(1.0, bottom.color(1.0)),
            ],
            SpreadMode::Pad,
            Transform::identity(),
        )
        .unwrap_or(Shader::SolidColor(top.color(1.0)));
        let paint = Paint {
            shader,
            anti_alias: true,
            ..Paint::default()
        };
        self.pixmap
            .fill_rect(rect, &paint, Transform::identity(), None);
    }

    pub fn rect(&mut self, x: f32, y: f32, width: f32, height: f32, color: Rgb) {
        if let Some(rect) = Rect::from_xywh(x, y, width, height) {
            self.fill(&PathBuilder::from_rect(rect), color);
        }
    }

    pub fn circle(&mut self, x: f32, y: f32, radius: f32, color: Rgb) {
        self.circle_alpha(x, y, radius, color, 1.0);
    }

    pub fn circle_alpha(&mut self, x: f32, y: f32, radius: f32, color: Rgb, alpha: f32) {
        if let Some(path) = PathBuilder::from_circle(x, y, radius) {
            self.fill_alpha(&path, color, alpha);
        }
    }

    pub fn ellipse(&mut self, x: f32, y: f32, rx: f32, ry: f32, color: Rgb) {
        if let Some(path) =
            Rect::from_xywh(x - rx, y - ry, rx * 2.0, ry * 2.0).and_then(PathBuilder::from_oval)
        {
            self.fill(&path, color);
        }
    }

    pub fn polygon(&mut self, points: &[(f32, f32)], color: Rgb) {
        if let Some(path) = polygon(points) {
            self.fill(&path, color);
        }
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), color: Rgb, width: f32) {
        let mut builder = PathBuilder::new();
        builder.move_to(from.0, from.1);
        builder.line_to(to.0, to.1);
        if let Some(path) = builder.finish() {
            self.stroke(&path, color, width);
        }
    }

    pub fn save_png(&self, path: &std::path::Path) -> std::io::Result<()> {
        let bytes = self.pixmap.encode_png().map_err(std::io::Error::other)?;
        std::fs::write(path, bytes)
    }

    /// Saves without alpha as a baseline JPEG.
    pub fn save_jpeg(&self, path: &std::path::Path, quality: u8) -> std::io::Result<()> {
        let rgb: Vec<u8> = self
            .pixmap
            .pixels()
            .iter()
            .flat_map(|pixel| {
                let color = pixel.demultiply();
                [color.red(), color.green(), color.blue()]
            })
            .collect();
        let file = std::io::BufWriter::new(std::fs::File::create(path)?);
        let mut encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(file, quality);
        encoder
            .encode(
                &rgb,
                self.pixmap.width(),
                self.pixmap.height(),
                image::ExtendedColorType::Rgb8,
            )
            .map_err(std::io::Error::other)
    }
}

pub fn polygon(points: &[(f32, f32)]) -> Option<Path> {
    let (first, rest) = points.split_first()?;
    let mut builder = PathBuilder::new();
    builder.move_to(first.0, first.1);
    for point in rest {
        builder.line_to(point.0, point.1);
    }
    builder.close();
    builder.finish()
}

/// A closed shape through `points` with smooth (quadratic) corners, for
/// hills, clouds and bodies.
pub fn smooth_closed(points: &[(f32, f32)]) -> Option<Path> {
    let n = points.len();
    if n < 3 {
        return None;
    }
    let mid = |a: (f32, f32), b: (f32, f32)| ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
    let mut builder = PathBuilder::new();
    let start = mid(points[n - 1], points[0]);
    builder.move_to(start.0, start.1);
    for i in 0..n {
        let control = points[i];
        let end = mid(points[i], points[(i + 1) % n]);
        builder.quad_to(control.0, control.1, end.0, end.1);
    }
    builder.close();
    builder.finish()
}
