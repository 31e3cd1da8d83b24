//! Drawing the kiosk without a window or a GPU, with iced's software
//! renderer (tiny-skia): for `city-kiosk render`, the render tests and the
//! drawing benchmark.

use std::time::{Duration, Instant};

use iced::advanced::clipboard;
use iced::advanced::renderer::{Headless, Style};
use iced::theme::Base;
use iced::{Element, Event, Pixels, Rectangle, Size, Theme, mouse, window};
use iced_runtime::user_interface::{Cache, UserInterface};

use crate::theme;
use crate::widget::checked::{Inspection, inspect};
use crate::widget::picture;

/// A software renderer for off-screen frames.
pub struct Offscreen {
    renderer: iced::Renderer,
    /// Reused between frames, as a window's surface is.
    pixels: Vec<u8>,
    /// The widget tree's state from the last frame (text laid out, scroll
    /// positions), carried to the next as iced's runtime carries it in a
    /// window: a frame of an unchanged screen does not shape its text again.
    cache: Cache,
    mask: Option<tiny_skia::Mask>,
}

/// How long each stage of one frame took.
#[derive(Debug, Clone, Copy)]
pub struct FrameTimes {
    /// Building the widget tree and laying it out.
    pub layout: Duration,
    /// Turning widgets into drawing commands.
    pub draw: Duration,
    /// Rasterising them into pixels.
    pub raster: Duration,
}

impl FrameTimes {
    pub fn total(&self) -> Duration {
        self.layout + self.draw + self.raster
    }
}

/// RGBA pixels of a frame.
pub struct Frame {
    pub width: u32,
    pub height: u32,
    pub rgba: Vec<u8>,
    pub times: FrameTimes,
}

impl Offscreen {
    pub fn new() -> anyhow::Result<Offscreen> {
        let renderer = block_on(<iced::Renderer as Headless>::new(
            theme::FONT,
            Pixels(16.0),
            Some("tiny-skia"),
        ))
        .ok_or_else(|| anyhow::anyhow!("the software renderer could not be created"))?;
        Ok(Offscreen {
            renderer,
            pixels: Vec::new(),
            cache: Cache::default(),
            mask: None,
        })
    }

    /// Lays out, draws and rasterises `element` at `size` and hands out a
    /// copy of the pixels. The pictures it shows are scaled first, on every
    /// core.
    pub fn frame<Message>(
        &mut self,
        element: Element<'_, Message>,
        size: Size<u32>,
        theme: &Theme,
    ) -> Frame {
        let times = self.draw_with(element, size, theme, true);
        // tiny-skia here works in BGRA, premultiplied; the background is
        // opaque, so swapping red and blue gives plain RGBA.
        let rgba = self
            .pixels
            .chunks_exact(4)
            .flat_map(|pixel| [pixel[2], pixel[1], pixel[0], pixel[3]])
            .collect();
        Frame {
            width: size.width,
            height: size.height,
            rgba,
            times,
        }
    }

    /// Lays out, draws and rasterises `element` at `size` into the reused
    /// pixel buffer, as a window draws into its surface: for benchmarks.
    pub fn draw<Message>(
        &mut self,
        element: Element<'_, Message>,
        size: Size<u32>,
        theme: &Theme,
    ) -> FrameTimes {
        self.draw_with(element, size, theme, false)
    }

    fn draw_with<Message>(
        &mut self,
        element: Element<'_, Message>,
        size: Size<u32>,
        theme: &Theme,
        pictures_first: bool,
    ) -> FrameTimes {
        let logical = Size::new(size.width as f32, size.height as f32);
        let start = Instant::now();
        let cache = std::mem::take(&mut self.cache);
        let mut ui = UserInterface::build(element, logical, cache, &mut self.renderer);
        let mut messages = Vec::new();
        let _ = ui.update(
            &[Event::Window(
                window::Event::RedrawRequested(Instant::now()),
            )],
            mouse::Cursor::Unavailable,
            &mut self.renderer,
            &mut clipboard::Null,
            &mut messages,
        );
        let laid_out = Instant::now();
        let base = theme.base();
        let style = Style {
            text_color: base.text_color,
        };
        if pictures_first {
            picture::scale_ahead(|| {
                ui.draw(
                    &mut self.renderer,
                    theme,
                    &style,
                    mouse::Cursor::Unavailable,
                );
            });
        }
        ui.draw(
            &mut self.renderer,
            theme,
            &style,
            mouse::Cursor::Unavailable,
        );
        let drawn = Instant::now();
        self.cache = ui.into_cache();
        self.raster(size, base.background_color);
        let rastered = Instant::now();
        FrameTimes {
            layout: laid_out - start,
            draw: drawn - laid_out,
            raster: rastered - drawn,
        }
    }

