//! `city-hub publish DIR`: the same validation as on the kiosk, then every
//! file into the blob store and the pack made current, in one transaction.

use std::path::Path;

use city_core::content::{InvalidPack, load_pack, manifest::Manifest};
use city_core::hash::{Sha256, hash_file};
use city_core::protocol::{self, PackId};

use crate::BlobStore;

#[derive(Debug)]
pub struct Published {
    pub version: String,
    pub files: usize,
    pub new_blobs: usize,
    pub id: PackId,
}

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("{0}")]
    Invalid(#[from] InvalidPack),
    #[error("{0}")]
    Other(#[from] anyhow::Error),
}

/// The pack's wire manifest and its id: the hash of the manifest.
pub fn wire_manifest(
    version: &str,
    manifest: &Manifest,
) -> anyhow::Result<(protocol::Manifest, PackId)> {
    let wire = protocol::Manifest::from((version, manifest));
    let id = PackId::new(Sha256::of(&serde_json::to_vec(&wire)?));
    Ok((wire, id))
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
        let source = dir.join(entry.path.to_relative());
        // The file may have changed since it was hashed: store what is
        // there only if it still has the hash the manifest promises.
        let (_, sha) = hash_file(&source).map_err(anyhow::Error::from)?;
        if sha != entry.sha256 {
            return Err(anyhow::anyhow!(
                "{} changed while publishing; try again",
                source.display()
            )
            .into());
        }
        if blobs
            .put_file(entry.sha256, &source)
            .map_err(anyhow::Error::from)?
        {
            new_blobs += 1;
        }
    }
    let (wire, id) = wire_manifest(&pack.version, &manifest)?;
    crate::db::packs::publish(pool, &wire, id).await?;
    Ok(Published {
        version: pack.version,
        files: manifest.entries.len(),
        new_blobs,
        id,
    })
}
