//! Leads out of the hub as CSV (the kiosk's columns, then when the visitor
//! confirmed the newsletter), streamed row by row from PostgreSQL, so a
//! million leads need no more memory than ten. One path for the admin API,
//! the console and `city-hub leads export`.

use std::time::Duration;

use axum::body::Bytes;
use city_core::leads::csv::{CsvStyle, CsvWriter, HEADER, lead_fields};
use city_core::leads::timestamp;
use futures_util::{Stream, StreamExt};
use tokio::sync::OwnedSemaphorePermit;

pub use crate::db::leads::LeadFilter;

/// The hub's column after the kiosk's: when the visitor confirmed the
/// newsletter by their mail's link (empty while pending or never asked).
pub const NEWSLETTER_CONFIRMED: &str = "newsletter_confirmed_at";

/// Rows gathered before a chunk is handed on.
const CHUNK_BYTES: usize = 64 * 1024;

/// How an export is sent.
pub struct ExportLimits {
    /// A reader that takes no chunk for this long is dropped, and with it
    /// the export's database connection.
    pub send_timeout: Option<Duration>,
    /// Held until the export ends: the hub runs only so many at once.
    pub permit: Option<OwnedSemaphorePermit>,
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
        let _permit = limits.permit;
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
        let fields = lead_fields(&lead);
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
