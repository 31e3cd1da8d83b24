//! The HTTP API under `/v1`: the kiosks' calls (`kiosk`, `files`), the
//! admin API (`admin`), who is calling (`auth`), and the error every
//! handler answers with. Every error is a status with a JSON body (the
//! ones axum and its layers make too: `crate::routes`); no request can
//! make a handler panic and no bad input gets a 5xx.

pub(crate) mod admin;
mod auth;
pub(crate) mod files;
pub(crate) mod kiosk;

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use city_core::protocol::{ErrorBody, MAX_BODY_BYTES};
use serde::de::DeserializeOwned;

pub use auth::{AdminAuth, KioskAuth};

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
