//! "Continue on your phone": the link a kiosk shows as a QR code beside
//! its interest form, and the hub opens on the visitor's phone. It carries
//! no personal data: the kiosk, its venue, the towns and interests chosen
//! so far, the language, when it expires (15 minutes) and the id the lead
//! will have. The kiosk signs it with its own token (HMAC-SHA256 keyed by
//! the token's SHA-256, which is what the hub keeps of it), so the hub
//! believes a link only from a kiosk it knows, and a second submission of
//! one link is the same lead.

use chrono::{DateTime, TimeZone, Utc};
use hmac::{Hmac, Mac};
use uuid::Uuid;

use crate::Lang;
use crate::content::Theme;
use crate::hash::{Sha256, hex, unhex};
use crate::leads::TOWNS_MAX;

/// How long a link shown on the kiosk stays good.
pub const LINK_MINUTES: i64 = 15;
/// The bytes of the signature a link carries: 128 bits.
const SIGNATURE_BYTES: usize = 16;

type HmacSha256 = Hmac<sha2::Sha256>;

/// What a link says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhoneLink {
    pub kiosk: String,
    pub venue: String,
    pub towns: Vec<String>,
    pub themes: Vec<Theme>,
    pub lang: Lang,
    /// Whole seconds.
    pub expires_at: DateTime<Utc>,
    /// The id of the lead the phone will make: a second submission of the
    /// link is the same lead.
    pub lead_id: Uuid,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneLinkError {
    #[error("the link lacks `{0}`")]
    Missing(&'static str),
    #[error("the link's `{0}` is not valid")]
    Invalid(&'static str),
}

impl PhoneLink {
    /// A link for the form as it is now, good for [`LINK_MINUTES`].
    pub fn new(
        kiosk: &str,
        venue: &str,
        towns: Vec<String>,
        themes: Vec<Theme>,
        lang: Lang,
        now: DateTime<Utc>,
    ) -> PhoneLink {
        let expires = now + chrono::Duration::minutes(LINK_MINUTES);
        PhoneLink {
            kiosk: kiosk.to_string(),
            venue: venue.to_string(),
            towns,
            themes,
            lang,
            expires_at: Utc
                .timestamp_opt(expires.timestamp(), 0)
                .single()
                .unwrap_or(expires),
            lead_id: Uuid::new_v4(),
        }
    }

    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        now >= self.expires_at
    }

    /// The query's fields, in the order they are signed.
    fn fields(&self) -> [(&'static str, String); 7] {
        [
            ("k", self.kiosk.clone()),
            ("v", self.venue.clone()),
            ("t", self.towns.join(",")),
            (
                "i",
                self.themes
                    .iter()
                    .map(|theme| theme.key())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            ("l", self.lang.code().to_string()),
            ("x", self.expires_at.timestamp().to_string()),
            ("n", self.lead_id.simple().to_string()),
        ]
    }

    fn mac(&self, token_sha256: &Sha256) -> HmacSha256 {
        let mut mac =
            HmacSha256::new_from_slice(token_sha256.as_bytes()).expect("HMAC takes any key length");
        mac.update(b"phone-link-v1");
        for (key, value) in self.fields() {
            // Length-prefixed, so no two different links sign the same bytes.
            mac.update(key.as_bytes());
            mac.update(&(value.len() as u64).to_be_bytes());
            mac.update(value.as_bytes());
        }
        mac
    }

    /// The signed link under `public_url` (`…/phone?k=…&s=…`), signed with
    /// the kiosk's token.
    pub fn url(&self, public_url: &url::Url, token: &str) -> url::Url {
        let key = Sha256::of(token.trim().as_bytes());
        let tag = self.mac(&key).finalize().into_bytes();
        let mut url = public_url
            .join("phone")
            .unwrap_or_else(|_| public_url.clone());
        {
            let mut query = url.query_pairs_mut();
            for (key, value) in self.fields() {
                query.append_pair(key, &value);
            }
            query.append_pair("s", &hex(&tag[..SIGNATURE_BYTES]));
        }
        url
    }

    /// Reads a link's query; each field checked as the kiosk's own rules
    /// would have it. The signature is returned to be verified once the
    /// kiosk's key is known.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<(PhoneLink, Vec<u8>), PhoneLinkError> {
        let mut get = std::collections::BTreeMap::new();
        for (key, value) in pairs {
            get.insert(key, value);
        }
        let field = |key: &'static str| get.get(key).copied().ok_or(PhoneLinkError::Missing(key));
        let kiosk = field("k")?;
        if !crate::ids::is_valid_id(kiosk) {
            return Err(PhoneLinkError::Invalid("k"));
        }
        let venue = field("v")?;
        if !crate::leads::is_valid_label(venue) {
            return Err(PhoneLinkError::Invalid("v"));
        }
        let list = |text: &'a str| text.split(',').filter(|item| !item.is_empty());
        let towns: Vec<String> = list(field("t")?).map(str::to_string).collect();
        if towns.len() > TOWNS_MAX || !towns.iter().all(|town| crate::ids::is_valid_id(town)) {
            return Err(PhoneLinkError::Invalid("t"));
        }
        let themes = list(field("i")?)
            .map(Theme::from_key)
            .collect::<Option<Vec<_>>>()
            .ok_or(PhoneLinkError::Invalid("i"))?;
        let lang = Lang::from_code(field("l")?).ok_or(PhoneLinkError::Invalid("l"))?;
        let expires_at = field("x")?
            .parse::<i64>()
            .ok()
            .and_then(|seconds| Utc.timestamp_opt(seconds, 0).single())
            .ok_or(PhoneLinkError::Invalid("x"))?;
        let lead_id = Uuid::try_parse(field("n")?).map_err(|_| PhoneLinkError::Invalid("n"))?;
        let signature = unhex(field("s")?)
            .filter(|bytes| bytes.len() == SIGNATURE_BYTES)
            .ok_or(PhoneLinkError::Invalid("s"))?;
        Ok((
            PhoneLink {
                kiosk: kiosk.to_string(),
                venue: venue.to_string(),
                towns,
                themes,
                lang,
                expires_at,
                lead_id,
            },
            signature,
        ))
    }

    /// Whether `signature` is this link's under the kiosk whose token has
    /// this SHA-256 (constant time).
    pub fn verify(&self, signature: &[u8], token_sha256: &Sha256) -> bool {
        self.mac(token_sha256)
            .verify_truncated_left(signature)
            .is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link() -> PhoneLink {
        PhoneLink::new(
            "booth-1",
            "Ferien-Messe Wien",
            vec!["ptuj".into(), "lendava".into()],
            vec![Theme::Culture, Theme::Family],
            Lang::De,
            Utc::now(),
        )
    }

    fn read(url: &url::Url) -> Result<(PhoneLink, Vec<u8>), PhoneLinkError> {
        let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        PhoneLink::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    #[test]
    fn a_link_reads_back_as_signed_and_only_with_its_kiosks_key() {
        let token = "a".repeat(64);
        let public = url::Url::parse("https://hub.example.org/").unwrap();
        let link = link();
        let url = link.url(&public, &token);
        assert!(
            url.as_str()
                .starts_with("https://hub.example.org/phone?k=booth-1&")
        );
        assert!(!url.as_str().contains('@'), "no personal data");
        let (read_back, signature) = read(&url).unwrap();
        assert_eq!(read_back, link);
        assert!(read_back.verify(&signature, &Sha256::of(token.as_bytes())));
        assert!(!read_back.verify(&signature, &Sha256::of(b"another kiosk's token")));
        assert!(!link.is_expired(Utc::now()));
        assert!(link.is_expired(Utc::now() + chrono::Duration::minutes(LINK_MINUTES)));

        // A changed field breaks the signature.
        let forged = url::Url::parse(&url.as_str().replace("t=ptuj", "t=weiz")).unwrap();
        let (forged, signature) = read(&forged).unwrap();
        assert!(!forged.verify(&signature, &Sha256::of(token.as_bytes())));
    }

    #[test]
    fn malformed_links_name_the_field() {
        let url = link().url(&url::Url::parse("https://hub.example.org/").unwrap(), "t");
        let with = |key: &str, value: &str| {
            let mut changed = url.clone();
            let pairs: Vec<(String, String)> = url
                .query_pairs()
                .into_owned()
                .map(|(k, v)| {
                    if k == key {
                        (k, value.to_string())
                    } else {
                        (k, v)
                    }
                })
                .collect();
            changed.query_pairs_mut().clear().extend_pairs(pairs);
            read(&changed).map(|_| ())
        };
        assert_eq!(with("k", "Booth 1"), Err(PhoneLinkError::Invalid("k")));
        assert_eq!(with("v", ""), Err(PhoneLinkError::Invalid("v")));
        assert_eq!(with("t", "ptuj,../etc"), Err(PhoneLinkError::Invalid("t")));
        assert_eq!(
            with("i", "culture,gambling"),
            Err(PhoneLinkError::Invalid("i"))
        );
        assert_eq!(with("l", "fr"), Err(PhoneLinkError::Invalid("l")));
        assert_eq!(with("x", "soon"), Err(PhoneLinkError::Invalid("x")));
        assert_eq!(with("n", "1"), Err(PhoneLinkError::Invalid("n")));
        assert_eq!(with("s", "zz"), Err(PhoneLinkError::Invalid("s")));
        assert_eq!(
            PhoneLink::parse([("k", "booth-1")]).map(|_| ()),
            Err(PhoneLinkError::Missing("v"))
        );
    }
}
