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
//!
//! Whatever comes over the wire is parsed into values that can only be
//! valid: a hash is a [`Sha256`], a path a [`PackPath`], a size is bounded,
//! a pack is named by a [`PackId`]; a value that is not is refused whole.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use uuid::Uuid;

pub use crate::content::pack_path::PackPath;
pub use crate::hash::Sha256;
pub use crate::leads::LeadWire;
use crate::leads::fold_email;

/// Leads per `POST /v1/leads`.
pub const LEAD_BATCH: usize = 500;
/// Count rows per `POST /v1/stats`.
pub const STATS_BATCH: usize = 1000;
/// The largest request body the hub accepts.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// The largest JSON answer a kiosk reads from the hub (a manifest of the
/// largest pack is far below it).
pub const MAX_ANSWER_BYTES: usize = 16 * 1024 * 1024;
/// Files in one pack.
pub const MAX_PACK_FILES: usize = 20_000;
/// One file of a pack: a few minutes of Full HD film fit many times.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024 * 1024;
/// A whole pack.
pub const MAX_PACK_BYTES: u64 = 32 * 1024 * 1024 * 1024;

/// The published pack: its version and every file, checked as it is read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RawManifest")]
pub struct Manifest {
    pub version: String,
    pub files: Vec<ManifestFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManifest {
    version: String,
    files: Vec<ManifestFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    pub path: PackPath,
    pub size: u64,
    pub sha256: Sha256,
}

/// A pack version as the content loader allows it: 1 to 64 visible
/// characters without spaces.
pub fn is_valid_version(version: &str) -> bool {
    !version.is_empty()
        && version.len() <= 64
        && !version.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl TryFrom<RawManifest> for Manifest {
    type Error = String;

    fn try_from(raw: RawManifest) -> Result<Manifest, String> {
        if !is_valid_version(&raw.version) {
            return Err("the pack version is not 1 to 64 visible characters".into());
        }
        if raw.files.len() > MAX_PACK_FILES {
            return Err(format!("more than {MAX_PACK_FILES} files"));
        }
        let mut total = 0u64;
        let mut paths = BTreeSet::new();
        for file in &raw.files {
            if file.size > MAX_FILE_BYTES {
                return Err(format!(
                    "{} is larger than {MAX_FILE_BYTES} bytes",
                    file.path
                ));
            }
            total = total.saturating_add(file.size);
            if !paths.insert(file.path.as_str()) {
                return Err(format!("{} is listed twice", file.path));
            }
        }
        if total > MAX_PACK_BYTES {
            return Err(format!("the pack is larger than {MAX_PACK_BYTES} bytes"));
        }
        // A path that is also another's folder cannot be laid out on disk.
        if let Some(path) = paths.iter().find(|path| {
            paths
                .range::<str, _>((
                    std::ops::Bound::Excluded(**path),
                    std::ops::Bound::Unbounded,
                ))
                .next()
                .is_some_and(|next| {
                    next.strip_prefix(**path)
                        .is_some_and(|rest| rest.starts_with('/'))
                })
        }) {
            return Err(format!("{path} is both a file and a folder"));
        }
        Ok(Manifest {
            version: raw.version,
            files: raw.files,
        })
    }
}

impl From<(&str, &crate::content::file_list::FileList)> for Manifest {
    fn from((version, manifest): (&str, &crate::content::file_list::FileList)) -> Self {
        Manifest {
            version: version.to_string(),
            files: manifest
                .entries
                .iter()
                .map(|entry| ManifestFile {
                    path: entry.path.clone(),
                    size: entry.size,
                    sha256: entry.sha256,
                })
                .collect(),
        }
    }
}

/// A published pack, named by the SHA-256 of its manifest: the hub's ETag
/// for it, and the folder a kiosk keeps it in.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct PackId(Sha256);

impl PackId {
    pub fn new(manifest_sha256: Sha256) -> PackId {
        PackId(manifest_sha256)
    }

    /// Reads a strong ETag, `"<64 hex digits>"`; anything else is refused.
    pub fn from_etag(etag: &str) -> Option<PackId> {
        let inner = etag.strip_prefix('"')?.strip_suffix('"')?;
        Sha256::parse(inner).ok().map(PackId)
    }

    /// Reads a folder name as [`PackId::dir_name`] writes it.
    pub fn from_dir_name(name: &str) -> Option<PackId> {
        Sha256::parse(name).ok().map(PackId)
    }

    pub fn etag(&self) -> String {
        format!("\"{}\"", self.0)
    }

    /// The folder of this pack in a kiosk's `packs/`.
    pub fn dir_name(&self) -> String {
        self.0.to_hex()
    }

    pub fn sha256(&self) -> Sha256 {
        self.0
    }
}

impl fmt::Debug for PackId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PackId({})", self.0)
    }
}

