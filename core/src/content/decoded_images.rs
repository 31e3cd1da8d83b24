//! Pack images already decoded whole, remembered by their bytes' SHA-256
//! in the kiosk's data folder. Loading a pack decodes every image so that
//! a truncated or mislabelled file is refused, not shown as a blank tile;
//! loading the same pack again (every start, every `city-kiosk render`)
//! then only reads and hashes its images: a third of the time `render`
//! took. Any changed byte changes the hash, so a changed image is decoded
//! again. The record lives in the private data folder, which only the
//! kiosk's user can write; a line that does not parse is ignored (it only
//! costs a decode).

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::hash::Sha256;

pub const RECORD_FILE: &str = "decoded-images";
/// The first line; bump it when what decoding checks changes, so images
/// remembered under the old rules are decoded again.
const HEADER: &str = "decoded-images v1";
/// Far more than a pack's images need (a line is 75 bytes); a larger file
/// is not read.
const RECORD_MAX_BYTES: u64 = 1 << 20;

/// What decoding told of images, by content.
#[derive(Debug, Default)]
pub struct DecodedImages {
    /// Where the record is kept; `None` keeps nothing.
    file: Option<PathBuf>,
    sizes: HashMap<Sha256, (u32, u32)>,
}

impl DecodedImages {
    /// Remembers nothing: every image is decoded (editors' checks, the hub).
    pub fn none() -> DecodedImages {
        DecodedImages::default()
    }

    /// The record in `data_dir`, empty if there is none or it is unreadable.
    pub fn in_dir(data_dir: &Path) -> DecodedImages {
        let file = data_dir.join(RECORD_FILE);
        let sizes = read_record(&file).unwrap_or_default();
        DecodedImages {
            file: Some(file),
            sizes,
        }
    }

    /// Whether what is learnt is kept (in a data folder).
    pub(crate) fn is_kept(&self) -> bool {
        self.file.is_some()
    }

    /// The size of the image with these bytes, if it decoded whole before.
    pub(crate) fn size_of(&self, sha256: &Sha256) -> Option<(u32, u32)> {
        self.sizes.get(sha256).copied()
    }

    /// Keeps exactly `decoded` (this pack's images that decoded whole) as
    /// the record, unless that is what it holds already. Written beside and
    /// renamed over, so a power cut leaves the old or the new record whole.
    pub(crate) fn keep(&self, decoded: &HashMap<Sha256, (u32, u32)>) -> std::io::Result<()> {
        let Some(file) = &self.file else {
            return Ok(());
        };
        if *decoded == self.sizes {
            return Ok(());
        }
        let mut lines: Vec<String> = decoded
            .iter()
            .map(|(sha256, (width, height))| format!("{sha256} {width}x{height}"))
            .collect();
        lines.sort();
        let text = format!("{HEADER}\n{}\n", lines.join("\n"));
        if let Some(dir) = file.parent() {
            crate::owner_only::create_dir(dir)?;
        }
        // Unique per writer: the kiosk and a `render` beside it may both
        // write the record at once; either whole record is right.
        static WRITES: AtomicU64 = AtomicU64::new(0);
        let temporary = file.with_extension(format!(
            "{}.{}.tmp",
            std::process::id(),
            WRITES.fetch_add(1, Ordering::Relaxed)
        ));
        let written = crate::owner_only::create_new_file(&temporary).and_then(|mut out| {
            out.write_all(text.as_bytes())?;
            out.sync_all()
        });
        match written.and_then(|()| std::fs::rename(&temporary, file)) {
            Ok(()) => Ok(()),
            Err(error) => {
                let _ = std::fs::remove_file(&temporary);
                Err(error)
            }
        }
    }
}

fn read_record(file: &Path) -> Option<HashMap<Sha256, (u32, u32)>> {
    let mut text = String::new();
    std::fs::File::open(file)
        .ok()?
        .take(RECORD_MAX_BYTES + 1)
        .read_to_string(&mut text)
        .ok()?;
    if text.len() as u64 > RECORD_MAX_BYTES {
        return None;
    }
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return None;
    }
    Some(lines.filter_map(parse_line).collect())
}

/// `SHA256 WIDTHxHEIGHT`; anything else is `None`.
fn parse_line(line: &str) -> Option<(Sha256, (u32, u32))> {
    let (sha256, size) = line.split_once(' ')?;
    let (width, height) = size.split_once('x')?;
    let size = (width.parse().ok()?, height.parse().ok()?);
    Some((Sha256::parse(sha256).ok()?, size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_parse_only_when_whole() {
        let sha = Sha256::of(b"picture");
        assert_eq!(
            parse_line(&format!("{sha} 1280x720")),
            Some((sha, (1280, 720)))
        );
        for broken in [
            format!("{sha} 1280x"),
            format!("{sha} 1280x720x3"),
            format!("{sha} -1x720"),
            format!("{sha}1280x720"),
            format!("{} 1280x720", &sha.to_hex()[1..]),
            "../../etc/passwd 1x1".to_string(),
            String::new(),
        ] {
            assert_eq!(parse_line(&broken), None, "{broken}");
        }
    }
}
