//! Leads out of the hub as CSV (the kiosk's columns), streamed row by row
//! from PostgreSQL, so a million leads need no more memory than ten. One
//! path for the admin API and for `city-hub leads export`.

use axum::body::Bytes;
use chrono::{DateTime, NaiveDate, Utc};
use city_core::leads::csv::{CsvStyle, CsvWriter};
use futures_util::{Stream, StreamExt};
use sqlx::Row;

#[derive(Debug, Clone, Default)]
pub struct LeadFilter {
    /// Only leads that asked about this town (a town office's own list).
    pub town: Option<String>,
    /// Only leads given on or after this day (UTC).
    pub since: Option<NaiveDate>,
}

/// Rows gathered before a chunk is handed on.
const CHUNK_BYTES: usize = 64 * 1024;

/// The CSV as a stream of chunks; errors end it (the client sees a cut
/// file rather than a silently short one that looks complete).
pub fn csv_stream(
    pool: sqlx::PgPool,
    filter: LeadFilter,
) -> impl Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::spawn(async move {
        if let Err(error) = write_rows(&pool, &filter, &sender).await {
            tracing::error!("lead export failed: {error}");
            let _ = sender
                .send(Err(std::io::Error::other(error.to_string())))
                .await;
        }
    });
    futures_util::stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    })
}

async fn write_rows(
    pool: &sqlx::PgPool,
    filter: &LeadFilter,
    sender: &tokio::sync::mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> anyhow::Result<()> {
    let since: Option<DateTime<Utc>> = filter
        .since
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|time| time.and_utc());
    let mut csv = CsvWriter::new(Vec::with_capacity(CHUNK_BYTES * 2), CsvStyle::default())?;
    let mut rows = sqlx::query(
        "SELECT id::text, created_at, kiosk_name, venue, language, email, name, country, \
                array_to_string(towns, ','), array_to_string(themes, ','), family, calendar, postal_address, message, \
                consent_version, consent_contact, consent_newsletter \
         FROM leads \
         WHERE ($1::text IS NULL OR towns @> ARRAY[$1::text]) AND ($2::timestamptz IS NULL OR created_at >= $2) \
         ORDER BY created_at, id",
    )
    .bind(&filter.town)
    .bind(since)
    .fetch(pool);
    while let Some(row) = rows.next().await {
        let row = row?;
        let text = |index: usize| row.get::<Option<String>, _>(index).unwrap_or_default();
        let flag = |index: usize| {
            if row.get::<bool, _>(index) {
                "yes"
            } else {
                "no"
            }
            .to_string()
        };
        let created: DateTime<Utc> = row.get(1);
        let fields = [
            text(0),
            city_core::store::timestamp(created),
            text(2),
            text(3),
            text(4),
            text(5),
            text(6),
            text(7),
            text(8),
            text(9),
            flag(10),
            text(11),
            text(12),
            text(13),
            text(14),
            flag(15),
            flag(16),
        ];
        csv.row(fields.iter().map(String::as_str))?;
        if csv.get_mut().len() >= CHUNK_BYTES {
            let chunk = std::mem::replace(csv.get_mut(), Vec::with_capacity(CHUNK_BYTES * 2));
            if sender.send(Ok(Bytes::from(chunk))).await.is_err() {
                return Ok(()); // The client went away.
            }
        }
    }
    let rest = csv.finish()?;
    if !rest.is_empty() {
        let _ = sender.send(Ok(Bytes::from(rest))).await;
    }
    Ok(())
}
