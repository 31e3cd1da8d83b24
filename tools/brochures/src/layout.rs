//! A brochure's pages: blocks (a title band, pictures, headings,
//! paragraphs) set one below the other on A4, words wrapped to the column,
//! a new page when the next block does not fit.

use std::path::PathBuf;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

const PAGE: (f32, f32) = (595.0, 842.0);
const MARGIN: f32 = 48.0;
const COLUMN: f32 = PAGE.0 - 2.0 * MARGIN;
const BOTTOM: f32 = PAGE.1 - 56.0;
const INK: (u8, u8, u8) = (0x1b, 0x1b, 0x1b);
const BLUE: (u8, u8, u8) = (0x14, 0x45, 0x5f);
const ORANGE: (u8, u8, u8) = (0xd9, 0x82, 0x2b);
const GREY: (u8, u8, u8) = (0x5b, 0x5b, 0x5b);

/// One thing on a page.
pub enum Block {
    /// The coloured band at the top: a small line, the title, a subtitle.
    Band {
        over: String,
        title: String,
        under: String,
    },
    /// A JPEG or PNG, `width` points wide, in its own proportions.
    Picture {
        path: PathBuf,
        width: f32,
    },
    Heading(String),
    Paragraph {
        text: String,
        size: f32,
        bold: bool,
    },
    /// A bold lead-in, then its text, in one paragraph.
    Item {
        title: String,
        text: String,
    },
    /// Small grey print.
    Note(String),
}

pub struct Fonts {
    pub regular: Font,
    pub bold: Font,
    regular_data: Vec<u8>,
    bold_data: Vec<u8>,
}

impl Fonts {
    pub fn load(regular: Vec<u8>, bold: Vec<u8>) -> anyhow::Result<Fonts> {
        Ok(Fonts {
            regular: Font::new(regular.clone().into(), 0)
                .ok_or_else(|| anyhow::anyhow!("the regular font does not load"))?,
            bold: Font::new(bold.clone().into(), 0)
                .ok_or_else(|| anyhow::anyhow!("the bold font does not load"))?,
            regular_data: regular,
            bold_data: bold,
        })
    }

    fn font(&self, bold: bool) -> Font {
        if bold {
            self.bold.clone()
        } else {
            self.regular.clone()
        }
    }

    /// The width of `text` set at `size` points.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let data = if bold {
            &self.bold_data
        } else {
            &self.regular_data
        };
        let Some(face) = rustybuzz::Face::from_slice(data, 0) else {
            return 0.0;
        };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        let shaped = rustybuzz::shape(&face, &[], buffer);
        let advance: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        advance as f32 * size / face.units_per_em() as f32
    }

    /// `text` in lines no wider than `width`, broken between words (a
    /// word longer than the line stands alone).
    fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.lines() {
            let mut line = String::new();
            for word in paragraph.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if !line.is_empty() && self.width(&candidate, size, bold) > width {
                    lines.push(std::mem::replace(&mut line, word.to_string()));
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        lines
    }
}

fn fill(color: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn picture(path: &PathBuf) -> anyhow::Result<Image> {
    let data =
        std::fs::read(path).map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))?;
    let is_png = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("png"));
    let image = if is_png {
        Image::from_png(data.into(), true)
    } else {
        Image::from_jpeg(data.into(), true)
    };
    image.map_err(|error| anyhow::anyhow!("{}: {error}", path.display()))
}

/// Draws a block with its top at the given height.
type Draw = Box<dyn Fn(&mut Surface, f32)>;

/// A block as it is set: its height, and how to draw it.
struct Placed {
    height: f32,
    draw: Draw,
}

fn text_lines(
    fonts: &Fonts,
    lines: Vec<String>,
    size: f32,
    bold: bool,
    color: (u8, u8, u8),
    x: f32,
) -> Placed {
    let leading = size * 1.4;
    let font = fonts.font(bold);
    Placed {
        height: leading * lines.len() as f32,
        draw: Box::new(move |surface, top| {
            surface.set_fill(Some(fill(color)));
            for (n, line) in lines.iter().enumerate() {
                let baseline = top + leading * n as f32 + size;
                surface.draw_text(
                    Point::from_xy(x, baseline),
                    font.clone(),
                    size,
                    line,
                    false,
                    TextDirection::Auto,
                );
            }
        }),
    }
}

