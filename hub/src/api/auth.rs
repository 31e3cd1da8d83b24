//! Who is calling: a kiosk by its bearer token, or an admin by theirs.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::ApiError;
use crate::AppState;
use crate::tokens::token_hash;

/// A kiosk whose token is known and not revoked.
pub struct KioskAuth {
    pub id: i64,
    pub name: String,
}

/// A caller holding an admin token.
pub struct AdminAuth;

fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|token| !token.is_empty())
        .ok_or(ApiError::Unauthorized)
}

impl FromRequestParts<AppState> for KioskAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let hash = token_hash(bearer(parts)?);
        let row: Option<(i64, String)> =
            sqlx::query_as("SELECT id, name FROM kiosks WHERE token_sha256 = $1 AND NOT revoked")
                .bind(hash)
                .fetch_optional(&state.pool)
                .await?;
        let (id, name) = row.ok_or(ApiError::Unauthorized)?;
        Ok(KioskAuth { id, name })
    }
}

impl FromRequestParts<AppState> for AdminAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let hash = token_hash(bearer(parts)?);
        let known: Option<i64> =
            sqlx::query_scalar("SELECT id FROM admin_tokens WHERE token_sha256 = $1")
                .bind(hash)
                .fetch_optional(&state.pool)
                .await?;
        known.map(|_| AdminAuth).ok_or(ApiError::Unauthorized)
    }
}
