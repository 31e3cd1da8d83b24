//! The kiosk's sync with the hub: leads and counts out (marked synced only
//! on the hub's acknowledgement of this kiosk's own leads), erasures and
//! new packs in. A new pack's missing files are downloaded (resumably, each
//! bounded by its announced size and checked against its hash), the pack
//! is assembled beside the current one, validated, then switched in with
//! one rename: an interrupted, corrupt or hostile download never shows,
//! and nothing is written outside the data folder.

mod backoff;
mod client;
mod pack;
mod status_log;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::Utc;
use uuid::Uuid;

pub use backoff::{Backoff, random_fraction};
pub use client::{Deadlines, HubClient};
pub use pack::{
    active_pack_dir, forget_installed_pack, install, installed_pack, remove_staging, staging_dir,
};
pub use status_log::SyncLog;

use crate::content::file_list::FileList;
use crate::content::media::{MediaDecoder, check_pack};
use crate::content::{InvalidPack, Pack, load_pack};
use crate::hash::{Sha256, hash_file};
use crate::protocol::{
    Heartbeat, LEAD_BATCH, LeadBatch, LeadWire, Manifest, PackId, STATS_BATCH, StatsBatch,
};
use crate::store::{Store, StoreError};

const ERASURES_SETTING: &str = "sync.erasures_seen";
const DOWNLOADS_DIR: &str = "downloads";
/// Room left free on the data disk after a pack is assembled: the store
/// must still be able to take leads.
const SPARE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Clone, thiserror::Error)]
pub enum SyncError {
    #[error("the hub cannot be reached: {0}")]
    Network(String),
    #[error("the connection to the hub broke off: {0}")]
    Interrupted(String),
    #[error("the hub answers too slowly: {0}")]
    TooSlow(String),
    #[error("the hub's answer is refused: {0}")]
    BadAnswer(String),
    #[error("the hub refused this kiosk's token")]
    Unauthorized,
    #[error("the hub answered {status}: {message}")]
    Hub {
        status: u16,
        message: String,
        /// The refused item of a batch, when the hub names one.
        index: Option<usize>,
    },
    #[error("file {sha256} from the hub is refused ({problem}); the current pack stays")]
    BadBlob { sha256: Sha256, problem: String },
    #[error("the pack from the hub is not valid; the current pack stays:\n{0}")]
    InvalidPack(String),
    #[error(
        "the disk is full: the new pack needs {} MB more, {} MB are free; the current pack stays",
        .needed / 1_000_000,
        .available / 1_000_000
    )]
    DiskFull { needed: u64, available: u64 },
    #[error("local store: {0}")]
    Store(String),
    #[error("local files: {0}")]
    Io(String),
}

impl SyncError {
    /// What kind of failure this is, whatever its details: the log says
    /// when the kind changes.
    pub fn kind(&self) -> &'static str {
        match self {
            SyncError::Network(_) => "network",
            SyncError::Interrupted(_) => "interrupted",
            SyncError::TooSlow(_) => "too slow",
            SyncError::BadAnswer(_) => "bad answer",
            SyncError::Unauthorized => "unauthorized",
            SyncError::Hub { .. } => "hub",
            SyncError::BadBlob { .. } => "bad file",
            SyncError::InvalidPack(_) => "invalid pack",
            SyncError::DiskFull { .. } => "disk full",
            SyncError::Store(_) => "store",
            SyncError::Io(_) => "files",
        }
    }
}

impl From<StoreError> for SyncError {
    fn from(error: StoreError) -> Self {
        SyncError::Store(error.to_string())
    }
}

impl From<std::io::Error> for SyncError {
    fn from(error: std::io::Error) -> Self {
        if error.kind() == std::io::ErrorKind::StorageFull {
            return SyncError::Io(format!(
                "the disk is full ({error}); the current pack stays"
            ));
        }
        SyncError::Io(error.to_string())
    }
}

impl From<InvalidPack> for SyncError {
    fn from(invalid: InvalidPack) -> Self {
        SyncError::InvalidPack(invalid.to_string())
    }
}

/// What one sync did.
#[derive(Debug, Clone, Default)]
pub struct SyncReport {
    pub leads_sent: usize,
    pub stats_sent: usize,
    pub leads_erased: u64,
    /// Files fetched from the hub for a new pack.
    pub blobs_downloaded: usize,
    /// A new pack, checked and switched in.
    pub installed: Option<Box<Pack>>,
    /// HTTP requests made.
    pub requests: usize,
    /// Leads that stay queued: ones the hub holds for another kiosk, ones
    /// that break a rule (e.g. made while the kiosk's clock was wrong).
    pub leads_kept: usize,
    /// What staff should know although the sync went through.
    pub problems: Vec<String>,
}