impl fmt::Display for PackId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Short, like a commit: enough for logs and staff mode.
        f.write_str(&self.0.to_hex()[..12])
    }
}

impl Serialize for PackId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.etag())
    }
}

impl<'de> Deserialize<'de> for PackId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PackId::from_etag(&text)
            .ok_or_else(|| serde::de::Error::custom("a pack ETag is a quoted SHA-256"))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadBatch {
    pub leads: Vec<LeadWire>,
}

/// The answer to a batch: the leads the hub holds for this kiosk now (new
/// ones and ones it already had), and the ids it holds for another kiosk,
/// which this kiosk must keep queued (a cloned disk image, or an attack).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadAck {
    pub accepted: Vec<Uuid>,
    #[serde(default)]
    pub conflicts: Vec<Uuid>,
}

/// Anonymous counts of one kiosk: the full count of each hour, so that
/// sending it again replaces rather than adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
#[serde(deny_unknown_fields)]
pub struct StatRow {
    /// `YYYY-MM-DDTHH`, UTC.
    pub hour: String,
    pub kind: String,
    pub key: String,
    pub count: i64,
}

/// The largest count of one thing in one hour.
const MAX_COUNT: i64 = 1_000_000_000;

/// What a count's kind and key are made of: `a-z`, `0-9`, `_`, `-`.
fn is_stat_word(word: &str) -> bool {
    !word.is_empty()
        && word.len() <= 64
        && word
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

impl StatRow {
    /// The hour as a time, if it is one.
    pub fn hour_start(&self) -> Option<DateTime<Utc>> {
        NaiveDateTime::parse_from_str(&format!("{}:00", self.hour), "%Y-%m-%dT%H:%M")
            .ok()
            .map(|time| time.and_utc())
            .filter(|_| self.hour.len() == 13)
    }

    pub fn check(&self, now: DateTime<Utc>) -> Result<(), FieldError> {
        let in_range = self
            .hour_start()
            .is_some_and(|start| start.year() >= 2026 && start <= now + chrono::Duration::days(2));
        if !in_range {
            return Err(FieldError::new(
                "hour",
                "is not an hour `YYYY-MM-DDTHH` up to now",
            ));
        }
        if !is_stat_word(&self.kind) {
            return Err(FieldError::new(
                "kind",
                "is not 1 to 64 of a-z, 0-9, _ and -",
            ));
        }
        if !is_stat_word(&self.key) {
            return Err(FieldError::new(
                "key",
                "is not 1 to 64 of a-z, 0-9, _ and -",
            ));
        }
        if !(0..=MAX_COUNT).contains(&self.count) {
            return Err(FieldError::new("count", "is negative or absurdly large"));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatsBatch {
    pub rows: Vec<StatRow>,
}

impl StatsBatch {
    /// Every row valid and each (hour, kind, key) once; the index and
    /// field of the first that is not.
    pub fn check(&self, now: DateTime<Utc>) -> Result<(), (usize, FieldError)> {
        if self.rows.len() > STATS_BATCH {
            return Err((
                STATS_BATCH,
                FieldError::new("rows", format!("at most {STATS_BATCH} rows per batch")),
            ));
        }
        let mut seen = BTreeSet::new();
        for (index, row) in self.rows.iter().enumerate() {
            row.check(now).map_err(|error| (index, error))?;
            if !seen.insert((&row.hour, &row.kind, &row.key)) {
                return Err((
                    index,
                    FieldError::new("hour", "this count is in the batch twice"),
                ));
            }
        }
        Ok(())
    }
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
    /// The highest erasure id of the hub's last reply that held any, all
    /// of that reply carried out: the kiosk's acknowledgement, which the
    /// hub believes only up to what it sent this kiosk.
    pub erasures_seen: i64,
    /// Where the kiosk stands (its `[kiosk] venue`), for the fleet page.
    #[serde(default)]
    pub venue: Option<String>,
    /// What went wrong in the kiosk's last sync that failed, if the last
    /// one did; never personal data (sync errors name files and fields).
    #[serde(default)]
    pub last_error: Option<String>,
}

/// The longest venue and error a heartbeat carries, in characters.
pub const HEARTBEAT_VENUE_MAX: usize = 200;
pub const HEARTBEAT_ERROR_MAX: usize = 500;

/// `text` cut to at most `max` characters, on a character boundary.
pub fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

impl Heartbeat {
    pub fn check(&self) -> Result<(), FieldError> {
        if !is_valid_version(&self.pack_version) {
            return Err(FieldError::new(
                "pack_version",
                "is not 1 to 64 visible characters",
            ));
        }
        if !is_valid_version(&self.app_version) {
            return Err(FieldError::new(
                "app_version",
                "is not 1 to 64 visible characters",
            ));
        }
        if self.queued_leads < 0 {
            return Err(FieldError::new("queued_leads", "is negative"));
        }
        if self.erasures_seen < 0 {
            return Err(FieldError::new("erasures_seen", "is negative"));
        }
        if let Some(venue) = &self.venue
            && (venue.chars().count() > HEARTBEAT_VENUE_MAX || venue.chars().any(char::is_control))
        {
            return Err(FieldError::new(
                "venue",
                format!(
                    "is more than {HEARTBEAT_VENUE_MAX} characters or holds control characters"
                ),
            ));
        }
        if let Some(error) = &self.last_error
            && (error.chars().count() > HEARTBEAT_ERROR_MAX
                || error.chars().any(|c| c.is_control() && c != '\n'))
        {
            return Err(FieldError::new(
                "last_error",
                format!(
                    "is more than {HEARTBEAT_ERROR_MAX} characters or holds control characters"
                ),
            ));
        }
        Ok(())
    }
}

/// An address erased centrally: kiosks erase their copies too. Only a
/// hash travels, so the address is not sent to every kiosk again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Erasure {
    pub id: i64,
    /// [`email_hash`] of the address.
    pub email_sha256: Sha256,
}

/// The answer to a heartbeat: erasures to carry out and which pack is
/// current, so that a sync with nothing new costs one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeartbeatReply {
    pub erasures: Vec<Erasure>,
    /// The current pack's ETag; `None` when nothing is published.
    pub pack_etag: Option<PackId>,
}

/// `GET /v1/phone/<lead id>`: whether the lead of a "continue on your
/// phone" link this kiosk showed has reached the hub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhoneLeadStatus {
    pub received: bool,
}

/// A field that is not what it must be, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

/// Every error answer: what went wrong, and for a refused item of a batch
/// its field and its index in the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<usize>,
}

