//! Entry points for fuzzing the parsers that read the outside world: the
//! content pack's files (TOML, WebVTT, Fluent), the kiosk's configuration,
//! the sync protocol's wire types and the CSV writer. The `cargo fuzz`
//! targets in `fuzz/` and the bounded pass in `core/tests/core/fuzz.rs` call
//! these same functions, so a crash found by one is a test in the other.
//!
//! Each must return normally for any input: an error is fine, a panic, a
//! hang or an abort is the bug.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::content::load_pack;
use crate::leads::Lead;
use crate::leads::csv::{CsvStyle, CsvWriter, read_records, unguarded};
use crate::protocol::{Heartbeat, HeartbeatReply, LeadAck, LeadBatch, Manifest, StatsBatch};
use crate::subtitles::Subtitles;

/// The files of a pack a fuzzer may replace, chosen by an input's first
/// byte.
pub const PACK_FILES: &[&str] = &[
    "pack.toml",
    "events.toml",
    "consent.toml",
    "towns/ptuj/town.toml",
    "ui/en.ftl",
    "towns/ptuj/films/ptuj.de.vtt",
];

/// A small real pack (the demo pack's frame and one town) in a private
/// temporary folder, whose files a fuzzer replaces one at a time.
pub struct PackSkeleton {
    root: PathBuf,
}

impl PackSkeleton {
    /// Copies what is needed from the demo pack in `demo`.
    pub fn new(demo: &Path) -> std::io::Result<PackSkeleton> {
        let root = std::env::temp_dir().join(format!(
            "city-fuzz-pack-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default()
                .subsec_nanos()
        ));
        copy(&demo.join("consent.toml"), &root.join("consent.toml"))?;
        copy_tree(&demo.join("ui"), &root.join("ui"))?;
        copy_tree(&demo.join("towns/ptuj"), &root.join("towns/ptuj"))?;
        // Its pictures as the smallest ones allowed, of one colour: they
        // decode in no time, so the fuzzer spends its time on the texts.
        let images = root.join("towns/ptuj/images");
        for entry in std::fs::read_dir(&images)? {
            let path = entry?.path();
            let (width, height) = if path.ends_with("mascot.png") {
                (256, 256)
            } else {
                (800, 450)
            };
            image::RgbaImage::from_pixel(width, height, image::Rgba([15, 92, 110, 255]))
                .save_with_format(&path, image::ImageFormat::Png)
                .map_err(std::io::Error::other)?;
        }
        // One town: the attract loop and the calendar keep only it.
        let pack = std::fs::read_to_string(demo.join("pack.toml"))?;
        let start = pack.find("attract = [").unwrap_or(pack.len());
        let end = pack[start..]
            .find(']')
            .map_or(pack.len(), |end| start + end + 1);
        let pack = format!("{}attract = [\"ptuj\"]{}", &pack[..start], &pack[end..]);
        std::fs::write(root.join("pack.toml"), pack)?;
        let events = std::fs::read_to_string(demo.join("events.toml"))?;
        let mut blocks = events.split("[[event]]");
        let mut kept = blocks.next().unwrap_or_default().to_string();
        for block in blocks.filter(|block| block.contains("town = \"ptuj\"")) {
            kept.push_str("[[event]]");
            kept.push_str(block);
        }
        std::fs::write(root.join("events.toml"), kept)?;
        Ok(PackSkeleton { root })
    }

    /// Each replaceable file as it is, as an input to [`Self::load_with`]:
    /// the seeds of a fuzzer.
    pub fn seeds(&self) -> std::io::Result<Vec<Vec<u8>>> {
        PACK_FILES
            .iter()
            .enumerate()
            .map(|(index, relative)| {
                let mut input = vec![index as u8];
                input.extend(std::fs::read(self.root.join(relative))?);
                Ok(input)
            })
            .collect()
    }

    /// The pack with one file replaced by `data`'s rest, the file chosen
    /// by its first byte; loaded and checked as a kiosk would.
    pub fn load_with(&self, data: &[u8]) -> bool {
        let Some((&which, content)) = data.split_first() else {
            return false;
        };
        let relative = PACK_FILES[usize::from(which) % PACK_FILES.len()];
        let path = self.root.join(relative);
        let original = std::fs::read(&path).unwrap_or_default();
        if std::fs::write(&path, content).is_err() {
            return false;
        }
        let loaded = load_pack(&self.root).is_ok();
        let _ = std::fs::write(&path, original);
        loaded
    }
}

