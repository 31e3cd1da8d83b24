//! Leads out of the hub as CSV (the kiosk's columns, then when the visitor
//! confirmed the newsletter), streamed row by row from PostgreSQL, so a
//! million leads need no more memory than ten. One path for the admin API,
//! the console and `city-hub leads export`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use city_core::leads::csv::{CsvStyle, CsvWriter, HEADER, row_values};
use city_core::leads::timestamp;
use futures_util::{Stream, StreamExt};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

pub use crate::db::leads::LeadFilter;

/// The hub's column after the kiosk's: when the visitor confirmed the
/// newsletter by their mail's link (empty while pending or never asked).
pub const NEWSLETTER_CONFIRMED: &str = "newsletter_confirmed_at";

/// Rows gathered before a chunk is handed on.
const CHUNK_BYTES: usize = 64 * 1024;

/// Who runs an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExportHolder {
    ConsoleUser(i64),
    AdminToken(i64),
}

/// The exports the hub runs at once, and how many of them one holder may
/// run: half of them (at least one), so that no one takes every slot.
pub struct ExportSlots {
    free: Arc<Semaphore>,
    per_holder: usize,
    held: Arc<Mutex<HashMap<ExportHolder, usize>>>,
}

/// Every slot is taken, or every slot its holder may have.
#[derive(Debug, thiserror::Error)]
#[error("too many lead exports are running; try again shortly")]
pub struct ExportsBusy;

impl ExportSlots {
    pub fn new(total: usize) -> ExportSlots {
        ExportSlots {
            free: Arc::new(Semaphore::new(total)),
            per_holder: (total / 2).max(1),
            held: Arc::default(),
        }
    }

    /// A slot for `holder`, held until the export ends; none when the hub
    /// or this holder runs as many as it may.
    pub fn try_take(&self, holder: ExportHolder) -> Result<ExportSlot, ExportsBusy> {
        let mut held = self
            .held
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = held.entry(holder).or_default();
        if *count >= self.per_holder {
            return Err(ExportsBusy);
        }
        let permit = self
            .free
            .clone()
            .try_acquire_owned()
            .map_err(|_| ExportsBusy)?;
        *count += 1;
        Ok(ExportSlot {
            _permit: permit,
            holder,
            held: self.held.clone(),
        })
    }
}

/// One running export's slot; given back when dropped.
pub struct ExportSlot {
    _permit: OwnedSemaphorePermit,
    holder: ExportHolder,
    held: Arc<Mutex<HashMap<ExportHolder, usize>>>,
}

impl Drop for ExportSlot {
    fn drop(&mut self) {
        let mut held = self
            .held
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = held.get_mut(&self.holder) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                held.remove(&self.holder);
            }
        }
    }
}

/// How an export is sent.
pub struct ExportLimits {
    /// A reader that takes no chunk for this long is dropped, and with it
    /// the export's database connection.
    pub send_timeout: Option<Duration>,
    /// Held until the export ends: the hub runs only so many at once.
    pub slot: Option<ExportSlot>,
}

/// The CSV as a stream of chunks; errors end it (the client sees a cut
/// file rather than a silently short one that looks complete).
pub fn csv_stream(
    pool: sqlx::PgPool,
    filter: LeadFilter,
    limits: ExportLimits,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::spawn(async move {
        let _slot = limits.slot;
        if let Err(error) = write_rows(&pool, &filter, &sender, limits.send_timeout).await {
            tracing::error!("lead export failed: {error:#}");
            let _ = sender
                .send(Err(std::io::Error::other(error.to_string())))
                .await;
        }
    });
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    })
}

/// Hands a chunk on; false when the reader is gone or too slow.
async fn hand_on(
    sender: &tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    chunk: Vec<u8>,
    send_timeout: Option<Duration>,
) -> bool {
    let send = sender.send(Ok(Bytes::from(chunk)));
    match send_timeout {
        Some(limit) => match tokio::time::timeout(limit, send).await {
            Ok(result) => result.is_ok(),
            Err(_) => {
                tracing::warn!("lead export dropped: the client read nothing for {limit:?}");
                false
            }
        },
        None => send.await.is_ok(),
    }
}

async fn write_rows(
    pool: &sqlx::PgPool,
    filter: &LeadFilter,
    sender: &tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
    send_timeout: Option<Duration>,
) -> anyhow::Result<()> {
    let header: Vec<&str> = HEADER
        .iter()
        .copied()
        .chain([NEWSLETTER_CONFIRMED])
        .collect();
    let mut csv = CsvWriter::with_header(
        Vec::with_capacity(CHUNK_BYTES * 2),
        CsvStyle::default(),
        &header,
    )?;
    let mut query = crate::db::leads::OldestFirst::new(filter);
    let mut leads = std::pin::pin!(query.stream(pool));
    while let Some(lead) = leads.next().await {
        let (lead, confirmed_at) = lead?;
        let confirmed_at = confirmed_at.map(timestamp).unwrap_or_default();
        let fields = row_values(&lead);
        csv.row(
            fields
                .iter()
                .map(String::as_str)
                .chain([confirmed_at.as_str()]),
        )?;
        if csv.get_mut().len() >= CHUNK_BYTES {
            let chunk = std::mem::replace(csv.get_mut(), Vec::with_capacity(CHUNK_BYTES * 2));
            if !hand_on(sender, chunk, send_timeout).await {
                return Ok(()); // The client went away.
            }
        }
    }
    let rest = csv.finish()?;
    if !rest.is_empty() {
        hand_on(sender, rest, send_timeout).await;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_one_holds_every_export_slot_and_slots_come_back() {
        let slots = ExportSlots::new(4);
        let ana = ExportHolder::ConsoleUser(1);
        let first = slots.try_take(ana).unwrap();
        let _second = slots.try_take(ana).unwrap();
        assert!(slots.try_take(ana).is_err(), "half of the slots at most");
        let bea = ExportHolder::AdminToken(1);
        let _third = slots.try_take(bea).unwrap();
        let _fourth = slots.try_take(bea).unwrap();
        assert!(
            slots.try_take(ExportHolder::ConsoleUser(2)).is_err(),
            "all taken"
        );
        drop(first);
        assert!(slots.try_take(ana).is_ok(), "given back");
        let one = ExportSlots::new(1);
        let _only = one.try_take(ana).unwrap();
        assert!(one.try_take(bea).is_err());
    }
}
