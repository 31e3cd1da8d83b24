//! The HTTP API under `/v1`, and `/healthz` for load balancers. Every
//! error is a status with a JSON body, also the ones axum and its layers
//! make (405, 408, a malformed query); no request can make a handler panic
//! and no bad input gets a 5xx.

mod admin;
mod auth;
mod files;
mod kiosk;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use city_core::protocol::{ErrorBody, MAX_BODY_BYTES};
use serde::de::DeserializeOwned;
use tower_http::timeout::TimeoutLayer;

use crate::AppState;

pub use auth::{AdminAuth, KioskAuth};

pub fn router(state: AppState) -> Router {
    let timeout = state.limits.request_timeout;
    Router::new()
        // A person who types the hub's address reaches the console.
        .route("/", get(|| async { Redirect::to("/console") }))
        .route("/healthz", get(healthz))
        .route("/v1/manifest", get(files::manifest))
        .route("/v1/blobs/{sha256}", get(files::blob))
        .route("/v1/leads", post(kiosk::leads))
        .route("/v1/stats", post(kiosk::stats))
        .route("/v1/heartbeat", post(kiosk::heartbeat))
        .route("/v1/admin/leads", get(admin::export_leads))
        .merge(crate::console::routes())
        .merge(crate::visitor::routes())
        .merge(crate::brochures::routes())
        .merge(crate::phone::routes())
        .fallback(|| async { ApiError::NotFound("no such endpoint".into()) })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .merge(crate::console::upload_routes())
        .layer(axum::middleware::map_response(json_errors))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// What an HTML page of the hub may load and who may frame it: only the
/// hub's own stylesheet, no script at all (the pages have none), no
/// framing, forms only to the hub.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'none'; \
     style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// Headers every answer carries: no guessing of types, and for pages the
/// policy above, no framing and no referrer beyond the hub (a page that
/// sends none at all, the visitor's, keeps its own).
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let is_page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_page {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers
            .entry(header::REFERRER_POLICY)
            .or_insert(HeaderValue::from_static("same-origin"));
    }
    response
}

async fn healthz(State(state): State<AppState>) -> Result<&'static str, ApiError> {
    sqlx::query("SELECT 1").execute(&state.pool).await?;
    Ok("ok")
}

/// What a busy hub's 503 asks the client to wait, in seconds.
pub const RETRY_AFTER_SECONDS: &str = "30";

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("missing or unknown token")]
    Unauthorized,
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("this endpoint does not take that method")]
    MethodNotAllowed,
    #[error("the request body is larger than {} bytes", MAX_BODY_BYTES)]
    TooLarge,
    #[error("{message}")]
    Unprocessable {
        message: String,
        /// The field at fault.
        field: Option<String>,
        /// The item of a batch at fault.
        index: Option<usize>,
    },
    #[error("the requested range is not in the file")]
    RangeNotSatisfiable { size: u64 },
    #[error("{0}")]
    Busy(String),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn unprocessable(message: impl Into<String>) -> ApiError {
        ApiError::Unprocessable {
            message: message.into(),
            field: None,
            index: None,
        }
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        // A value PostgreSQL cannot hold (class 22, "data exception", such
        // as a NUL byte) is the request's fault, never the hub's: checks
        // should have caught it, and if one did not it is still a 4xx.
        if let sqlx::Error::Database(database) = &error
            && database.code().is_some_and(|code| code.starts_with("22"))
        {
            tracing::warn!("a request held a value the database refused: {database}");
            return ApiError::unprocessable("a value the hub cannot store");
        }
        ApiError::Internal(error.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = match &self {
            ApiError::Unauthorized => StatusCode::UNAUTHORIZED,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::RangeNotSatisfiable { .. } => StatusCode::RANGE_NOT_SATISFIABLE,
            ApiError::Busy(_) => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Internal(error) => {
                tracing::error!("request failed: {error:#}");
                StatusCode::INTERNAL_SERVER_ERROR
            }
        };
        let (field, index) = match &self {
            ApiError::Unprocessable { field, index, .. } => (field.clone(), *index),
            _ => (None, None),
        };
        let mut response = (
            status,
            axum::Json(ErrorBody {
                error: self.to_string(),
                field,
                index,
            }),
        )
            .into_response();
        match &self {
            // RFC 9110: an unsatisfiable range says how long the file is.
            ApiError::RangeNotSatisfiable { size } => {
                if let Ok(value) = HeaderValue::from_str(&format!("bytes */{size}")) {
                    response.headers_mut().insert(header::CONTENT_RANGE, value);
                }
            }
            ApiError::Busy(_) => {
                response.headers_mut().insert(
                    header::RETRY_AFTER,
                    HeaderValue::from_static(RETRY_AFTER_SECONDS),
                );
            }
            _ => {}
        }
        response
    }
}

/// Gives every error answer a JSON body: the ones our handlers make have
/// one already; the ones axum and tower make (timeouts, rejections) get
/// their text wrapped.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            // The console's error pages are HTML in the reader's language.
            value.starts_with("application/json") || value.starts_with("text/html")
        });
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096)
        .await
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_string())
        .filter(|text| !text.is_empty())
        .unwrap_or_else(|| {
            status
                .canonical_reason()
                .unwrap_or("request failed")
                .to_lowercase()
        });
    let body = serde_json::to_vec(&ErrorBody {
        error: text,
        field: None,
        index: None,
    })
    .unwrap_or_default();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}

/// A JSON request body, read up to the size limit: too large is 413,
/// malformed is 400, both with a JSON error.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|value| value.to_str().ok()?.parse::<usize>().ok());
        if declared.is_some_and(|length| length > MAX_BODY_BYTES) {
            return Err(ApiError::TooLarge);
        }
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|_| ApiError::TooLarge)?;
        parse_json(&bytes).map(JsonBody)
    }
}

fn parse_json<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, ApiError> {
    serde_json::from_slice(bytes)
        .map_err(|error| ApiError::BadRequest(format!("malformed JSON: {error}")))
}

/// A query string parsed into `T`; anything else is a JSON 400.
pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().unwrap_or_default();
        serde_urlencoded::from_str(query)
            .map(QueryParams)
            .map_err(|error| ApiError::BadRequest(format!("malformed query: {error}")))
    }
}
