//! The towns' brochures of the current pack, public at
//! `/brochures/<town>/<lang>.pdf`: what the visitor's mail links to. Only a
//! valid town id and language name a file, and only one the pack lists.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use city_core::Lang;

use crate::AppState;
use crate::api::ApiError;

/// The path of a brochure under the hub's public address.
pub fn path(town: &str, lang: Lang) -> String {
    format!("brochures/{town}/{}.pdf", lang.code())
}

pub async fn brochure(
    State(state): State<AppState>,
    Path((town, file)): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let not_found = || ApiError::NotFound("no such brochure".into());
    let lang = file
        .strip_suffix(".pdf")
        .and_then(Lang::from_code)
        .ok_or_else(not_found)?;
    if !city_core::ids::is_valid_id(&town) {
        return Err(not_found());
    }
    let pack = state
        .pack_texts
        .current(&state.pool)
        .await?
        .ok_or_else(not_found)?;
    let path = pack
        .town(&town)
        .and_then(|town| town.brochures.get(&lang))
        .ok_or_else(not_found)?
        .clone();
    let file = tokio::fs::File::open(&path)
        .await
        .map_err(|error| anyhow::anyhow!("brochure {}: {error}", path.display()))?;
    let length = file.metadata().await.map_err(anyhow::Error::from)?.len();
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(file)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    // The current pack may change; an hour is fresh enough for a brochure.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    Ok(response)
}
