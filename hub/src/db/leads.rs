//! Leads of every kiosk, each exactly once, and erasures to pass on.

use chrono::{DateTime, Utc};
use city_core::hash::Sha256;
use city_core::leads::{Lead, LeadRecord, fold_email};
use city_core::protocol::{Erasure, email_hash};
use futures_util::{Stream, StreamExt};
use sqlx::{PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use crate::links::LinkKey;

/// Calls `$query!` with the columns of a [`LeadRow`] as a string literal,
/// `$query!("id, kiosk_name, …" ; rest)`: the one text of them for every
/// query of `leads`, the checked ones too (sqlx's macros take literals
/// only, so the list is handed to them this way).
macro_rules! with_lead_columns {
    ($query:ident ! ( $($rest:tt)* )) => {
        $query!(
            "id, kiosk_name, venue, created_at, language, email, name, country, towns, themes, \
             family, calendar, postal_address, message, consent_version, consent_contact, \
             consent_newsletter, newsletter_confirmed_at" ; $($rest)*
        )
    };
}

/// Lead rows selected by a query checked when compiling: `select_leads!(
/// "WHERE …", arguments…)`.
macro_rules! select_leads {
    ($tail:tt, $($argument:expr),* $(,)?) => {
        with_lead_columns!(select_leads_from!($tail, $($argument),*))
    };
}

macro_rules! select_leads_from {
    ($columns:tt ; $tail:tt, $($argument:expr),*) => {
        sqlx::query_as!(LeadRow, "SELECT " + $columns + " FROM leads " + $tail, $($argument),*)
    };
}

macro_rules! literal {
    ($text:tt ;) => {
        $text
    };
}

/// The same columns, for the queries built from a filter.
const LEAD_COLUMNS: &str = with_lead_columns!(literal!());

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
/// exists exactly once. A lead that was erased, or was made before its
/// address was erased, is acknowledged (so its kiosk drops it) but nothing
/// of it is kept and no mail goes out. With `queue_mail`, each new lead's
/// visitor mail is queued in the same transaction: a lead and its mail
/// exist together.
pub async fn insert(
    pool: &PgPool,
    keys: &LinkKey,
    kiosk_id: i64,
    kiosk_name: &str,
    leads: &[Lead],
    queue_mail: bool,
) -> sqlx::Result<Stored> {
    // The leads and the venues they name, together.
    let mut tx = pool.begin().await?;
    let erased = erased_before(&mut tx, keys, leads).await?;
    let leads: Vec<&Lead> = leads
        .iter()
        .filter(|lead| !erased.contains(&lead.id))
        .collect();
    let ids: Vec<Uuid> = leads.iter().map(|lead| lead.id).collect();
    let text = |f: fn(&Lead) -> String| leads.iter().map(|lead| f(lead)).collect::<Vec<_>>();
    let optional =
        |f: fn(&Lead) -> Option<String>| leads.iter().map(|lead| f(lead)).collect::<Vec<_>>();
    let flag = |f: fn(&Lead) -> bool| leads.iter().map(|lead| f(lead)).collect::<Vec<_>>();
    let towns = text(|lead| lead.towns.join(","));
    let venues = text(|lead| lead.venue.clone());
    // Arrays of arrays must be rectangular in PostgreSQL: towns and themes
    // travel as comma-joined text (ids hold no commas) and are split in SQL.
    let new = sqlx::query_scalar!(
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
         ON CONFLICT (id) DO NOTHING RETURNING id",
        &ids,
        kiosk_id,
        kiosk_name,
        &venues,
        &leads.iter().map(|lead| lead.created_at).collect::<Vec<_>>(),
        &text(|lead| lead.language.code().to_string()),
        &text(|lead| lead.email.as_str().to_string()),
        &text(|lead| fold_email(lead.email.as_str())),
        &optional(|lead| lead.name.clone()) as _,
        &optional(|lead| lead.country.clone()) as _,
        &towns,
        &text(|lead| {
            lead.themes
                .iter()
                .map(|theme| theme.key())
                .collect::<Vec<_>>()
                .join(",")
        }),
        &flag(|lead| lead.family),
        &optional(|lead| lead.calendar.map(|by| by.key().to_string())) as _,
        &optional(|lead| lead.postal_address.clone()) as _,
        &optional(|lead| lead.message.clone()) as _,
        &text(|lead| lead.consent_version.clone()),
        &flag(|lead| lead.consent_contact),
        &flag(|lead| lead.consent_newsletter)
    )
    .fetch_all(&mut *tx)
    .await?;
    if queue_mail {
        super::mail::enqueue(&mut tx, &new).await?;
    }
    // Each lead under each of its towns (a town's list), with what the
    // list is ordered and filtered by, from the rows as stored: a batch
    // that reuses another lead's id adds no town to it.
    sqlx::query!(
        "INSERT INTO lead_towns (town, created_at, id, venue, language, themes, consent_newsletter) \
         SELECT town, created_at, id, venue, language, themes, consent_newsletter \
         FROM leads, unnest(towns) AS town WHERE id = ANY($1) \
         ON CONFLICT DO NOTHING",
        &ids
    )
    .execute(&mut *tx)
    .await?;
    // The venues each town's leads came from, for the console's filter
    // (read per page view: kept here rather than found among all leads).
    sqlx::query!(
        "INSERT INTO lead_venues (town, venue) \
         SELECT DISTINCT town, venue \
         FROM UNNEST($1::text[], $2::text[]) AS t(towns, venue), \
              unnest(string_to_array(towns, ',')) AS town \
         ON CONFLICT DO NOTHING",
        &towns,
        &venues
    )
    .execute(&mut *tx)
    .await?;

    let owners = sqlx::query!("SELECT id, kiosk_id FROM leads WHERE id = ANY($1)", &ids)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    let mut stored = Stored {
        ours: erased.into_iter().collect(),
        theirs: Vec::new(),
    };
    for owner in owners {
        if owner.kiosk_id == kiosk_id {
            stored.ours.push(owner.id);
        } else {
            stored.theirs.push(owner.id);
        }
    }
    Ok(stored)
}

/// A lead as the hub's `leads` table holds it: the kiosk's lead, the
/// kiosk's name, and what only the hub knows (the newsletter's
/// confirmation). Every query of the table reads into this; the wire's
/// `LeadWire` is another type, so a column's name is the hub's own.
#[derive(sqlx::FromRow)]
struct LeadRow {
    id: Uuid,
    kiosk_name: String,
    venue: String,
    created_at: DateTime<Utc>,
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
    newsletter_confirmed_at: Option<DateTime<Utc>>,
}

impl LeadRow {
    /// The lead, read back with the rules of a stored lead, and when its
    /// newsletter was confirmed.
    fn into_lead(self) -> anyhow::Result<(Lead, Option<DateTime<Utc>>)> {
        let id = self.id;
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
        let lead = Lead::from_record(record, &self.kiosk_name)
            .map_err(|error| anyhow::anyhow!("stored lead {id}: {error}"))?;
        Ok((lead, self.newsletter_confirmed_at))
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

/// `head`, then `FROM` the table to search and the filter's conditions:
/// only those in use, so that PostgreSQL plans each query for what it
/// really asks (an unused condition written as `$1 IS NULL OR …` hides the
/// indexes). A town's leads are searched in `lead_towns`, which holds each
/// lead under each of its towns in time order with the columns filters
/// ask about: a town's page is a short walk down one index, however rare
/// the town among a million leads. The one text of the filter for the
/// export, the console's list, its count and a lead's page.
fn filtered<'f>(head: &str, filter: &'f LeadFilter) -> QueryBuilder<'f, Postgres> {
    let mut query = QueryBuilder::new(head);
    match &filter.town {
        Some(town) => {
            query
                .push(" FROM lead_towns WHERE town = ")
                .push_bind(town.as_str());
        }
        None => {
            query.push(" FROM leads WHERE TRUE");
        }
    }
    if let Some(since) = filter.since {
        query.push(" AND created_at >= ").push_bind(since);
    }
    if let Some(until) = filter.until {
        query.push(" AND created_at < ").push_bind(until);
    }
    if let Some(venue) = &filter.venue {
        query.push(" AND venue = ").push_bind(venue.as_str());
    }
    if let Some(theme) = &filter.theme {
        query
            .push(" AND themes @> ARRAY[")
            .push_bind(theme.as_str())
            .push("::text]");
    }
    if let Some(language) = &filter.language {
        query.push(" AND language = ").push_bind(language.as_str());
    }
    if filter.newsletter {
        query.push(" AND consent_newsletter");
    }
    query
}

/// The whole rows of the leads whose ids the filter finds, the ids
/// query's tail (order, limit, cursor) to come, then `)`.
fn lead_rows<'f>(filter: &'f LeadFilter) -> QueryBuilder<'f, Postgres> {
    filtered(
        &format!("SELECT {LEAD_COLUMNS} FROM leads WHERE id IN (SELECT id"),
        filter,
    )
}

