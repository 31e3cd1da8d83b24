//! What kiosks send: leads (idempotent by their id), anonymous counts, and
//! a heartbeat that answers with erasures and the current pack's ETag.

use axum::Json;
use axum::extract::State;
use city_core::Lang;
use city_core::ids::is_valid_id;
use city_core::leads::Email;
use city_core::protocol::{
    Erasure, Heartbeat, HeartbeatReply, LeadAck, LeadBatch, LeadWire, StatsAck, StatsBatch,
};

use super::{ApiError, JsonBody, KioskAuth};
use crate::AppState;

/// A lead's fields checked again at the door: a kiosk of an older or a
/// broken build must not put bad data into the towns' lists.
fn check_lead(lead: &LeadWire) -> Result<(), String> {
    Email::parse(&lead.email).map_err(|error| format!("lead {}: {error}", lead.id))?;
    if Lang::from_code(&lead.language).is_none() {
        return Err(format!(
            "lead {}: unknown language `{}`",
            lead.id, lead.language
        ));
    }
    if !lead.consent_contact {
        return Err(format!("lead {}: no consent to be contacted", lead.id));
    }
    if lead.consent_version.trim().is_empty() {
        return Err(format!("lead {}: no consent version", lead.id));
    }
    if let Some(town) = lead.towns.iter().find(|town| !is_valid_id(town)) {
        return Err(format!("lead {}: `{town}` is not a town id", lead.id));
    }
    Ok(())
}

pub async fn leads(
    kiosk: KioskAuth,
    State(state): State<AppState>,
    JsonBody(batch): JsonBody<LeadBatch>,
) -> Result<Json<LeadAck>, ApiError> {
    if batch.leads.len() > city_core::protocol::LEAD_BATCH {
        return Err(ApiError::Unprocessable(format!(
            "at most {} leads per batch",
            city_core::protocol::LEAD_BATCH
        )));
    }
    for lead in &batch.leads {
        check_lead(lead).map_err(ApiError::Unprocessable)?;
    }
    insert_leads(&state.pool, kiosk.id, &kiosk.name, &batch.leads).await?;
    Ok(Json(LeadAck {
        accepted: batch.leads.iter().map(|lead| lead.id).collect(),
    }))
}

