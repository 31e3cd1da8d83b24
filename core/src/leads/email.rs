//! An e-mail address that parsed: what the network can actually write to.

use std::fmt;

/// A syntactically valid e-mail address, trimmed, domain in lowercase.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("no e-mail address given")]
    Missing,
    #[error("not an e-mail address")]
    Malformed,
}

impl Email {
    /// Accepts what mail servers accept in practice: `local@domain.tld`,
    /// local part of letters, digits and `.!#$%&'*+/=?^_`{|}~-` (and any
    /// non-ASCII letter), a domain of dot-separated labels with a top-level
    /// domain of at least two letters. No spaces, no quoted local parts.
    pub fn parse(input: &str) -> Result<Email, EmailError> {
        let address = input.trim();
        if address.is_empty() {
            return Err(EmailError::Missing);
        }
        if address.len() > 254 {
            return Err(EmailError::Malformed);
        }
        let (local, domain) = address.rsplit_once('@').ok_or(EmailError::Malformed)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let domain = domain.to_lowercase();
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|label| {
                !label.is_empty()
                    && label.len() <= 63
                    && !label.starts_with('-')
                    && !label.ends_with('-')
                    && label.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| {
                tld.chars().count() >= 2 && tld.chars().all(char::is_alphabetic)
            });
        if local_ok && domain_ok {
            Ok(Email(format!("{local}@{domain}")))
        } else {
            Err(EmailError::Malformed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An address as compared for erasure: trimmed and lowercased in full
/// Unicode (SQLite's `lower()` and PostgreSQL's in the C locale only know
/// ASCII, so `Ödön@példa.hu` must be folded here, not in SQL).
pub fn fold_email(address: &str) -> String {
    address.trim().to_lowercase()
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_addresses_pass_and_typos_do_not() {
        for good in [
            "ana@ptuj.si",
            " Franz.Huber@Gmx.AT ",
            "eva+kiosk@mail.example.hu",
            "ödön@példa.hu",
            "a@b.co",
        ] {
            assert!(Email::parse(good).is_ok(), "{good}");
        }
        assert_eq!(
            Email::parse(" Franz.Huber@Gmx.AT ").unwrap().as_str(),
            "Franz.Huber@gmx.at"
        );
        assert_eq!(Email::parse("   "), Err(EmailError::Missing));
        assert_eq!(fold_email(" Ödön@PÉLDA.hu "), "ödön@példa.hu");
        for bad in [
            "ana",
            "ana@",
            "@ptuj.si",
            "ana@ptuj",
            "ana@ptuj.s",
            "ana@@ptuj.si",
            "ana ana@ptuj.si",
            "ana@ptuj..si",
            ".ana@ptuj.si",
            "ana@-ptuj.si",
            "ana@ptuj.si.",
            "ana@ptuj.123",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Malformed), "{bad}");
        }
    }
}