/// Leads matching a filter, oldest first, for streaming (the export).
pub struct OldestFirst<'f>(QueryBuilder<'f, Postgres>);

impl<'f> OldestFirst<'f> {
    pub fn new(filter: &'f LeadFilter) -> OldestFirst<'f> {
        let mut query = lead_rows(filter);
        query.push(") ORDER BY created_at, id");
        OldestFirst(query)
    }

    /// The leads, streamed from the database as they come, each with
    /// when its newsletter was confirmed.
    pub fn stream<'a>(
        &'a mut self,
        pool: &'a PgPool,
    ) -> impl Stream<Item = anyhow::Result<(Lead, Option<DateTime<Utc>>)>> + Send + 'a {
        self.0
            .build_query_as::<LeadRow>()
            .fetch(pool)
            .map(|row| row?.into_lead())
    }
}

/// Where a page of the list starts: a lead's place in the order (newest
/// first), as the pager's links carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    /// The leads older than this one.
    Older(DateTime<Utc>, Uuid),
    /// The leads newer than this one.
    Newer(DateTime<Utc>, Uuid),
}

/// A page of the list, and whether there are leads on either side.
#[derive(Debug, Default)]
pub struct Page {
    pub leads: Vec<Lead>,
    pub newer: bool,
    pub older: bool,
}

