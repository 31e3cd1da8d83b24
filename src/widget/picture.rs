//! Pictures from the content pack, scaled once to the exact size they are
//! shown at and kept in a bounded cache.
//!
//! Drawing a 1280x720 photo into a 380x200 tile makes a renderer filter
//! every pixel of every frame; without a GPU that alone costs tens of
//! milliseconds a screen. A picture scaled (and cropped) to its box once,
//! with a good filter, is then copied pixel for pixel: sharp, and cheap
//! on any renderer. The widget also tells inspections whether its file
//! exists, so the render tests catch a missing picture.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};

use iced::advanced::Widget;
use iced::advanced::image::{self as image_renderer, FilterMethod, Renderer as _};
use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Quad, Renderer as _};
use iced::advanced::widget::{Operation, Tree};
use iced::border::Radius;
use iced::widget::image::Handle;
use iced::{Element, Length, Rectangle, Size, Theme, mouse};

use super::badge::{self, Badge};

type Renderer = iced::Renderer;

/// Scaled pictures kept at most; the least recently shown go first.
const CACHE_BYTES: usize = 160 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fit {
    /// Fill the box, cropping what sticks out (photos).
    Cover,
    /// Show all of it inside the box (mascots with transparency).
    Contain,
}

/// What a [`Picture`] tells an inspecting operation.
#[derive(Debug, Clone)]
pub struct PictureReport {
    pub path: PathBuf,
    pub exists: bool,
}

pub struct Picture {
    path: PathBuf,
    width: Length,
    height: Length,
    fit: Fit,
    radius: Radius,
    badge: Option<Badge>,
}

/// A picture that fills its box, cropped; see [`Picture::contain`].
pub fn picture(path: &Path) -> Picture {
    Picture {
        path: path.to_path_buf(),
        width: Length::Shrink,
        height: Length::Shrink,
        fit: Fit::Cover,
        radius: Radius::default(),
        badge: None,
    }
}

impl Picture {
    pub fn width(mut self, width: impl Into<Length>) -> Self {
        self.width = width.into();
        self
    }

    pub fn height(mut self, height: impl Into<Length>) -> Self {
        self.height = height.into();
        self
    }

    pub fn contain(mut self) -> Self {
        self.fit = Fit::Contain;
        self
    }

    pub fn radius(mut self, radius: impl Into<Radius>) -> Self {
        self.radius = radius.into();
        self
    }

    /// A small label in the top left corner, in `color` on a white rim.
    pub fn badge(mut self, label: impl Into<String>, color: iced::Color) -> Self {
        self.badge = Some(Badge {
            label: label.into(),
            color,
        });
        self
    }
}

impl<Message> Widget<Message, Theme, Renderer> for Picture {
    fn size(&self) -> Size<Length> {
        Size::new(self.width, self.height)
    }

    fn layout(
        &mut self,
        _tree: &mut Tree,
        _renderer: &Renderer,
        limits: &layout::Limits,
    ) -> layout::Node {
        let intrinsic = dimensions(&self.path)
            .map(|(w, h)| Size::new(w as f32, h as f32))
            .unwrap_or(Size::new(1.0, 1.0));
        layout::Node::new(limits.resolve(self.width, self.height, intrinsic))
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
        let Some(source) = dimensions(&self.path) else {
            // A missing picture leaves a calm blank, never a crash.
            renderer.fill_quad(
                Quad {
                    bounds,
                    border: iced::Border {
                        radius: self.radius,
                        ..iced::Border::default()
                    },
                    ..Quad::default()
                },
                crate::theme::LINE,
            );
            if let Some(badge) = &self.badge {
                badge::draw(renderer, bounds, badge);
            }
            return;
        };
        let target = match self.fit {
            Fit::Cover => bounds,
            Fit::Contain => contained(bounds, source),
        };
        let size = (
            target.width.round().max(1.0) as u32,
            target.height.round().max(1.0) as u32,
        );
        if note_wanted(&self.path, size, self.fit) {
            return;
        }
        if let Some(handle) = scaled(&self.path, size, self.fit) {
            renderer.draw_image(
                image_renderer::Image {
                    handle,
                    filter_method: FilterMethod::Nearest,
                    rotation: iced::Radians(0.0),
                    border_radius: self.radius,
                    opacity: 1.0,
                    snap: true,
                },
                // On whole pixels, where the software renderer puts it
                // anyway (it drops the fraction), so that the renderer can
                // copy it rather than sample and blend every pixel.
                Rectangle::new(
                    iced::Point::new(target.x.trunc(), target.y.trunc()),
                    Size::new(size.0 as f32, size.1 as f32),
                ),
                bounds,
            );
        }
        if let Some(badge) = &self.badge {
            badge::draw(renderer, bounds, badge);
        }
    }

