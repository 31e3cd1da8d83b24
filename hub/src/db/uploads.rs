//! Packs uploaded in the console and the outcome of each check.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;

/// An upload whose check has not finished after this long was cut off
/// (the hub stopped while checking it).
pub const CHECK_ABANDONED_AFTER: Duration = Duration::hours(2);

#[derive(Debug, Clone)]
pub struct Upload {
    pub id: i64,
    pub file_name: String,
    pub bytes: i64,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub version: Option<String>,
    pub problems: Vec<String>,
    pub error: Option<String>,
}

/// What became of an upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Checking,
    Published,
    Refused,
    Failed,
}

impl Upload {
    pub fn outcome(&self, now: DateTime<Utc>) -> Outcome {
        match (&self.finished_at, &self.version) {
            (None, _) if now - self.started_at > CHECK_ABANDONED_AFTER => Outcome::Failed,
            (None, _) => Outcome::Checking,
            (Some(_), Some(_)) => Outcome::Published,
            (Some(_), None) if !self.problems.is_empty() => Outcome::Refused,
            (Some(_), None) => Outcome::Failed,
        }
    }
}

pub async fn start(pool: &PgPool, user_id: i64, file_name: &str, bytes: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO pack_uploads (user_id, file_name, bytes) VALUES ($1, $2, $3) RETURNING id",
        user_id,
        file_name,
        bytes
    )
    .fetch_one(pool)
    .await
}

/// Records how the check of upload `id` ended.
pub async fn finish(
    pool: &PgPool,
    id: i64,
    version: Option<&str>,
    problems: &[String],
    error: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE pack_uploads SET finished_at = now(), version = $2, problems = $3, error = $4 \
         WHERE id = $1",
        id,
        version,
        problems,
        error
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The latest uploads, newest first.
pub async fn recent(pool: &PgPool, limit: i64) -> sqlx::Result<Vec<Upload>> {
    sqlx::query_as!(
        Upload,
        "SELECT id, file_name, bytes, started_at, finished_at, version, problems, error \
         FROM pack_uploads ORDER BY id DESC LIMIT $1",
        limit
    )
    .fetch_all(pool)
    .await
}

pub async fn get(pool: &PgPool, id: i64) -> sqlx::Result<Option<Upload>> {
    sqlx::query_as!(
        Upload,
        "SELECT id, file_name, bytes, started_at, finished_at, version, problems, error \
         FROM pack_uploads WHERE id = $1",
        id
    )
    .fetch_optional(pool)
    .await
}
