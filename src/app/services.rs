//! The kiosk's links to what is not on screen, opened once and shared by
//! every page and the hub sync: the store (leads, counts, the PIN's lock,
//! settings), the sync's "now" button and its status, the sound card.
//! Work with the store runs off the UI thread and comes back as a message;
//! nothing here logs a visitor's details.

use std::path::{Path, PathBuf};
use std::time::Instant;

use city_core::config::HubConfig;
use city_core::content::Pack;
use city_core::leads::Lead;
use city_core::leads::csv::CsvStyle;
use city_core::staff::{PinLock, PinOutcome};
use city_core::store::Store;
use iced::Task;
use iced::futures::channel::mpsc;

use super::Message;
use super::sync::{self, SyncEvent};
use crate::playback::audio::AudioOutput;
use crate::screen::{interest, staff};

/// The setting that holds a venue renamed by staff.
pub(super) const VENUE_SETTING: &str = "venue";

#[derive(Default)]
pub(super) struct Services {
    store: Option<Store>,
    /// Asks the running sync loop for a round now.
    sync_now: Option<mpsc::Sender<()>>,
    hub_status: staff::HubStatus,
    /// The PIN's lock when there is no store to keep it in.
    pin_lock: PinLock,
    /// Opened at the first guide; a kiosk without films never opens it.
    pub audio: Option<AudioOutput>,
    /// Asks the hub about phone links' leads; made at the first ask.
    phone_client: Option<std::sync::Arc<city_core::sync::HubClient>>,
}

pub(super) fn open_store(data_dir: PathBuf) -> Task<Message> {
    Task::perform(
        async move {
            Store::open_in(&data_dir)
                .await
                .map_err(|error| error.to_string())
        },
        Message::StoreReady,
    )
}

impl Services {
    pub fn with_store(store: Store) -> Services {
        Services {
            store: Some(store),
            ..Services::default()
        }
    }

    pub fn has_store(&self) -> bool {
        self.store.is_some()
    }

    /// The store is open: read the venue staff set, and start the sync
    /// loop with this very store (`hub`: where it syncs; `pack`: the pack
    /// on screen, which the loop follows from then on; `venue`: the
    /// configured one, unless staff renamed it).
    pub fn store_opened(
        &mut self,
        store: Store,
        hub: Option<(&HubConfig, &Path, &Pack)>,
        venue: &str,
    ) -> Task<Message> {
        tracing::info!("store ready");
        self.store = Some(store.clone());
        let sync = match hub {
            Some((hub, data_dir, pack)) => sync::start(sync::SyncSettings {
                hub: hub.clone(),
                data_dir: data_dir.to_path_buf(),
                pack_root: pack.root.clone(),
                pack_version: pack.version.clone(),
                venue: venue.to_string(),
                store: store.clone(),
            }),
            None => Task::none(),
        };
        let venue = Task::perform(
            async move { store.setting(VENUE_SETTING).await.ok().flatten() },
            |venue| venue.map_or(Message::Done, Message::VenueLoaded),
        );
        Task::batch([venue, sync])
    }

    /// News of the sync loop, for staff mode.
    pub fn sync_event(&mut self, event: SyncEvent) {
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
    }

    /// The hub answered the last sync without a problem.
    pub fn hub_reachable(&self) -> bool {
        self.hub_status.last_success.is_some() && self.hub_status.last_error.is_none()
    }

    /// The client that asks the hub whether a phone link's lead arrived.
    pub fn phone_client(
        &mut self,
        hub: &HubConfig,
    ) -> Option<std::sync::Arc<city_core::sync::HubClient>> {
        if self.phone_client.is_none() {
            let client = city_core::sync::HubClient::from_config(hub)
                .map_err(|error| tracing::warn!("phone links: no hub client: {error}"))
                .ok()?;
            self.phone_client = Some(std::sync::Arc::new(client));
        }
        self.phone_client.clone()
    }

    pub fn request_sync(&mut self) {
        if let Some(sender) = &mut self.sync_now {
            let _ = sender.try_send(());
        }
    }

    pub fn pin_checked(&mut self, lock: PinLock) {
        self.pin_lock = lock;
    }

    pub fn save_lead(&self, lead: Lead) -> Task<Message> {
        let saved = |result| Message::Interest(interest::Message::Saved(result));
        let Some(store) = self.store.clone() else {
            tracing::error!("a lead was refused: no store");
            return Task::done(saved(Err("no store".into())));
        };
        Task::perform(
            async move {
                let result = store.save_lead(&lead).await;
                match &result {
                    Ok(()) => {
                        let waiting = store.unsynced_count().await.unwrap_or_default();
                        tracing::info!("lead saved ({waiting} not yet synced)");
                        let _ = store
                            .count_interaction("lead", "given", lead.created_at)
                            .await;
                    }
                    Err(error) => tracing::error!("a lead could not be saved: {error}"),
                }
                result.map_err(|error| error.to_string())
            },
            saved,
        )
    }

    /// Counts an anonymous interaction; failures only cost a number.
    pub fn count(&self, kind: &'static str, key: &str) -> Task<Message> {
        let Some(store) = self.store.clone() else {
            return Task::none();
        };
        let key = key.to_string();
        Task::future(async move {
            let _ = store
                .count_interaction(kind, &key, chrono::Utc::now())
                .await;
        })
        .discard()
    }

    pub fn apply_retention(&self, days: u32) -> Task<Message> {
        let Some(store) = self.store.clone() else {
            return Task::none();
        };
        Task::future(async move {
            match store.apply_retention(days, chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(erased) => {
                    tracing::info!("retention: erased {erased} leads older than {days} days")
                }
                Err(error) => tracing::warn!("retention failed: {error}"),
            }
        })
        .discard()
    }