impl Drop for PackSkeleton {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn copy(from: &Path, to: &Path) -> std::io::Result<()> {
    if let Some(parent) = to.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::copy(from, to).map(|_| ())
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            copy(&entry.path(), &target)?;
        }
    }
    Ok(())
}

/// A WebVTT file, parsed and asked for its text at times across it.
pub fn subtitles(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(subtitles) = Subtitles::parse(text) {
        for cue in subtitles.cues() {
            let _ = subtitles.text_at(cue.start);
            let _ = subtitles.text_at(cue.end);
        }
    }
}

/// A kiosk.toml, loaded from a file as the kiosk does.
pub fn config(data: &[u8], scratch: &Path) {
    let path = scratch.join("kiosk.toml");
    if std::fs::write(&path, data).is_ok()
        && let Err(error) = Config::load(&path)
    {
        // Every refusal names the file.
        assert!(error.to_string().starts_with(&path.display().to_string()));
    }
}

/// Whatever a hub or a kiosk may send, read as each wire type and checked
/// with the rules the receiving side applies.
pub fn wire(data: &[u8]) {
    let now = chrono::Utc::now();
    if let Ok(batch) = serde_json::from_slice::<LeadBatch>(data) {
        for lead in batch.leads {
            if let Ok(lead) = Lead::from_wire(lead, "fuzz", now) {
                // What passed the rules travels and comes back the same.
                let again = crate::leads::LeadWire::from(&lead);
                assert_eq!(Lead::from_wire(again, "fuzz", now).as_ref(), Ok(&lead));
            }
        }
    }
    if let Ok(batch) = serde_json::from_slice::<StatsBatch>(data) {
        let _ = batch.check(now);
    }
    if let Ok(beat) = serde_json::from_slice::<Heartbeat>(data) {
        let _ = beat.check();
    }
    if let Ok(manifest) = serde_json::from_slice::<Manifest>(data) {
        for file in &manifest.files {
            let relative = file.path.to_relative();
            assert!(relative.is_relative());
            assert!(
                relative
                    .components()
                    .all(|part| matches!(part, std::path::Component::Normal(_)))
            );
        }
    }
    let _ = serde_json::from_slice::<HeartbeatReply>(data);
    let _ = serde_json::from_slice::<LeadAck>(data);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::protocol::PackId::from_etag(text);
        let _ = crate::config::HubUrl::parse(text);
        let _ = crate::content::file_list::FileList::from_text(text);
        let _ = crate::leads::Email::parse(text);
    }
}

/// Rows of fields from `data` (fields split at byte 0, rows at byte 1),
/// written as CSV with the delimiter its first byte picks, read back: every
/// field must come back as written, a formula only ever guarded.
pub fn csv(data: &[u8]) {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let delimiter = [';', ',', '\t'][usize::from(pick) % 3];
    let text = String::from_utf8_lossy(rest);
    let rows: Vec<Vec<&str>> = text
        .split('\u{1}')
        .map(|row| row.split('\u{0}').collect())
        .collect();
    let Ok(mut writer) = CsvWriter::new(Vec::new(), CsvStyle { delimiter }) else {
        return;
    };
    for row in &rows {
        let _ = writer.row(row.iter().copied());
    }
    let Ok(bytes) = writer.finish() else {
        return;
    };
    let written = String::from_utf8(bytes).expect("CSV is UTF-8");
    let records = read_records(&written).expect("what was written reads back");
    assert_eq!(records.len(), rows.len() + 1, "one record per row");
    for (row, record) in rows.iter().zip(&records[1..]) {
        assert_eq!(row.len(), record.len(), "{row:?} came back as {record:?}");
        for (field, back) in row.iter().zip(record) {
            assert_eq!(unguarded(back), *field, "a field came back changed");
            assert!(
                !back.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{back:?} reaches a spreadsheet as a formula"
            );
        }
    }
    let _ = read_records(&text);
}