    /// Rasterises what was drawn into the reused pixel buffer: the whole
    /// frame, as a window does when its screen changes.
    fn raster(&mut self, size: Size<u32>, background: iced::Color) {
        let iced_renderer::fallback::Renderer::Secondary(software) = &mut self.renderer else {
            unreachable!("Offscreen::new asks for the tiny-skia renderer");
        };
        let bytes = size.width as usize * size.height as usize * 4;
        self.pixels.resize(bytes, 0);
        if self
            .mask
            .as_ref()
            .is_none_or(|mask| mask.width() != size.width || mask.height() != size.height)
        {
            self.mask = tiny_skia::Mask::new(size.width, size.height);
        }
        let (Some(mut pixmap), Some(mask)) = (
            tiny_skia::PixmapMut::from_bytes(&mut self.pixels, size.width, size.height),
            self.mask.as_mut(),
        ) else {
            return;
        };
        let viewport = iced_tiny_skia::graphics::Viewport::with_physical_size(size, 1.0);
        let everything = Rectangle::with_size(Size::new(size.width as f32, size.height as f32));
        software.draw(&mut pixmap, mask, &viewport, &[everything], background);
    }

    /// Lays out `element` at `size` and reports texts that do not fit and
    /// pictures that are missing.
    pub fn inspect<Message>(
        &mut self,
        element: Element<'_, Message>,
        size: Size<u32>,
    ) -> Inspection {
        let logical = Size::new(size.width as f32, size.height as f32);
        let mut ui = UserInterface::build(element, logical, Cache::default(), &mut self.renderer);
        let mut operation = inspect(Rectangle::with_size(logical));
        ui.operate(&self.renderer, &mut operation);
        operation.into_inspection()
    }
}

impl Frame {
    pub fn save_png(&self, path: &std::path::Path) -> anyhow::Result<()> {
        let image = image::RgbaImage::from_raw(self.width, self.height, self.rgba.clone())
            .ok_or_else(|| anyhow::anyhow!("the frame has the wrong number of pixels"))?;
        image.save_with_format(path, image::ImageFormat::Png)?;
        Ok(())
    }
}

/// Runs a future that completes without waiting on anything, as the
/// software renderer's constructor does.
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    let mut future = std::pin::pin!(future);
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        std::thread::yield_now();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Route;
    use crate::warm_up::{demo_pack_on_a_day, kiosk_showing};
    use crate::widget::picture::pictures_scaled_on_this_thread;

    #[test]
    fn a_frame_from_nothing_scales_its_pictures_on_other_threads_first() {
        let (pack, today) = demo_pack_on_a_day();
        // A size no other test draws at, so no picture is cached yet.
        let size = Size::new(1366.0, 768.0);
        let pixels = Size::new(1366, 768);
        let kiosk = kiosk_showing(&pack, Route::Home, size, today);
        let mut offscreen = Offscreen::new().unwrap();
        let before = pictures_scaled_on_this_thread();
        let first = offscreen.frame(kiosk.view_at(size), pixels, &kiosk.theme());
        assert_eq!(pictures_scaled_on_this_thread(), before);
        // Drawn again, pictures come from the cache: the same pixels, so
        // the first frame waited for every picture it shows.
        let again = offscreen.frame(kiosk.view_at(size), pixels, &kiosk.theme());
        assert!(first.rgba == again.rgba, "the first frame missed pictures");
        let _ = offscreen.draw(kiosk.view_at(size), pixels, &kiosk.theme());
        assert_eq!(pictures_scaled_on_this_thread(), before);
    }
}
