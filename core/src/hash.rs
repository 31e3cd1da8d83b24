//! SHA-256 digests as a type: pack files are named by them, kiosks ask the
//! hub for blobs by them and erasures travel as them. A value from the
//! network or a file becomes a [`Sha256`] only if it is exactly 64 lowercase
//! hex digits, so it can safely become a file name or a query parameter.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::Digest;

/// A SHA-256 digest.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sha256([u8; 32]);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a SHA-256 (64 lowercase hex digits): `{shown}`")]
pub struct NotASha256 {
    /// The start of what was given, cut short so a hostile value stays small.
    shown: String,
}

impl Sha256 {
    /// Parses exactly 64 lowercase hex digits; nothing else passes.
    pub fn parse(text: &str) -> Result<Sha256, NotASha256> {
        let refuse = || NotASha256 {
            shown: crate::ids::shown(text),
        };
        let bytes = text.as_bytes();
        if bytes.len() != 64 {
            return Err(refuse());
        }
        let mut digest = [0u8; 32];
        for (index, pair) in bytes.chunks_exact(2).enumerate() {
            let high = nibble(pair[0]).ok_or_else(refuse)?;
            let low = nibble(pair[1]).ok_or_else(refuse)?;
            digest[index] = (high << 4) | low;
        }
        Ok(Sha256(digest))
    }

    /// The digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Sha256 {
        let mut hasher = Hasher::new();
        hasher.update(bytes);
        hasher.finish()
    }

    /// Lowercase hex, 64 characters.
    pub fn to_hex(&self) -> String {
        hex(&self.0)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

fn nibble(byte: u8) -> Option<u8> {
    match byte {
        b'0'..=b'9' => Some(byte - b'0'),
        b'a'..=b'f' => Some(byte - b'a' + 10),
        _ => None,
    }
}

/// Lowercase hex of any bytes: the one encoder of the workspace.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    out
}

/// The bytes of lowercase hex, as [`hex`] writes it; None for anything
/// else (odd length, another character).
pub fn unhex(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    bytes
        .chunks_exact(2)
        .map(|pair| Some((nibble(pair[0])? << 4) | nibble(pair[1])?))
        .collect()
}

impl fmt::Display for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Sha256 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sha256({})", self.to_hex())
    }
}

impl std::str::FromStr for Sha256 {
    type Err = NotASha256;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Sha256::parse(text)
    }
}

impl Serialize for Sha256 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Sha256 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Sha256::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Feeds bytes in pieces; [`Hasher::finish`] gives the digest.
#[derive(Clone, Default)]
pub struct Hasher(sha2::Sha256);

impl Hasher {
    pub fn new() -> Hasher {
        Hasher::default()
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> Sha256 {
        Sha256(self.0.finalize().into())
    }
}

/// Size and SHA-256 of a file, read in blocks.
pub fn hash_file(path: &Path) -> io::Result<(u64, Sha256)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Hasher::new();
    let mut buffer = vec![0u8; 256 * 1024];
    let mut size = 0u64;
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        size += read as u64;
    }
    Ok((size, hasher.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn only_64_lowercase_hex_digits_are_a_sha256() {
        let empty = Sha256::parse(EMPTY).unwrap();
        assert_eq!(empty, Sha256::of(b""));
        assert_eq!(empty.to_string(), EMPTY);
        for bad in [
            "",
            "/tmp/x/escaped",
            &EMPTY.to_uppercase(),
            &EMPTY[..63],
            &format!("{EMPTY}0"),
            &format!("../{}", &EMPTY[3..]),
            &EMPTY.replace('e', "g"),
            &format!("{}\0", &EMPTY[..63]),
        ] {
            assert!(Sha256::parse(bad).is_err(), "{bad:?}");
        }
        let long = "x".repeat(10_000);
        assert!(Sha256::parse(&long).unwrap_err().to_string().len() < 200);
    }

    #[test]
    fn it_travels_as_its_hex_and_refuses_anything_else() {
        let digest = Sha256::of(b"abc");
        let json = serde_json::to_string(&digest).unwrap();
        assert_eq!(
            json,
            "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\""
        );
        assert_eq!(serde_json::from_str::<Sha256>(&json).unwrap(), digest);
        assert!(serde_json::from_str::<Sha256>("\"/etc/passwd\"").is_err());
        assert_eq!(hex(&[0, 15, 16, 255]), "000f10ff");
    }
}
