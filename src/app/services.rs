//! The kiosk's work with its store, off the UI thread: opening it, saving
//! leads, counting interactions, staff figures, exports, erasure and
//! retention. Every result comes back as a message; nothing here logs a
//! visitor's details.

use std::path::PathBuf;

use city_core::leads::Lead;
use city_core::leads::csv::CsvStyle;
use city_core::staff::{PinLock, PinOutcome};
use city_core::store::Store;
use iced::Task;

use super::{Kiosk, Message};
use crate::screen::{interest, staff};

/// The setting that holds a venue renamed by staff.
const VENUE_SETTING: &str = "venue";

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

impl Kiosk {
    /// Uses a store opened by the caller (tests, tools) as if it had been
    /// opened at start.
    pub fn with_store(mut self, store: Store) -> Kiosk {
        self.store = Some(store);
        self
    }

    pub(super) fn store_ready(&mut self, result: Result<Store, String>) -> Task<Message> {
        match result {
            Ok(store) => {
                tracing::info!("store ready");
                self.store = Some(store.clone());
                Task::perform(
                    async move { store.setting(VENUE_SETTING).await.ok().flatten() },
                    |venue| venue.map_or(Message::Done, Message::VenueLoaded),
                )
            }
            Err(error) => {
                // The kiosk still shows the towns; the form will say it cannot save.
                tracing::error!("the store cannot be opened, leads cannot be taken: {error}");
                Task::none()
            }
        }
    }

    pub(super) fn save_lead(&self, lead: Lead) -> Task<Message> {
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
                        tracing::info!("lead saved");
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
    pub(super) fn count(&self, kind: &'static str, key: &str) -> Task<Message> {
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

    pub(super) fn apply_retention(&self) -> Task<Message> {
        let Some(store) = self.store.clone() else {
            return Task::none();
        };
        let days = self.options.retention_days;
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

    pub(super) fn load_overview(&self) -> Task<Message> {
        let loaded = |result| Message::Staff(staff::Message::Loaded(result));
        let Some(store) = self.store.clone() else {
            return Task::done(loaded(Err("no store".into())));
        };
        let venue = self.venue.clone();
        let hub = self.options.hub.as_ref().map(|_| self.hub_status.clone());
        let today = city_core::leads::today_started_at();
        Task::perform(
            async move {
                let load = async {
                    Ok::<_, city_core::store::StoreError>(staff::Overview {
                        counts: store.lead_counts(today).await?,
                        top_towns: store.top_towns(8).await?,
                        top_themes: store.top_themes(6).await?,
                        venue,
                        hub,
                    })
                };
                load.await.map_err(|error| error.to_string())
            },
            loaded,
        )
    }

    /// Mounted USB drives, then the data folder's exports folder.
    pub(super) fn export_targets(&self) -> Vec<PathBuf> {
        let mut targets = city_core::drives::removable_drives();
        targets.push(city_core::exports::exports_dir(&self.options.data_dir));
        targets
    }

    pub(super) fn export_leads(&self, target: PathBuf) -> Task<Message> {
        let exported = |result| Message::Staff(staff::Message::Exported(result));
        let Some(store) = self.store.clone() else {
            return Task::done(exported(Err("no store".into())));
        };
        let private = target == city_core::exports::exports_dir(&self.options.data_dir);
        let file = target.join(format!(
            "city-kiosk-leads-{}-{}.csv",
            self.options.kiosk_id,
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
                        city_core::private::create_dir(&target)?;
                        city_core::private::create_new_file(&file)?
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

    pub(super) fn erase_exported(&self) -> Task<Message> {
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
    pub(super) fn check_pin(&self, hash: String, pin: String) -> Task<Message> {
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

    pub(super) fn save_venue(&mut self, venue: String) -> Task<Message> {
        self.venue = venue.clone();
        let Some(store) = self.store.clone() else {
            return Task::none();
        };
        let reload = self.load_overview();
        let saved = Task::future(async move {
            if let Err(error) = store.set_setting(VENUE_SETTING, &venue).await {
                tracing::warn!("the venue could not be saved: {error}");
            }
        })
        .discard();
        Task::batch([saved, reload])
    }
}
