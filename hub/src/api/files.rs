//! The published pack: its manifest (with an ETag) and its files by hash
//! (with Range, cached for ever: a hash never changes its content).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::{ApiError, KioskAuth};
use crate::AppState;

pub async fn manifest(
    _kiosk: KioskAuth,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let current: Option<(serde_json::Value, String)> = sqlx::query_as(
        "SELECT p.manifest, p.manifest_sha256 FROM current_pack c JOIN packs p ON p.id = c.pack_id",
    )
    .fetch_optional(&state.pool)
    .await?;
    let (manifest, sha) =
        current.ok_or_else(|| ApiError::NotFound("no pack is published".into()))?;
    let etag = format!("\"{sha}\"");
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.split(',').any(|tag| tag.trim() == etag));
    let etag_header = HeaderValue::from_str(&etag).map_err(anyhow::Error::from)?;
    if unchanged {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag_header)]).into_response());
    }
    Ok((
        [
            (header::ETAG, etag_header),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        axum::Json(manifest),
    )
        .into_response())
}

pub async fn blob(
    _kiosk: KioskAuth,
    State(state): State<AppState>,
    Path(sha256): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let path = state.blobs.path(&sha256).ok_or_else(|| {
        ApiError::BadRequest("a blob is named by its SHA-256 in lowercase hex".into())
    })?;
    let mut file = match tokio::fs::File::open(&path).await {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ApiError::NotFound(format!("no blob {sha256}")));
        }
        Err(error) => return Err(ApiError::Internal(error.into())),
    };
    let size = file.metadata().await.map_err(anyhow::Error::from)?.len();
    let range = headers
        .get(header::RANGE)
        .and_then(|value| value.to_str().ok())
        .map(|value| parse_range(value, size))
        .transpose()?;
    let immutable = HeaderValue::from_static("public, max-age=31536000, immutable");
    let etag = HeaderValue::from_str(&format!("\"{sha256}\"")).map_err(anyhow::Error::from)?;
    let (status, start, length) = match range {
        Some((start, end)) => (StatusCode::PARTIAL_CONTENT, start, end - start + 1),
        None => (StatusCode::OK, 0, size),
    };
    file.seek(std::io::SeekFrom::Start(start))
        .await
        .map_err(anyhow::Error::from)?;
    let body = Body::from_stream(tokio_util::io::ReaderStream::new(file.take(length)));
    let mut response = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/octet-stream")
        .header(header::CONTENT_LENGTH, length)
        .header(header::ACCEPT_RANGES, "bytes")
        .header(header::CACHE_CONTROL, immutable)
        .header(header::ETAG, etag);
    if status == StatusCode::PARTIAL_CONTENT {
        response = response.header(
            header::CONTENT_RANGE,
            format!("bytes {start}-{}/{size}", start + length - 1),
        );
    }
    response
        .body(body)
        .map_err(|error| ApiError::Internal(error.into()))
}

/// One range, `bytes=START-` or `bytes=START-END` (inclusive), within
/// `size`; what kiosks send to resume a download.
fn parse_range(value: &str, size: u64) -> Result<(u64, u64), ApiError> {
    let spec = value
        .strip_prefix("bytes=")
        .ok_or(ApiError::RangeNotSatisfiable)?;
    let (start, end) = spec.split_once('-').ok_or(ApiError::RangeNotSatisfiable)?;
    let start: u64 = start
        .trim()
        .parse()
        .map_err(|_| ApiError::RangeNotSatisfiable)?;
    let end: u64 = match end.trim() {
        "" => size.saturating_sub(1),
        end => end
            .parse::<u64>()
            .map_err(|_| ApiError::RangeNotSatisfiable)?
            .min(size.saturating_sub(1)),
    };
    if start >= size || end < start {
        return Err(ApiError::RangeNotSatisfiable);
    }
    Ok((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_resume_downloads_and_nonsense_is_refused() {
        assert_eq!(parse_range("bytes=0-", 10).unwrap(), (0, 9));
        assert_eq!(parse_range("bytes=4-", 10).unwrap(), (4, 9));
        assert_eq!(parse_range("bytes=2-5", 10).unwrap(), (2, 5));
        assert_eq!(parse_range("bytes=2-50", 10).unwrap(), (2, 9));
        for bad in [
            "bytes=10-",
            "bytes=5-2",
            "items=0-1",
            "bytes=x-",
            "bytes=-5",
        ] {
            assert!(parse_range(bad, 10).is_err(), "{bad}");
        }
    }
}
