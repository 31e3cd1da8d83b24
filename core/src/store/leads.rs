//! Leads in the store: taken, read back, marked synced, erased.
//!
//! A lead is read back in one way only: the view `lead_rows` (a
//! migration) holds each row as a JSON object with named fields, which
//! becomes a [`StoredLead`] and then the typed [`Lead`]; exports and the
//! sync both use it. A page of rows comes back as one JSON array
//! ([`decode_page`]).

use chrono::{DateTime, Utc};
use serde::Deserialize;
use uuid::Uuid;

use super::{Store, StoreError, timestamp};
use crate::hash::Sha256;
use crate::leads::{Lead, LeadRecord, fold_email};
use crate::protocol::email_hash;

/// A lead as the view `lead_rows` gives it: the kiosk's own row type,
/// apart from the wire's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct StoredLead {
    pub seq: i64,
    kiosk_id: String,
    id: Uuid,
    created_at: DateTime<Utc>,
    venue: String,
    language: String,
    email: String,
    name: Option<String>,
    country: Option<String>,
    towns: Vec<String>,
    themes: Vec<String>,
    family: bool,
    calendar: Option<String>,
    postal_address: Option<String>,
    message: Option<String>,
    consent_version: String,
    consent_contact: bool,
    consent_newsletter: bool,
}

impl StoredLead {
    pub fn into_lead(self) -> Result<Lead, StoreError> {
        let record = LeadRecord {
            id: self.id,
            created_at: self.created_at,
            venue: self.venue,
            language: self.language,
            email: self.email,
            name: self.name,
            country: self.country,
            towns: self.towns,
            themes: self.themes,
            family: self.family,
            calendar: self.calendar,
            postal_address: self.postal_address,
            message: self.message,
            consent_version: self.consent_version,
            consent_contact: self.consent_contact,
            consent_newsletter: self.consent_newsletter,
        };
        Lead::from_record(record, &self.kiosk_id)
            .map_err(|error| StoreError::Corrupt(format!("a stored lead: {error}")))
    }
}

/// A page of leads, the JSON array a query of `lead_rows` made.
pub(super) fn decode_page(json: String) -> Result<Vec<StoredLead>, StoreError> {
    serde_json::from_str(&json)
        .map_err(|error| StoreError::Corrupt(format!("a stored lead: {error}")))
}

async fn insert_lead(tx: &mut sqlx::SqliteConnection, lead: &Lead) -> Result<(), StoreError> {
    let id = lead.id.to_string();
    let created_at = timestamp(lead.created_at);
    let language = lead.language.code();
    let email = lead.email.as_str();
    let calendar = lead.calendar.map(|by| by.key());
    sqlx::query!(
        "INSERT INTO leads (id, kiosk_id, venue, created_at, language, email, name, country, family, \
         calendar, postal_address, message, consent_version, consent_contact, consent_newsletter) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        lead.kiosk_id,
        lead.venue,
        created_at,
        language,
        email,
        lead.name,
        lead.country,
        lead.family,
        calendar,
        lead.postal_address,
        lead.message,
        lead.consent_version,
        lead.consent_contact,
        lead.consent_newsletter
    )
    .execute(&mut *tx)
    .await?;
    for town in &lead.towns {
        sqlx::query!(
            "INSERT INTO lead_towns (lead_id, town_id) VALUES (?, ?)",
            id,
            town
        )
        .execute(&mut *tx)
        .await?;
    }
    for theme in &lead.themes {
        let theme = theme.key();
        sqlx::query!(
            "INSERT INTO lead_themes (lead_id, theme) VALUES (?, ?)",
            id,
            theme
        )
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
        let json = sqlx::query_scalar!(
            r#"SELECT json_group_array(json(row)) AS "page!: String" FROM
             (SELECT row FROM lead_rows WHERE synced_at IS NULL AND seq > ? ORDER BY seq LIMIT ?)"#,
            after_seq,
            limit
        )
        .fetch_one(&self.pool)
        .await?;
        decode_page(json)?
            .into_iter()
            .map(|row| Ok((row.seq, row.into_lead()?)))
            .collect()
    }

    /// Every lead, oldest first (for checks and tools).
    pub async fn leads(&self) -> Result<Vec<Lead>, StoreError> {
        let json = sqlx::query_scalar!(
            r#"SELECT json_group_array(json(row)) AS "page!: String" FROM (SELECT row FROM lead_rows ORDER BY seq)"#
        )
        .fetch_one(&self.pool)
        .await?;
        decode_page(json)?
            .into_iter()
            .map(StoredLead::into_lead)
            .collect()
    }

    /// The ids of all leads, oldest first (for tests and checks).
    pub async fn lead_ids(&self) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar!("SELECT id FROM leads ORDER BY seq")
            .fetch_all(&self.pool)
            .await?)
    }

    /// Marks leads as acknowledged by the hub.
    pub async fn mark_synced(&self, ids: &[Uuid], at: DateTime<Utc>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let at = timestamp(at);
        for id in ids {
            let id = id.to_string();
            sqlx::query!("UPDATE leads SET synced_at = ? WHERE id = ?", at, id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The towns asked about most, with their counts.
    pub async fn top_towns(&self, limit: i64) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query!(
            "SELECT town_id, COUNT(*) AS n FROM lead_towns GROUP BY town_id ORDER BY n DESC, town_id LIMIT ?",
            limit
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|row| (row.town_id, row.n)).collect())
    }

    /// The themes asked about most, with their counts.
    pub async fn top_themes(&self, limit: i64) -> Result<Vec<(String, i64)>, StoreError> {
        let rows = sqlx::query!(
            "SELECT theme, COUNT(*) AS n FROM lead_themes GROUP BY theme ORDER BY n DESC, theme LIMIT ?",
            limit
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|row| (row.theme, row.n)).collect())
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
        let emails = sqlx::query_scalar!("SELECT DISTINCT email FROM leads")
            .fetch_all(&self.pool)
            .await?;
        let mut tx = self.pool.begin().await?;
        let mut erased = 0;
        for email in emails.iter().filter(|email| matches(email)) {
            erased += sqlx::query!("DELETE FROM leads WHERE email = ?", email)
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
        let result = sqlx::query!("DELETE FROM leads WHERE exported_at IS NOT NULL")
            .execute(&self.pool)
            .await?;
        self.flush_log().await?;
        Ok(result.rows_affected())
    }

    /// Erases leads older than `days` that are safe elsewhere (synced to the
    /// hub or exported); a lead only on this kiosk is never erased by age.
    pub async fn apply_retention(&self, days: u32, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let cutoff = now - chrono::Duration::days(i64::from(days));
        let cutoff = timestamp(cutoff);
        let result = sqlx::query!(
            "DELETE FROM leads WHERE created_at < ? AND (synced_at IS NOT NULL OR exported_at IS NOT NULL)",
            cutoff
        )
        .execute(&self.pool)
        .await?;
        if result.rows_affected() > 0 {
            self.flush_log().await?;
        }
        Ok(result.rows_affected())
    }
}
