//! The HTTP API under `/v1`, and `/healthz` for load balancers. Every
//! error is a status with a JSON body; no request can make a handler panic.

mod admin;
mod auth;
mod files;
mod kiosk;

use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use city_core::protocol::{ErrorBody, MAX_BODY_BYTES};
use serde::de::DeserializeOwned;
use tower_http::timeout::TimeoutLayer;

use crate::AppState;

pub use auth::{AdminAuth, KioskAuth};

/// A slow client cannot hold a hub's connection longer than this.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/v1/manifest", get(files::manifest))
        .route("/v1/blobs/{sha256}", get(files::blob))
        .route("/v1/leads", post(kiosk::leads))
        .route("/v1/stats", post(kiosk::stats))
        .route("/v1/heartbeat", post(kiosk::heartbeat))
        .route("/v1/admin/leads", get(admin::export_leads))
        .fallback(|| async { ApiError::NotFound("no such endpoint".into()) })
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .with_state(state)
}

async fn healthz(State(state): State<AppState>) -> Result<&'static str, ApiError> {
    sqlx::query("SELECT 1").execute(&state.pool).await?;
    Ok("ok")
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("missing or unknown token")]
    Unauthorized,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("the request body is larger than {} bytes", MAX_BODY_BYTES)]
    TooLarge,
    #[error("{0}")]
    Unprocessable(String),
    #[error("the requested range is not in the file")]
    RangeNotSatisfiable,
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        ApiError::Internal(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RangeNotSatisfiable => StatusCode::RANGE_NOT_SATISFIABLE,
            ApiError::Internal(error) => {
                tracing::error!("request failed: {error:#}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        (
            status,
            axum::Json(ErrorBody {
                error: self.to_string(),
            }),
        )
            .into_response()
    }
}

/// A JSON request body, read up to the size limit: too large is 413,
/// malformed is 400, both with a JSON error.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let declared = request
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
        if declared.is_some_and(|length| length > MAX_BODY_BYTES) {
            return Err(ApiError::TooLarge);
        }
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|_| ApiError::TooLarge)?;
        let _ = state;
        parse_json(&bytes).map(JsonBody)
    }
}

fn parse_json<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, ApiError> {
    serde_json::from_slice(bytes)
        .map_err(|error| ApiError::BadRequest(format!("malformed JSON: {error}")))
}
