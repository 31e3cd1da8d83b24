//! `city-hub publish DIR`: the same validation as on the kiosk, films and
//! audio guides decoded with the same rules, then every file into the blob
//! store and the pack made current, in one transaction.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use city_core::content::media::{RULES_VERSION, check_pack};
use city_core::content::{InvalidPack, MediaFile, file_list::FileList};
use city_core::hash::{Sha256, hash_file};
use city_core::protocol::{self, PackId};

use crate::BlobStore;

#[derive(Debug)]
pub struct Published {
    pub version: String,
    pub files: usize,
    pub new_blobs: usize,
    /// Films and guides decoded now, and those whose bytes passed before.
    pub media_decoded: usize,
    pub media_known: usize,
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
    manifest: &FileList,
) -> anyhow::Result<(protocol::Manifest, PackId)> {
    let wire = protocol::Manifest::from((version, manifest));
    let id = PackId::new(Sha256::of(&manifest_body(&wire)?));
    Ok((wire, id))
}

/// The bytes of a manifest as kiosks receive it, whose SHA-256 is the
/// pack's id: kiosks refuse a manifest that does not hash to its ETag.
pub fn manifest_body(manifest: &protocol::Manifest) -> anyhow::Result<Vec<u8>> {
    Ok(serde_json::to_vec(manifest)?)
}

pub async fn publish(
    pool: &sqlx::PgPool,
    blobs: &BlobStore,
    dir: &Path,
) -> Result<Published, PublishError> {
    let manifest = FileList::of_dir(dir)
        .map_err(|error| anyhow::anyhow!("cannot read {}: {error}", dir.display()))?;
    // Media whose very bytes passed before are not decoded again.
    let passed = crate::db::packs::checked_media(pool, RULES_VERSION).await?;
    let hashes: HashMap<PathBuf, Sha256> = manifest
        .entries
        .iter()
        .map(|entry| (dir.join(entry.path.to_relative()), entry.sha256))
        .collect();
    let pack = {
        let dir = dir.to_path_buf();
        let hashes = hashes.clone();
        let passed = passed.clone();
        tokio::task::spawn_blocking(move || {
            let known = |path: &Path| hashes.get(path).is_some_and(|sha| passed.contains(sha));
            check_pack(&dir, &city_decode::Decoder, &known)
        })
        .await
        .map_err(anyhow::Error::from)??
    };
    let media: Vec<Sha256> = pack
        .media_files()
        .iter()
        .filter_map(|file| match file {
            MediaFile::Film(path) | MediaFile::AudioGuide(path) => hashes.get(path).copied(),
        })
        .collect();
    let media_known = media.iter().filter(|sha| passed.contains(sha)).count();
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
    crate::db::packs::remember_checked_media(pool, RULES_VERSION, &media).await?;
    Ok(Published {
        version: pack.version,
        files: manifest.entries.len(),
        new_blobs,
        media_decoded: media.len() - media_known,
        media_known,
        id,
    })
}