    /// Staff's figures; `with_hub`: the kiosk syncs, so its status shows.
    pub fn load_overview(&self, with_hub: bool) -> Task<Message> {
        let loaded = |result| Message::Staff(staff::Message::Loaded(result));
        let Some(store) = self.store.clone() else {
            return Task::done(loaded(Err("no store".into())));
        };
        let hub = with_hub.then(|| self.hub_status.clone());
        let today = city_core::leads::today_started_at();
        Task::perform(
            async move {
                let load = async {
                    Ok::<_, city_core::store::StoreError>(staff::Overview {
                        counts: store.lead_counts(today).await?,
                        top_towns: store.top_towns(8).await?,
                        top_themes: store.top_themes(6).await?,
                        hub,
                    })
                };
                load.await.map_err(|error| error.to_string())
            },
            loaded,
        )
    }

    /// Mounted USB drives, then the data folder's exports folder.
    pub fn export_targets(data_dir: &Path) -> Vec<PathBuf> {
        let mut targets = city_core::drives::removable_drives();
        targets.push(city_core::export_folder::exports_dir(data_dir));
        targets
    }

    /// Exports the leads not yet exported to a new CSV file in `target`.
    pub fn export_leads(&self, target: PathBuf, data_dir: &Path, kiosk_id: &str) -> Task<Message> {
        let exported = |result| Message::Staff(staff::Message::Exported(result));
        let Some(store) = self.store.clone() else {
            return Task::done(exported(Err("no store".into())));
        };
        let private = target == city_core::export_folder::exports_dir(data_dir);
        let file = target.join(format!(
            "city-kiosk-leads-{}-{}.csv",
            kiosk_id,
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        ));
        Task::perform(
            async move {
                let export = async {
                    // Personal data: owner-only in the data folder (a USB
                    // stick's FAT has no owners to set).
                    // A new file, never one that is there (a link a stick
                    // planted under the name would lead elsewhere).
                    let handle = if private {
                        city_core::owner_only::create_dir(&target)?;
                        city_core::owner_only::create_new_file(&file)?
                    } else {
                        std::fs::create_dir_all(&target)?;
                        std::fs::OpenOptions::new()
                            .write(true)
                            .create_new(true)
                            .open(&file)?
                    };
                    let out = std::io::BufWriter::new(handle);
                    let (out, summary) = store.export_csv(out, CsvStyle::default(), None).await?;
                    let file_handle = out.into_inner().map_err(|error| error.into_error())?;
                    // On the stick for real before the leads count as exported.
                    file_handle.sync_all()?;
                    store.mark_exported(&summary, chrono::Utc::now()).await?;
                    Ok::<_, anyhow::Error>((summary.leads, file.clone()))
                };
                let result = export.await;
                match &result {
                    Ok((count, file)) => {
                        tracing::info!("staff exported {count} leads to {}", file.display())
                    }
                    Err(error) => {
                        tracing::error!("staff export to {} failed: {error:#}", file.display())
                    }
                }
                result.map_err(|error| format!("{error:#}"))
            },
            exported,
        )
    }

    pub fn erase_exported(&self) -> Task<Message> {
        let erased = |result| Message::Staff(staff::Message::Erased(result));
        let Some(store) = self.store.clone() else {
            return Task::done(erased(Err("no store".into())));
        };
        Task::perform(
            async move {
                let result = store.erase_exported().await;
                if let Ok(count) = &result {
                    tracing::info!("staff erased {count} exported leads");
                }
                result.map_err(|error| error.to_string())
            },
            erased,
        )
    }

    /// Checks a staff PIN against its lock in the store: locked, nothing
    /// is checked; else the try is stored as wrong first (pulling the plug
    /// mid-check gains nothing), then checked with argon2 off the UI
    /// thread, then the outcome stored.
    pub fn check_pin(&self, hash: String, pin: String) -> Task<Message> {
        let store = self.store.clone();
        let in_memory = self.pin_lock.clone();
        Task::perform(
            async move {
                let now = chrono::Utc::now();
                let refuse = |lock: PinLock| {
                    let until = now + chrono::Duration::minutes(1);
                    (lock, PinOutcome::Locked { until })
                };
                let mut lock = match &store {
                    Some(store) => match store.pin_lock().await {
                        Ok(lock) => lock,
                        Err(error) => {
                            tracing::error!("the PIN's lock cannot be read: {error}");
                            return refuse(in_memory);
                        }
                    },
                    None => in_memory,
                };
                if let Some(until) = lock.locked_until(now) {
                    return (lock, PinOutcome::Locked { until });
                }
                if let Some(store) = &store
                    && let Err(error) = store.save_pin_lock(&lock.assuming_wrong(now)).await
                {
                    tracing::error!("the PIN's lock cannot be stored: {error}");
                    return refuse(lock);
                }
                let right =
                    tokio::task::spawn_blocking(move || city_core::staff::pin_matches(&hash, &pin))
                        .await
                        .unwrap_or(false);
                let outcome = lock.record(right, now);
                if let Some(store) = &store
                    && let Err(error) = store.save_pin_lock(&lock).await
                {
                    tracing::error!("the PIN's lock cannot be stored: {error}");
                }
                (lock, outcome)
            },
            |checked| Message::PinChecked(Box::new(checked)),
        )
    }

    /// Keeps the venue staff set across restarts.
    pub fn save_venue(&self, venue: String) -> Task<Message> {
        let Some(store) = self.store.clone() else {
            return Task::none();
        };
        Task::future(async move {
            if let Err(error) = store.set_setting(VENUE_SETTING, &venue).await {
                tracing::warn!("the venue could not be saved: {error}");
            }
        })
        .discard()
    }
}
