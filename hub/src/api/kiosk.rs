//! What kiosks send: leads (idempotent by their id), anonymous counts, and
//! a heartbeat that answers with erasures and the current pack's ETag.
//! Each is parsed with the kiosk's own rules before anything is stored; a
//! refused item is a 422 naming its field and its index in the batch.

use axum::Json;
use axum::extract::{Path, State};
use chrono::Utc;
use city_core::leads::Lead;
use city_core::protocol::{
    Heartbeat, HeartbeatReply, LEAD_BATCH, LeadAck, LeadBatch, PhoneLeadStatus, StatsAck,
    StatsBatch,
};
use uuid::Uuid;

use super::{ApiError, JsonBody, KioskAuth};
use crate::AppState;
use crate::db;

pub async fn leads(
    kiosk: KioskAuth,
    State(state): State<AppState>,
    JsonBody(batch): JsonBody<LeadBatch>,
) -> Result<Json<LeadAck>, ApiError> {
    if batch.leads.len() > LEAD_BATCH {
        return Err(ApiError::unprocessable(format!(
            "at most {LEAD_BATCH} leads per batch"
        )));
    }
    let now = Utc::now();
    let leads = batch
        .leads
        .into_iter()
        .enumerate()
        .map(|(index, wire)| {
            Lead::from_wire(wire, &kiosk.name, now).map_err(|error| ApiError::Unprocessable {
                message: format!("lead {index}: {error}"),
                field: Some(error.field.to_string()),
                index: Some(index),
            })
        })
        .collect::<Result<Vec<Lead>, ApiError>>()?;
    let stored = db::leads::insert(
        &state.pool,
        &state.link_key,
        kiosk.id,
        &kiosk.name,
        &leads,
        state.mailer.is_some(),
    )
    .await?;
    if let Some(mailer) = &state.mailer {
        mailer.queued.notify_one();
    }
    if !stored.theirs.is_empty() {
        tracing::warn!(
            "kiosk {} sent {} lead id(s) held for another kiosk; not acknowledged",
            kiosk.name,
            stored.theirs.len()
        );
    }
    Ok(Json(LeadAck {
        accepted: stored.ours,
        conflicts: stored.theirs,
    }))
}

pub async fn stats(
    kiosk: KioskAuth,
    State(state): State<AppState>,
    JsonBody(batch): JsonBody<StatsBatch>,
) -> Result<Json<StatsAck>, ApiError> {
    batch
        .check(Utc::now())
        .map_err(|(index, error)| ApiError::Unprocessable {
            message: format!("row {index}: {error}"),
            field: Some(error.field),
            index: Some(index),
        })?;
    db::stats::upsert(&state.pool, kiosk.id, &batch.rows).await?;
    Ok(Json(StatsAck {
        accepted: batch.rows.len(),
    }))
}

pub async fn heartbeat(
    kiosk: KioskAuth,
    State(state): State<AppState>,
    JsonBody(beat): JsonBody<Heartbeat>,
) -> Result<Json<HeartbeatReply>, ApiError> {
    beat.check().map_err(|error| ApiError::Unprocessable {
        message: error.to_string(),
        field: Some(error.field),
        index: None,
    })?;
    db::kiosks::record_heartbeat(&state.pool, &kiosk, &beat).await?;
    Ok(Json(HeartbeatReply {
        erasures: db::leads::erasures_for(&state.pool, kiosk.id, beat.erasures_seen).await?,
        pack_etag: db::packs::current_id(&state.pool).await?,
    }))
}

/// Whether the lead of a phone link has arrived, for the kiosk that made
/// the link (another kiosk learns nothing).
pub async fn phone_lead_arrived(
    kiosk: KioskAuth,
    State(state): State<AppState>,
    Path(lead): Path<String>,
) -> Result<Json<PhoneLeadStatus>, ApiError> {
    let lead = Uuid::try_parse(&lead).map_err(|_| ApiError::NotFound("no such lead".into()))?;
    let owner = db::leads::owner(&state.pool, lead).await?;
    Ok(Json(PhoneLeadStatus {
        received: owner == Some(kiosk.id),
    }))
}
