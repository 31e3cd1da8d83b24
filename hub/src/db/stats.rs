//! Anonymous counts per kiosk and hour.

use city_core::protocol::StatRow;
use sqlx::PgPool;

/// Stores whole counts: a row sent again replaces, never adds. The rows
/// must be checked (each (hour, kind, key) once).
pub async fn upsert(pool: &PgPool, kiosk_id: i64, rows: &[StatRow]) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO stats (kiosk_id, hour, kind, key, count) \
         SELECT $1, hour, kind, key, count \
         FROM UNNEST($2::text[], $3::text[], $4::text[], $5::bigint[]) AS t(hour, kind, key, count) \
         ON CONFLICT (kiosk_id, hour, kind, key) DO UPDATE SET count = excluded.count",
    )
    .bind(kiosk_id)
    .bind(rows.iter().map(|row| row.hour.clone()).collect::<Vec<_>>())
    .bind(rows.iter().map(|row| row.kind.clone()).collect::<Vec<_>>())
    .bind(rows.iter().map(|row| row.key.clone()).collect::<Vec<_>>())
    .bind(rows.iter().map(|row| row.count).collect::<Vec<_>>())
    .execute(pool)
    .await?;
    Ok(())
}
