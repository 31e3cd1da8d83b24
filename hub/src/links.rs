//! Links the hub signs and later believes: the visitor's own page, reached
//! from their mail, where they see what is kept about them, confirm the
//! newsletter and erase themselves. A link names the lead and carries an
//! HMAC-SHA256 of it under a key that every hub of the database shares;
//! nothing is stored per link, so a mail sent twice carries the same link.
//! The same key makes the hub's record of an erased address: a keyed hash
//! that a dump of the database cannot confirm a guessed address against.

use hmac::{Hmac, Mac};
use sqlx::PgPool;
use uuid::Uuid;

use city_core::hash::hex;

type HmacSha256 = Hmac<sha2::Sha256>;

/// The bytes of the MAC a link carries: 128 bits, beyond guessing.
const MAC_BYTES: usize = 16;

/// What a signature is for, so that one kind of link never passes as
/// another.
#[derive(Debug, Clone, Copy)]
enum Purpose {
    VisitorPage,
    ErasedAddress,
}

impl Purpose {
    fn label(self) -> &'static [u8] {
        match self {
            Purpose::VisitorPage => b"visitor-page",
            Purpose::ErasedAddress => b"erased-address",
        }
    }
}

/// The hub's signing key.
#[derive(Clone)]
pub struct LinkKey([u8; 32]);

impl std::fmt::Debug for LinkKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkKey(..)")
    }
}

impl LinkKey {
    /// The database's key, made at the first start (by whichever hub
    /// comes first; the others read it).
    pub async fn load_or_make(pool: &PgPool) -> anyhow::Result<LinkKey> {
        let mut fresh = [0u8; 32];
        getrandom::fill(&mut fresh).map_err(|error| anyhow::anyhow!("no randomness: {error}"))?;
        let key = crate::db::keys::load_or_store(pool, "links", &fresh).await?;
        let key: [u8; 32] = key
            .try_into()
            .map_err(|_| anyhow::anyhow!("the stored link key is not 32 bytes"))?;
        Ok(LinkKey(key))
    }

    /// A key for tests of code that signs.
    pub fn from_bytes(bytes: [u8; 32]) -> LinkKey {
        LinkKey(bytes)
    }

    fn mac(&self, purpose: Purpose, message: &[u8]) -> HmacSha256 {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(purpose.label());
        mac.update(&[0]);
        mac.update(message);
        mac
    }

    /// The hub's record of an erased address: the HMAC of its folded form,
    /// in hex. The same address always gives the same record.
    pub fn erased_address(&self, email: &str) -> String {
        let folded = city_core::leads::fold_email(email);
        hex(&self
            .mac(Purpose::ErasedAddress, folded.as_bytes())
            .finalize()
            .into_bytes())
    }

    /// The token of lead `lead`'s own page: its id and the MAC, in hex.
    pub fn visitor_token(&self, lead: Uuid) -> String {
        let tag = self
            .mac(Purpose::VisitorPage, lead.as_bytes())
            .finalize()
            .into_bytes();
        format!("{}{}", lead.simple(), hex(&tag[..MAC_BYTES]))
    }

    /// The lead a visitor token names, if the hub signed it; checked in
    /// constant time.
    pub fn verify_visitor_token(&self, token: &str) -> Option<Uuid> {
        if token.len() != 32 + 2 * MAC_BYTES || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let (id, tag) = token.split_at(32);
        let lead = Uuid::try_parse(id).ok()?;
        let tag = city_core::hash::unhex(&tag.to_ascii_lowercase())?;
        self.mac(Purpose::VisitorPage, lead.as_bytes())
            .verify_truncated_left(&tag)
            .ok()
            .map(|()| lead)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visitor_token_names_its_lead_and_nothing_else_passes() {
        let key = LinkKey::from_bytes([7; 32]);
        let lead = Uuid::new_v4();
        let token = key.visitor_token(lead);
        assert_eq!(token.len(), 64);
        assert_eq!(key.verify_visitor_token(&token), Some(lead));
        // The same lead, the same link: a mail sent again still works.
        assert_eq!(key.visitor_token(lead), token);

        // Another lead's id with this MAC, a changed MAC, another key.
        let other = Uuid::new_v4();
        let forged = format!("{}{}", other.simple(), &token[32..]);
        assert_eq!(key.verify_visitor_token(&forged), None);
        let mut flipped = token.clone().into_bytes();
        flipped[63] = if flipped[63] == b'0' { b'1' } else { b'0' };
        assert_eq!(
            key.verify_visitor_token(std::str::from_utf8(&flipped).unwrap()),
            None
        );
        assert_eq!(
            LinkKey::from_bytes([8; 32]).verify_visitor_token(&token),
            None
        );
        // Malformed: short, long, not hex, multibyte.
        // An erased address's record: keyed, and the same for any spelling.
        assert_eq!(
            key.erased_address("Ana@Ptuj.si"),
            key.erased_address(" ana@ptuj.si")
        );
        assert_ne!(
            key.erased_address("ana@ptuj.si"),
            LinkKey::from_bytes([8; 32]).erased_address("ana@ptuj.si")
        );
        assert_ne!(
            key.erased_address("ana@ptuj.si"),
            city_core::protocol::email_hash("ana@ptuj.si").to_hex()
        );
        for bad in [
            "",
            &token[..63],
            &format!("{token}0"),
            &token.replace(&token[..1], "g"),
            "é".repeat(32).as_str(),
        ] {
            assert_eq!(key.verify_visitor_token(bad), None, "{bad}");
        }
    }
}
