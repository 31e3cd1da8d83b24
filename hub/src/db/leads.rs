//! Leads of every kiosk, each exactly once, and erasures to pass on.

use std::sync::LazyLock;

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
    /// Only leads given before this time.
    pub until: Option<DateTime<Utc>>,
    /// Only leads given at this venue.
    pub venue: Option<String>,
    /// Only leads interested in this theme.
    pub theme: Option<String>,
    /// Only leads given in this language.
    pub language: Option<String>,
    /// Only leads that agreed to the newsletter.
    pub newsletter: bool,
}

/// The columns of a lead row, and the filter's conditions on $1 to $7:
/// one text for the export, the console's list and its count.
const LEAD_COLUMNS: &str = "id, kiosk_name, venue, created_at, language, email, name, country, \
    towns, themes, family, calendar, postal_address, message, consent_version, consent_contact, \
    consent_newsletter";
const FILTER_CONDITIONS: &str = "($1::text IS NULL OR towns @> ARRAY[$1::text]) \
    AND ($2::timestamptz IS NULL OR created_at >= $2) \
    AND ($3::timestamptz IS NULL OR created_at < $3) \
    AND ($4::text IS NULL OR venue = $4) \
    AND ($5::text IS NULL OR themes @> ARRAY[$5::text]) \
    AND ($6::text IS NULL OR language = $6) \
    AND (NOT $7 OR consent_newsletter)";

/// The filtered queries, written once from the parts above.
static STREAM_SQL: LazyLock<String> = LazyLock::new(|| {
    format!("SELECT {LEAD_COLUMNS} FROM leads WHERE {FILTER_CONDITIONS} ORDER BY created_at, id")
});
static PAGE_SQL: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT {LEAD_COLUMNS} FROM leads WHERE {FILTER_CONDITIONS} \
         ORDER BY created_at DESC, id DESC LIMIT $8 OFFSET $9"
    )
});
static COUNT_SQL: LazyLock<String> =
    LazyLock::new(|| format!("SELECT COUNT(*) FROM leads WHERE {FILTER_CONDITIONS}"));

fn bind_filter<'q, O>(
    query: sqlx::query::QueryAs<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments>,
    filter: &'q LeadFilter,
) -> sqlx::query::QueryAs<'q, sqlx::Postgres, O, sqlx::postgres::PgArguments> {
    query
        .bind(&filter.town)
        .bind(filter.since)
        .bind(filter.until)
        .bind(&filter.venue)
        .bind(&filter.theme)
        .bind(&filter.language)
        .bind(filter.newsletter)
}

/// Leads matching `filter`, oldest first, streamed from the database.
pub fn stream<'a>(
    pool: &'a PgPool,
    filter: &'a LeadFilter,
) -> impl Stream<Item = anyhow::Result<Lead>> + Send + 'a {
    bind_filter(sqlx::query_as::<_, LeadRow>(&STREAM_SQL), filter)
        .fetch(pool)
        .map(|row| {
            row.map_err(anyhow::Error::from)
                .and_then(LeadRow::into_lead)
        })
}

/// A page of the leads matching `filter`, newest first, and how many match.
pub async fn page(
    pool: &PgPool,
    filter: &LeadFilter,
    limit: i64,
    offset: i64,
) -> anyhow::Result<(Vec<Lead>, i64)> {
    let rows: Vec<LeadRow> = bind_filter(sqlx::query_as(&PAGE_SQL), filter)
        .bind(limit)
        .bind(offset)
        .fetch_all(pool)
        .await?;
    let (total,): (i64,) = bind_filter(sqlx::query_as(&COUNT_SQL), filter)
        .fetch_one(pool)
        .await?;
    let leads = rows
        .into_iter()
        .map(LeadRow::into_lead)
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok((leads, total))
}

/// Which of `ids` `town` has marked handled.
pub async fn handled(pool: &PgPool, town: &str, ids: &[Uuid]) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("SELECT lead_id FROM lead_handled WHERE town = $1 AND lead_id = ANY($2)")
        .bind(town)
        .bind(ids)
        .fetch_all(pool)
        .await
}

/// Marks lead `id` handled by `town`; false when no such lead asked about
/// that town.
pub async fn mark_handled(pool: &PgPool, town: &str, id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query(
        "INSERT INTO lead_handled (lead_id, town) \
         SELECT id, $1 FROM leads WHERE id = $2 AND towns @> ARRAY[$1::text] \
         ON CONFLICT DO NOTHING",
    )
    .bind(town)
    .bind(id)
    .execute(pool)
    .await?;
    if result.rows_affected() == 1 {
        return Ok(true);
    }
    // Already handled counts as done; another town's lead does not.
    let exists: Option<i32> =
        sqlx::query_scalar("SELECT 1 FROM lead_handled WHERE lead_id = $1 AND town = $2")
            .bind(id)
            .bind(town)
            .fetch_optional(pool)
            .await?;
    Ok(exists.is_some())
}

/// The venues leads came from, for the console's filter: of `town`'s
/// leads only, when given (a town learns nothing of another's).
pub async fn venues(pool: &PgPool, town: Option<&str>) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT DISTINCT venue FROM leads \
         WHERE ($1::text IS NULL OR towns @> ARRAY[$1::text]) ORDER BY venue",
    )
    .bind(town)
    .fetch_all(pool)
    .await
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
