//! The kiosk's local store: one SQLite file (sqlx) in the data folder with
//! the leads and the anonymous interaction counts.
//!
//! Write-ahead log and `synchronous = FULL`: when `save_lead` returns, the
//! lead is on disk and survives a power cut. `secure_delete` overwrites
//! erased leads instead of leaving them in free pages.

mod export;
mod sync;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::Row;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use export::ExportSummary;

use crate::leads::Lead;

/// The store's file in the data folder.
pub const STORE_FILE: &str = "kiosk.sqlite";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store {}: {source}", .path.display())]
    Open { path: PathBuf, source: sqlx::Error },
    #[error("cannot bring the store up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("store: {0}")]
    Query(#[from] sqlx::Error),
    #[error("export: {0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone)]
pub struct Store {
    pool: SqlitePool,
}

/// Lead numbers for staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LeadCounts {
    pub total: i64,
    pub today: i64,
    /// Not yet acknowledged by the hub.
    pub unsynced: i64,
    /// Neither synced nor written to an export: only on this kiosk.
    pub only_here: i64,
    pub exported: i64,
}

/// A time as the store writes it: RFC 3339 UTC with milliseconds, so that
/// text order is time order.
async fn insert_lead(tx: &mut sqlx::SqliteConnection, lead: &Lead) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO leads (id, kiosk_id, venue, created_at, language, email, name, country, family, \
         calendar, postal_address, message, consent_version, consent_contact, consent_newsletter) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(lead.id.to_string())
    .bind(&lead.kiosk_id)
    .bind(&lead.venue)
    .bind(timestamp(lead.created_at))
    .bind(lead.language.code())
    .bind(lead.email.as_str())
    .bind(&lead.name)
    .bind(&lead.country)
    .bind(lead.family)
    .bind(lead.calendar.map(|by| by.key()))
    .bind(&lead.postal_address)
    .bind(&lead.message)
    .bind(&lead.consent_version)
    .bind(lead.consent_contact)
    .bind(lead.consent_newsletter)
    .execute(&mut *tx)
    .await?;
    for town in &lead.towns {
        sqlx::query("INSERT INTO lead_towns (lead_id, town_id) VALUES (?, ?)")
            .bind(lead.id.to_string())
            .bind(town)
            .execute(&mut *tx)
            .await?;
    }
    for theme in &lead.themes {
        sqlx::query("INSERT INTO lead_themes (lead_id, theme) VALUES (?, ?)")
            .bind(lead.id.to_string())
            .bind(theme.key())
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

pub fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

impl Store {
    /// Opens (creating if needed) the store in `data_dir` and migrates it.
    pub async fn open_in(data_dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(data_dir)?;
        Store::open(&data_dir.join(STORE_FILE)).await
    }

    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        let open_error = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        let options = SqliteConnectOptions::from_str("sqlite:")
            .map_err(open_error)?
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("secure_delete", "ON")
            // 16 MB of page cache: exports and staff figures read from
            // memory rather than with a read call per page.
            .pragma("cache_size", "-16000");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await
            .map_err(open_error)?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Store { pool })
    }

    /// Stores a lead; on `Ok` it is on disk.
    pub async fn save_lead(&self, lead: &Lead) -> Result<(), StoreError> {
        self.save_leads(std::slice::from_ref(lead)).await
    }

    /// Stores leads in one transaction: all or none; on `Ok` they are on disk.
    pub async fn save_leads(&self, leads: &[Lead]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for lead in leads {
            insert_lead(&mut tx, lead).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Counts, with "today" starting at `today_from`.
    pub async fn lead_counts(&self, today_from: DateTime<Utc>) -> Result<LeadCounts, StoreError> {
        let row = sqlx::query(
            "SELECT COUNT(*), \
                    COALESCE(SUM(created_at >= ?), 0), \
                    COALESCE(SUM(synced_at IS NULL), 0), \
                    COALESCE(SUM(synced_at IS NULL AND exported_at IS NULL), 0), \
                    COALESCE(SUM(exported_at IS NOT NULL), 0) \
             FROM leads",
        )
        .bind(timestamp(today_from))
        .fetch_one(&self.pool)
        .await?;
        Ok(LeadCounts {
            total: row.get(0),
            today: row.get(1),
            unsynced: row.get(2),
            only_here: row.get(3),
            exported: row.get(4),
        })
    }

    /// The towns asked about most, with their counts.
    pub async fn top_towns(&self, limit: i64) -> Result<Vec<(String, i64)>, StoreError> {
        self.top("SELECT town_id, COUNT(*) AS n FROM lead_towns GROUP BY town_id ORDER BY n DESC, town_id LIMIT ?", limit)
            .await
    }

    /// The themes asked about most, with their counts.
    pub async fn top_themes(&self, limit: i64) -> Result<Vec<(String, i64)>, StoreError> {
        self.top("SELECT theme, COUNT(*) AS n FROM lead_themes GROUP BY theme ORDER BY n DESC, theme LIMIT ?", limit)
            .await
    }

    async fn top(&self, sql: &str, limit: i64) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query(sql).bind(limit).fetch_all(&self.pool).await?;
        Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
    }

    /// The ids of all leads, oldest first (for tests and checks).
    pub async fn lead_ids(&self) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query("SELECT id FROM leads ORDER BY seq")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|row| row.get(0)).collect())
    }

    /// Erases every lead of an address (the right to erasure); returns how many.
    pub async fn erase_email(&self, email: &str) -> Result<u64, StoreError> {
        let result = sqlx::query("DELETE FROM leads WHERE lower(email) = lower(?)")
            .bind(email.trim())
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected())
    }

    /// Erases leads that staff have exported (after they confirmed).
    pub async fn erase_exported(&self) -> Result<u64, StoreError> {
        let result = sqlx::query("DELETE FROM leads WHERE exported_at IS NOT NULL")
            .execute(&self.pool)
            .await?;
        Ok(result.rows_affected())
    }

    /// Erases leads older than `days` that are safe elsewhere (synced to the
    /// hub or exported); a lead only on this kiosk is never erased by age.
    pub async fn apply_retention(&self, days: u32, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let cutoff = now - chrono::Duration::days(i64::from(days));
        let result = sqlx::query(
            "DELETE FROM leads WHERE created_at < ? AND (synced_at IS NOT NULL OR exported_at IS NOT NULL)",
        )
        .bind(timestamp(cutoff))
        .execute(&self.pool)
        .await?;
        Ok(result.rows_affected())
    }

    /// Marks leads as acknowledged by the hub.
    pub async fn mark_synced(&self, ids: &[String], at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for id in ids {
            sqlx::query("UPDATE leads SET synced_at = ? WHERE id = ?")
                .bind(timestamp(at))
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Counts one anonymous interaction (a town opened, a language chosen).
    pub async fn count_interaction(
        &self,
        kind: &str,
        key: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(
            "INSERT INTO interactions (hour, kind, key, count) VALUES (?, ?, ?, 1) \
             ON CONFLICT (hour, kind, key) DO UPDATE SET count = count + 1",
        )
        .bind(at.format("%Y-%m-%dT%H").to_string())
        .bind(kind)
        .bind(key)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Total count of one kind of interaction per key.
    pub async fn interaction_totals(&self, kind: &str) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query("SELECT key, SUM(count) AS n FROM interactions WHERE kind = ? GROUP BY key ORDER BY n DESC, key")
            .bind(kind)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.iter().map(|row| (row.get(0), row.get(1))).collect())
    }

    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT value FROM settings WHERE key = ?")
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|row| row.get(0)))
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .bind(key)
            .bind(value)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// SQLite's own check of the file; `Ok` when it answers "ok".
    pub async fn check_integrity(&self) -> Result<String, StoreError> {
        let row = sqlx::query("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?;
        Ok(row.get(0))
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}