/// What the kiosk is and shows, for the heartbeat.
pub struct KioskState<'a> {
    pub data_dir: &'a Path,
    /// The folder of the pack on screen: its files are reused, and it is
    /// never removed while shown.
    pub current_pack: &'a Path,
    pub pack_version: &'a str,
    pub app_version: &'a str,
    /// Decodes a new pack's films and guides with the content rules before
    /// it is switched in (files the kiosk already shows are not decoded
    /// again); `None` checks everything but media.
    pub media: Option<&'static dyn MediaDecoder>,
    /// Where the kiosk stands, as its config names it.
    pub venue: Option<&'a str>,
    /// Why the previous sync failed, if it did: the fleet page shows it.
    pub last_error: Option<&'a str>,
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

    // The acknowledgement of the hub's last erasures: the highest id of
    // its last reply that held any, all of them carried out.
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
            venue: kiosk
                .venue
                .map(|venue| crate::protocol::clip(venue, crate::protocol::HEARTBEAT_VENUE_MAX)),
            last_error: kiosk
                .last_error
                .map(|error| crate::protocol::clip(error, crate::protocol::HEARTBEAT_ERROR_MAX)),
        })
        .await?;
    // Every erasure the hub sends is carried out, whatever its id: ids
    // are the hub's to order (a hub restored from a backup counts again
    // from lower ones), and erasing twice changes nothing. All at once:
    // each address of the store and the exports is hashed once.
    if let Some(last) = reply.erasures.iter().map(|erasure| erasure.id).max() {
        let hashes: BTreeSet<Sha256> = reply
            .erasures
            .iter()
            .map(|erasure| erasure.email_sha256)
            .collect();
        report.leads_erased += store.erase_email_hashes(&hashes).await?;
        crate::export_folder::erase_from_exports(
            &crate::export_folder::exports_dir(kiosk.data_dir),
            |email| hashes.contains(&crate::protocol::email_hash(email)),
        )?;
        store
            .set_setting(ERASURES_SETTING, &last.to_string())
            .await?;
    }

    push_leads(client, store, &mut report).await?;
    push_stats(client, store, &mut report).await?;

    let installed = installed_pack(kiosk.data_dir).map(|(id, _)| id);
    if let Some(current) = reply.pack_etag
        && Some(current) != installed
        && let Some((manifest, id)) = client.manifest(installed).await?
    {
        let (pack, downloaded) = fetch_pack(client, kiosk, &manifest, id).await?;
        report.blobs_downloaded = downloaded;
        report.installed = Some(Box::new(pack));
    }
    report.requests = client.requests() - requests_before;
    Ok(report)
}

/// Sends every queued lead that keeps the rules, batch by batch, and marks
/// synced exactly those the hub acknowledges as this kiosk's.
async fn push_leads(
    client: &HubClient,
    store: &Store,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let mut after_seq = 0;
    let mut conflicts = 0;
    let mut refused = Vec::new();
    loop {
        let page = store
            .unsynced_leads_after(after_seq, LEAD_BATCH as i64)
            .await?;
        let Some(&(last_seq, _)) = page.last() else {
            break;
        };
        after_seq = last_seq;
        let now = Utc::now();
        let mut batch: Vec<LeadWire> = Vec::with_capacity(page.len());
        for (_, lead) in &page {
            match lead.check(now) {
                Ok(()) => batch.push(LeadWire::from(lead)),
                Err(error) => refused.push(error.to_string()),
            }
        }
        // The hub may still refuse one (its clock, a newer rule): that one
        // stays queued, the rest go.
        while !batch.is_empty() {
            match client
                .push_leads(&LeadBatch {
                    leads: batch.clone(),
                })
                .await
            {
                Ok(ack) => {
                    let sent: BTreeSet<Uuid> = batch.iter().map(|lead| lead.id).collect();
                    let accepted: Vec<Uuid> = ack
                        .accepted
                        .iter()
                        .filter(|id| sent.contains(id))
                        .copied()
                        .collect();
                    store.mark_synced(&accepted, Utc::now()).await?;
                    report.leads_sent += accepted.len();
                    conflicts += ack.conflicts.iter().filter(|id| sent.contains(id)).count();
                    report.leads_kept += sent.len() - accepted.len();
                    break;
                }
                Err(SyncError::Hub {
                    status: 422,
                    index: Some(index),
                    message,
                }) if index < batch.len() => {
                    batch.remove(index);
                    refused.push(format!("the hub refused a lead: {message}"));
                }
                Err(error) => return Err(error),
            }
        }
    }
    report.leads_kept += refused.len();
    if conflicts > 0 {
        report.problems.push(format!(
            "{conflicts} lead(s) have an id the hub holds for another kiosk (a cloned disk?); \
             they stay here: export them by CSV"
        ));
    }
    if let Some(first) = refused.first() {
        report.problems.push(format!(
            "{} lead(s) stay here, refused by the rules ({first})",
            refused.len()
        ));
    }
    Ok(())
}

