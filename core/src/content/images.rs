//! Decoding every image of a pack, so a truncated or mislabelled file is
//! refused by the validator rather than shown as a blank tile.

use std::path::Path;
use std::thread;

use super::check::{ImageKind, PendingImage};
use super::problem::Problem;

/// Smallest gallery image that still looks sharp on a 1080p town page.
const GALLERY_MIN: (u32, u32) = (800, 450);
const MASCOT_MIN: (u32, u32) = (256, 256);
/// Larger images cost memory and time on every display for no gain on a
/// 1080p or 4K screen; editors should resize them before adding.
const MAX_SIDE: u32 = 3840;

/// Decodes all images on every core; returns a problem per bad image, in
/// the order of `images`.
pub(crate) fn check_images(images: &[PendingImage]) -> Vec<Problem> {
    let workers = thread::available_parallelism()
        .map_or(1, usize::from)
        .max(1);
    let chunk = images.len().div_ceil(workers).max(1);
    thread::scope(|scope| {
        let handles: Vec<_> = images
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().filter_map(check_image).collect::<Vec<_>>())
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

fn check_image(image: &PendingImage) -> Option<Problem> {
    let (width, height) = match decode_size(&image.path) {
        Ok(size) => size,
        Err(reason) => {
            return Some(Problem::in_file(
                &image.path,
                format!("cannot be decoded as an image: {reason}"),
            ));
        }
    };
    let (min_width, min_height) = match image.kind {
        ImageKind::Gallery => GALLERY_MIN,
        ImageKind::Mascot => MASCOT_MIN,
    };
    if width < min_width || height < min_height {
        return Some(Problem::in_file(
            &image.path,
            format!("is {width}x{height} pixels; at least {min_width}x{min_height} are needed"),
        ));
    }
    if width > MAX_SIDE || height > MAX_SIDE {
        return Some(Problem::in_file(
            &image.path,
            format!("is {width}x{height} pixels; resize it to at most {MAX_SIDE} on each side"),
        ));
    }
    None
}

/// Decodes the whole image. Decoders fill a truncated JPEG with grey
/// rather than fail, so the file must also end the way its format ends.
fn decode_size(path: &Path) -> Result<(u32, u32), String> {
    let bytes = std::fs::read(path).map_err(|error| error.to_string())?;
    let format = image::guess_format(&bytes).map_err(|_| "not a JPEG or PNG file".to_string())?;
    let end_marker: &[u8] = match format {
        image::ImageFormat::Jpeg => &[0xFF, 0xD9],
        image::ImageFormat::Png => b"IEND",
        other => return Err(format!("{other:?} is not supported; use JPEG or PNG")),
    };
    if !ends_with_marker(&bytes, end_marker) {
        return Err("the file is truncated (it does not end like a complete image)".into());
    }
    let decoded =
        image::load_from_memory_with_format(&bytes, format).map_err(|error| error.to_string())?;
    Ok((decoded.width(), decoded.height()))
}

/// Whether `marker` occurs in the last bytes of the file; a little padding
/// after it, as some cameras and editors write, is fine.
fn ends_with_marker(bytes: &[u8], marker: &[u8]) -> bool {
    const TAIL: usize = 64;
    let tail = &bytes[bytes.len().saturating_sub(TAIL)..];
    tail.windows(marker.len()).any(|window| window == marker)
}
