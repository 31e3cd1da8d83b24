//! Leads in the store: taken, read back, marked synced, erased.
//!
//! A lead is read back in one way only: SQLite builds each row as a JSON
//! object with named fields ([`LEAD_JSON`]), which becomes a [`LeadWire`]
//! and then the typed [`Lead`]; exports and the sync both use it. (A page
//! of rows comes back as one JSON value: sqlx hands SQLite's rows over one
//! by one between threads, which for 100,000 small rows costs more than
//! the query itself.)

use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::{Store, StoreError, timestamp};
use crate::hash::Sha256;
use crate::leads::{Lead, LeadWire, fold_email};
use crate::protocol::email_hash;

/// One row of `leads` as a JSON object with a [`StoredLead`]'s fields.
pub(super) const LEAD_JSON: &str = "json_object(\
    'seq', seq, 'kiosk_id', kiosk_id, 'lead', json_object(\
        'id', id, 'created_at', created_at, 'venue', venue, 'language', language, \
        'email', email, 'name', name, 'country', country, \
        'towns', json((SELECT json_group_array(town_id) FROM lead_towns WHERE lead_id = leads.id)), \
        'themes', json((SELECT json_group_array(theme) FROM lead_themes WHERE lead_id = leads.id)), \
        'family', json(CASE WHEN family THEN 'true' ELSE 'false' END), \
        'calendar', calendar, 'postal_address', postal_address, 'message', message, \
        'consent_version', consent_version, \
        'consent_contact', json(CASE WHEN consent_contact THEN 'true' ELSE 'false' END), \
        'consent_newsletter', json(CASE WHEN consent_newsletter THEN 'true' ELSE 'false' END)))";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StoredLead {
    pub seq: i64,
    kiosk_id: String,
    lead: LeadWire,
}

impl StoredLead {
    pub fn into_lead(self) -> Result<Lead, StoreError> {
        Lead::from_record(self.lead, &self.kiosk_id)
            .map_err(|error| StoreError::Corrupt(format!("a stored lead: {error}")))
    }
}

/// The query of a page of leads, one JSON array, from `rows_sql` that
/// selects `LEAD_JSON AS row`.
pub(super) fn page_query(rows_sql: &str) -> String {
    format!("SELECT json_group_array(json(row)) FROM ({rows_sql})")
}

pub(super) fn decode_page(json: Option<String>) -> Result<Vec<StoredLead>, StoreError> {
    serde_json::from_str(json.as_deref().unwrap_or("[]"))
        .map_err(|error| StoreError::Corrupt(format!("a stored lead: {error}")))
}

