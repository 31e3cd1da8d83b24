//! Admin calls: the leads export, streamed as CSV.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Deserialize;

use super::{AdminAuth, ApiError};
use crate::AppState;
use crate::export::{LeadFilter, csv_stream};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    town: Option<String>,
    since: Option<NaiveDate>,
}

pub async fn export_leads(
    _admin: AdminAuth,
    State(state): State<AppState>,
    Query(query): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let filter = LeadFilter {
        town: query.town,
        since: query.since,
    };
    Response::builder()
        .header(header::CONTENT_TYPE, "text/csv; charset=utf-8")
        .header(
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"leads.csv\"",
        )
        .body(Body::from_stream(csv_stream(state.pool.clone(), filter)))
        .map_err(|error| ApiError::Internal(error.into()))
}