    fn operate(
        &mut self,
        _tree: &mut Tree,
        layout: Layout<'_>,
        _renderer: &Renderer,
        operation: &mut dyn Operation,
    ) {
        let mut report = PictureReport {
            path: self.path.clone(),
            exists: self.path.is_file(),
        };
        operation.custom(None, layout.bounds(), &mut report as &mut dyn Any);
    }
}

impl<'a, Message: 'a> From<Picture> for Element<'a, Message> {
    fn from(picture: Picture) -> Self {
        Element::new(picture)
    }
}

/// The largest box of the source's shape inside `bounds`, centred.
fn contained(bounds: Rectangle, (width, height): (u32, u32)) -> Rectangle {
    let scale = (bounds.width / width as f32).min(bounds.height / height as f32);
    let size = Size::new(width as f32 * scale, height as f32 * scale);
    Rectangle::new(
        iced::Point::new(
            bounds.x + (bounds.width - size.width) / 2.0,
            bounds.y + (bounds.height - size.height) / 2.0,
        ),
        size,
    )
}

#[derive(Default)]
struct Cache {
    /// Source sizes read from file headers; `None` for unreadable files.
    dimensions: HashMap<PathBuf, Option<(u32, u32)>>,
    scaled: HashMap<(PathBuf, (u32, u32), Fit), Scaled>,
    bytes: usize,
    clock: u64,
}

struct Scaled {
    handle: Option<Handle>,
    bytes: usize,
    last_used: u64,
}

static CACHE: LazyLock<Mutex<Cache>> = LazyLock::new(|| Mutex::new(Cache::default()));

fn lock_cache() -> std::sync::MutexGuard<'static, Cache> {
    CACHE
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn dimensions(path: &Path) -> Option<(u32, u32)> {
    let mut cache = lock_cache();
    *cache
        .dimensions
        .entry(path.to_path_buf())
        .or_insert_with(|| image::image_dimensions(path).ok())
}

thread_local! {
    static SCALED_HERE: Cell<u64> = const { Cell::new(0) };
    /// While [`scale_ahead`] runs its drawing: the pictures it would show.
    static WANTED: RefCell<Option<Vec<Key>>> = const { RefCell::new(None) };
}

type Key = (PathBuf, (u32, u32), Fit);

/// Runs `draw` with pictures only noted, not drawn, then scales those not
/// in the cache yet on every core. Drawing the same widgets again then
/// finds them all ready: a frame drawn from nothing (`city-kiosk render`)
/// waits for the slowest core's share instead of every picture in turn.
pub fn scale_ahead(draw: impl FnOnce()) {
    WANTED.set(Some(Vec::new()));
    draw();
    let mut wanted = WANTED.take().unwrap_or_default();
    wanted.retain(|key| !is_scaled(key));
    wanted.sort();
    wanted.dedup();
    let workers = std::thread::available_parallelism().map_or(1, usize::from);
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers.min(wanted.len()) {
            scope.spawn(|| {
                while let Some((path, size, fit)) =
                    wanted.get(next.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
                {
                    let _ = scaled(path, *size, *fit);
                }
            });
        }
    });
}

/// Whether the picture is in the cache at that size.
fn is_scaled(key: &Key) -> bool {
    lock_cache().scaled.contains_key(key)
}

/// Inside [`scale_ahead`]'s drawing, notes the picture and says so.
fn note_wanted(path: &Path, size: (u32, u32), fit: Fit) -> bool {
    WANTED.with_borrow_mut(|wanted| match wanted {
        Some(wanted) => {
            wanted.push((path.to_path_buf(), size, fit));
            true
        }
        None => false,
    })
}

/// How many pictures this thread has scaled: a screen that opens after a
/// warm-up leaves it as it was.
pub fn pictures_scaled_on_this_thread() -> u64 {
    SCALED_HERE.get()
}

/// Forgets every scaled picture, for measuring a cold start.
pub fn clear_cache() {
    let mut cache = lock_cache();
    cache.scaled.clear();
    cache.bytes = 0;
}

