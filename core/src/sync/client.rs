//! The kiosk's side of the HTTP protocol, one method per endpoint. Only
//! over https (plain http only to this machine, for tests), certificates
//! checked, no redirects followed, no proxy but the one `kiosk.toml`
//! names, and every answer read up to a bound in size and in time: a
//! spoofed or broken hub can waste a sync, never the kiosk's memory, disk
//! or token, nor hold the sync loop.

use std::path::Path;
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_LENGTH, CONTENT_RANGE, ETAG, IF_NONE_MATCH, RANGE};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::SyncError;
use crate::config::{HubConfig, HubUrl};
use crate::hash::{Hasher, Sha256};
use crate::protocol::{
    ErrorBody, Heartbeat, HeartbeatReply, LeadAck, LeadBatch, MAX_ANSWER_BYTES, Manifest, PackId,
    StatsAck, StatsBatch,
};

/// The slowest download a kiosk waits for (a fair's worst Wi-Fi is faster).
const MIN_BYTES_PER_SECOND: u64 = 16 * 1024;
/// What a file's download may take besides its size at the slowest rate.
const BLOB_GRACE: Duration = Duration::from_secs(120);
/// The most of an error answer worth reading.
const MAX_ERROR_BYTES: usize = 16 * 1024;

/// How long the hub may take, bounded two ways: a silence in the middle
/// of an answer, and the whole of each request, so that a hub (or a
/// middlebox) that drips a byte now and then cannot hold a sync.
#[derive(Debug, Clone, Copy)]
pub struct Deadlines {
    /// The longest the hub may stay silent.
    pub silence: Duration,
    /// A heartbeat, a batch of leads or counts, a phone link's state:
    /// from sending the request to the answer's last byte.
    pub answer: Duration,
    /// The manifest, which may list 20,000 files: the same, longer.
    pub manifest: Duration,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            silence: Duration::from_secs(60),
            answer: Duration::from_secs(60),
            manifest: Duration::from_secs(180),
        }
    }
}

pub struct HubClient {
    http: reqwest::Client,
    base: url::Url,
    token: String,
    deadlines: Deadlines,
    requests: std::sync::atomic::AtomicUsize,
}

impl HubClient {
    /// A client for the hub at `base`, reached directly; `extra_ca` (PEM)
    /// is trusted besides the public roots, for a network that runs its
    /// own CA.
    pub fn new(
        base: &HubUrl,
        token: &str,
        extra_ca: Option<&[u8]>,
    ) -> Result<HubClient, SyncError> {
        HubClient::build(base, token, extra_ca, None, Deadlines::default())
    }

    /// The client `kiosk.toml`'s `[hub]` describes: its address, token, CA
    /// file and proxy.
    pub fn from_config(hub: &HubConfig) -> Result<HubClient, SyncError> {
        let extra_ca = match &hub.ca_file {
            Some(path) => Some(std::fs::read(path).map_err(|error| {
                SyncError::Io(format!("the hub's CA file {}: {error}", path.display()))
            })?),
            None => None,
        };
        HubClient::build(
            &hub.url,
            &hub.token,
            extra_ca.as_deref(),
            hub.proxy.as_ref(),
            Deadlines::default(),
        )
    }

    /// A client reached directly with other deadlines (for tests).
    pub fn with_deadlines(
        base: &HubUrl,
        token: &str,
        extra_ca: Option<&[u8]>,
        deadlines: Deadlines,
    ) -> Result<HubClient, SyncError> {
        HubClient::build(base, token, extra_ca, None, deadlines)
    }