/// Sends the counts that grew; a row that breaks the rules (a wrong clock)
/// is dropped rather than block every later sync: it is only a number.
async fn push_stats(
    client: &HubClient,
    store: &Store,
    report: &mut SyncReport,
) -> Result<(), SyncError> {
    let rows = store.unsent_stats(STATS_BATCH as i64).await?;
    if rows.is_empty() {
        return Ok(());
    }
    let now = Utc::now();
    let (good, bad): (Vec<_>, Vec<_>) = rows.into_iter().partition(|row| row.check(now).is_ok());
    if !bad.is_empty() {
        tracing::warn!("sync: {} count row(s) with a bad hour dropped", bad.len());
        store.mark_stats_sent(&bad).await?;
    }
    if !good.is_empty() {
        client
            .push_stats(&StatsBatch { rows: good.clone() })
            .await?;
        store.mark_stats_sent(&good).await?;
        report.stats_sent = good.len();
    }
    Ok(())
}

/// Where a file of the new pack comes from.
enum Source {
    /// The same content is in the pack on screen, an installed pack that
    /// never changes: its file is shared (a hard link, no space).
    Link(PathBuf),
    /// The same content is in the pack on screen, a folder an editor may
    /// change: its file is copied.
    Copy(PathBuf),
    /// Fetched into the downloads folder.
    Download,
}

/// Downloads what is missing, assembles `manifest` beside the current
/// pack, validates it and switches it in. On failure nothing is left but
/// resumable downloads.
async fn fetch_pack(
    client: &HubClient,
    kiosk: &KioskState<'_>,
    manifest: &Manifest,
    id: PackId,
) -> Result<(Pack, usize), SyncError> {
    remove_staging(kiosk.data_dir, None)?;
    let downloads = kiosk.data_dir.join(DOWNLOADS_DIR);
    crate::owner_only::create_dir(&downloads)?;

    let current_pack = kiosk.current_pack.to_path_buf();
    let current = tokio::task::spawn_blocking(move || FileList::of_dir(&current_pack))
        .await
        .map_err(|error| SyncError::Io(error.to_string()))?
        .unwrap_or_default();
    let on_screen: BTreeMap<Sha256, PathBuf> = current
        .entries
        .iter()
        .map(|entry| {
            (
                entry.sha256,
                kiosk.current_pack.join(entry.path.to_relative()),
            )
        })
        .collect();
    let shareable = pack::is_installed_folder(kiosk.data_dir, kiosk.current_pack);
    let sources: Vec<Source> = manifest
        .files
        .iter()
        .map(|file| match on_screen.get(&file.sha256) {
            Some(path) if shareable => Source::Link(path.clone()),
            Some(path) => Source::Copy(path.clone()),
            None => Source::Download,
        })
        .collect();

    let wanted: BTreeMap<Sha256, u64> = manifest
        .files
        .iter()
        .zip(&sources)
        .filter(|(_, source)| matches!(source, Source::Download))
        .map(|(file, _)| (file.sha256, file.size))
        .collect();
    prune_downloads(&downloads, &wanted)?;
    check_space(kiosk, manifest, &sources, &downloads, &wanted)?;

    let mut downloaded = 0;
    for (&sha256, &size) in &wanted {
        let complete = downloads.join(sha256.to_hex());
        if complete_download(&complete, sha256, size) {
            continue;
        }
        let partial = downloads.join(format!("{sha256}.part"));
        client.download_blob(sha256, size, &partial).await?;
        std::fs::rename(&partial, &complete)?;
        downloaded += 1;
    }

    let staging = staging_dir(kiosk.data_dir, id);
    let assembled = assemble(manifest, &sources, &downloads, &staging, kiosk.media).await;
    let result = match assembled {
        Ok(pack) => install(kiosk.data_dir, &staging, id, kiosk.current_pack)
            .map(|dir| pack.moved_to(&dir))
            .map_err(SyncError::from),
        Err(error) => Err(error),
    };
    if result.is_err() {
        let _ = remove_staging(kiosk.data_dir, None);
    } else {
        let _ = std::fs::remove_dir_all(&downloads);
    }
    result.map(|pack| (pack, downloaded))
}

