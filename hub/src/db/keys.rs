//! The hub's own keys, one per purpose, made once by whichever hub of the
//! database starts first and read by the others.

use sqlx::PgPool;

/// The key for `purpose`: `fresh` is stored if there is none yet, and the
/// stored one is returned either way.
pub async fn load_or_store(pool: &PgPool, purpose: &str, fresh: &[u8]) -> sqlx::Result<Vec<u8>> {
    sqlx::query!(
        "INSERT INTO hub_keys (purpose, key) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        purpose,
        fresh
    )
    .execute(pool)
    .await?;
    sqlx::query_scalar!("SELECT key FROM hub_keys WHERE purpose = $1", purpose)
        .fetch_one(pool)
        .await
}
