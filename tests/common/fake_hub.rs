//! A hub that lies: a real HTTP server on 127.0.0.1 that speaks the sync
//! protocol and, when told, answers with wrong hashes, wrong sizes, cut
//! connections, slow bodies, missing ETags, hostile paths, 500s and 401s.
//! The kiosk's real sync client and store talk to it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use city_core::content::file_list::FileList;
use city_core::hash::Sha256;
use city_core::protocol::{
    Erasure, Heartbeat, HeartbeatReply, LeadAck, LeadBatch, Manifest, ManifestFile, PackId,
    StatsAck, StatsBatch,
};
use uuid::Uuid;

/// How the hub answers for blobs.
#[derive(Debug, Clone, PartialEq)]
pub enum Blobs {
    Honest,
    /// Other bytes of the same length.
    WrongContent,
    /// The right bytes followed by this many more.
    Oversize(usize),
    /// The first bytes, then the connection is cut.
    CutAfter(usize),
    /// A byte at a time, this far apart.
    Drip(Duration),
    Status(u16),
}

/// How the hub answers a batch of leads.
#[derive(Debug, Clone, PartialEq)]
pub enum Leads {
    Honest,
    /// Acknowledges ids nobody sent, and none of the batch.
    AckForeign,
    /// Says every lead of the batch is held for another kiosk.
    Conflicts,
    /// Refuses the lead at this index with 422.
    Refuse(usize),
    Status(u16),
}

/// The manifest the hub serves, as it is (or is not) checked.
#[derive(Debug, Clone)]
pub enum ManifestAnswer {
    /// The pack given to [`FakeHub::publish`], with its proper ETag.
    Pack,
    /// That manifest with no ETag header.
    NoEtag,
    /// A raw body and ETag, for hostile values.
    Raw { body: String, etag: Option<String> },
}

impl ManifestAnswer {
    /// `body` with the ETag an honest hub gives it: its SHA-256.
    pub fn hashed(body: String) -> ManifestAnswer {
        let etag = PackId::new(Sha256::of(body.as_bytes())).etag();
        ManifestAnswer::Raw {
            body,
            etag: Some(etag),
        }
    }
}

pub struct Behaviour {
    pub blobs: Blobs,
    pub leads: Leads,
    pub manifest: ManifestAnswer,
    /// Every request answered with this status instead.
    pub everything: Option<u16>,
    /// Answers read as data (heartbeat, leads, counts, manifest) sent a
    /// byte at a time, this far apart.
    pub drip_answers: Option<Duration>,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            blobs: Blobs::Honest,
            leads: Leads::Honest,
            manifest: ManifestAnswer::Pack,
            everything: None,
            drip_answers: None,
        }
    }
}

#[derive(Default)]
pub struct Inner {
    pub behaviour: Behaviour,
    /// The published pack: its files by hash, its manifest, its id.
    files: BTreeMap<Sha256, PathBuf>,
    manifest: Option<(Manifest, PackId)>,
    /// Every lead id the hub took, as a real hub would keep them.
    pub leads: Vec<Uuid>,
    /// "METHOD /path range" of every request, in order.
    pub requests: Vec<String>,
    /// Leads given on a phone from this kiosk's links.
    pub phone_leads: Vec<Uuid>,
    /// Erasures every heartbeat answers with.
    pub erasures: Vec<Erasure>,
    /// What each heartbeat said it had carried out, in order.
    pub erasures_seen: Vec<i64>,
}

#[derive(Clone)]
pub struct FakeHub {
    pub inner: Arc<Mutex<Inner>>,
    pub url: String,
    _server: Arc<tokio::task::JoinHandle<()>>,
}

