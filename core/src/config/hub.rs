//! `[hub]`: the central service this kiosk syncs with.

use std::net::IpAddr;
use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, SectionCheck};

#[derive(Debug, Clone)]
pub struct HubConfig {
    pub url: HubUrl,
    /// This kiosk's bearer token, from `city-hub kiosk add`.
    pub token: String,
    /// A PEM file of a CA to trust besides the public ones, for a network
    /// that issues its hub's certificate itself.
    pub ca_file: Option<PathBuf>,
    /// The hub's address as a visitor's phone reaches it, for "continue
    /// on your phone" (offered only when set).
    pub public_url: Option<HubUrl>,
    /// The HTTP proxy a venue's network requires for an https hub. Only
    /// this one is used: the environment's proxy variables never are.
    pub proxy: Option<url::Url>,
}

/// The hub's address: https, or plain http only to this machine (tests,
/// a hub on the kiosk itself). The kiosk's token and the visitors' leads
/// never cross a network unencrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HubUrl(url::Url);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HubUrlError {
    #[error("is not a valid address: {0}")]
    Malformed(String),
    #[error("must be an https address (plain http only to 127.0.0.1 or localhost)")]
    NotHttps,
    #[error("must be a plain address, without user, password, query or fragment")]
    Extras,
}

impl HubUrl {
    pub fn parse(text: &str) -> Result<HubUrl, HubUrlError> {
        let mut url = url::Url::parse(text.trim())
            .map_err(|error| HubUrlError::Malformed(error.to_string()))?;
        if url.host().is_none() {
            return Err(HubUrlError::Malformed("it names no host".into()));
        }
        if !url.username().is_empty()
            || url.password().is_some()
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return Err(HubUrlError::Extras);
        }
        let loopback = is_loopback(&url);
        match url.scheme() {
            "https" => {}
            "http" if loopback => {}
            _ => return Err(HubUrlError::NotHttps),
        }
        // `join` replaces the last segment of a path without a slash.
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(HubUrl(url))
    }

    pub fn url(&self) -> &url::Url {
        &self.0
    }

    /// The hub runs on this machine.
    pub fn is_loopback(&self) -> bool {
        is_loopback(&self.0)
    }
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

impl std::fmt::Display for HubUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHub {
    url: Spanned<String>,
    token: Spanned<String>,
    #[serde(default)]
    ca_file: Option<Spanned<String>>,
    #[serde(default)]
    public_url: Option<Spanned<String>>,
    #[serde(default)]
    proxy: Option<Spanned<String>>,
}

impl RawHub {
    pub fn check(self, check: &SectionCheck) -> Result<HubConfig, ConfigError> {
        let url = match HubUrl::parse(self.url.get_ref()) {
            Ok(url) => url,
            Err(error) => return check.error("hub.url", &self.url.span(), error.to_string()),
        };
        let token = self.token.get_ref().trim();
        if token.is_empty() {
            return check.error("hub.token", &self.token.span(), "must not be empty");
        }
        if token.len() > 256 || !token.bytes().all(|b| b.is_ascii_graphic()) {
            return check.error(
                "hub.token",
                &self.token.span(),
                "must be the token `city-hub kiosk add` printed",
            );
        }
        let ca_file = self
            .ca_file
            .map(|raw| check.path("hub.ca_file", &raw))
            .transpose()?;
        let public_url = match self.public_url {
            Some(raw) => match HubUrl::parse(raw.get_ref()) {
                Ok(url) => Some(url),
                Err(error) => {
                    return check.error("hub.public_url", &raw.span(), error.to_string());
                }
            },
            None => None,
        };
        let proxy = match self.proxy {
            Some(raw) => match parse_proxy(raw.get_ref(), &url) {
                Ok(proxy) => Some(proxy),
                Err(message) => return check.error("hub.proxy", &raw.span(), message),
            },
            None => None,
        };
        Ok(HubConfig {
            url,
            token: token.to_string(),
            ca_file,
            public_url,
            proxy,
        })
    }
}

/// A proxy for the hub at `hub`: an http(s) address of a host and port,
/// only for a hub that is not on this machine (whose traffic is TLS, so
/// the proxy sees neither token nor leads).
fn parse_proxy(text: &str, hub: &HubUrl) -> Result<url::Url, String> {
    if hub.is_loopback() {
        return Err("a hub on this machine is reached directly, never through a proxy".into());
    }
    let url =
        url::Url::parse(text.trim()).map_err(|error| format!("is not an address: {error}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err("must be an http:// or https:// address".into());
    }
    if url.host().is_none() || url.query().is_some() || url.fragment().is_some() {
        return Err("must name a host (and port), nothing more".into());
    }
    if !matches!(url.path(), "" | "/") {
        return Err("must name a host (and port), nothing more".into());
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_leaves_the_machine() {
        for good in [
            "https://hub.example.org",
            "https://hub.example.org/city/",
            "http://127.0.0.1:8080/",
            "http://localhost:8080",
            "http://[::1]:8080/",
        ] {
            assert!(HubUrl::parse(good).is_ok(), "{good}");
        }
        assert_eq!(
            HubUrl::parse("https://hub.example.org/city")
                .unwrap()
                .url()
                .join("v1/leads")
                .unwrap()
                .as_str(),
            "https://hub.example.org/city/v1/leads"
        );
        for (bad, error) in [
            ("http://hub.example.org/", HubUrlError::NotHttps),
            ("http://10.0.0.5:8080/", HubUrlError::NotHttps),
            ("http://127.0.0.1.example.org/", HubUrlError::NotHttps),
            ("ftp://hub.example.org/", HubUrlError::NotHttps),
            ("https://user:pw@hub.example.org/", HubUrlError::Extras),
            ("https://hub.example.org/?x=1", HubUrlError::Extras),
        ] {
            assert_eq!(HubUrl::parse(bad), Err(error), "{bad}");
        }
        assert!(matches!(
            HubUrl::parse("hub.example.org"),
            Err(HubUrlError::Malformed(_))
        ));
    }

    #[test]
    fn a_proxy_is_only_for_a_hub_elsewhere_and_only_a_host() {
        let remote = HubUrl::parse("https://hub.example.org").unwrap();
        let local = HubUrl::parse("http://127.0.0.1:8080").unwrap();
        assert_eq!(
            parse_proxy("http://proxy.fair.example:3128", &remote)
                .unwrap()
                .as_str(),
            "http://proxy.fair.example:3128/"
        );
        assert!(parse_proxy("http://proxy.fair.example:3128", &local).is_err());
        for bad in [
            "proxy.fair.example:3128",
            "socks5://proxy.fair.example:1080",
            "http://proxy.fair.example:3128/path",
            "http://proxy.fair.example:3128/?x=1",
            "file:///etc/passwd",
        ] {
            assert!(parse_proxy(bad, &remote).is_err(), "{bad}");
        }
    }
}
