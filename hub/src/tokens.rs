//! Bearer tokens of kiosks and admins: 256 random bits, shown once, stored
//! only as their SHA-256 (a token is random, so a fast hash is enough;
//! PINs, which are short, get argon2 instead).

use city_core::hash::{Sha256, hex};

/// A fresh token: 64 hex characters.
pub fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| anyhow::anyhow!("no randomness: {error}"))?;
    Ok(hex(&bytes))
}

pub fn token_hash(token: &str) -> String {
    Sha256::of(token.trim().as_bytes()).to_hex()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, b) = (new_token().unwrap(), new_token().unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_ne!(token_hash(&a), a);
        assert_eq!(token_hash(&a), token_hash(&format!(" {a}\n")));
    }
}
