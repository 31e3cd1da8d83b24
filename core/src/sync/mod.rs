//! The kiosk's sync with the hub: leads and counts out (marked synced only
//! on the hub's acknowledgement), erasures and new packs in. A new pack is
//! assembled beside the current one from files the kiosk already has and
//! changed files it downloads (resumably), every file checked against its
//! hash, the whole pack validated, then switched in with one rename: an
//! interrupted or corrupt download never shows.

mod backoff;
mod client;
mod pack;

use std::path::{Path, PathBuf};

pub use backoff::{Backoff, random_fraction};
pub use client::HubClient;
pub use pack::{active_pack_dir, install, staging_dir};

use crate::content::manifest::{Manifest as FileManifest, hash_file};
use crate::content::{InvalidPack, load_pack};
use crate::protocol::{Heartbeat, LEAD_BATCH, LeadBatch, Manifest, StatsBatch};
use crate::store::{Store, StoreError};

const ETAG_SETTING: &str = "sync.pack_etag";
const ERASURES_SETTING: &str = "sync.erasures_seen";
const DOWNLOADS_DIR: &str = "downloads";

#[derive(Debug, Clone, thiserror::Error)]
pub enum SyncError {
    #[error("the hub cannot be reached: {0}")]
    Network(String),
    #[error("the hub refused this kiosk's token")]
    Unauthorized,
    #[error("the hub answered {status}: {message}")]
    Hub { status: u16, message: String },
    #[error(
        "file {sha256} from the hub is damaged (its content hashes to {got}); the current pack stays"
    )]
    BadBlob { sha256: String, got: String },
    #[error("the pack from the hub is not valid; the current pack stays:\n{0}")]
    InvalidPack(String),
    #[error("local store: {0}")]
    Store(String),
    #[error("local files: {0}")]
    Io(String),
}

impl From<StoreError> for SyncError {
    fn from(error: StoreError) -> Self {
        SyncError::Store(error.to_string())
    }
}

impl From<std::io::Error> for SyncError {
    fn from(error: std::io::Error) -> Self {
        SyncError::Io(error.to_string())
    }
}

impl From<InvalidPack> for SyncError {
    fn from(invalid: InvalidPack) -> Self {
        SyncError::InvalidPack(invalid.to_string())
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub leads_sent: usize,
    pub stats_sent: usize,
    pub leads_erased: u64,
    /// Files fetched from the hub for a new pack.
    pub blobs_downloaded: usize,
    /// A new pack, switched in: its version and folder.
    pub installed: Option<(String, PathBuf)>,
    /// HTTP requests made.
    pub requests: usize,
}

/// What the kiosk is and shows, for the heartbeat.
pub struct KioskState<'a> {
    pub data_dir: &'a Path,
    /// The folder of the pack on screen, to reuse its files.
    pub current_pack: &'a Path,
    pub pack_version: &'a str,
    pub app_version: &'a str,
}

/// One full sync: heartbeat (erasures, is the pack current?), leads and
/// counts out, and the new pack in if there is one.
pub async fn sync_once(
    client: &HubClient,
    store: &Store,
    kiosk: &KioskState<'_>,
) -> Result<SyncReport, SyncError> {
    let mut report = SyncReport::default();
    let requests_before = client.requests();

    let erasures_seen: i64 = store
        .setting(ERASURES_SETTING)
        .await?
        .and_then(|value| value.parse().ok())
        .unwrap_or(0);
    let reply = client
        .heartbeat(&Heartbeat {
            pack_version: kiosk.pack_version.to_string(),
            queued_leads: store.unsynced_count().await?,
            app_version: kiosk.app_version.to_string(),
            erasures_seen,
        })
        .await?;
    for erasure in &reply.erasures {
        report.leads_erased += store.erase_email_hash(&erasure.email_sha256).await?;
        store
            .set_setting(ERASURES_SETTING, &erasure.id.to_string())
            .await?;
    }

    loop {
        let leads = store.unsynced_leads(LEAD_BATCH as i64).await?;
        if leads.is_empty() {
            break;
        }
        let sent = leads.len();
        let ack = client.push_leads(&LeadBatch { leads }).await?;
        let ids: Vec<String> = ack.accepted.iter().map(ToString::to_string).collect();
        store.mark_synced(&ids, chrono::Utc::now()).await?;
        report.leads_sent += ids.len();
        if ids.len() < sent {
            return Err(SyncError::Hub {
                status: 200,
                message: format!("the hub acknowledged {} of {sent} leads", ids.len()),
            });
        }
    }

    let stats = store.unsent_stats(1000).await?;
    if !stats.is_empty() {
        client
            .push_stats(&StatsBatch {
                rows: stats.clone(),
            })
            .await?;
        store.mark_stats_sent(&stats).await?;
        report.stats_sent = stats.len();
    }

    let known_etag = store.setting(ETAG_SETTING).await?;
    if reply.pack_etag.is_some()
        && reply.pack_etag != known_etag
        && let Some((manifest, etag)) = client.manifest(known_etag.as_deref()).await?
    {
        let (dir, downloaded) = fetch_pack(client, kiosk, &manifest, &etag).await?;
        report.blobs_downloaded = downloaded;
        store.set_setting(ETAG_SETTING, &etag).await?;
        report.installed = Some((manifest.version.clone(), dir));
    }
    report.requests = client.requests() - requests_before;
    Ok(report)
}