impl FakeHub {
    pub async fn start() -> FakeHub {
        let inner = Arc::new(Mutex::new(Inner::default()));
        let router = Router::new()
            .route("/v1/heartbeat", post(heartbeat))
            .route("/v1/leads", post(leads))
            .route("/v1/stats", post(stats))
            .route("/v1/manifest", get(manifest))
            .route("/v1/blobs/{sha}", get(blob))
            .route("/v1/phone/{lead}", get(phone))
            .layer(axum::middleware::from_fn_with_state(inner.clone(), record))
            .with_state(inner.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        FakeHub {
            inner,
            url,
            _server: Arc::new(server),
        }
    }

    /// Serves the pack in `dir` as the current one.
    pub fn publish(&self, dir: &Path) {
        let listed = FileList::of_dir(dir).unwrap();
        // Read as it is: a hub may publish a pack that does not load.
        let pack_toml: toml::Table =
            toml::from_str(&std::fs::read_to_string(dir.join("pack.toml")).unwrap()).unwrap();
        let version = pack_toml["version"].as_str().unwrap().to_string();
        let manifest = Manifest::from((version.as_str(), &listed));
        let id = PackId::new(Sha256::of(&serde_json::to_vec(&manifest).unwrap()));
        let mut inner = self.inner.lock().unwrap();
        inner.files = listed
            .entries
            .iter()
            .map(|entry| (entry.sha256, dir.join(entry.path.to_relative())))
            .collect();
        inner.manifest = Some((manifest, id));
    }

    pub fn id(&self) -> PackId {
        self.inner.lock().unwrap().manifest.as_ref().unwrap().1
    }

    pub fn set(&self, change: impl FnOnce(&mut Behaviour)) {
        change(&mut self.inner.lock().unwrap().behaviour);
    }

    pub fn requests(&self) -> Vec<String> {
        self.inner.lock().unwrap().requests.clone()
    }

    pub fn leads(&self) -> Vec<Uuid> {
        self.inner.lock().unwrap().leads.clone()
    }

    /// A manifest for hostile tests: the published one with one file changed.
    pub fn manifest_with(&self, change: impl FnOnce(&mut ManifestFile)) -> String {
        let inner = self.inner.lock().unwrap();
        let (manifest, _) = inner.manifest.as_ref().unwrap();
        let mut json = serde_json::to_value(manifest).unwrap();
        let mut file: ManifestFile = serde_json::from_value(json["files"][0].clone()).unwrap();
        change(&mut file);
        json["files"][0] = serde_json::to_value(&file).unwrap();
        json.to_string()
    }
}

type Shared = Arc<Mutex<Inner>>;

async fn record(
    State(inner): State<Shared>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let range = request
        .headers()
        .get(header::RANGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("")
        .to_string();
    let is_blob = request.uri().path().starts_with("/v1/blobs/");
    let (everything, drip) = {
        let mut inner = inner.lock().unwrap();
        inner.requests.push(format!(
            "{} {} {range}",
            request.method(),
            request.uri().path()
        ));
        (inner.behaviour.everything, inner.behaviour.drip_answers)
    };
    if let Some(status) = everything {
        return status_only(status);
    }
    let response = next.run(request).await;
    match drip {
        Some(every) if !is_blob => {
            let (parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
            Response::from_parts(parts, dripping(bytes.to_vec(), every))
        }
        _ => response,
    }
}

/// A body sent a byte at a time, `every` apart.
fn dripping(bytes: Vec<u8>, every: Duration) -> Body {
    Body::from_stream(futures_util::stream::unfold(
        (bytes, 0usize),
        move |(bytes, at)| async move {
            if at >= bytes.len() {
                return None;
            }
            tokio::time::sleep(every).await;
            let byte = Bytes::from(vec![bytes[at]]);
            Some((Ok::<_, std::io::Error>(byte), (bytes, at + 1)))
        },
    ))
}

fn status_only(status: u16) -> Response {
    let status = StatusCode::from_u16(status).unwrap();
    (
        status,
        axum::Json(serde_json::json!({ "error": status.to_string() })),
    )
        .into_response()
}

async fn phone(
    State(inner): State<Shared>,
    axum::extract::Path(lead): axum::extract::Path<Uuid>,
) -> Response {
    let received = inner.lock().unwrap().phone_leads.contains(&lead);
    axum::Json(city_core::protocol::PhoneLeadStatus { received }).into_response()
}

async fn heartbeat(
    State(inner): State<Shared>,
    axum::Json(beat): axum::Json<Heartbeat>,
) -> Response {
    let mut inner = inner.lock().unwrap();
    inner.erasures_seen.push(beat.erasures_seen);
    axum::Json(HeartbeatReply {
        erasures: inner.erasures.clone(),
        pack_etag: inner.manifest.as_ref().map(|(_, id)| *id),
    })
    .into_response()
}

async fn leads(State(inner): State<Shared>, axum::Json(batch): axum::Json<LeadBatch>) -> Response {
    let mut inner = inner.lock().unwrap();
    let sent: Vec<Uuid> = batch.leads.iter().map(|lead| lead.id).collect();
    match inner.behaviour.leads.clone() {
        Leads::Honest => {
            inner.leads.extend(&sent);
            axum::Json(LeadAck {
                accepted: sent,
                conflicts: Vec::new(),
            })
            .into_response()
        }
        Leads::AckForeign => axum::Json(LeadAck {
            accepted: (0..sent.len()).map(|_| Uuid::new_v4()).collect(),
            conflicts: Vec::new(),
        })
        .into_response(),
        Leads::Conflicts => axum::Json(LeadAck {
            accepted: Vec::new(),
            conflicts: sent,
        })
        .into_response(),
        Leads::Refuse(index) if index < sent.len() => {
            inner.behaviour.leads = Leads::Honest;
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(serde_json::json!({
                    "error": format!("lead {index}: name: refused"),
                    "field": "name",
                    "index": index,
                })),
            )
                .into_response()
        }
        Leads::Refuse(_) => status_only(422),
        Leads::Status(status) => status_only(status),
    }
}

async fn stats(axum::Json(batch): axum::Json<StatsBatch>) -> Response {
    axum::Json(StatsAck {
        accepted: batch.rows.len(),
    })
    .into_response()
}

async fn manifest(State(inner): State<Shared>) -> Response {
    let inner = inner.lock().unwrap();
    let Some((manifest, id)) = inner.manifest.as_ref() else {
        return status_only(404);
    };
    match &inner.behaviour.manifest {
        ManifestAnswer::Pack => {
            ([(header::ETAG, id.etag())], axum::Json(manifest.clone())).into_response()
        }
        ManifestAnswer::NoEtag => axum::Json(manifest.clone()).into_response(),
        ManifestAnswer::Raw { body, etag } => {
            let mut headers = HeaderMap::new();
            headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
            if let Some(etag) = etag {
                headers.insert(header::ETAG, etag.parse().unwrap());
            }
            (headers, body.clone()).into_response()
        }
    }
}

async fn blob(
    State(inner): State<Shared>,
    UrlPath(sha): UrlPath<String>,
    headers: HeaderMap,
) -> Response {
    let (path, behaviour) = {
        let inner = inner.lock().unwrap();
        let path = Sha256::parse(&sha)
            .ok()
            .and_then(|sha| inner.files.get(&sha).cloned());
        (path, inner.behaviour.blobs.clone())
    };
    let Some(path) = path else {
        return status_only(404);
    };
    let mut bytes = std::fs::read(path).unwrap();
    let start: usize = headers
        .get(header::RANGE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("bytes="))
        .and_then(|value| value.strip_suffix('-'))
        .and_then(|value| value.parse().ok())
        .unwrap_or(0);
    match behaviour {
        Blobs::Status(status) => return status_only(status),
        Blobs::WrongContent => bytes
            .iter_mut()
            .for_each(|byte| *byte = byte.wrapping_add(1)),
        Blobs::Oversize(extra) => bytes.extend(std::iter::repeat_n(b'x', extra)),
        _ => {}
    }
    let total = bytes.len();
    let rest = bytes.split_off(start.min(total));
    let (status, range) = if start > 0 {
        (
            StatusCode::PARTIAL_CONTENT,
            Some(format!("bytes {start}-{}/{total}", total - 1)),
        )
    } else {
        (StatusCode::OK, None)
    };
    let length = rest.len();
    let body = match behaviour {
        Blobs::CutAfter(count) => {
            let head = Bytes::from(rest[..count.min(length)].to_vec());
            // The first bytes go out, then (once they are surely on the
            // wire) the connection breaks.
            Body::from_stream(futures_util::stream::unfold(
                Some(head),
                |head| async move {
                    match head {
                        Some(head) => Some((Ok::<_, std::io::Error>(head), None)),
                        None => {
                            tokio::time::sleep(Duration::from_millis(300)).await;
                            Some((Err(std::io::Error::other("cut")), None))
                        }
                    }
                },
            ))
        }
        Blobs::Drip(every) => dripping(rest, every),
        _ => Body::from(rest),
    };
    let mut response = Response::builder()
        .status(status)
        .header(header::CONTENT_LENGTH, length);
    if let Some(range) = range {
        response = response.header(header::CONTENT_RANGE, range);
    }
    response.body(body).unwrap()
}