/// A page of the leads matching `filter`, newest first, from `cursor` on
/// (keyset paging: every page costs the same, however deep).
pub async fn page(
    pool: &PgPool,
    filter: &LeadFilter,
    cursor: Option<Cursor>,
    limit: i64,
) -> anyhow::Result<Page> {
    let mut query = lead_rows(filter);
    let newest_first = match cursor {
        None => true,
        Some(Cursor::Older(at, id)) => {
            query
                .push(" AND (created_at, id) < (")
                .push_bind(at)
                .push(", ")
                .push_bind(id)
                .push(")");
            true
        }
        Some(Cursor::Newer(at, id)) => {
            query
                .push(" AND (created_at, id) > (")
                .push_bind(at)
                .push(", ")
                .push_bind(id)
                .push(")");
            false
        }
    };
    let order = if newest_first {
        " ORDER BY created_at DESC, id DESC"
    } else {
        " ORDER BY created_at, id"
    };
    // One more than shown tells whether there is another page.
    query
        .push(order)
        .push(" LIMIT ")
        .push_bind(limit + 1)
        .push(")")
        .push(order);
    let rows: Vec<LeadRow> = query.build_query_as().fetch_all(pool).await?;
    let more = rows.len() as i64 > limit;
    let mut leads = rows
        .into_iter()
        .take(usize::try_from(limit).unwrap_or(0))
        .map(|row| Ok(row.into_lead()?.0))
        .collect::<anyhow::Result<Vec<_>>>()?;
    if !newest_first {
        leads.reverse();
    }
    Ok(Page {
        leads,
        newer: if newest_first { cursor.is_some() } else { more },
        older: if newest_first { more } else { true },
    })
}

