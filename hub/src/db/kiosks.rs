//! Kiosks allowed to sync: their token (as a hash) and what their last
//! heartbeat said.

use chrono::{DateTime, Utc};
use city_core::protocol::Heartbeat;
use sqlx::PgPool;

use crate::tokens::token_hash;

/// A kiosk whose token is known and not revoked.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Kiosk {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct KioskStatus {
    pub name: String,
    pub last_heartbeat_at: Option<DateTime<Utc>>,
    pub pack_version: Option<String>,
    pub queued_leads: Option<i64>,
    pub app_version: Option<String>,
    pub revoked: bool,
}

/// Registers a kiosk under `name` with the hash of `token`.
pub async fn add(pool: &PgPool, name: &str, token: &str) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO kiosks (name, token_sha256) VALUES ($1, $2)")
        .bind(name)
        .bind(token_hash(token))
        .execute(pool)
        .await?;
    Ok(())
}

/// The kiosk holding `token`, unless revoked.
pub async fn by_token(pool: &PgPool, token: &str) -> sqlx::Result<Option<Kiosk>> {
    sqlx::query_as("SELECT id, name FROM kiosks WHERE token_sha256 = $1 AND NOT revoked")
        .bind(token_hash(token))
        .fetch_optional(pool)
        .await
}

pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<KioskStatus>> {
    sqlx::query_as(
        "SELECT name, last_heartbeat_at, pack_version, queued_leads, app_version, revoked \
         FROM kiosks ORDER BY name",
    )
    .fetch_all(pool)
    .await
}

/// Refuses a kiosk's token from now on; false when there is no such kiosk.
pub async fn revoke(pool: &PgPool, name: &str) -> sqlx::Result<bool> {
    let result = sqlx::query("UPDATE kiosks SET revoked = TRUE WHERE name = $1")
        .bind(name)
        .execute(pool)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn record_heartbeat(pool: &PgPool, kiosk: &Kiosk, beat: &Heartbeat) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE kiosks SET last_heartbeat_at = now(), pack_version = $2, queued_leads = $3, \
         app_version = $4 WHERE id = $1",
    )
    .bind(kiosk.id)
    .bind(&beat.pack_version)
    .bind(beat.queued_leads)
    .bind(&beat.app_version)
    .execute(pool)
    .await?;
    Ok(())
}
