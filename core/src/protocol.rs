//! The wire types of the sync protocol between kiosks and the hub
//! (HTTP/JSON under `/v1`), shared by both so they cannot drift apart.
//!
//! - `GET /v1/manifest` → [`Manifest`], with an ETag; 304 when unchanged
//! - `GET /v1/blobs/{sha256}` → the file, Range supported, cached forever
//! - `POST /v1/leads` [`LeadBatch`] → [`LeadAck`]: idempotent by lead id
//! - `POST /v1/stats` [`StatsBatch`] → [`StatsAck`]
//! - `POST /v1/heartbeat` [`Heartbeat`] → [`HeartbeatReply`]: erasures and
//!   the current pack's ETag (a sync with nothing new is this one request)
//! - errors: a status and [`ErrorBody`]

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Leads per `POST /v1/leads`.
pub const LEAD_BATCH: usize = 500;
/// The largest request body the hub accepts.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub version: String,
    pub files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// Relative to the pack root, `/`-separated.
    pub path: String,
    pub size: u64,
    /// Lowercase hex.
    pub sha256: String,
}

impl From<&crate::content::manifest::Manifest> for Vec<ManifestFile> {
    fn from(manifest: &crate::content::manifest::Manifest) -> Self {
        manifest
            .entries
            .iter()
            .map(|entry| ManifestFile {
                path: entry.path.clone(),
                size: entry.size,
                sha256: entry.sha256.clone(),
            })
            .collect()
    }
}

/// A lead as it travels; the kiosk's UUID is the idempotency key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadWire {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub venue: String,
    pub language: String,
    pub email: String,
    pub name: Option<String>,
    pub country: Option<String>,
    pub towns: Vec<String>,
    pub themes: Vec<String>,
    pub family: bool,
    pub calendar: Option<String>,
    pub postal_address: Option<String>,
    pub message: Option<String>,
    pub consent_version: String,
    pub consent_contact: bool,
    pub consent_newsletter: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadBatch {
    pub leads: Vec<LeadWire>,
}

/// The leads the hub holds now: new ones and ones it already had.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadAck {
    pub accepted: Vec<Uuid>,
}

/// Anonymous counts of one kiosk: the full count of each hour, so that
/// sending it again replaces rather than adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatRow {
    /// `YYYY-MM-DDTHH`, UTC.
    pub hour: String,
    pub kind: String,
    pub key: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsBatch {
    pub rows: Vec<StatRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsAck {
    pub accepted: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Heartbeat {
    pub pack_version: String,
    pub queued_leads: i64,
    pub app_version: String,
    /// The last erasure this kiosk has carried out.
    pub erasures_seen: i64,
}

/// An address erased centrally: kiosks erase their copies too. Only a
/// hash travels, so the address is not sent to every kiosk again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Erasure {
    pub id: i64,
    /// SHA-256 of the trimmed, lowercased address, hex.
    pub email_sha256: String,
}

/// The answer to a heartbeat: erasures to carry out and which pack is
/// current, so that a sync with nothing new costs one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeartbeatReply {
    pub erasures: Vec<Erasure>,
    /// The current pack's ETag; `None` when nothing is published.
    pub pack_etag: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
}

/// How an address is hashed for erasure requests.
pub fn email_hash(email: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(email.trim().to_lowercase().as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

impl From<&crate::leads::Lead> for LeadWire {
    fn from(lead: &crate::leads::Lead) -> Self {
        LeadWire {
            id: lead.id,
            created_at: lead.created_at,
            venue: lead.venue.clone(),
            language: lead.language.code().to_string(),
            email: lead.email.as_str().to_string(),
            name: lead.name.clone(),
            country: lead.country.clone(),
            towns: lead.towns.clone(),
            themes: lead
                .themes
                .iter()
                .map(|theme| theme.key().to_string())
                .collect(),
            family: lead.family,
            calendar: lead.calendar.map(|by| by.key().to_string()),
            postal_address: lead.postal_address.clone(),
            message: lead.message.clone(),
            consent_version: lead.consent_version.clone(),
            consent_contact: lead.consent_contact,
            consent_newsletter: lead.consent_newsletter,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_hashes_ignore_case_and_spaces() {
        assert_eq!(email_hash(" Ana@Ptuj.si "), email_hash("ana@ptuj.si"));
        assert_eq!(email_hash("ana@ptuj.si").len(), 64);
        assert_ne!(email_hash("ana@ptuj.si"), email_hash("bea@ptuj.si"));
    }

    #[test]
    fn unknown_fields_are_refused() {
        let json = r#"{"pack_version":"1","queued_leads":0,"app_version":"x","erasures_seen":0,"extra":1}"#;
        assert!(serde_json::from_str::<Heartbeat>(json).is_err());
    }
}