/// How many leads match `filter`, counted up to `cap` (a town's list says
/// "more than 10,000" rather than count a million rows on every view).
pub async fn count_up_to(pool: &PgPool, filter: &LeadFilter, cap: i64) -> sqlx::Result<i64> {
    let mut query = filtered("SELECT COUNT(*) FROM (SELECT 1", filter);
    query.push(" LIMIT ").push_bind(cap).push(") AS found");
    query.build_query_scalar().fetch_one(pool).await
}

/// Lead `id`, if it exists and (given `town`) asked about that town.
pub async fn one(pool: &PgPool, id: Uuid, town: Option<&str>) -> anyhow::Result<Option<Lead>> {
    let row = select_leads!(
        "WHERE id = $1 AND ($2::text IS NULL OR towns @> ARRAY[$2::text])",
        id,
        town
    )
    .fetch_optional(pool)
    .await?;
    Ok(row
        .map(LeadRow::into_lead)
        .transpose()?
        .map(|(lead, _)| lead))
}

/// Lead `id` with when its newsletter was confirmed, read through
/// `executor` (the outbox worker reads in the transaction that holds the
/// mail's lock, on one connection).
pub async fn with_confirmation<'e, E: sqlx::PgExecutor<'e>>(
    executor: E,
    id: Uuid,
) -> anyhow::Result<Option<(Lead, Option<DateTime<Utc>>)>> {
    let row = select_leads!("WHERE id = $1", id)
        .fetch_optional(executor)
        .await?;
    row.map(LeadRow::into_lead).transpose()
}

/// Every lead of an address (compared Unicode-folded), oldest first, with
/// when its newsletter was confirmed: what the visitor's own page shows.
pub async fn of_address(
    pool: &PgPool,
    email: &str,
) -> anyhow::Result<Vec<(Lead, Option<DateTime<Utc>>)>> {
    let rows = select_leads!(
        "WHERE email_fold = $1 ORDER BY created_at, id",
        fold_email(email)
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(LeadRow::into_lead).collect()
}

/// Which of `ids` `town` has marked handled.
pub async fn handled(pool: &PgPool, town: &str, ids: &[Uuid]) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "SELECT lead_id FROM lead_handled WHERE town = $1 AND lead_id = ANY($2)",
        town,
        ids
    )
    .fetch_all(pool)
    .await
}

/// Marks lead `id` handled by `town`; false when no such lead asked about
/// that town.
pub async fn mark_handled(pool: &PgPool, town: &str, id: Uuid) -> sqlx::Result<bool> {
    let result = sqlx::query!(
        "INSERT INTO lead_handled (lead_id, town) \
         SELECT id, $1 FROM leads WHERE id = $2 AND towns @> ARRAY[$1::text] \
         ON CONFLICT DO NOTHING",
        town,
        id
    )
    .execute(pool)
    .await?;
    if result.rows_affected() == 1 {
        return Ok(true);
    }
    // Already handled counts as done; another town's lead does not.
    let exists = sqlx::query_scalar!(
        "SELECT 1 AS one FROM lead_handled WHERE lead_id = $1 AND town = $2",
        id,
        town
    )
    .fetch_optional(pool)
    .await?;
    Ok(exists.is_some())
}

/// The venues leads came from, for the console's filter: of `town`'s
/// leads only, when given (a town learns nothing of another's).
pub async fn venues(pool: &PgPool, town: Option<&str>) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        "SELECT DISTINCT venue FROM lead_venues \
         WHERE $1::text IS NULL OR town = $1 ORDER BY venue",
        town
    )
    .fetch_all(pool)
    .await
}

