//! Streaming leads into CSV: page by page, so a hundred thousand leads take
//! no more memory than a thousand.

use std::io::Write;

use super::leads::decode_page;
use super::{Store, StoreError, timestamp};
use crate::leads::csv::{CsvStyle, CsvWriter};
use chrono::{DateTime, Utc};

/// Leads read from the store per page. A lead's towns and themes come
/// from the primary-key indexes (lead_id, town_id) and (lead_id, theme),
/// which hand them over already sorted.
const PAGE: i64 = 2000;

/// What an export wrote; give it to [`Store::mark_exported`] once the file
/// is safely on its disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportSummary {
    pub leads: u64,
    /// The last lead written, by order of arrival.
    through_seq: i64,
    since: String,
}

impl Store {
    /// Writes every lead created at or after `since` (all when `None`) as
    /// CSV to `out`, and returns `out` flushed.
    pub async fn export_csv<W: Write>(
        &self,
        out: W,
        style: CsvStyle,
        since: Option<DateTime<Utc>>,
    ) -> Result<(W, ExportSummary), StoreError> {
        let since = since.map(timestamp).unwrap_or_default();
        let mut csv = CsvWriter::new(out, style)?;
        let mut last_seq: i64 = 0;
        let mut count = 0u64;
        loop {
            let json = sqlx::query_scalar!(
                r#"SELECT json_group_array(json(row)) AS "page!: String" FROM
                 (SELECT row FROM lead_rows WHERE seq > ? AND created_at >= ? ORDER BY seq LIMIT ?)"#,
                last_seq,
                since,
                PAGE
            )
            .fetch_one(&self.pool)
            .await?;
            let page = decode_page(json)?;
            let Some(last) = page.last() else {
                break;
            };
            last_seq = last.seq;
            for row in page {
                csv.lead(&row.into_lead()?)?;
                count += 1;
            }
        }
        let out = csv.finish()?;
        Ok((
            out,
            ExportSummary {
                leads: count,
                through_seq: last_seq,
                since,
            },
        ))
    }

    /// Marks the leads of an export as exported. Call it only once the file
    /// is synced to its disk: a pulled USB stick must leave them unmarked,
    /// so that "erase exported leads" never erases a lead that is nowhere else.
    pub async fn mark_exported(
        &self,
        summary: &ExportSummary,
        at: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let at = timestamp(at);
        let result = sqlx::query!(
            "UPDATE leads SET exported_at = ? WHERE seq <= ? AND created_at >= ? AND exported_at IS NULL",
            at,
            summary.through_seq,
            summary.since
        )
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected())
    }
}
