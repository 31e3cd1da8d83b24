//! Leads of every kiosk, each exactly once, and erasures to pass on.

use chrono::{DateTime, Utc};
use city_core::hash::Sha256;
use city_core::leads::{Lead, LeadWire, fold_email};
use city_core::protocol::{Erasure, email_hash};
use futures_util::{Stream, StreamExt};
use sqlx::PgPool;
use uuid::Uuid;

/// What the hub holds of a batch's ids after storing it.
#[derive(Debug, Default)]
pub struct Stored {
    /// Held for the kiosk that sent them (new, or sent before).
    pub ours: Vec<Uuid>,
    /// Held for another kiosk: never acknowledged to this one.
    pub theirs: Vec<Uuid>,
}

/// Inserts checked leads of one kiosk in one statement; a lead already
/// there (a retried or replayed batch) is left as it is, so each lead
/// exists exactly once.
pub async fn insert(
    pool: &PgPool,
    kiosk_id: i64,
    kiosk_name: &str,
    leads: &[Lead],
) -> sqlx::Result<Stored> {
    let text = |f: fn(&Lead) -> String| leads.iter().map(f).collect::<Vec<_>>();
    let optional = |f: fn(&Lead) -> Option<String>| leads.iter().map(f).collect::<Vec<_>>();
    let flag = |f: fn(&Lead) -> bool| leads.iter().map(f).collect::<Vec<_>>();
    // Arrays of arrays must be rectangular in PostgreSQL: towns and themes
    // travel as comma-joined text (ids hold no commas) and are split in SQL.
    sqlx::query(
        "INSERT INTO leads (id, kiosk_id, kiosk_name, venue, created_at, language, email, email_fold, \
                            name, country, towns, themes, family, calendar, postal_address, message, \
                            consent_version, consent_contact, consent_newsletter) \
         SELECT id, $2, $3, venue, created_at, language, email, email_fold, name, country, \
                string_to_array(towns, ','), string_to_array(themes, ','), \
                family, calendar, postal_address, message, consent_version, consent_contact, consent_newsletter \
         FROM UNNEST($1::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], \
                     $9::text[], $10::text[], $11::text[], $12::text[], $13::bool[], $14::text[], \
                     $15::text[], $16::text[], $17::text[], $18::bool[], $19::bool[]) \
              AS t(id, venue, created_at, language, email, email_fold, name, country, towns, themes, \
                   family, calendar, postal_address, message, consent_version, consent_contact, \
                   consent_newsletter) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(leads.iter().map(|lead| lead.id).collect::<Vec<_>>())
    .bind(kiosk_id)
    .bind(kiosk_name)
    .bind(text(|lead| lead.venue.clone()))
    .bind(leads.iter().map(|lead| lead.created_at).collect::<Vec<_>>())
    .bind(text(|lead| lead.language.code().to_string()))
    .bind(text(|lead| lead.email.as_str().to_string()))
    .bind(text(|lead| fold_email(lead.email.as_str())))
    .bind(optional(|lead| lead.name.clone()))
    .bind(optional(|lead| lead.country.clone()))
    .bind(text(|lead| lead.towns.join(",")))
    .bind(text(|lead| {
        lead.themes
            .iter()
            .map(|theme| theme.key())
            .collect::<Vec<_>>()
            .join(",")
    }))
    .bind(flag(|lead| lead.family))
    .bind(optional(|lead| lead.calendar.map(|by| by.key().to_string())))
    .bind(optional(|lead| lead.postal_address.clone()))
    .bind(optional(|lead| lead.message.clone()))
    .bind(text(|lead| lead.consent_version.clone()))
    .bind(flag(|lead| lead.consent_contact))
    .bind(flag(|lead| lead.consent_newsletter))
    .execute(pool)
    .await?;

    let owners: Vec<(Uuid, i64)> =
        sqlx::query_as("SELECT id, kiosk_id FROM leads WHERE id = ANY($1)")
            .bind(leads.iter().map(|lead| lead.id).collect::<Vec<_>>())
            .fetch_all(pool)
            .await?;
    let mut stored = Stored::default();
    for (id, owner) in owners {
        if owner == kiosk_id {
            stored.ours.push(id);
        } else {
            stored.theirs.push(id);
        }
    }
    Ok(stored)
}

/// A lead row as the hub keeps it: the wire lead's columns and the kiosk.
#[derive(sqlx::FromRow)]
struct LeadRow {
    kiosk_name: String,
    #[sqlx(flatten)]
    lead: LeadWire,
}

impl LeadRow {
    fn into_lead(self) -> anyhow::Result<Lead> {
        let id = self.lead.id;
        Lead::from_record(self.lead, &self.kiosk_name)
            .map_err(|error| anyhow::anyhow!("stored lead {id}: {error}"))
    }
}

#[derive(Debug, Clone, Default)]
pub struct LeadFilter {
    /// Only leads that asked about this town (a town office's own list).
    pub town: Option<String>,
    /// Only leads given at or after this time.
    pub since: Option<DateTime<Utc>>,
}

/// Leads matching `filter`, oldest first, streamed from the database.
pub fn stream<'a>(
    pool: &'a PgPool,
    filter: &'a LeadFilter,
) -> impl Stream<Item = anyhow::Result<Lead>> + Send + 'a {
    sqlx::query_as::<_, LeadRow>(
        "SELECT id, kiosk_name, venue, created_at, language, email, name, country, towns, themes, \
                family, calendar, postal_address, message, consent_version, consent_contact, \
                consent_newsletter \
         FROM leads \
         WHERE ($1::text IS NULL OR towns @> ARRAY[$1::text]) \
           AND ($2::timestamptz IS NULL OR created_at >= $2) \
         ORDER BY created_at, id",
    )
    .bind(&filter.town)
    .bind(filter.since)
    .fetch(pool)
    .map(|row| {
        row.map_err(anyhow::Error::from)
            .and_then(LeadRow::into_lead)
    })
}

/// Erases every lead of an address (compared Unicode-folded) and records
/// the erasure for the kiosks; returns how many leads went.
pub async fn erase(pool: &PgPool, email: &str) -> sqlx::Result<u64> {
    let mut tx = pool.begin().await?;
    let erased = sqlx::query("DELETE FROM leads WHERE email_fold = $1")
        .bind(fold_email(email))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    sqlx::query("INSERT INTO erasures (email_sha256) VALUES ($1)")
        .bind(email_hash(email).to_hex())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(erased)
}

#[derive(sqlx::FromRow)]
struct ErasureRow {
    id: i64,
    email_sha256: String,
}

/// Erasures after the one a kiosk has seen, oldest first.
pub async fn erasures_after(pool: &PgPool, seen: i64) -> anyhow::Result<Vec<Erasure>> {
    let rows: Vec<ErasureRow> = sqlx::query_as(
        "SELECT id, email_sha256 FROM erasures WHERE id > $1 ORDER BY id LIMIT 1000",
    )
    .bind(seen)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Erasure {
                id: row.id,
                email_sha256: Sha256::parse(&row.email_sha256)?,
            })
        })
        .collect()
}