fn place(fonts: &Fonts, block: &Block) -> anyhow::Result<Placed> {
    Ok(match block {
        Block::Band { over, title, under } => {
            let (over, title, under) = (over.clone(), title.clone(), under.clone());
            let (regular, bold) = (fonts.regular.clone(), fonts.bold.clone());
            Placed {
                height: 110.0,
                draw: Box::new(move |surface, top| {
                    surface.set_fill(Some(fill(BLUE)));
                    let mut band = PathBuilder::new();
                    if let Some(rect) =
                        Rect::from_xywh(0.0, top - MARGIN, PAGE.0, 110.0 + MARGIN - 12.0)
                    {
                        band.push_rect(rect);
                    }
                    if let Some(path) = band.finish() {
                        surface.draw_path(&path);
                    }
                    surface.set_fill(Some(fill((0xff, 0xff, 0xff))));
                    for (text, font, size, baseline) in [
                        (&over, &regular, 11.0, top + 4.0),
                        (&title, &bold, 30.0, top + 38.0),
                        (&under, &regular, 13.0, top + 60.0),
                    ] {
                        surface.draw_text(
                            Point::from_xy(MARGIN, baseline),
                            font.clone(),
                            size,
                            text,
                            false,
                            TextDirection::Auto,
                        );
                    }
                }),
            }
        }
        Block::Picture { path, width } => {
            let image = picture(path)?;
            let (w, h) = image.size();
            let width = *width;
            let height = width * h as f32 / w as f32;
            Placed {
                height: height + 14.0,
                draw: Box::new(move |surface, top| {
                    surface.push_transform(&Transform::from_translate(MARGIN, top));
                    if let Some(size) = Size::from_wh(width, height) {
                        surface.draw_image(image.clone(), size);
                    }
                    surface.pop();
                }),
            }
        }
        Block::Heading(text) => {
            let mut placed = text_lines(
                fonts,
                fonts.wrap(text, 16.0, true, COLUMN),
                16.0,
                true,
                BLUE,
                MARGIN,
            );
            let height = placed.height;
            let draw = placed.draw;
            placed = Placed {
                height: height + 14.0,
                draw: Box::new(move |surface, top| {
                    draw(surface, top + 6.0);
                    surface.set_fill(Some(fill(ORANGE)));
                    let mut rule = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(MARGIN, top + height + 8.0, COLUMN, 1.5) {
                        rule.push_rect(rect);
                    }
                    if let Some(path) = rule.finish() {
                        surface.draw_path(&path);
                    }
                }),
            };
            placed
        }
        Block::Paragraph { text, size, bold } => {
            let placed = text_lines(
                fonts,
                fonts.wrap(text, *size, *bold, COLUMN),
                *size,
                *bold,
                INK,
                MARGIN,
            );
            Placed {
                height: placed.height + 6.0,
                draw: placed.draw,
            }
        }
        Block::Item { title, text } => {
            let title = text_lines(
                fonts,
                fonts.wrap(title, 11.0, true, COLUMN),
                11.0,
                true,
                INK,
                MARGIN,
            );
            let body = text_lines(
                fonts,
                fonts.wrap(text, 11.0, false, COLUMN - 10.0),
                11.0,
                false,
                INK,
                MARGIN + 10.0,
            );
            let title_height = title.height;
            Placed {
                height: title.height + body.height + 6.0,
                draw: Box::new(move |surface, top| {
                    (title.draw)(surface, top);
                    (body.draw)(surface, top + title_height);
                }),
            }
        }
        Block::Note(text) => {
            let placed = text_lines(
                fonts,
                fonts.wrap(text, 9.0, false, COLUMN),
                9.0,
                false,
                GREY,
                MARGIN,
            );
            Placed {
                height: placed.height + 4.0,
                draw: placed.draw,
            }
        }
    })
}

/// The PDF of `blocks`, with `footer` and the page number at the foot of
/// each page.
pub fn render(
    fonts: &Fonts,
    blocks: &[Block],
    title: &str,
    language: &str,
    footer: &str,
) -> anyhow::Result<Vec<u8>> {
    let placed = blocks
        .iter()
        .map(|block| place(fonts, block))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language(language.to_string())
            .creator("City Cooperation kiosk: make-brochures".to_string()),
    );
    let mut next = 0;
    let mut number = 1;
    while next < placed.len() {
        let settings = PageSettings::from_wh(PAGE.0, PAGE.1)
            .ok_or_else(|| anyhow::anyhow!("A4 is a page size"))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let mut top = MARGIN;
        // At least one block per page, so a too-tall block cannot loop.
        let first = next;
        while next < placed.len() && (next == first || top + placed[next].height <= BOTTOM) {
            (placed[next].draw)(&mut surface, top);
            top += placed[next].height;
            next += 1;
        }
        let foot = text_lines(
            fonts,
            vec![format!("{footer} · {number}")],
            9.0,
            false,
            GREY,
            MARGIN,
        );
        (foot.draw)(&mut surface, PAGE.1 - 40.0);
        surface.finish();
        page.finish();
        number += 1;
    }
    document
        .finish()
        .map_err(|error| anyhow::anyhow!("the PDF cannot be written: {error:?}"))
}
