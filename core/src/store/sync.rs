//! What the sync client reads from and records in the store.

use sqlx::Row;
use uuid::Uuid;

use super::{Store, StoreError};
use crate::protocol::{LeadWire, StatRow, email_hash};

impl Store {
    /// Leads not yet acknowledged by the hub, oldest first.
    pub async fn unsynced_leads(&self, limit: i64) -> Result<Vec<LeadWire>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, created_at, venue, language, email, name, country, family, calendar, postal_address, message, \
                    consent_version, consent_contact, consent_newsletter, \
                    (SELECT group_concat(town_id, ',') FROM lead_towns WHERE lead_id = leads.id), \
                    (SELECT group_concat(theme, ',') FROM lead_themes WHERE lead_id = leads.id) \
             FROM leads WHERE synced_at IS NULL ORDER BY seq LIMIT ?",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        let split = |text: Option<String>| -> Vec<String> {
            text.map(|text| text.split(',').map(str::to_string).collect())
                .unwrap_or_default()
        };
        rows.into_iter()
            .map(|row| {
                let id: String = row.get(0);
                let created: String = row.get(1);
                Ok(LeadWire {
                    id: Uuid::parse_str(&id).map_err(|error| sqlx::Error::Decode(error.into()))?,
                    created_at: chrono::DateTime::parse_from_rfc3339(&created)
                        .map_err(|error| sqlx::Error::Decode(error.into()))?
                        .to_utc(),
                    venue: row.get(2),
                    language: row.get(3),
                    email: row.get(4),
                    name: row.get(5),
                    country: row.get(6),
                    family: row.get(7),
                    calendar: row.get(8),
                    postal_address: row.get(9),
                    message: row.get(10),
                    consent_version: row.get(11),
                    consent_contact: row.get(12),
                    consent_newsletter: row.get(13),
                    towns: split(row.get(14)),
                    themes: split(row.get(15)),
                })
            })
            .collect()
    }

    /// Leads given here and not yet acknowledged by the hub.
    pub async fn unsynced_count(&self) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM leads WHERE synced_at IS NULL")
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Hourly counts that grew since they were last sent.
    pub async fn unsent_stats(&self, limit: i64) -> Result<Vec<StatRow>, StoreError> {
        let rows = sqlx::query("SELECT hour, kind, key, count FROM interactions WHERE count > sent_count ORDER BY hour LIMIT ?")
            .bind(limit)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .iter()
            .map(|row| StatRow {
                hour: row.get(0),
                kind: row.get(1),
                key: row.get(2),
                count: row.get(3),
            })
            .collect())
    }

    /// Records that the hub holds these counts.
    pub async fn mark_stats_sent(&self, rows: &[StatRow]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for row in rows {
            sqlx::query("UPDATE interactions SET sent_count = ? WHERE hour = ? AND kind = ? AND key = ? AND sent_count < ?")
                .bind(row.count)
                .bind(&row.hour)
                .bind(&row.kind)
                .bind(&row.key)
                .bind(row.count)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Erases the leads of an address known only by its hash (an erasure
    /// made on the hub); returns how many.
    pub async fn erase_email_hash(&self, hash: &str) -> Result<u64, StoreError> {
        let emails: Vec<String> = sqlx::query_scalar("SELECT DISTINCT email FROM leads")
            .fetch_all(&self.pool)
            .await?;
        let mut erased = 0;
        for email in emails.iter().filter(|email| email_hash(email) == hash) {
            erased += self.erase_email(email).await?;
        }
        Ok(erased)
    }
}
