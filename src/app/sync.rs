//! The hub sync, running beside the UI for as long as the kiosk runs: it
//! never blocks the screen, reports each round as a message, waits the
//! backoff's time (or until staff ask for "sync now"), and tells the app
//! when a new pack was switched in.

use std::path::PathBuf;
use std::time::Duration;

use chrono::{DateTime, Utc};
use city_core::store::Store;
use city_core::sync::{Backoff, HubClient, KioskState, SyncLog, random_fraction, sync_once};
use iced::Task;
use iced::futures::channel::mpsc;
use iced::futures::{SinkExt, StreamExt};

use super::Message;

/// What the sync needs: the hub, the kiosk's own store (the very one the
/// screens use), and the pack on screen when it starts; from then on it
/// follows the packs it installs itself.
pub struct SyncSettings {
    pub hub: city_core::config::HubConfig,
    pub data_dir: PathBuf,
    pub pack_root: PathBuf,
    pub pack_version: String,
    /// The configured venue; one staff set on the kiosk wins.
    pub venue: String,
    pub store: Store,
}

#[derive(Debug, Clone)]
pub enum SyncEvent {
    /// The handle to ask for a sync now.
    Ready(mpsc::Sender<()>),
    Done {
        at: DateTime<Utc>,
        /// What staff should know although the sync went through.
        problems: Vec<String>,
        next: Duration,
    },
    Failed {
        error: String,
        next: Duration,
    },
}

/// Starts the sync loop once, when the store is open; it runs until the
/// kiosk closes, whatever the screens do.
pub(super) fn start(settings: SyncSettings) -> Task<Message> {
    Task::stream(iced::stream::channel(
        8,
        async move |mut output: mpsc::Sender<Message>| {
            run(settings, &mut output).await;
        },
    ))
}

async fn run(settings: SyncSettings, output: &mut mpsc::Sender<Message>) {
    let (now_sender, mut now_requests) = mpsc::channel::<()>(1);
    let _ = output
        .send(Message::Sync(SyncEvent::Ready(now_sender)))
        .await;
    let client = match HubClient::from_config(&settings.hub) {
        Ok(client) => client,
        Err(error) => {
            tracing::error!("sync is off: {error}");
            return;
        }
    };
    let store = settings.store;
    let mut backoff = Backoff::kiosk();
    let mut log = SyncLog::default();
    let mut pack_root = settings.pack_root;
    let mut pack_version = settings.pack_version;
    // Told to the hub with the next heartbeat, for the fleet page.
    let mut last_error: Option<String> = None;
    loop {
        let venue = store
            .setting(super::services::VENUE_SETTING)
            .await
            .ok()
            .flatten()
            .unwrap_or_else(|| settings.venue.clone());
        let kiosk = KioskState {
            data_dir: &settings.data_dir,
            current_pack: &pack_root,
            pack_version: &pack_version,
            app_version: env!("CARGO_PKG_VERSION"),
            media: Some(&city_decode::Decoder),
            venue: Some(venue.as_str()).filter(|venue| !venue.is_empty()),
            last_error: last_error.as_deref(),
        };
        let event = match sync_once(&client, &store, &kiosk).await {
            Ok(mut report) => {
                if let Some(line) = log.succeeded() {
                    tracing::info!("{line}");
                }
                if let Some(pack) = report.installed.take() {
                    tracing::info!("sync: pack {} installed", pack.version);
                    pack_root = pack.root.clone();
                    pack_version = pack.version.clone();
                    let _ = output.send(Message::PackInstalled(pack)).await;
                }
                for problem in &report.problems {
                    tracing::warn!("sync: {problem}");
                }
                if report.leads_sent > 0 || report.leads_erased > 0 {
                    tracing::info!(
                        "sync: {} leads sent, {} erased on request",
                        report.leads_sent,
                        report.leads_erased
                    );
                }
                last_error = (!report.problems.is_empty()).then(|| report.problems.join("\n"));
                SyncEvent::Done {
                    at: Utc::now(),
                    next: backoff.succeeded(),
                    problems: report.problems,
                }
            }
            Err(error) => {
                let next = backoff.failed(random_fraction());
                if let Some(line) = log.failed(&error) {
                    tracing::warn!("{line}");
                }
                last_error = Some(error.to_string());
                SyncEvent::Failed {
                    error: error.to_string(),
                    next,
                }
            }
        };
        let next = match &event {
            SyncEvent::Done { next, .. } | SyncEvent::Failed { next, .. } => *next,
            SyncEvent::Ready(_) => Duration::ZERO,
        };
        if output.send(Message::Sync(event)).await.is_err() {
            return; // The kiosk is closing.
        }
        tokio::select! {
            _ = tokio::time::sleep(next) => {}
            _ = now_requests.next() => {}
        }
    }
}
