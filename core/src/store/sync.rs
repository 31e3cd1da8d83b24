//! The anonymous counts the sync client sends, and what the hub holds.

use super::{Store, StoreError};
use crate::protocol::StatRow;

impl Store {
    /// Leads given here and not yet acknowledged by the hub.
    pub async fn unsynced_count(&self) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar!(
            r#"SELECT COUNT(*) AS "count!: i64" FROM leads WHERE synced_at IS NULL"#
        )
        .fetch_one(&self.pool)
        .await?)
    }

    /// Hourly counts that grew since they were last sent.
    pub async fn unsent_stats(&self, limit: i64) -> Result<Vec<StatRow>, StoreError> {
        Ok(sqlx::query_as!(
            StatRow,
            "SELECT hour, kind, key, count FROM interactions WHERE count > sent_count \
             ORDER BY hour LIMIT ?",
            limit
        )
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records that the hub holds these counts (or that they were dropped).
    pub async fn mark_stats_sent(&self, rows: &[StatRow]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for row in rows {
            sqlx::query!(
                "UPDATE interactions SET sent_count = ? \
                 WHERE hour = ? AND kind = ? AND key = ? AND sent_count < ?",
                row.count,
                row.hour,
                row.kind,
                row.key,
                row.count
            )
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}