/// Scales the picture a [`picture`] of `size` shows (a cover) on a
/// thread of its own, for a screen that will show it soon; says whether it
/// started one (a picture already in the cache needs none).
pub fn prepare_in_background(path: &Path, size: (u32, u32)) -> bool {
    if is_scaled(&(path.to_path_buf(), size, Fit::Cover)) {
        return false;
    }
    let path = path.to_path_buf();
    let spawned = std::thread::Builder::new()
        .name("picture".into())
        .spawn(move || {
            crate::warm_up::lower_this_threads_priority();
            let _ = scaled(&path, size, Fit::Cover);
        });
    match spawned {
        Ok(_) => true,
        Err(error) => {
            tracing::warn!("cannot prepare a picture in the background: {error}");
            false
        }
    }
}

/// The picture at exactly `size`, scaled (and for covers, cropped) once.
/// The cache is not held while a picture is scaled, so that a warm-up on
/// another thread never holds up the screen; two threads that want the
/// same picture at once may both scale it.
fn scaled(path: &Path, size: (u32, u32), fit: Fit) -> Option<Handle> {
    let key: Key = (path.to_path_buf(), size, fit);
    {
        let mut cache = lock_cache();
        cache.clock += 1;
        let now = cache.clock;
        if let Some(entry) = cache.scaled.get_mut(&key) {
            entry.last_used = now;
            return entry.handle.clone();
        }
    }
    SCALED_HERE.set(SCALED_HERE.get() + 1);
    let handle = match scale(path, size, fit) {
        Ok(handle) => Some(handle),
        Err(error) => {
            tracing::warn!("picture {} cannot be shown: {error}", path.display());
            None
        }
    };
    let mut cache = lock_cache();
    if let Some(entry) = cache.scaled.get(&key) {
        return entry.handle.clone();
    }
    cache.clock += 1;
    let now = cache.clock;
    let bytes = (size.0 as usize) * (size.1 as usize) * 4;
    cache.bytes += bytes;
    cache.scaled.insert(
        key,
        Scaled {
            handle: handle.clone(),
            bytes,
            last_used: now,
        },
    );
    while cache.bytes > CACHE_BYTES && cache.scaled.len() > 1 {
        let Some(oldest) = cache
            .scaled
            .iter()
            .min_by_key(|(_, entry)| entry.last_used)
            .map(|(key, _)| key.clone())
        else {
            break;
        };
        if let Some(entry) = cache.scaled.remove(&oldest) {
            cache.bytes -= entry.bytes;
        }
    }
    handle
}

fn scale(path: &Path, (width, height): (u32, u32), fit: Fit) -> Result<Handle, image::ImageError> {
    let source = image::open(path)?.into_rgba8();
    let (sw, sh) = source.dimensions();
    let cropped = match fit {
        Fit::Contain => source,
        Fit::Cover => {
            // The centred part of the source with the box's shape.
            let box_ratio = width as f64 / height as f64;
            let (cw, ch) = if (sw as f64 / sh as f64) > box_ratio {
                (((sh as f64) * box_ratio).round().max(1.0) as u32, sh)
            } else {
                (sw, ((sw as f64) / box_ratio).round().max(1.0) as u32)
            };
            image::imageops::crop_imm(
                &source,
                (sw - cw.min(sw)) / 2,
                (sh - ch.min(sh)) / 2,
                cw.min(sw),
                ch.min(sh),
            )
            .to_image()
        }
    };
    let resized = image::imageops::resize(
        &cropped,
        width,
        height,
        image::imageops::FilterType::Triangle,
    );
    Ok(Handle::from_rgba(width, height, resized.into_raw()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn covers_are_cropped_to_the_box_and_contains_keep_their_shape() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("wide.png");
        image::RgbaImage::from_pixel(400, 100, image::Rgba([10, 20, 30, 255]))
            .save(&path)
            .unwrap();
        assert_eq!(dimensions(&path), Some((400, 100)));
        assert!(scaled(&path, (50, 50), Fit::Cover).is_some());
        let inside = contained(
            Rectangle::new(iced::Point::ORIGIN, Size::new(200.0, 200.0)),
            (400, 100),
        );
        assert_eq!((inside.width, inside.height, inside.y), (200.0, 50.0, 75.0));
        assert!(scaled(&dir.path().join("missing.png"), (10, 10), Fit::Cover).is_none());
    }

    #[test]
    fn a_picture_is_prepared_in_the_background_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("still.png");
        image::RgbaImage::from_pixel(64, 36, image::Rgba([90, 20, 30, 255]))
            .save(&path)
            .unwrap();
        assert!(prepare_in_background(&path, (32, 18)), "not cached yet");
        let started = std::time::Instant::now();
        while !is_scaled(&(path.clone(), (32, 18), Fit::Cover)) {
            assert!(started.elapsed().as_secs() < 20, "never prepared");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(
            !prepare_in_background(&path, (32, 18)),
            "a cached picture started a thread"
        );
    }
}