/// How an address is hashed for erasure requests: SHA-256 of its
/// Unicode-folded form.
pub fn email_hash(email: &str) -> Sha256 {
    Sha256::of(fold_email(email).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_hashes_ignore_case_and_spaces_in_every_alphabet() {
        assert_eq!(email_hash(" Ana@Ptuj.si "), email_hash("ana@ptuj.si"));
        assert_eq!(email_hash("Ödön@példa.hu"), email_hash("ödön@PÉLDA.hu"));
        assert_ne!(email_hash("ana@ptuj.si"), email_hash("bea@ptuj.si"));
    }

    #[test]
    fn unknown_fields_are_refused() {
        let json = r#"{"pack_version":"1","queued_leads":0,"app_version":"x","erasures_seen":0,"extra":1}"#;
        assert!(serde_json::from_str::<Heartbeat>(json).is_err());
    }

    fn manifest_json(files: &str) -> String {
        format!(r#"{{"version":"2027.1","files":[{files}]}}"#)
    }

    const SHA: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn a_hostile_manifest_is_refused_whole() {
        let file = |path: &str, size: u64, sha: &str| {
            format!(r#"{{"path":"{path}","size":{size},"sha256":"{sha}"}}"#)
        };
        let good = manifest_json(&file("pack.toml", 3, SHA));
        assert_eq!(
            serde_json::from_str::<Manifest>(&good).unwrap().files[0].sha256,
            Sha256::parse(SHA).unwrap()
        );
        for bad in [
            manifest_json(&file("pack.toml", 3, "/tmp/x/escaped")),
            manifest_json(&file("../pack.toml", 3, SHA)),
            manifest_json(&file("/etc/passwd", 3, SHA)),
            manifest_json(&file("pack.toml", MAX_FILE_BYTES + 1, SHA)),
            manifest_json(&format!("{},{}", file("a", 1, SHA), file("a", 1, SHA))),
            manifest_json(&format!("{},{}", file("a", 1, SHA), file("a/b", 1, SHA))),
            manifest_json(&file("pack.toml", 3, SHA)).replace("2027.1", ""),
            manifest_json(&file("pack.toml", 3, SHA)).replace("2027.1", "a b"),
        ] {
            assert!(serde_json::from_str::<Manifest>(&bad).is_err(), "{bad}");
        }
        let many = (0..MAX_PACK_FILES + 1)
            .map(|n| file(&format!("f{n}"), 1, SHA))
            .collect::<Vec<_>>()
            .join(",");
        assert!(serde_json::from_str::<Manifest>(&manifest_json(&many)).is_err());
    }

    #[test]
    fn a_pack_id_is_a_quoted_sha256_and_nothing_else() {
        let id = PackId::from_etag(&format!("\"{SHA}\"")).unwrap();
        assert_eq!(id.etag(), format!("\"{SHA}\""));
        assert_eq!(id.dir_name(), SHA);
        for bad in [
            "",
            "\"\"",
            SHA,
            "W/\"x\"",
            "\"../..\"",
            &format!("W/\"{SHA}\""),
        ] {
            assert_eq!(PackId::from_etag(bad), None, "{bad}");
        }
        let reply: HeartbeatReply =
            serde_json::from_str(&format!(r#"{{"erasures":[],"pack_etag":"\"{SHA}\""}}"#)).unwrap();
        assert_eq!(reply.pack_etag, Some(id));
        assert!(
            serde_json::from_str::<HeartbeatReply>(r#"{"erasures":[],"pack_etag":""}"#).is_err()
        );
    }

    #[test]
    fn counts_are_checked_row_by_row() {
        let now = DateTime::parse_from_rfc3339("2027-02-03T10:00:00Z")
            .unwrap()
            .to_utc();
        let row = |hour: &str, kind: &str, key: &str, count| StatRow {
            hour: hour.into(),
            kind: kind.into(),
            key: key.into(),
            count,
        };
        let good = row("2027-02-03T09", "town_opened", "ptuj", 3);
        good.check(now).unwrap();
        for (bad, field) in [
            (row("2027-02-03T9", "language", "de", 1), "hour"),
            (row("9999-02-03T09", "language", "de", 1), "hour"),
            (row("2027-02-30T09", "language", "de", 1), "hour"),
            (row("2027-02-03T09", "lang\0", "de", 1), "kind"),
            (row("2027-02-03T09", "language", "", 1), "key"),
            (row("2027-02-03T09", "language", "de", -1), "count"),
        ] {
            assert_eq!(bad.check(now).unwrap_err().field, field, "{bad:?}");
        }
        let twice = StatsBatch {
            rows: vec![good.clone(), good],
        };
        assert_eq!(twice.check(now).unwrap_err().0, 1);
    }
}
