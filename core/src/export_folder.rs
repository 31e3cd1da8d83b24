//! The data folder's `exports/`: where staff save leads as CSV when no USB
//! drive is plugged in. These files hold personal data like the store, so
//! they are owner-only, and an erasure removes the person from them too.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::leads::csv::{HEADER, delimiter_of, read_records, unguarded};

pub const EXPORTS_DIR: &str = "exports";

pub fn exports_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(EXPORTS_DIR)
}

/// Removes every row whose e-mail address `matches` from the CSV exports
/// in `dir`, rewriting each file that had one (beside it, then renamed).
/// Returns how many rows went. A file that is not an export is left alone.
pub fn erase_from_exports(dir: &Path, matches: impl Fn(&str) -> bool) -> std::io::Result<usize> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(error),
    };
    let email_column = HEADER
        .iter()
        .position(|column| *column == "email")
        .unwrap_or(usize::MAX);
    let mut erased = 0;
    for entry in entries {
        let path = entry?.path();
        if path.extension().and_then(|ext| ext.to_str()) != Some("csv") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let (Some(delimiter), Some(records)) = (delimiter_of(&text), read_records(&text)) else {
            continue;
        };
        let keep: Vec<&Vec<String>> = records
            .iter()
            .enumerate()
            .filter(|(index, record)| {
                *index == 0
                    || !record
                        .get(email_column)
                        .is_some_and(|email| matches(unguarded(email)))
            })
            .map(|(_, record)| record)
            .collect();
        let removed = records.len() - keep.len();
        if removed == 0 {
            continue;
        }
        let mut writer = crate::leads::csv::CsvWriter::new(
            Vec::with_capacity(text.len()),
            crate::leads::csv::CsvStyle { delimiter },
        )?;
        for record in keep.iter().skip(1) {
            writer.row(record.iter().map(String::as_str))?;
        }
        let bytes = writer.finish()?;
        let temporary = path.with_extension("csv.tmp");
        let mut file = crate::owner_only::create_file(&temporary)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, &path)?;
        erased += removed;
    }
    Ok(erased)
}

#[cfg(feature = "kiosk")]
/// The right to erasure on a kiosk: every lead of `email` (in any case of
/// any alphabet) from the store, with nothing of it left in the store's
/// files, and every row of it from the exports in the data folder.
/// Returns (leads erased, export rows erased).
pub async fn erase_person(
    store: &crate::store::Store,
    data_dir: &Path,
    email: &str,
) -> Result<(u64, usize), crate::store::StoreError> {
    let leads = store.erase_email(email).await?;
    let folded = crate::leads::fold_email(email);
    let rows = erase_from_exports(&exports_dir(data_dir), |stored| {
        crate::leads::fold_email(stored) == folded
    })?;
    Ok((leads, rows))
}
