//! Published packs and which one kiosks get.

use city_core::hash::Sha256;
use city_core::protocol::{Manifest, PackId};
use sqlx::PgPool;

/// Records a published pack and makes it current, in one transaction.
pub async fn publish(pool: &PgPool, manifest: &Manifest, id: PackId) -> anyhow::Result<()> {
    let json = serde_json::to_value(manifest)?;
    let files = i32::try_from(manifest.files.len()).unwrap_or(i32::MAX);
    let bytes = manifest
        .files
        .iter()
        .map(|file| i64::try_from(file.size).unwrap_or(i64::MAX))
        .fold(0i64, i64::saturating_add);
    let mut tx = pool.begin().await?;
    let pack_id = sqlx::query_scalar!(
        "INSERT INTO packs (version, manifest, manifest_sha256, files, bytes) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
        manifest.version,
        json,
        id.sha256().to_hex(),
        files,
        bytes
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO current_pack (singleton, pack_id) VALUES (TRUE, $1) \
         ON CONFLICT (singleton) DO UPDATE SET pack_id = excluded.pack_id",
        pack_id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A published pack as the console lists it.
#[derive(Debug, Clone)]
pub struct PublishedPack {
    pub version: String,
    pub published_at: chrono::DateTime<chrono::Utc>,
    pub files: i32,
    pub bytes: i64,
    pub current: bool,
    /// Kiosks (not revoked) whose last heartbeat named this version.
    pub kiosks: Vec<String>,
}

/// The packs published, newest first, at most `limit`.
pub async fn list(pool: &PgPool, limit: i64) -> sqlx::Result<Vec<PublishedPack>> {
    sqlx::query_as!(
        PublishedPack,
        r#"SELECT p.version, p.published_at, p.files, p.bytes,
                  (c.pack_id IS NOT NULL) AS "current!",
                  ARRAY(SELECT k.name FROM kiosks k
                        WHERE NOT k.revoked AND k.pack_version = p.version
                        ORDER BY k.name) AS "kiosks!"
           FROM packs p LEFT JOIN current_pack c ON c.pack_id = p.id
           ORDER BY p.published_at DESC, p.id DESC LIMIT $1"#,
        limit
    )
    .fetch_all(pool)
    .await
}

/// The pack kiosks get: its manifest (as published) and id.
pub async fn current(pool: &PgPool) -> anyhow::Result<Option<(Manifest, PackId)>> {
    let row = sqlx::query!(
        "SELECT p.manifest, p.manifest_sha256 \
         FROM current_pack c JOIN packs p ON p.id = c.pack_id"
    )
    .fetch_optional(pool)
    .await?;
    row.map(|row| {
        let manifest = serde_json::from_value(row.manifest)
            .map_err(|error| anyhow::anyhow!("the current pack's manifest: {error}"))?;
        Ok((manifest, PackId::new(Sha256::parse(&row.manifest_sha256)?)))
    })
    .transpose()
}

/// The current pack's id only.
pub async fn current_id(pool: &PgPool) -> anyhow::Result<Option<PackId>> {
    let sha = sqlx::query_scalar!(
        "SELECT p.manifest_sha256 FROM current_pack c JOIN packs p ON p.id = c.pack_id"
    )
    .fetch_optional(pool)
    .await?;
    sha.map(|sha| Ok(PackId::new(Sha256::parse(&sha)?)))
        .transpose()
}

/// The media files (by hash) that passed the checks under `rules`.
pub async fn checked_media(
    pool: &PgPool,
    rules: i32,
) -> anyhow::Result<std::collections::HashSet<Sha256>> {
    let rows = sqlx::query_scalar!("SELECT sha256 FROM media_checks WHERE rules = $1", rules)
        .fetch_all(pool)
        .await?;
    // A row that is not a hash is ignored: its file is simply checked again.
    Ok(rows
        .iter()
        .filter_map(|hex| Sha256::parse(hex).ok())
        .collect())
}

/// Remembers media files that passed the checks under `rules`.
pub async fn remember_checked_media(
    pool: &PgPool,
    rules: i32,
    passed: &[Sha256],
) -> anyhow::Result<()> {
    let hexes: Vec<String> = passed.iter().map(Sha256::to_hex).collect();
    sqlx::query!(
        "INSERT INTO media_checks (sha256, rules) SELECT unnest($1::text[]), $2 \
         ON CONFLICT DO NOTHING",
        &hexes,
        rules
    )
    .execute(pool)
    .await?;
    Ok(())
}