async fn insert_lead(tx: &mut sqlx::SqliteConnection, lead: &Lead) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO leads (id, kiosk_id, venue, created_at, language, email, name, country, family, \
         calendar, postal_address, message, consent_version, consent_contact, consent_newsletter) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(lead.id.to_string())
    .bind(&lead.kiosk_id)
    .bind(&lead.venue)
    .bind(timestamp(lead.created_at))
    .bind(lead.language.code())
    .bind(lead.email.as_str())
    .bind(&lead.name)
    .bind(&lead.country)
    .bind(lead.family)
    .bind(lead.calendar.map(|by| by.key()))
    .bind(&lead.postal_address)
    .bind(&lead.message)
    .bind(&lead.consent_version)
    .bind(lead.consent_contact)
    .bind(lead.consent_newsletter)
    .execute(&mut *tx)
    .await?;
    for town in &lead.towns {
        sqlx::query("INSERT INTO lead_towns (lead_id, town_id) VALUES (?, ?)")
            .bind(lead.id.to_string())
            .bind(town)
            .execute(&mut *tx)
            .await?;
    }
    for theme in &lead.themes {
        sqlx::query("INSERT INTO lead_themes (lead_id, theme) VALUES (?, ?)")
            .bind(lead.id.to_string())
            .bind(theme.key())
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

impl Store {
    /// Stores a lead; on `Ok` it is on disk.
    pub async fn save_lead(&self, lead: &Lead) -> Result<(), StoreError> {
        self.save_leads(std::slice::from_ref(lead)).await
    }

    /// Stores leads in one transaction: all or none; on `Ok` they are on disk.
    pub async fn save_leads(&self, leads: &[Lead]) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for lead in leads {
            insert_lead(&mut tx, lead).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Leads not yet acknowledged by the hub that arrived after `after_seq`,
    /// oldest first, with their place in the order of arrival.
    pub async fn unsynced_leads_after(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<(i64, Lead)>, StoreError> {
        let sql = page_query(&format!(
            "SELECT {LEAD_JSON} AS row FROM leads \
             WHERE synced_at IS NULL AND seq > ? ORDER BY seq LIMIT ?"
        ));
        let json = sqlx::query_scalar(&sql)
            .bind(after_seq)
            .bind(limit)
            .fetch_one(&self.pool)
            .await?;
        decode_page(json)?
            .into_iter()
            .map(|row| Ok((row.seq, row.into_lead()?)))
            .collect()
    }

    /// Every lead, oldest first (for checks and tools).
    pub async fn leads(&self) -> Result<Vec<Lead>, StoreError> {
        let sql = page_query(&format!(
            "SELECT {LEAD_JSON} AS row FROM leads ORDER BY seq"
        ));
        let json = sqlx::query_scalar(&sql).fetch_one(&self.pool).await?;
        decode_page(json)?
            .into_iter()
            .map(StoredLead::into_lead)
            .collect()
    }

    /// The ids of all leads, oldest first (for tests and checks).
    pub async fn lead_ids(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar("SELECT id FROM leads ORDER BY seq")
            .fetch_all(&self.pool)
            .await?)
    }

    /// Marks leads as acknowledged by the hub.
    pub async fn mark_synced(&self, ids: &[Uuid], at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        for id in ids {
            sqlx::query("UPDATE leads SET synced_at = ? WHERE id = ?")
                .bind(timestamp(at))
                .bind(id.to_string())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The towns asked about most, with their counts.
    pub async fn top_towns(&self, limit: i64) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT town_id, COUNT(*) AS n FROM lead_towns GROUP BY town_id ORDER BY n DESC, town_id LIMIT ?",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The themes asked about most, with their counts.
    pub async fn top_themes(&self, limit: i64) -> Result<Vec<(String, i64)>, StoreError> {
        Ok(sqlx::query_as(
            "SELECT theme, COUNT(*) AS n FROM lead_themes GROUP BY theme ORDER BY n DESC, theme LIMIT ?",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Erases every lead of an address, in any case of any alphabet (the
    /// right to erasure); returns how many. Afterwards the address is in
    /// no file of the store: erased rows are overwritten and the log is
    /// emptied.
    pub async fn erase_email(&self, email: &str) -> Result<u64, StoreError> {
        let folded = fold_email(email);
        self.erase_emails_where(|stored| fold_email(stored) == folded)
            .await
    }

    /// Erases the leads of addresses known only by their hashes (erasures
    /// made on the hub); returns how many.
    pub async fn erase_email_hashes(
        &self,
        hashes: &std::collections::BTreeSet<Sha256>,
    ) -> Result<u64, StoreError> {
        self.erase_emails_where(|stored| hashes.contains(&email_hash(stored)))
            .await
    }

    async fn erase_emails_where(&self, matches: impl Fn(&str) -> bool) -> Result<u64, StoreError> {
        // SQLite's lower() knows only ASCII: the comparison is made here.
        let emails: Vec<String> = sqlx::query_scalar("SELECT DISTINCT email FROM leads")
            .fetch_all(&self.pool)
            .await?;
        let mut tx = self.pool.begin().await?;
        let mut erased = 0;
        for email in emails.iter().filter(|email| matches(email)) {
            erased += sqlx::query("DELETE FROM leads WHERE email = ?")
                .bind(email)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        if erased > 0 {
            self.flush_log().await?;
        }
        Ok(erased)
    }

    /// Erases leads that staff have exported (after they confirmed).
    pub async fn erase_exported(&self) -> Result<u64, StoreError> {
        let result = sqlx::query("DELETE FROM leads WHERE exported_at IS NOT NULL")
            .execute(&self.pool)
            .await?;
        self.flush_log().await?;
        Ok(result.rows_affected())
    }

    /// Erases leads older than `days` that are safe elsewhere (synced to the
    /// hub or exported); a lead only on this kiosk is never erased by age.
    pub async fn apply_retention(&self, days: u32, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let cutoff = now - chrono::Duration::days(i64::from(days));
        let result = sqlx::query(
            "DELETE FROM leads WHERE created_at < ? AND (synced_at IS NOT NULL OR exported_at IS NOT NULL)",
        )
        .bind(timestamp(cutoff))
        .execute(&self.pool)
        .await?;
        if result.rows_affected() > 0 {
            self.flush_log().await?;
        }
        Ok(result.rows_affected())
    }
}
