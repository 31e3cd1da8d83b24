//! The published pack: its manifest (with an ETag) and its files by hash
//! (with Range as RFC 9110 has it, cached for ever: a hash never changes
//! its content).

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use city_core::hash::Sha256;
use tokio::io::{AsyncReadExt, AsyncSeekExt};

use super::{ApiError, KioskAuth};
use crate::AppState;

pub async fn manifest(
    _kiosk: KioskAuth,
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (manifest, id) = crate::db::packs::current(&state.pool)
        .await?
        .ok_or_else(|| ApiError::NotFound("no pack is published".into()))?;
    let etag = id.etag();
    let unchanged = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.split(',').any(|tag| tag.trim() == etag));
    let etag_header = HeaderValue::from_str(&etag).map_err(anyhow::Error::from)?;
    if unchanged {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, etag_header)]).into_response());
    }
    // The very bytes the id hashes (PostgreSQL keeps the manifest as
    // JSONB, which orders keys its own way).
    let body = crate::packs::publish::manifest_body(&manifest)?;
    if Sha256::of(&body) != id.sha256() {
        return Err(ApiError::Internal(anyhow::anyhow!(
            "the current pack's manifest does not hash to its id {id}"
        )));
    }
    Ok((
        [
            (header::ETAG, etag_header),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
        ],
        body,
    )
        .into_response())
}

pub async fn blob(
    _kiosk: KioskAuth,
    State(state): State<AppState>,
    Path(name): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let sha256 = Sha256::parse(&name).map_err(|_| {
        ApiError::BadRequest("a blob is named by its SHA-256 in lowercase hex".into())
    })?;
    let mut file = match tokio::fs::File::open(state.blobs.path(sha256)).await {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(ApiError::NotFound(format!("no blob {sha256}")));
        }
        Err(error) => return Err(ApiError::Internal(error.into())),
    };
    let size = file.metadata().await.map_err(anyhow::Error::from)?.len();
    let etag = format!("\"{sha256}\"");
    // If-Range with another validator: the client's copy is not this
    // file, so it gets the whole of it.
    let if_range_matches = headers
        .get(header::IF_RANGE)
        .is_none_or(|value| value.to_str().is_ok_and(|value| value.trim() == etag));
    let range = match headers.get(header::RANGE) {
        Some(value) if if_range_matches => match value.to_str() {
            Ok(value) => parse_range(value, size),
            Err(_) => Range::Whole,
        },
        _ => Range::Whole,
    };
    let (status, start, length) = match range {
        Range::Whole => (StatusCode::OK, 0, size),
        Range::Part { first, last } => (StatusCode::PARTIAL_CONTENT, first, last - first + 1),
        Range::Unsatisfiable => return Err(ApiError::RangeNotSatisfiable { size }),
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
        .header(header::CACHE_CONTROL, "public, max-age=31536000, immutable")
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

/// What a Range header asks of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Range {
    /// No usable range: the whole file, 200. RFC 9110 lets a server
    /// ignore a Range it does not understand or will not serve (another
    /// unit, a malformed one, several ranges).
    Whole,
    /// Bytes `first..=last`, 206.
    Part { first: u64, last: u64 },
    /// A range wholly past the end, 416.
    Unsatisfiable,
}

fn parse_range(value: &str, size: u64) -> Range {
    let Some((unit, set)) = value.trim().split_once('=') else {
        return Range::Whole;
    };
    if !unit.trim().eq_ignore_ascii_case("bytes") {
        return Range::Whole;
    }
    let specs: Vec<&str> = set
        .split(',')
        .map(str::trim)
        .filter(|spec| !spec.is_empty())
        .collect();
    let [spec] = specs.as_slice() else {
        return Range::Whole;
    };
    let Some((first, last)) = spec.split_once('-') else {
        return Range::Whole;
    };
    let number = |text: &str| -> Option<u64> {
        let text = text.trim();
        (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse().ok())
            .flatten()
    };
    match (first.trim().is_empty(), number(first), number(last)) {
        // `-N`: the last N bytes.
        (true, _, Some(suffix)) => {
            if suffix == 0 || size == 0 {
                Range::Unsatisfiable
            } else {
                Range::Part {
                    first: size.saturating_sub(suffix),
                    last: size - 1,
                }
            }
        }
        // `N-` and `N-M`.
        (false, Some(first), last) if last.is_some() || last_is_open(spec) => {
            if last.is_some_and(|last| last < first) {
                return Range::Whole;
            }
            if first >= size {
                return Range::Unsatisfiable;
            }
            Range::Part {
                first,
                last: last.map_or(size - 1, |last| last.min(size - 1)),
            }
        }
        _ => Range::Whole,
    }
}

fn last_is_open(spec: &str) -> bool {
    spec.split_once('-')
        .is_some_and(|(_, last)| last.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_follow_rfc_9110() {
        let part = |first, last| Range::Part { first, last };
        assert_eq!(parse_range("bytes=0-", 10), part(0, 9));
        assert_eq!(parse_range("bytes=4-", 10), part(4, 9));
        assert_eq!(parse_range("bytes=2-5", 10), part(2, 5));
        assert_eq!(parse_range("bytes=2-50", 10), part(2, 9));
        assert_eq!(parse_range("bytes=-3", 10), part(7, 9), "a suffix");
        assert_eq!(parse_range("bytes=-30", 10), part(0, 9), "a long suffix");
        assert_eq!(parse_range("Bytes = 1-1", 10), part(1, 1));
        for ignored in [
            "items=0-1",
            "bytes=x-",
            "bytes=5-2",
            "bytes=0-1,4-5",
            "bytes=",
            "bytes=-",
            "bytes=+1-2",
            "nonsense",
        ] {
            assert_eq!(parse_range(ignored, 10), Range::Whole, "{ignored}");
        }
        for unsatisfiable in ["bytes=10-", "bytes=20-30", "bytes=-0"] {
            assert_eq!(
                parse_range(unsatisfiable, 10),
                Range::Unsatisfiable,
                "{unsatisfiable}"
            );
        }
        assert_eq!(parse_range("bytes=-5", 0), Range::Unsatisfiable);
    }
}
