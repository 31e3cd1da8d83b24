//! The published pack as the hub reads it for visitors' mail and pages:
//! town names, benefits, events, kids' corners, consent texts. The current
//! pack's files are linked from the blob store into a folder of their own
//! (hard links: blobs never change) and loaded with the kiosk's loader, once
//! per pack; every hub of a database does the same from the same blobs.

use std::path::Path;
use std::sync::Arc;

use city_core::content::{Pack, load_pack};
use city_core::protocol::{Manifest, PackId};
use sqlx::PgPool;
use tokio::sync::Mutex;

use crate::BlobStore;

pub struct PackTexts {
    blobs: Arc<BlobStore>,
    loaded: Mutex<Option<(PackId, Arc<Pack>)>>,
}

impl PackTexts {
    pub fn new(blobs: Arc<BlobStore>) -> PackTexts {
        PackTexts {
            blobs,
            loaded: Mutex::new(None),
        }
    }

    /// The current pack; None before any is published.
    pub async fn current(&self, pool: &PgPool) -> anyhow::Result<Option<Arc<Pack>>> {
        let Some((manifest, id)) = crate::db::packs::current(pool).await? else {
            return Ok(None);
        };
        // Held while loading: two mails at once load the pack once.
        let mut loaded = self.loaded.lock().await;
        if let Some((loaded_id, pack)) = loaded.as_ref()
            && *loaded_id == id
        {
            return Ok(Some(pack.clone()));
        }
        let dir = self.blobs.packs_dir()?.join(id.dir_name());
        let blobs = self.blobs.clone();
        let pack = tokio::task::spawn_blocking(move || {
            link_pack(&blobs, &manifest, &dir)?;
            load_pack(&dir).map_err(|invalid| {
                anyhow::anyhow!("the current pack does not load on the hub: {invalid}")
            })
        })
        .await??;
        let pack = Arc::new(pack);
        *loaded = Some((id, pack.clone()));
        Ok(Some(pack))
    }
}

/// Lays the pack's files out under `dir` as hard links to their blobs,
/// unless an earlier start did (the folder is renamed in only when whole).
fn link_pack(blobs: &BlobStore, manifest: &Manifest, dir: &Path) -> anyhow::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let parent = dir.parent().unwrap_or(dir);
    let partial = tempfile::Builder::new()
        .prefix(".linking-")
        .tempdir_in(parent)?;
    super::folder::lay_out(
        blobs,
        manifest,
        partial.path(),
        super::folder::Placing::Shared,
    )?;
    let partial = partial.keep();
    match std::fs::rename(&partial, dir) {
        Ok(()) => Ok(()),
        // Another hub laid it out meanwhile: theirs is as good.
        Err(_) if dir.is_dir() => {
            std::fs::remove_dir_all(&partial)?;
            Ok(())
        }
        Err(error) => Err(error.into()),
    }
}
