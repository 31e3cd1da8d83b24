//! The hub sync, running beside the UI for as long as the kiosk runs: it
//! never blocks the screen, reports each round as a message, waits the
//! backoff's time (or until staff ask for "sync now"), and tells the app
//! when a new pack was switched in.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use city_core::store::Store;
use city_core::sync::{Backoff, HubClient, KioskState, random_fraction, sync_once};
use iced::futures::channel::mpsc;
use iced::futures::{SinkExt, StreamExt};
use iced::{Subscription, Task};

use super::{Kiosk, Message, Route};

/// What the sync needs. Only the hub, the token and the data folder tell
/// one sync loop from another: a new pack on screen must not restart the
/// loop (that would forget its backoff and open a second store).
#[derive(Debug, Clone)]
pub struct SyncSettings {
    pub hub: city_core::config::HubConfig,
    pub data_dir: PathBuf,
    /// The pack on screen when the loop starts; it follows the packs it
    /// installs itself.
    pub pack_root: PathBuf,
    pub pack_version: String,
}

impl std::hash::Hash for SyncSettings {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hub.url.url().as_str().hash(state);
        self.hub.token.hash(state);
        self.hub.ca_file.hash(state);
        self.data_dir.hash(state);
    }
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

pub(super) fn subscription(settings: SyncSettings) -> Subscription<Message> {
    Subscription::run_with(settings, |settings| {
        let settings = settings.clone();
        iced::stream::channel(8, async move |mut output: mpsc::Sender<Message>| {
            run(settings, &mut output).await;
        })
    })
}

async fn run(settings: SyncSettings, output: &mut mpsc::Sender<Message>) {
    let (now_sender, mut now_requests) = mpsc::channel::<()>(1);
    let _ = output
        .send(Message::Sync(SyncEvent::Ready(now_sender)))
        .await;
    let extra_ca = match &settings.hub.ca_file {
        Some(path) => match std::fs::read(path) {
            Ok(pem) => Some(pem),
            Err(error) => {
                tracing::error!("sync is off: the hub's CA file {}: {error}", path.display());
                return;
            }
        },
        None => None,
    };
    let client = match HubClient::new(&settings.hub.url, &settings.hub.token, extra_ca.as_deref()) {
        Ok(client) => client,
        Err(error) => {
            tracing::error!("sync is off: {error}");
            return;
        }
    };
    let store = match Store::open_in(&settings.data_dir).await {
        Ok(store) => store,
        Err(error) => {
            tracing::error!("sync is off: {error}");
            return;
        }
    };
    let mut backoff = Backoff::kiosk();
    let mut pack_root = settings.pack_root.clone();
    let mut pack_version = settings.pack_version.clone();
    loop {
        let kiosk = KioskState {
            data_dir: &settings.data_dir,
            current_pack: &pack_root,
            pack_version: &pack_version,
            app_version: env!("CARGO_PKG_VERSION"),
        };
        let event = match sync_once(&client, &store, &kiosk).await {
            Ok(mut report) => {
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
                SyncEvent::Done {
                    at: Utc::now(),
                    next: backoff.succeeded(),
                    problems: report.problems,
                }
            }
            Err(error) => {
                let next = backoff.failed(random_fraction());
                tracing::warn!(
                    "sync failed ({} in a row), next try in {} s: {error}",
                    backoff.failures(),
                    next.as_secs()
                );
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

impl Kiosk {
    pub(super) fn sync_event(&mut self, event: SyncEvent) -> Task<Message> {
        match event {
            SyncEvent::Ready(sender) => self.sync_now = Some(sender),
            SyncEvent::Done { at, next, problems } => {
                self.hub_status.last_success = Some(at);
                self.hub_status.last_error = (!problems.is_empty()).then(|| problems.join("\n"));
                self.hub_status.next_try = Some(Instant::now() + next);
            }
            SyncEvent::Failed { error, next } => {
                self.hub_status.last_error = Some(error);
                self.hub_status.next_try = Some(Instant::now() + next);
            }
        }
        if self.route == Route::Staff {
            return self.load_overview();
        }
        Task::none()
    }

    pub(super) fn request_sync(&mut self) {
        if let Some(sender) = &mut self.sync_now {
            let _ = sender.try_send(());
        }
    }

    /// A pack from the hub, checked and switched in on disk: show it from
    /// the next attract loop on (never under a visitor).
    pub(super) fn pack_installed(&mut self, pack: Box<city_core::content::Pack>) {
        tracing::info!(
            "pack {} ready; shown from the next attract loop",
            pack.version
        );
        self.pending_pack = Some(*pack);
        if self.route == Route::Attract {
            self.apply_pending_pack();
        }
    }
}
