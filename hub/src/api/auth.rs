//! Who is calling: a kiosk by its bearer token, or an admin by theirs.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

use super::ApiError;
use crate::AppState;
use crate::db::{admins, kiosks};

/// A kiosk whose token is known and not revoked.
pub type KioskAuth = kiosks::Kiosk;

/// A caller holding an admin token that was not revoked: the token's id.
pub struct AdminAuth(pub i64);

/// The token of an `Authorization: Bearer …` header; the scheme's name is
/// case-insensitive (RFC 9110), the token is 1 to 256 visible characters.
fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .ok_or(ApiError::Unauthorized)?;
    let (scheme, token) = value.trim().split_once(' ').ok_or(ApiError::Unauthorized)?;
    let token = token.trim();
    let well_formed = scheme.eq_ignore_ascii_case("bearer")
        && !token.is_empty()
        && token.len() <= 256
        && token.bytes().all(|b| b.is_ascii_graphic());
    well_formed.then_some(token).ok_or(ApiError::Unauthorized)
}

impl FromRequestParts<AppState> for KioskAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        kiosks::by_token(&state.pool, bearer(parts)?)
            .await?
            .ok_or(ApiError::Unauthorized)
    }
}

impl FromRequestParts<AppState> for AdminAuth {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        admins::valid_id(&state.pool, bearer(parts)?)
            .await?
            .map(AdminAuth)
            .ok_or(ApiError::Unauthorized)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(authorization: &str) -> Parts {
        let (parts, ()) = axum::http::Request::builder()
            .header("authorization", authorization)
            .body(())
            .unwrap()
            .into_parts();
        parts
    }

    #[test]
    fn the_scheme_is_case_insensitive_and_the_token_well_formed() {
        for good in ["Bearer abc", "bearer abc", "BEARER  abc "] {
            assert_eq!(bearer(&parts(good)).ok(), Some("abc"), "{good}");
        }
        for bad in ["Basic abc", "Bearer", "Bearer ", "abc", "Bearer a\tb"] {
            assert!(bearer(&parts(bad)).is_err(), "{bad}");
        }
    }
}
