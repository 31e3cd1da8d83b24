//! Kiosks allowed to sync: their token (as a hash) and what their last
//! heartbeat said.

use chrono::{DateTime, Utc};
use city_core::protocol::Heartbeat;
use sqlx::PgPool;

use crate::tokens::token_hash;

/// A kiosk whose token is known and not revoked.
#[derive(Debug, Clone)]
pub struct Kiosk {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct KioskStatus {
    pub name: String,
    pub last_heartbeat_at: Option<DateTime<Utc>>,
    pub pack_version: Option<String>,
    pub queued_leads: Option<i64>,
    pub app_version: Option<String>,
    pub revoked: bool,
    pub venue: Option<String>,
    pub last_error: Option<String>,
}

/// How a kiosk is doing, by how recently it was heard from: kiosks send
/// a heartbeat every 5 minutes, and back off to 15 while the hub is away.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// Heard from within [`GREEN_WITHIN`], with no problem.
    Green,
    /// Heard from within [`AMBER_WITHIN`], or recently but with a problem.
    Amber,
    /// Not heard from for longer, or never.
    Red,
    Revoked,
}

pub const GREEN_WITHIN: chrono::Duration = chrono::Duration::minutes(20);
pub const AMBER_WITHIN: chrono::Duration = chrono::Duration::hours(2);

impl KioskStatus {
    pub fn health(&self, now: DateTime<Utc>) -> Health {
        if self.revoked {
            return Health::Revoked;
        }
        match self.last_heartbeat_at.map(|at| now - at) {
            Some(age) if age <= GREEN_WITHIN && self.last_error.is_none() => Health::Green,
            Some(age) if age <= AMBER_WITHIN => Health::Amber,
            _ => Health::Red,
        }
    }
}

/// Registers a kiosk under `name` with the hash of `token`.
pub async fn add(pool: &PgPool, name: &str, token: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO kiosks (name, token_sha256) VALUES ($1, $2)",
        name,
        token_hash(token)
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The kiosk holding `token`, unless revoked.
pub async fn by_token(pool: &PgPool, token: &str) -> sqlx::Result<Option<Kiosk>> {
    sqlx::query_as!(
        Kiosk,
        "SELECT id, name FROM kiosks WHERE token_sha256 = $1 AND NOT revoked",
        token_hash(token)
    )
    .fetch_optional(pool)
    .await
}

/// The kiosk called `name` and the SHA-256 of its token (the key its
/// phone links are signed with), unless revoked.
pub async fn signing_key(
    pool: &PgPool,
    name: &str,
) -> anyhow::Result<Option<(Kiosk, city_core::hash::Sha256)>> {
    let row = sqlx::query!(
        "SELECT id, name, token_sha256 FROM kiosks WHERE name = $1 AND NOT revoked",
        name
    )
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        let key = city_core::hash::Sha256::parse(&row.token_sha256)?;
        Ok((
            Kiosk {
                id: row.id,
                name: row.name,
            },
            key,
        ))
    })
    .transpose()
}

pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<KioskStatus>> {
    sqlx::query_as!(
        KioskStatus,
        "SELECT name, last_heartbeat_at, pack_version, queued_leads, app_version, revoked, \
                venue, last_error \
         FROM kiosks ORDER BY revoked, name"
    )
    .fetch_all(pool)
    .await
}

/// Gives a kiosk a new name (its token stays); false when there is no
/// kiosk `name`. Fails when `new_name` is taken.
pub async fn rename(pool: &PgPool, name: &str, new_name: &str) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "UPDATE kiosks SET name = $2 WHERE name = $1",
        name,
        new_name
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// Refuses a kiosk's token from now on; false when there is no such kiosk.
pub async fn revoke(pool: &PgPool, name: &str) -> sqlx::Result<bool> {
    let result = sqlx::query!("UPDATE kiosks SET revoked = TRUE WHERE name = $1", name)
        .execute(pool)
        .await?;
    Ok(result.rows_affected() == 1)
}

pub async fn record_heartbeat(pool: &PgPool, kiosk: &Kiosk, beat: &Heartbeat) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE kiosks SET last_heartbeat_at = now(), pack_version = $2, queued_leads = $3, \
         app_version = $4, venue = COALESCE($5, venue), last_error = $6 WHERE id = $1",
        kiosk.id,
        beat.pack_version,
        beat.queued_leads,
        beat.app_version,
        beat.venue,
        beat.last_error
    )
    .execute(pool)
    .await?;
    Ok(())
}
