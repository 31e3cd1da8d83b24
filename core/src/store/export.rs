//! Streaming leads into CSV: page by page, so a hundred thousand leads take
//! no more memory than a thousand.

use std::io::Write;

use chrono::{DateTime, Utc};
use sqlx::Row;

use super::{Store, StoreError, timestamp};
use crate::leads::csv::{CsvStyle, CsvWriter};

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
            // A whole page comes back as one JSON row: sqlx hands SQLite's
            // rows over one by one between threads, which for 100,000 small
            // rows costs more than the query itself.
            let page = sqlx::query(
                "SELECT max(seq), count(*), json_group_array(json_array( \
                        id, created_at, kiosk_id, venue, language, email, name, country, towns, themes, \
                        CASE family WHEN 1 THEN 'yes' ELSE 'no' END, calendar, postal_address, message, \
                        consent_version, CASE consent_contact WHEN 1 THEN 'yes' ELSE 'no' END, \
                        CASE consent_newsletter WHEN 1 THEN 'yes' ELSE 'no' END)) \
                 FROM (SELECT seq, id, created_at, kiosk_id, venue, language, email, name, country, family, calendar, \
                              postal_address, message, consent_version, consent_contact, consent_newsletter, \
                              (SELECT group_concat(town_id, ',') FROM lead_towns WHERE lead_id = leads.id) AS towns, \
                              (SELECT group_concat(theme, ',') FROM lead_themes WHERE lead_id = leads.id) AS themes \
                       FROM leads WHERE seq > ? AND created_at >= ? ORDER BY seq LIMIT ?)",
            )
            .bind(last_seq)
            .bind(&since)
            .bind(PAGE)
            .fetch_one(&self.pool)
            .await?;
            let rows: i64 = page.get(1);
            if rows == 0 {
                break;
            }
            last_seq = page.get(0);
            let json: String = page.get(2);
            let leads: Vec<Vec<serde_json::Value>> =
                serde_json::from_str(&json).map_err(std::io::Error::other)?;
            for lead in &leads {
                let fields = lead.iter().map(|value| match value {
                    serde_json::Value::String(text) => text.as_str(),
                    _ => "",
                });
                csv.row(fields)?;
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
        let result = sqlx::query("UPDATE leads SET exported_at = ? WHERE seq <= ? AND created_at >= ? AND exported_at IS NULL",
        )
        .bind(timestamp(at))
        .bind(summary.through_seq)
        .bind(&summary.since)
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected())
    }
}
