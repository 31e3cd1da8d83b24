//! Decoding every image of a pack, so a truncated or mislabelled file is
//! refused by the validator rather than shown as a blank tile.

use std::collections::HashMap;
use std::path::Path;
use std::thread;

use super::check::{ImageKind, PendingImage};
use super::decoded_images::DecodedImages;
use super::problem::Problem;
use crate::hash::Sha256;

/// Smallest gallery image that still looks sharp on a 1080p town page.
const GALLERY_MIN: (u32, u32) = (800, 450);
const MASCOT_MIN: (u32, u32) = (256, 256);
/// Larger images cost memory and time on every display for no gain on a
/// 1080p or 4K screen; editors should resize them before adding.
const MAX_SIDE: u32 = 3840;

/// Decodes all images on every core (those `decoded` remembers by their
/// bytes are only hashed) and remembers the ones that decoded; returns a
/// problem per bad image, in the order of `images`.
pub(crate) fn check_images(images: &[PendingImage], decoded: &DecodedImages) -> Vec<Problem> {
    let workers = thread::available_parallelism()
        .map_or(1, usize::from)
        .max(1);
    let chunk = images.len().div_ceil(workers).max(1);
    let checked: Vec<Checked> = thread::scope(|scope| {
        let handles: Vec<_> = images
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|image| check_image(image, decoded))
                        .collect::<Vec<_>>()
                })
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
    });
    let whole: HashMap<Sha256, (u32, u32)> =
        checked.iter().filter_map(|checked| checked.whole).collect();
    if let Err(error) = decoded.keep(&whole) {
        tracing::warn!("cannot keep the record of decoded images: {error}");
    }
    checked
        .into_iter()
        .filter_map(|checked| checked.problem)
        .collect()
}

/// What checking one image found.
struct Checked {
    problem: Option<Problem>,
    /// Its bytes' hash and its size, if it decoded whole and is kept.
    whole: Option<(Sha256, (u32, u32))>,
}

fn check_image(image: &PendingImage, decoded: &DecodedImages) -> Checked {
    let (sha256, (width, height)) = match decode_size(&image.path, decoded) {
        Ok(found) => found,
        Err(reason) => {
            let problem = Problem::in_file(
                &image.path,
                format!("cannot be decoded as an image: {reason}"),
            );
            return Checked {
                problem: Some(problem),
                whole: None,
            };
        }
    };
    Checked {
        problem: size_problem(image, width, height),
        whole: sha256.map(|sha256| (sha256, (width, height))),
    }
}

fn size_problem(image: &PendingImage, width: u32, height: u32) -> Option<Problem> {
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

/// Decodes the whole image, unless `decoded` remembers its bytes; its
/// bytes' hash only where there is a record to keep it in. Decoders fill a
/// truncated JPEG with grey rather than fail, so the file must also end the
/// way its format ends.
fn decode_size(
    path: &Path,
    decoded: &DecodedImages,
) -> Result<(Option<Sha256>, (u32, u32)), String> {
    let bytes = std::fs::read(path).map_err(|error| error.to_string())?;
    let sha256 = decoded.is_kept().then(|| Sha256::of(&bytes));
    if let Some(size) = sha256.as_ref().and_then(|sha256| decoded.size_of(sha256)) {
        return Ok((sha256, size));
    }
    let format = image::guess_format(&bytes).map_err(|_| "not a JPEG or PNG file".to_string())?;
    let end_marker: &[u8] = match format {
        image::ImageFormat::Jpeg => &[0xFF, 0xD9],
        image::ImageFormat::Png => b"IEND",
        other => return Err(format!("{other:?} is not supported; use JPEG or PNG")),
    };
    if !ends_with_marker(&bytes, end_marker) {
        return Err("the file is truncated (it does not end like a complete image)".into());
    }
    let picture =
        image::load_from_memory_with_format(&bytes, format).map_err(|error| error.to_string())?;
    Ok((sha256, (picture.width(), picture.height())))
}

/// Whether `marker` occurs in the last bytes of the file; a little padding
/// after it, as some cameras and editors write, is fine.
fn ends_with_marker(bytes: &[u8], marker: &[u8]) -> bool {
    const TAIL: usize = 64;
    let tail = &bytes[bytes.len().saturating_sub(TAIL)..];
    tail.windows(marker.len()).any(|window| window == marker)
}
