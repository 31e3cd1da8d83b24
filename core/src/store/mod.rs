//! The kiosk's local store: one SQLite file (sqlx) in the data folder with
//! the leads and the anonymous interaction counts.
//!
//! Write-ahead log and `synchronous = FULL`: when `save_lead` returns, the
//! lead is on disk and survives a power cut. `secure_delete` overwrites
//! erased leads instead of leaving them in free pages.

mod csv_export;
mod leads;
mod sync;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

pub use csv_export::ExportSummary;

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
    #[error("the store holds something unreadable: {0}")]
    Corrupt(String),
    #[error("the store's log could not be emptied (the store is busy); try again")]
    Busy,
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

pub use crate::leads::timestamp;

/// Where the staff PIN's lock is kept.
const PIN_LOCK_SETTING: &str = "staff.pin_lock";

impl Store {
    /// Opens (creating if needed) the store in `data_dir` and migrates it.
    pub async fn open_in(data_dir: &Path) -> Result<Store, StoreError> {
        crate::owner_only::create_dir(data_dir)?;
        Store::open(&data_dir.join(STORE_FILE)).await
    }

    pub async fn open(path: &Path) -> Result<Store, StoreError> {
        let open_error = |source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        };
        // SQLite gives its log and shared-memory files the database file's
        // mode: made owner-only first, all three stay so.
        crate::owner_only::touch_file(path)?;
        for companion in ["-wal", "-shm"] {
            let mut name = path.as_os_str().to_owned();
            name.push(companion);
            crate::owner_only::restrict_file(Path::new(&name))?;
        }
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

    /// Counts, with "today" starting at `today_from`.
    pub async fn lead_counts(&self, today_from: DateTime<Utc>) -> Result<LeadCounts, StoreError> {
        let today_from = timestamp(today_from);
        Ok(sqlx::query_as!(
            LeadCounts,
            r#"SELECT COUNT(*) AS "total!: i64",
                      COALESCE(SUM(created_at >= ?), 0) AS "today!: i64",
                      COALESCE(SUM(synced_at IS NULL), 0) AS "unsynced!: i64",
                      COALESCE(SUM(synced_at IS NULL AND exported_at IS NULL), 0) AS "only_here!: i64",
                      COALESCE(SUM(exported_at IS NOT NULL), 0) AS "exported!: i64"
               FROM leads"#,
            today_from
        )
        .fetch_one(&self.pool)
        .await?)
    }

    /// Counts one anonymous interaction (a town opened, a language chosen).
    pub async fn count_interaction(
        &self,
        kind: &str,
        key: &str,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let hour = at.format("%Y-%m-%dT%H").to_string();
        sqlx::query!(
            "INSERT INTO interactions (hour, kind, key, count) VALUES (?, ?, ?, 1) \
             ON CONFLICT (hour, kind, key) DO UPDATE SET count = count + 1",
            hour,
            kind,
            key
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Total count of one kind of interaction per key.
    pub async fn interaction_totals(&self, kind: &str) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query!(
            r#"SELECT key, SUM(count) AS "n!: i64" FROM interactions WHERE kind = ?
               GROUP BY key ORDER BY 2 DESC, key"#,
            kind
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|row| (row.key, row.n)).collect())
    }

    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(
            sqlx::query_scalar!("SELECT value FROM settings WHERE key = ?", key)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        sqlx::query!(
            "INSERT INTO settings (key, value) VALUES (?, ?) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            key,
            value
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The staff PIN's wrong tries and locks, as last stored.
    pub async fn pin_lock(&self) -> Result<crate::staff::PinLock, StoreError> {
        Ok(self
            .setting(PIN_LOCK_SETTING)
            .await?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default())
    }

    /// Stores the PIN's state; on `Ok` it is on disk.
    pub async fn save_pin_lock(&self, lock: &crate::staff::PinLock) -> Result<(), StoreError> {
        let json =
            serde_json::to_string(lock).map_err(|error| StoreError::Corrupt(error.to_string()))?;
        self.set_setting(PIN_LOCK_SETTING, &json).await
    }

    /// SQLite's own check of the file; `Ok` when it answers "ok". (A
    /// pragma's answer has no columns to check when compiling.)
    pub async fn check_integrity(&self) -> Result<String, StoreError> {
        Ok(sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Moves the write-ahead log into the database and empties it, so
    /// that erased rows (overwritten there by `secure_delete`) leave no
    /// copy in the log file either.
    pub async fn flush_log(&self) -> Result<(), StoreError> {
        for _ in 0..100 {
            let (busy, _, _): (i64, i64, i64) = sqlx::query_as("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&self.pool)
                .await?;
            if busy == 0 {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        Err(StoreError::Busy)
    }

    pub async fn close(self) {
        self.pool.close().await;
    }
}
