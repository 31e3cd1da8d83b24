//! `city-hub publish DIR`: the same validation as on the kiosk, then every
//! file into the blob store and the pack made current, in one transaction.

use std::path::Path;

use city_core::content::{InvalidPack, load_pack, manifest::Manifest};
use city_core::protocol;
use sha2::{Digest, Sha256};

use crate::BlobStore;
use crate::tokens::hex;

#[derive(Debug)]
pub struct Published {
    pub version: String,
    pub files: usize,
    pub new_blobs: usize,
    pub etag: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{0}")]
    Invalid(#[from] InvalidPack),
    #[error("{0}")]
    Other(#[from] anyhow::Error),
}

/// The pack's manifest as JSON and its hash, which is the manifest's ETag.
pub fn manifest_json(version: &str, manifest: &Manifest) -> (serde_json::Value, String) {
    let wire = protocol::Manifest {
        version: version.to_string(),
        files: manifest.into(),
    };
    let json = serde_json::to_value(&wire).unwrap_or_default();
    let etag = hex(&Sha256::digest(json.to_string().as_bytes()));
    (json, etag)
}

pub async fn publish(
    pool: &sqlx::PgPool,
    blobs: &BlobStore,
    dir: &Path,
) -> Result<Published, PublishError> {
    let pack = load_pack(dir)?;
    let manifest = Manifest::of_dir(dir)
        .map_err(|error| anyhow::anyhow!("cannot read {}: {error}", dir.display()))?;
    let mut new_blobs = 0;
    for entry in &manifest.entries {
        let source = dir.join(&entry.path);
        // The file may have changed since it was hashed: store what is
        // there only if it still has the hash the manifest promises.
        let (_, sha) =
            city_core::content::manifest::hash_file(&source).map_err(anyhow::Error::from)?;
        if sha != entry.sha256 {
            return Err(anyhow::anyhow!(
                "{} changed while publishing; try again",
                source.display()
            )
            .into());
        }
        if blobs
            .put_file(&entry.sha256, &source)
            .map_err(anyhow::Error::from)?
        {
            new_blobs += 1;
        }
    }
    let (json, etag) = manifest_json(&pack.version, &manifest);
    let mut tx = pool.begin().await.map_err(anyhow::Error::from)?;
    let pack_id: i64 = sqlx::query_scalar(
        "INSERT INTO packs (version, manifest, manifest_sha256) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(&pack.version)
    .bind(&json)
    .bind(&etag)
    .fetch_one(&mut *tx)
    .await
    .map_err(anyhow::Error::from)?;
    sqlx::query("INSERT INTO current_pack (singleton, pack_id) VALUES (TRUE, $1) ON CONFLICT (singleton) DO UPDATE SET pack_id = excluded.pack_id")
        .bind(pack_id)
        .execute(&mut *tx)
        .await
        .map_err(anyhow::Error::from)?;
    tx.commit().await.map_err(anyhow::Error::from)?;
    Ok(Published {
        version: pack.version,
        files: manifest.entries.len(),
        new_blobs,
        etag,
    })
}