/// Lays the pack out in `staging` and validates it, downloaded films and
/// guides decoded if `media` is given.
async fn assemble(
    manifest: &Manifest,
    sources: &[Source],
    downloads: &Path,
    staging: &Path,
    media: Option<&'static dyn MediaDecoder>,
) -> Result<Pack, SyncError> {
    crate::owner_only::create_dir(staging)?;
    // Files the kiosk shows already: the same bytes, checked before.
    let reused: std::collections::HashSet<PathBuf> = manifest
        .files
        .iter()
        .zip(sources)
        .filter(|(_, source)| !matches!(source, Source::Download))
        .map(|(file, _)| staging.join(file.path.to_relative()))
        .collect();
    for (file, source) in manifest.files.iter().zip(sources) {
        let target = staging.join(file.path.to_relative());
        if let Some(parent) = target.parent() {
            crate::owner_only::create_dir(parent)?;
        }
        match source {
            Source::Link(path) => link_or_copy(path, &target)?,
            Source::Copy(path) => {
                crate::owner_only::copy_file(path, &target)?;
            }
            Source::Download => link_or_copy(&downloads.join(file.sha256.to_hex()), &target)?,
        }
    }
    let staged = staging.to_path_buf();
    let loaded = tokio::task::spawn_blocking(move || match media {
        Some(decoder) => check_pack(&staged, decoder, &|path| reused.contains(path)),
        None => load_pack(&staged),
    })
    .await
    .map_err(|error| SyncError::Io(error.to_string()))?;
    // The staging folder was made empty for this pack and holds only the
    // manifest's files, each of a checked hash: what loaded is the pack.
    Ok(loaded?)
}

/// Shares a file of the data folder (owner-only already) or copies it
/// owner-only where links are not possible.
fn link_or_copy(source: &Path, target: &Path) -> std::io::Result<()> {
    if std::fs::hard_link(source, target).is_err() {
        crate::owner_only::copy_file(source, target)?;
    }
    Ok(())
}

/// A finished download from an earlier attempt, still whole.
fn complete_download(path: &Path, sha256: Sha256, size: u64) -> bool {
    match hash_file(path) {
        Ok((got_size, got)) if got_size == size && got == sha256 => true,
        Ok(_) => {
            let _ = std::fs::remove_file(path);
            false
        }
        Err(_) => false,
    }
}

/// Removes downloads that the pack being fetched does not need.
fn prune_downloads(downloads: &Path, wanted: &BTreeMap<Sha256, u64>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(downloads)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_str().unwrap_or_default();
        let hash = name.strip_suffix(".part").unwrap_or(name);
        let keep = Sha256::parse(hash).is_ok_and(|sha| wanted.contains_key(&sha));
        if !keep {
            crate::files::remove_if_present(&entry.path())?;
        }
    }
    Ok(())
}

/// Refuses to start what the disk cannot hold: the rest of the downloads,
/// the copies, and room to spare for leads.
fn check_space(
    kiosk: &KioskState<'_>,
    manifest: &Manifest,
    sources: &[Source],
    downloads: &Path,
    wanted: &BTreeMap<Sha256, u64>,
) -> Result<(), SyncError> {
    let have = |sha: &Sha256| -> u64 {
        [sha.to_hex(), format!("{sha}.part")]
            .iter()
            .filter_map(|name| std::fs::metadata(downloads.join(name)).ok())
            .map(|meta| meta.len())
            .max()
            .unwrap_or(0)
    };
    let to_download: u64 = wanted
        .iter()
        .map(|(sha, size)| size.saturating_sub(have(sha)))
        .sum();
    let copies: u64 = manifest
        .files
        .iter()
        .zip(sources)
        .filter(|(_, source)| matches!(source, Source::Copy(_)))
        .map(|(file, _)| file.size)
        .sum();
    let needed = to_download
        .saturating_add(copies)
        .saturating_add(SPARE_BYTES);
    let available = crate::drives::free_bytes(kiosk.data_dir)?;
    if needed > available {
        return Err(SyncError::DiskFull { needed, available });
    }
    Ok(())
}
