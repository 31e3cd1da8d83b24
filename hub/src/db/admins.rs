//! Admin tokens, for the admin API: stored as hashes, named, revocable.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::tokens::token_hash;

#[derive(Debug, Clone)]
pub struct AdminToken {
    pub id: i64,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Keeps the hash of a new admin token; its id.
pub async fn add(pool: &PgPool, token: &str, label: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "INSERT INTO admin_tokens (token_sha256, label) VALUES ($1, $2) RETURNING id",
        token_hash(token),
        label
    )
    .fetch_one(pool)
    .await
}

/// The id of admin token `token`, unless it is unknown or revoked.
pub async fn valid_id(pool: &PgPool, token: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "SELECT id FROM admin_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL",
        token_hash(token)
    )
    .fetch_optional(pool)
    .await
}

pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<AdminToken>> {
    sqlx::query_as!(
        AdminToken,
        "SELECT id, label, created_at, revoked_at FROM admin_tokens ORDER BY id"
    )
    .fetch_all(pool)
    .await
}

/// Revokes token `id`; false when there is no such token still valid.
pub async fn revoke(pool: &PgPool, id: i64) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "UPDATE admin_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL",
        id
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}