    fn build(
        base: &HubUrl,
        token: &str,
        extra_ca: Option<&[u8]>,
        proxy: Option<&url::Url>,
        deadlines: Deadlines,
    ) -> Result<HubClient, SyncError> {
        let mut builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(deadlines.silence)
            .redirect(reqwest::redirect::Policy::none())
            .https_only(!base.is_loopback())
            // The environment's proxy variables are not ours: a kiosk's
            // token and leads go nowhere its config does not name.
            .no_proxy()
            .user_agent(concat!("city-kiosk/", env!("CARGO_PKG_VERSION")));
        if let Some(proxy) = proxy {
            let proxy = reqwest::Proxy::all(proxy.as_str())
                .map_err(|error| SyncError::Io(format!("the hub's proxy: {error}")))?;
            builder = builder.proxy(proxy);
        }
        if let Some(pem) = extra_ca {
            let certificate = reqwest::Certificate::from_pem(pem)
                .map_err(|error| SyncError::Io(format!("the hub's CA file: {error}")))?;
            builder = builder.add_root_certificate(certificate);
        }
        let http = builder
            .build()
            .map_err(|error| SyncError::Io(format!("no HTTP client: {}", describe(&error))))?;
        Ok(HubClient {
            http,
            base: base.url().clone(),
            token: token.to_string(),
            deadlines,
            requests: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// Requests made so far, for reports and benchmarks.
    pub fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn url(&self, path: &str) -> Result<url::Url, SyncError> {
        self.base
            .join(path)
            .map_err(|error| SyncError::Network(format!("bad hub address: {error}")))
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Result<reqwest::Response, SyncError> {
        self.requests
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let response = request
            .bearer_auth(&self.token)
            .send()
            .await
            .map_err(|error| failed(&error))?;
        let status = response.status();
        if status == StatusCode::UNAUTHORIZED {
            return Err(SyncError::Unauthorized);
        }
        if status.is_client_error() || status.is_server_error() {
            let body = read_limited(response, MAX_ERROR_BYTES).await.ok();
            let parsed = body
                .as_deref()
                .and_then(|bytes| serde_json::from_slice::<ErrorBody>(bytes).ok());
            return Err(SyncError::Hub {
                status: status.as_u16(),
                message: parsed
                    .as_ref()
                    .map(|body| body.error.chars().take(500).collect())
                    .unwrap_or_else(|| status.to_string()),
                index: parsed.and_then(|body| body.index),
            });
        }
        if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
            return Err(SyncError::Hub {
                status: status.as_u16(),
                message: "the hub redirects; a kiosk follows no redirects".into(),
                index: None,
            });
        }
        Ok(response)
    }

    /// A request whose answer is read whole as data, within `deadline`
    /// from sending to its last byte.
    async fn within<T>(
        &self,
        what: &str,
        deadline: Duration,
        exchange: impl Future<Output = Result<T, SyncError>>,
    ) -> Result<T, SyncError> {
        tokio::time::timeout(deadline, exchange)
            .await
            .map_err(|_| {
                SyncError::TooSlow(format!(
                    "its answer to the {what} did not arrive whole within {} s",
                    deadline.as_secs()
                ))
            })?
    }

    async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        what: &str,
        path: &str,
        body: &B,
    ) -> Result<R, SyncError> {
        let request = self.http.post(self.url(path)?).json(body);
        self.within(what, self.deadlines.answer, async {
            let response = self.send(request).await?;
            read_json(response, what).await
        })
        .await
    }

    pub async fn heartbeat(&self, beat: &Heartbeat) -> Result<HeartbeatReply, SyncError> {
        self.post("heartbeat", "v1/heartbeat", beat).await
    }

    pub async fn push_leads(&self, batch: &LeadBatch) -> Result<LeadAck, SyncError> {
        self.post("leads", "v1/leads", batch).await
    }

    pub async fn push_stats(&self, batch: &StatsBatch) -> Result<StatsAck, SyncError> {
        self.post("counts", "v1/stats", batch).await
    }

    /// Whether the lead of a "continue on your phone" link this kiosk
    /// showed has reached the hub.
    pub async fn phone_lead_arrived(&self, lead: uuid::Uuid) -> Result<bool, SyncError> {
        let request = self.http.get(self.url(&format!("v1/phone/{lead}"))?);
        let what = "phone link's question";
        self.within(what, self.deadlines.answer, async {
            let response = self.send(request).await?;
            let status: crate::protocol::PhoneLeadStatus = read_json(response, what).await?;
            Ok(status.received)
        })
        .await
    }

    /// The current manifest and its id; `None` when it is still `known`.
    /// The id names a folder and tells the kiosk which pack it has, so it
    /// must be what the manifest is: a strong ETag holding the SHA-256 of
    /// the body as received, or the manifest is refused.
    pub async fn manifest(
        &self,
        known: Option<PackId>,
    ) -> Result<Option<(Manifest, PackId)>, SyncError> {
        let mut request = self.http.get(self.url("v1/manifest")?);
        if let Some(known) = known {
            request = request.header(IF_NONE_MATCH, known.etag());
        }
        self.within("manifest", self.deadlines.manifest, async {
            let response = self.send(request).await?;
            if response.status() == StatusCode::NOT_MODIFIED {
                return Ok(None);
            }
            let id = response
                .headers()
                .get(ETAG)
                .and_then(|value| value.to_str().ok())
                .and_then(PackId::from_etag)
                .ok_or_else(|| {
                    SyncError::BadAnswer("the manifest has no valid ETag (a quoted SHA-256)".into())
                })?;
            let body = read_limited(response, MAX_ANSWER_BYTES).await?;
            let got = Sha256::of(&body);
            if got != id.sha256() {
                return Err(SyncError::BadAnswer(format!(
                    "the manifest's ETag {} is not its SHA-256 ({got}); nothing is installed",
                    id.sha256()
                )));
            }
            let manifest = parse_json(&body, "manifest")?;
            Ok(Some((manifest, id)))
        })
        .await
    }

    /// Downloads blob `sha256` of `size` bytes to `partial`, resuming what
    /// a broken download left there. Never writes more than `size` bytes;
    /// a file of another size or hash is removed and refused.
    pub async fn download_blob(
        &self,
        sha256: Sha256,
        size: u64,
        partial: &Path,
    ) -> Result<(), SyncError> {
        for _attempt in 0..2 {
            let (mut hasher, have) = match hash_prefix(partial, size).await? {
                Some(prefix) => prefix,
                None => {
                    remove_if_present(partial).await?;
                    (Hasher::new(), 0)
                }
            };
            if have == size {
                // Nothing (more) to fetch, as for a file of no bytes; the
                // file must still be there to be moved into place.
                private_file(partial, false).await?;
                return finish(sha256, hasher, partial).await;
            }
            let mut request = self.http.get(self.url(&format!("v1/blobs/{sha256}"))?);
            if have > 0 {
                request = request.header(RANGE, format!("bytes={have}-"));
            }
            // A hub that drips bytes just fast enough to beat the silence
            // limit still ends: a download, its answer's header included,
            // gets a deadline by its size.
            let deadline = tokio::time::Instant::now()
                + BLOB_GRACE
                + Duration::from_secs((size - have) / MIN_BYTES_PER_SECOND);
            let too_slow = || SyncError::TooSlow(format!("file {sha256} comes too slowly"));
            let sent = tokio::time::timeout_at(deadline, self.send(request))
                .await
                .map_err(|_| too_slow())?;
            let response = match sent {
                // What we have is not a prefix of the file: start over.
                Err(SyncError::Hub { status: 416, .. }) => {
                    remove_if_present(partial).await?;
                    continue;
                }
                other => other?,
            };
            let resumed = response.status() == StatusCode::PARTIAL_CONTENT;
            let start = if resumed {
                if content_range_start(&response) != Some(have) {
                    remove_if_present(partial).await?;
                    return Err(bad_blob(sha256, "the hub resumed at another place"));
                }
                have
            } else {
                hasher = Hasher::new();
                0
            };
            let announced = response
                .headers()
                .get(CONTENT_LENGTH)
                .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
            if announced.is_some_and(|length| start.saturating_add(length) > size) {
                remove_if_present(partial).await?;
                return Err(bad_blob(
                    sha256,
                    "the hub sends more than the manifest says",
                ));
            }
            let mut file = private_file(partial, !resumed).await?;
            let mut written = start;
            let mut body = response.bytes_stream();
            loop {
                let next = tokio::time::timeout_at(deadline, body.next())
                    .await
                    .map_err(|_| too_slow())?;
                let Some(chunk) = next else {
                    break;
                };
                let chunk = chunk.map_err(|error| failed(&error))?;
                if written.saturating_add(chunk.len() as u64) > size {
                    drop(file);
                    remove_if_present(partial).await?;
                    return Err(bad_blob(
                        sha256,
                        "the hub sends more than the manifest says",
                    ));
                }
                hasher.update(&chunk);
                file.write_all(&chunk).await?;
                written += chunk.len() as u64;
            }
            file.sync_all().await?;
            if written < size {
                // The hub finished its answer (a cut connection is an error
                // above, and what came is kept to resume): its file is short.
                drop(file);
                remove_if_present(partial).await?;
                return Err(bad_blob(
                    sha256,
                    &format!("the hub's file ends after {written} of {size} bytes"),
                ));
            }
            return finish(sha256, hasher, partial).await;
        }
        Err(bad_blob(sha256, "the hub refuses to resume the download"))
    }
}

/// Opens `path` to append to it, as an owner-only file (created if it is
/// not there, emptied first when `truncate`).
async fn private_file(path: &Path, truncate: bool) -> Result<tokio::fs::File, SyncError> {
    let mut options = tokio::fs::OpenOptions::new();
    options.create(true).mode(crate::owner_only::FILE_MODE);
    if truncate {
        options.write(true).truncate(true);
    } else {
        options.append(true);
    }
    Ok(options.open(path).await?)
}

/// A request that failed, said as what happened: the hub was not reached,
/// it went silent, or the connection broke.
fn failed(error: &reqwest::Error) -> SyncError {
    let text = describe(error);
    if error.is_connect() {
        SyncError::Network(text)
    } else if error.is_timeout() {
        SyncError::TooSlow(format!("it went silent ({text})"))
    } else {
        SyncError::Interrupted(text)
    }
}

fn describe(error: &reqwest::Error) -> String {
    // reqwest's own text hides the cause (a certificate, a refused
    // connection); the chain says it.
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn bad_blob(sha256: Sha256, why: &str) -> SyncError {
    SyncError::BadBlob {
        sha256,
        problem: why.to_string(),
    }
}

async fn finish(sha256: Sha256, hasher: Hasher, partial: &Path) -> Result<(), SyncError> {
    let got = hasher.finish();
    if got != sha256 {
        remove_if_present(partial).await?;
        return Err(bad_blob(sha256, &format!("its content hashes to {got}")));
    }
    Ok(())
}

/// The hash state and length of what `partial` holds, if it is no longer
/// than `size`.
async fn hash_prefix(partial: &Path, size: u64) -> Result<Option<(Hasher, u64)>, SyncError> {
    let mut file = match tokio::fs::File::open(partial).await {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Some((Hasher::new(), 0)));
        }
        Err(error) => return Err(error.into()),
    };
    if file.metadata().await?.len() > size {
        return Ok(None);
    }
    let mut hasher = Hasher::new();
    let mut have = 0u64;
    let mut buffer = vec![0u8; 256 * 1024];
    loop {
        let read = file.read(&mut buffer).await?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        have += read as u64;
    }
    Ok(Some((hasher, have)))
}

async fn remove_if_present(path: &Path) -> Result<(), SyncError> {
    match tokio::fs::remove_file(path).await {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error.into()),
        _ => Ok(()),
    }
}

/// The first byte of a `Content-Range: bytes START-END/SIZE` answer.
fn content_range_start(response: &reqwest::Response) -> Option<u64> {
    let value = response.headers().get(CONTENT_RANGE)?.to_str().ok()?;
    let range = value.strip_prefix("bytes ")?;
    range.split_once('-')?.0.trim().parse().ok()
}

/// A body, read up to `limit` bytes; more is an error, not an allocation.
async fn read_limited(response: reqwest::Response, limit: usize) -> Result<Vec<u8>, SyncError> {
    let too_large = || SyncError::BadAnswer(format!("its answer is larger than {limit} bytes"));
    let declared = response.content_length().unwrap_or(0);
    if declared > limit as u64 {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(declared as usize);
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.map_err(|error| failed(&error))?;
        if bytes.len() + chunk.len() > limit {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

async fn read_json<R: DeserializeOwned>(
    response: reqwest::Response,
    what: &str,
) -> Result<R, SyncError> {
    let bytes = read_limited(response, MAX_ANSWER_BYTES).await?;
    parse_json(&bytes, what)
}

fn parse_json<R: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<R, SyncError> {
    serde_json::from_slice(bytes)
        .map_err(|error| SyncError::BadAnswer(format!("its {what} is not readable: {error}")))
}