/// Assembles `manifest` beside the current pack, checks it, switches it in.
async fn fetch_pack(
    client: &HubClient,
    kiosk: &KioskState<'_>,
    manifest: &Manifest,
    etag: &str,
) -> Result<(PathBuf, usize), SyncError> {
    let id: String = etag
        .trim_matches('"')
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(16)
        .collect();
    let staging = staging_dir(kiosk.data_dir, &id);
    let downloads = kiosk.data_dir.join(DOWNLOADS_DIR);
    tokio::fs::create_dir_all(&downloads).await?;
    let current_pack = kiosk.current_pack.to_path_buf();
    let current = tokio::task::spawn_blocking(move || FileManifest::of_dir(&current_pack))
        .await
        .map_err(|error| SyncError::Io(error.to_string()))??;
    let mut downloaded = 0;
    for file in &manifest.files {
        let relative = safe_relative(&file.path).ok_or_else(|| {
            SyncError::InvalidPack(format!("unsafe path `{}` in the manifest", file.path))
        })?;
        let target = staging.join(&relative);
        if let Some(parent) = target.parent() {
            tokio::fs::create_dir_all(parent).await?;
        }
        if target.is_file() && hash_file(&target).is_ok_and(|(_, sha)| sha == file.sha256) {
            continue; // From an earlier, interrupted attempt.
        }
        let reusable = current
            .entries
            .iter()
            .find(|entry| entry.sha256 == file.sha256)
            .map(|entry| kiosk.current_pack.join(&entry.path));
        match reusable {
            Some(source) => {
                tokio::fs::copy(&source, &target).await?;
            }
            None => {
                let partial = downloads.join(format!("{}.part", file.sha256));
                client.download_blob(&file.sha256, &partial).await?;
                tokio::fs::rename(&partial, &target).await?;
                downloaded += 1;
            }
        }
    }
    let staged = staging.clone();
    let pack = tokio::task::spawn_blocking(move || load_pack(&staged))
        .await
        .map_err(|error| SyncError::Io(error.to_string()))?;
    if let Err(invalid) = pack {
        let _ = tokio::fs::remove_dir_all(&staging).await;
        return Err(invalid.into());
    }
    let dir = install(kiosk.data_dir, &staging, &id)?;
    Ok((dir, downloaded))
}

/// A manifest path as a relative path that stays inside the pack.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let relative = PathBuf::from(path);
    let ok = !path.is_empty()
        && relative
            .components()
            .all(|part| matches!(part, std::path::Component::Normal(_)));
    ok.then_some(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_paths_cannot_leave_the_pack() {
        assert_eq!(
            safe_relative("towns/ptuj/town.toml"),
            Some(PathBuf::from("towns/ptuj/town.toml"))
        );
        for bad in ["", "../etc/passwd", "/etc/passwd", "towns/../../x"] {
            assert_eq!(safe_relative(bad), None, "{bad}");
        }
    }
}