/// Of `leads`, those never to be stored again: a lead that was erased
/// (the same id, replayed), or one made before its address was erased
/// (queued on a kiosk that was offline, or sent again).
async fn erased_before(
    tx: &mut sqlx::Transaction<'_, Postgres>,
    keys: &LinkKey,
    leads: &[Lead],
) -> sqlx::Result<std::collections::HashSet<Uuid>> {
    let ids: Vec<Uuid> = leads.iter().map(|lead| lead.id).collect();
    let erased_keys: Vec<String> = leads
        .iter()
        .map(|lead| keys.erased_address(lead.email.as_str()))
        .collect();
    // Erasures made before their record was keyed carry the plain hash.
    let plain: Vec<String> = leads
        .iter()
        .map(|lead| email_hash(lead.email.as_str()).to_hex())
        .collect();
    let created: Vec<DateTime<Utc>> = leads.iter().map(|lead| lead.created_at).collect();
    let erased = sqlx::query_scalar!(
        r#"SELECT t.id AS "id!"
           FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])
                AS t(id, email_key, email_sha256, created_at)
           WHERE EXISTS (SELECT 1 FROM erased_leads e WHERE e.id = t.id)
              OR EXISTS (SELECT 1 FROM erasures x WHERE x.email_key = t.email_key
                         AND x.erased_at >= t.created_at)
              OR EXISTS (SELECT 1 FROM erasures x WHERE x.email_key IS NULL
                         AND x.email_sha256 = t.email_sha256 AND x.erased_at >= t.created_at)"#,
        &ids,
        &erased_keys,
        &plain,
        &created
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(erased.into_iter().collect())
}

/// The kiosk that lead `id` is held for, if it is stored.
pub async fn owner(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!("SELECT kiosk_id FROM leads WHERE id = $1", id)
        .fetch_optional(pool)
        .await
}

/// Whether lead `id` is stored or was erased: either way its id is used,
/// and a phone link naming it makes no lead.
pub async fn id_used(pool: &PgPool, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"SELECT EXISTS (SELECT 1 FROM leads WHERE id = $1)
               OR EXISTS (SELECT 1 FROM erased_leads WHERE id = $1) AS "used!""#,
        id
    )
    .fetch_one(pool)
    .await
}

/// Erases every lead of an address (compared Unicode-folded), remembers
/// their ids and the address's keyed record so that none comes back, and
/// records the erasure for the kiosks; returns how many leads went.
pub async fn erase(pool: &PgPool, keys: &LinkKey, email: &str) -> sqlx::Result<u64> {
    let mut tx = pool.begin().await?;
    let erased = sqlx::query_scalar!(
        "DELETE FROM leads WHERE email_fold = $1 RETURNING id",
        fold_email(email)
    )
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO erased_leads (id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING",
        &erased
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "INSERT INTO erasures (email_key, email_sha256) VALUES ($1, $2)",
        keys.erased_address(email),
        email_hash(email).to_hex()
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(erased.len() as u64)
}

/// The erasures a kiosk is to carry out, oldest first: those after the
/// last it acknowledged. Its heartbeat's `seen` is believed only up to what
/// this hub sent it (a higher one comes from elsewhere: a bogus id, or a
/// hub restored from a backup, whose ids start lower). What every kiosk
/// has done loses its plain hash, which only kiosks needed.
pub async fn erasures_for(pool: &PgPool, kiosk_id: i64, seen: i64) -> anyhow::Result<Vec<Erasure>> {
    let mut tx = pool.begin().await?;
    let acked = sqlx::query_scalar!(
        "UPDATE kiosks SET erasures_acked = \
             CASE WHEN $2 <= erasures_sent THEN $2 ELSE erasures_acked END \
         WHERE id = $1 RETURNING erasures_acked",
        kiosk_id,
        seen
    )
    .fetch_one(&mut *tx)
    .await?;
    let rows = sqlx::query!(
        r#"SELECT id, email_sha256 AS "email_sha256!" FROM erasures
           WHERE id > $1 AND email_sha256 IS NOT NULL ORDER BY id LIMIT 1000"#,
        acked
    )
    .fetch_all(&mut *tx)
    .await?;
    if let Some(last) = rows.last() {
        sqlx::query!(
            "UPDATE kiosks SET erasures_sent = $2 WHERE id = $1",
            kiosk_id,
            last.id
        )
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query!(
        "UPDATE erasures SET email_sha256 = NULL \
         WHERE email_key IS NOT NULL AND email_sha256 IS NOT NULL \
           AND id <= (SELECT COALESCE(MIN(erasures_acked), 0) FROM kiosks WHERE NOT revoked)"
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    rows.into_iter()
        .map(|row| {
            Ok(Erasure {
                id: row.id,
                email_sha256: Sha256::parse(&row.email_sha256)?,
            })
        })
        .collect()
}
