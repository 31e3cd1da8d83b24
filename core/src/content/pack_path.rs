//! A file's place inside a content pack, as the manifest names it: a
//! relative, `/`-separated path that cannot leave the pack, name a hidden
//! file or hold control characters, whoever wrote it.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The longest path a pack may use, in bytes.
pub const MAX_PACK_PATH: usize = 512;
/// How deep a pack's folders may nest.
const MAX_DEPTH: usize = 16;

#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PackPath(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{shown}` is not a path inside a pack: {reason}")]
pub struct BadPackPath {
    shown: String,
    reason: &'static str,
}

impl PackPath {
    pub fn parse(text: &str) -> Result<PackPath, BadPackPath> {
        let refuse = |reason| BadPackPath {
            shown: crate::ids::shown(text),
            reason,
        };
        if text.is_empty() {
            return Err(refuse("it is empty"));
        }
        if text.len() > MAX_PACK_PATH {
            return Err(refuse("it is too long"));
        }
        if text.chars().any(|c| c.is_control() || c == '\\') {
            return Err(refuse("it holds a control character or a backslash"));
        }
        let parts: Vec<&str> = text.split('/').collect();
        if parts.len() > MAX_DEPTH {
            return Err(refuse("it nests too deep"));
        }
        for part in parts {
            if part.is_empty() {
                return Err(refuse("it is absolute or has an empty part"));
            }
            if part.starts_with('.') {
                return Err(refuse("a part starts with a dot (`..` or a hidden file)"));
            }
            if part.len() > 255 {
                return Err(refuse("a name is longer than 255 bytes"));
            }
        }
        Ok(PackPath(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path to join onto a pack's folder; never absolute, never `..`.
    pub fn to_relative(&self) -> PathBuf {
        self.0.split('/').collect()
    }
}

impl fmt::Display for PackPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for PackPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PackPath({:?})", self.0)
    }
}

impl Serialize for PackPath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for PackPath {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PackPath::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_pack() {
        for good in [
            "pack.toml",
            "towns/ptuj/town.toml",
            "towns/ptuj/images/Grad Ptuj 1.jpg",
            "towns/körmend/films/körmend.de.vtt",
        ] {
            let path = PackPath::parse(good).unwrap();
            assert_eq!(path.as_str(), good);
            assert!(path.to_relative().is_relative());
        }
        assert_eq!(
            PackPath::parse("towns/ptuj/town.toml")
                .unwrap()
                .to_relative(),
            PathBuf::from("towns").join("ptuj").join("town.toml")
        );
        for bad in [
            "",
            "/etc/passwd",
            "../etc/passwd",
            "towns/../../x",
            "towns//x",
            "towns/",
            "./pack.toml",
            ".staging-x/pack.toml",
            "towns\\..\\x",
            "a\0b",
            "a\nb",
            &"a/".repeat(20),
            &"x".repeat(600),
        ] {
            assert!(PackPath::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_hostile_path_in_json_is_refused() {
        assert!(serde_json::from_str::<PackPath>("\"../../x\"").is_err());
        assert_eq!(
            serde_json::from_str::<PackPath>("\"towns/a.toml\"")
                .unwrap()
                .as_str(),
            "towns/a.toml"
        );
    }
}
