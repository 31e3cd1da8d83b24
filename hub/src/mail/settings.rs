//! How the hub reaches its SMTP server and who its mail is from, parsed
//! from flags into values that can only be sound: TLS to any server
//! (implicit on `smtps://`, STARTTLS required on `smtp://`), plain text only
//! to a server on this machine.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use city_core::config::{HubUrl, HubUrlError};
use lettre::message::Mailbox;

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    /// TLS from the first byte (`smtps://`, usually port 465).
    Tls,
    /// Plain connection upgraded by STARTTLS, refused if the server does
    /// not offer it (`smtp://`, usually port 587).
    StartTls,
    /// No encryption: only to a server on this machine
    /// (`smtp://…?tls=none`).
    None,
}

/// The SMTP server, as `--smtp-url` names it.
#[derive(Clone, PartialEq, Eq)]
pub struct SmtpServer {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub credentials: Option<(String, String)>,
}

impl std::fmt::Debug for SmtpServer {
    // The password stays out of every log and error.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpServer")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("user", &self.credentials.as_ref().map(|(user, _)| user))
            .finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SmtpUrlError {
    #[error("--smtp-url is not a URL: {0}")]
    Malformed(String),
    #[error("--smtp-url must start with smtps:// (TLS) or smtp:// (STARTTLS)")]
    Scheme,
    #[error("--smtp-url names no host")]
    NoHost,
    #[error(
        "--smtp-url: tls=none sends passwords and mail unencrypted; it is allowed only to a server on this machine"
    )]
    PlainNotLocal,
    #[error("--smtp-url: tls must be `required` or `none`, not `{0}`")]
    TlsValue(String),
    #[error("--smtp-url: unknown parameter `{0}`")]
    Parameter(String),
}

impl SmtpServer {
    pub fn parse(text: &str) -> Result<SmtpServer, SmtpUrlError> {
        let url =
            url::Url::parse(text).map_err(|error| SmtpUrlError::Malformed(error.to_string()))?;
        let mut security = match url.scheme() {
            "smtps" => SmtpSecurity::Tls,
            "smtp" => SmtpSecurity::StartTls,
            _ => return Err(SmtpUrlError::Scheme),
        };
        let host = url
            .host_str()
            .filter(|host| !host.is_empty())
            .ok_or(SmtpUrlError::NoHost)?
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        for (key, value) in url.query_pairs() {
            match (key.as_ref(), value.as_ref()) {
                ("tls", "required") => {}
                ("tls", "none") if security == SmtpSecurity::StartTls => {
                    security = SmtpSecurity::None
                }
                ("tls", other) => return Err(SmtpUrlError::TlsValue(other.to_string())),
                (other, _) => return Err(SmtpUrlError::Parameter(other.to_string())),
            }
        }
        if security == SmtpSecurity::None && !is_loopback(&host) {
            return Err(SmtpUrlError::PlainNotLocal);
        }
        let port = url.port().unwrap_or(match security {
            SmtpSecurity::Tls => 465,
            SmtpSecurity::StartTls => 587,
            SmtpSecurity::None => 25,
        });
        let decode = |text: &str| {
            percent_decode(text).ok_or_else(|| SmtpUrlError::Malformed("bad %-escape".into()))
        };
        let credentials = if url.username().is_empty() {
            None
        } else {
            Some((
                decode(url.username())?,
                decode(url.password().unwrap_or_default())?,
            ))
        };
        Ok(SmtpServer {
            host,
            port,
            security,
            credentials,
        })
    }
}

fn is_loopback(host: &str) -> bool {
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

fn percent_decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.as_bytes();
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(byte);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

/// Everything the visitor's mail needs, given only when `--smtp-url` is.
#[derive(Debug, Clone)]
pub struct MailSettings {
    pub smtp: SmtpServer,
    /// An extra certificate authority (PEM) for the SMTP server's
    /// certificate, beside the usual public ones.
    pub smtp_ca_file: Option<PathBuf>,
    pub from: Mailbox,
    /// Where visitors open the hub: the base of every link in a mail.
    pub public_url: PublicUrl,
    /// Mails handed to the SMTP server per minute, at most.
    pub per_minute: u32,
    /// SMTP conversations at once (each waits for the server's answers).
    pub senders: u32,
    /// How long one SMTP conversation may take.
    pub timeout: Duration,
    /// The wait after a mail's first failure; each later wait is twice
    /// the one before.
    pub first_retry: Duration,
}

/// The hub's address as visitors reach it, by the kiosk's rule for a
/// hub's address (https, or http on this machine; no user or query).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(HubUrl);

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("--public-url {0}")]
pub struct PublicUrlError(HubUrlError);

impl PublicUrl {
    pub fn parse(text: &str) -> Result<PublicUrl, PublicUrlError> {
        HubUrl::parse(text).map(PublicUrl).map_err(PublicUrlError)
    }

    /// `path` (relative, e.g. `visitor/abc`) under the public address.
    pub fn join(&self, path: &str) -> url::Url {
        let base = self.0.url();
        base.join(path.trim_start_matches('/'))
            .unwrap_or_else(|_| base.clone())
    }

    pub fn as_url(&self) -> &url::Url {
        self.0.url()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls_get_tls_unless_the_server_is_on_this_machine() {
        let server = SmtpServer::parse("smtps://mail%40ptuj.si:p%26ss@mail.example.org").unwrap();
        assert_eq!(server.security, SmtpSecurity::Tls);
        assert_eq!(server.port, 465);
        assert_eq!(
            server.credentials,
            Some(("mail@ptuj.si".into(), "p&ss".into()))
        );
        assert!(!format!("{server:?}").contains("p&ss"));

        let server = SmtpServer::parse("smtp://mail.example.org").unwrap();
        assert_eq!(
            (server.security, server.port),
            (SmtpSecurity::StartTls, 587)
        );
        let server = SmtpServer::parse("smtp://127.0.0.1:2525?tls=none").unwrap();
        assert_eq!((server.security, server.port), (SmtpSecurity::None, 2525));
        assert_eq!(server.credentials, None);
        assert!(SmtpServer::parse("smtp://[::1]:25?tls=none").is_ok());

        assert_eq!(
            SmtpServer::parse("smtp://mail.example.org?tls=none"),
            Err(SmtpUrlError::PlainNotLocal)
        );
        assert_eq!(
            SmtpServer::parse("http://mail.example.org"),
            Err(SmtpUrlError::Scheme)
        );
        assert_eq!(
            SmtpServer::parse("smtp://mail.example.org?tls=maybe"),
            Err(SmtpUrlError::TlsValue("maybe".into()))
        );
        assert_eq!(
            SmtpServer::parse("smtp://mail.example.org?pool=3"),
            Err(SmtpUrlError::Parameter("pool".into()))
        );
        assert!(matches!(
            SmtpServer::parse("mail.example.org"),
            Err(SmtpUrlError::Malformed(_))
        ));
    }

    #[test]
    fn public_urls_are_https_or_local_and_name_a_folder() {
        let url = PublicUrl::parse("https://hub.example.org/kiosks").unwrap();
        assert_eq!(
            url.join("visitor/abc").as_str(),
            "https://hub.example.org/kiosks/visitor/abc"
        );
        assert!(PublicUrl::parse("http://127.0.0.1:8080").is_ok());
        for refused in [
            "http://hub.example.org",
            "ftp://hub.example.org",
            "https://hub.example.org/?x=1",
        ] {
            let error = PublicUrl::parse(refused).unwrap_err().to_string();
            assert!(error.starts_with("--public-url must be"), "{error}");
        }
    }
}
