//! The kiosk's side of the HTTP protocol, one method per endpoint.

use std::path::Path;
use std::time::Duration;

use futures_util::StreamExt;
use reqwest::StatusCode;
use reqwest::header::{ETAG, IF_NONE_MATCH, RANGE};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::SyncError;
use crate::protocol::{
    ErrorBody, Heartbeat, HeartbeatReply, LeadAck, LeadBatch, Manifest, StatsAck, StatsBatch,
};

pub struct HubClient {
    http: reqwest::Client,
    base: url::Url,
    token: String,
    requests: std::sync::atomic::AtomicUsize,
}

impl HubClient {
    pub fn new(base: url::Url, token: &str) -> Result<HubClient, SyncError> {
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(120))
            .user_agent(concat!("city-kiosk/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|error| SyncError::Network(error.to_string()))?;
        Ok(HubClient {
            http,
            base,
            token: token.to_string(),
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
            .map_err(|error| SyncError::Network(error.to_string()))?;
        let status = response.status();
        if status == StatusCode::UNAUTHORIZED {
            return Err(SyncError::Unauthorized);
        }
        if status.is_client_error() || status.is_server_error() {
            let message = response
                .json::<ErrorBody>()
                .await
                .map(|body| body.error)
                .unwrap_or_else(|_| status.to_string());
            return Err(SyncError::Hub {
                status: status.as_u16(),
                message,
            });
        }
        Ok(response)
    }

    async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, SyncError> {
        let response = self
            .send(self.http.post(self.url(path)?).json(body))
            .await?;
        response
            .json::<R>()
            .await
            .map_err(|error| SyncError::Network(format!("unreadable answer from the hub: {error}")))
    }

    pub async fn heartbeat(&self, beat: &Heartbeat) -> Result<HeartbeatReply, SyncError> {
        self.post("v1/heartbeat", beat).await
    }

    pub async fn push_leads(&self, batch: &LeadBatch) -> Result<LeadAck, SyncError> {
        self.post("v1/leads", batch).await
    }

    pub async fn push_stats(&self, batch: &StatsBatch) -> Result<StatsAck, SyncError> {
        self.post("v1/stats", batch).await
    }

    /// The current manifest and its ETag; `None` when it is still `etag`.
    pub async fn manifest(
        &self,
        etag: Option<&str>,
    ) -> Result<Option<(Manifest, String)>, SyncError> {
        let mut request = self.http.get(self.url("v1/manifest")?);
        if let Some(etag) = etag {
            request = request.header(IF_NONE_MATCH, etag);
        }
        let response = self.send(request).await?;
        if response.status() == StatusCode::NOT_MODIFIED {
            return Ok(None);
        }
        let etag = response
            .headers()
            .get(ETAG)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_default()
            .to_string();
        let manifest = response
            .json::<Manifest>()
            .await
            .map_err(|error| SyncError::Network(format!("unreadable manifest: {error}")))?;
        Ok(Some((manifest, etag)))
    }

    /// Downloads blob `sha256` to `partial`, resuming what a broken
    /// download left there, and checks the hash of the whole file.
    pub async fn download_blob(&self, sha256: &str, partial: &Path) -> Result<(), SyncError> {
        let mut hasher = Sha256::new();
        let mut have = 0u64;
        if let Ok(mut existing) = tokio::fs::File::open(partial).await {
            let mut buffer = vec![0u8; 256 * 1024];
            loop {
                let read = existing.read(&mut buffer).await?;
                if read == 0 {
                    break;
                }
                hasher.update(&buffer[..read]);
                have += read as u64;
            }
        }
        let mut request = self.http.get(self.url(&format!("v1/blobs/{sha256}"))?);
        if have > 0 {
            request = request.header(RANGE, format!("bytes={have}-"));
        }
        let response = match self.send(request).await {
            // What we have is the whole file already, or rubbish: start over.
            Err(SyncError::Hub { status: 416, .. }) => {
                tokio::fs::remove_file(partial).await?;
                return Box::pin(self.download_blob(sha256, partial)).await;
            }
            other => other?,
        };
        let mut file = if response.status() == StatusCode::PARTIAL_CONTENT {
            tokio::fs::OpenOptions::new()
                .append(true)
                .open(partial)
                .await?
        } else {
            hasher = Sha256::new();
            tokio::fs::File::create(partial).await?
        };
        let mut body = response.bytes_stream();
        while let Some(chunk) = body.next().await {
            let chunk = chunk.map_err(|error| SyncError::Network(error.to_string()))?;
            hasher.update(&chunk);
            file.write_all(&chunk).await?;
        }
        file.sync_all().await?;
        let got: String = hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect();
        if got != sha256 {
            tokio::fs::remove_file(partial).await?;
            return Err(SyncError::BadBlob {
                sha256: sha256.to_string(),
                got,
            });
        }
        Ok(())
    }
}
