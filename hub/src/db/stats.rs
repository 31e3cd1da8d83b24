//! Anonymous counts per kiosk and hour, and the figures the console
//! draws from them.

use city_core::protocol::StatRow;
use sqlx::PgPool;

/// Stores whole counts: a row sent again replaces, never adds. The rows
/// must be checked (each (hour, kind, key) once).
pub async fn upsert(pool: &PgPool, kiosk_id: i64, rows: &[StatRow]) -> sqlx::Result<()> {
    let column = |f: fn(&StatRow) -> String| rows.iter().map(f).collect::<Vec<_>>();
    sqlx::query!(
        "INSERT INTO stats (kiosk_id, hour, kind, key, count) \
         SELECT $1, hour, kind, key, count \
         FROM UNNEST($2::text[], $3::text[], $4::text[], $5::bigint[]) AS t(hour, kind, key, count) \
         ON CONFLICT (kiosk_id, hour, kind, key) DO UPDATE SET count = excluded.count",
        kiosk_id,
        &column(|row| row.hour.clone()),
        &column(|row| row.kind.clone()),
        &column(|row| row.key.clone()),
        &rows.iter().map(|row| row.count).collect::<Vec<_>>()
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// The network's clock: its fairs and offices read days and hours in
/// Central European time (counts are kept per UTC hour).
pub const NETWORK_TIME_ZONE: &str = "Europe/Vienna";

/// A range of whole local days, both included.
#[derive(Debug, Clone, Copy)]
pub struct Days {
    pub first: chrono::NaiveDate,
    pub last: chrono::NaiveDate,
}

/// How counts are summed up.
#[derive(Debug, Clone, Copy)]
pub enum Group {
    /// Per local day, `YYYY-MM-DD`.
    Day,
    /// Per local hour of the day, `00` to `23`, over all days.
    HourOfDay,
    /// Per key (a town, a language).
    Key,
    /// Per kiosk, `name` with its venue.
    Kiosk,
}

/// One figure: what was counted, and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub label: String,
    /// The kiosk's venue, for [`Group::Kiosk`].
    pub venue: Option<String>,
    pub count: i64,
}

/// The counts of `kind` (and `key`, if given) in `days`, summed by `group`.
pub async fn figures(
    pool: &PgPool,
    kind: &str,
    key: Option<&str>,
    days: Days,
    group: Group,
) -> sqlx::Result<Vec<Figure>> {
    let start = days.first.and_hms_opt(0, 0, 0).unwrap_or_default();
    let end = days
        .last
        .succ_opt()
        .unwrap_or(days.last)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let utc_hour = |time: chrono::NaiveDateTime| time.format("%Y-%m-%dT%H").to_string();
    let from_hour = utc_hour(start - chrono::Duration::days(1));
    let to_hour = utc_hour(end + chrono::Duration::days(1));
    // One query per grouping, each checked when compiling: they differ
    // only in the label, the venue and the order. UTC hours a day either
    // side of the range are read, then kept by local time.
    macro_rules! summed_by {
        ($label:tt, $venue:tt, $order:tt) => {
            sqlx::query_as!(
                Figure,
                r#"SELECT "# + $label + r#" AS "label!", "# + $venue + r#" AS venue,
                          SUM(s.count)::bigint AS "count!"
                   FROM (SELECT *, ((hour || ':00:00+00')::timestamptz AT TIME ZONE $1) AS local
                         FROM stats WHERE kind = $2 AND ($3::text IS NULL OR key = $3)
                           AND hour >= $4 AND hour < $5) s
                   JOIN kiosks k ON k.id = s.kiosk_id
                   WHERE s.local >= $6 AND s.local < $7
                   GROUP BY 1, 2 ORDER BY "# + $order,
                NETWORK_TIME_ZONE,
                kind,
                key,
                from_hour,
                to_hour,
                start,
                end
            )
            .fetch_all(pool)
            .await
        };
    }
    match group {
        Group::Day => summed_by!("to_char(local, 'YYYY-MM-DD')", "NULL::text", "1"),
        Group::HourOfDay => summed_by!("to_char(local, 'HH24')", "NULL::text", "1"),
        Group::Key => summed_by!("s.key", "NULL::text", "3 DESC, 1"),
        Group::Kiosk => summed_by!("k.name", "k.venue", "3 DESC, 1"),
    }
}