/// Inserts a batch in one statement; a lead already there (a retried or
/// replayed batch) is left as it is, so each lead exists exactly once.
pub async fn insert_leads(
    pool: &sqlx::PgPool,
    kiosk_id: i64,
    kiosk_name: &str,
    leads: &[LeadWire],
) -> Result<u64, sqlx::Error> {
    let column = |f: fn(&LeadWire) -> Option<String>| leads.iter().map(f).collect::<Vec<_>>();
    // Arrays of arrays must be rectangular in PostgreSQL: towns and themes
    // travel as comma-joined text and are split back in SQL.
    let result = sqlx::query(
        "INSERT INTO leads (id, kiosk_id, kiosk_name, venue, created_at, language, email, name, country, towns, themes, \
                            family, calendar, postal_address, message, consent_version, consent_contact, consent_newsletter) \
         SELECT id, $2, $3, venue, created_at, language, email, name, country, \
                string_to_array(towns, ','), string_to_array(themes, ','), \
                family, calendar, postal_address, message, consent_version, consent_contact, consent_newsletter \
         FROM UNNEST($1::uuid[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::text[], $9::text[], \
                     $10::text[], $11::text[], $12::bool[], $13::text[], $14::text[], $15::text[], $16::text[], $17::bool[], $18::bool[]) \
              AS t(id, venue, created_at, language, email, name, country, towns, themes, family, calendar, postal_address, \
                   message, consent_version, consent_contact, consent_newsletter) \
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(leads.iter().map(|lead| lead.id).collect::<Vec<_>>())
    .bind(kiosk_id)
    .bind(kiosk_name)
    .bind(leads.iter().map(|lead| lead.venue.clone()).collect::<Vec<_>>())
    .bind(leads.iter().map(|lead| lead.created_at).collect::<Vec<_>>())
    .bind(leads.iter().map(|lead| lead.language.clone()).collect::<Vec<_>>())
    .bind(leads.iter().map(|lead| lead.email.trim().to_string()).collect::<Vec<_>>())
    .bind(column(|lead| lead.name.clone()))
    .bind(column(|lead| lead.country.clone()))
    .bind(leads.iter().map(|lead| lead.towns.join(",")).collect::<Vec<_>>())
    .bind(leads.iter().map(|lead| lead.themes.join(",")).collect::<Vec<_>>())
    .bind(leads.iter().map(|lead| lead.family).collect::<Vec<_>>())
    .bind(column(|lead| lead.calendar.clone()))
    .bind(column(|lead| lead.postal_address.clone()))
    .bind(column(|lead| lead.message.clone()))
    .bind(leads.iter().map(|lead| lead.consent_version.clone()).collect::<Vec<_>>())
    .bind(leads.iter().map(|lead| lead.consent_contact).collect::<Vec<_>>())
    .bind(leads.iter().map(|lead| lead.consent_newsletter).collect::<Vec<_>>())
    .execute(pool)
    .await?;
    Ok(result.rows_affected())
}

pub async fn stats(
    kiosk: KioskAuth,
    State(state): State<AppState>,
    JsonBody(batch): JsonBody<StatsBatch>,
) -> Result<Json<StatsAck>, ApiError> {
    if let Some(row) = batch.rows.iter().find(|row| {
        row.count < 0 || row.hour.len() != 13 || row.kind.len() > 64 || row.key.len() > 128
    }) {
        return Err(ApiError::Unprocessable(format!(
            "bad count row for hour `{}`",
            row.hour
        )));
    }
    // The kiosk sends whole counts per hour: a repeat replaces, never adds.
    sqlx::query(
        "INSERT INTO stats (kiosk_id, hour, kind, key, count) \
         SELECT $1, hour, kind, key, count FROM UNNEST($2::text[], $3::text[], $4::text[], $5::bigint[]) AS t(hour, kind, key, count) \
         ON CONFLICT (kiosk_id, hour, kind, key) DO UPDATE SET count = excluded.count",
    )
    .bind(kiosk.id)
    .bind(batch.rows.iter().map(|row| row.hour.clone()).collect::<Vec<_>>())
    .bind(batch.rows.iter().map(|row| row.kind.clone()).collect::<Vec<_>>())
    .bind(batch.rows.iter().map(|row| row.key.clone()).collect::<Vec<_>>())
    .bind(batch.rows.iter().map(|row| row.count).collect::<Vec<_>>())
    .execute(&state.pool)
    .await?;
    Ok(Json(StatsAck {
        accepted: batch.rows.len(),
    }))
}

pub async fn heartbeat(
    kiosk: KioskAuth,
    State(state): State<AppState>,
    JsonBody(beat): JsonBody<Heartbeat>,
) -> Result<Json<HeartbeatReply>, ApiError> {
    sqlx::query("UPDATE kiosks SET last_heartbeat_at = now(), pack_version = $2, queued_leads = $3, app_version = $4 WHERE id = $1")
        .bind(kiosk.id)
        .bind(&beat.pack_version)
        .bind(beat.queued_leads)
        .bind(&beat.app_version)
        .execute(&state.pool)
        .await?;
    let erasures: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, email_sha256 FROM erasures WHERE id > $1 ORDER BY id LIMIT 1000",
    )
    .bind(beat.erasures_seen)
    .fetch_all(&state.pool)
    .await?;
    let pack_etag: Option<String> = sqlx::query_scalar(
        "SELECT p.manifest_sha256 FROM current_pack c JOIN packs p ON p.id = c.pack_id",
    )
    .fetch_optional(&state.pool)
    .await?;
    Ok(Json(HeartbeatReply {
        erasures: erasures
            .into_iter()
            .map(|(id, email_sha256)| Erasure { id, email_sha256 })
            .collect(),
        pack_etag: pack_etag.map(|sha| format!("\"{sha}\"")),
    }))
}
