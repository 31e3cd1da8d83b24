//! Admin calls: the leads export, streamed as CSV, on its own database
//! connections, a few at a time, each dropped when its reader stalls.

use axum::body::Body;
use axum::extract::State;
use axum::http::header;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{AdminAuth, ApiError, QueryParams};
use crate::AppState;
use crate::lead_csv::{ExportHolder, ExportLimits, LeadFilter, csv_stream};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    town: Option<String>,
    since: Option<NaiveDate>,
}

pub async fn export_leads(
    AdminAuth(token): AdminAuth,
    State(state): State<AppState>,
    QueryParams(query): QueryParams<ExportQuery>,
) -> Result<Response, ApiError> {
    if let Some(town) = &query.town
        && !city_core::ids::is_valid_id(town)
    {
        return Err(ApiError::BadRequest(format!(
            "a town is {}",
            city_core::ids::ID_RULE
        )));
    }
    let slot = state
        .exports
        .try_take(ExportHolder::AdminToken(token))
        .map_err(|busy| ApiError::Busy(busy.to_string()))?;
    let filter = LeadFilter {
        town: query.town,
        since: query
            .since
            .and_then(|day| day.and_hms_opt(0, 0, 0))
            .map(|time| time.and_utc()),
        ..LeadFilter::default()
    };
    tracing::info!(admin_token = token, "admin API: exported leads");
    let limits = ExportLimits {
        send_timeout: Some(state.limits.export_send_timeout),
        slot: Some(slot),
    };
    Response::builder()
        .header(header::CONTENT_TYPE, "text/csv; charset=utf-8")
        .header(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"leads.csv\"",
        )
        .body(Body::from_stream(csv_stream(
            state.export_pool.clone(),
            filter,
            limits,
        )))
        .map_err(|error| ApiError::Internal(error.into()))
}
