//! Who uses the console: the session cookie (random, stored hashed,
//! `Secure; HttpOnly; SameSite=Strict`), the CSRF token every form of a
//! session carries, and the visitor's language.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use city_core::Lang;

use super::page::ConsoleError;
use crate::AppState;
use crate::db::users::{self, Session};

pub const SESSION_COOKIE: &str = "console_session";
pub const LANG_COOKIE: &str = "console_lang";

/// A cookie's value from the request, if it is sent and well formed.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
        .filter(|value| value.len() <= 128 && value.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A `Set-Cookie` for the console's path: secure, script-proof, never
/// sent with another site's request. `max_age` 0 removes it.
pub fn set_cookie(name: &str, value: &str, max_age_secs: i64) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/console; Max-Age={max_age_secs}; Secure; HttpOnly; SameSite=Strict"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// The language the console speaks: the visitor's choice (a cookie), else
/// the browser's first language the console has, else English.
pub fn language(headers: &HeaderMap) -> Lang {
    if let Some(lang) = cookie(headers, LANG_COOKIE).and_then(Lang::from_code) {
        return lang;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .into_iter()
        .flat_map(|value| value.split(','))
        .filter_map(|part| part.split(';').next())
        .filter_map(|tag| tag.trim().get(..2))
        .find_map(|code| Lang::from_code(&code.to_ascii_lowercase()))
        .unwrap_or(Lang::En)
}

/// The language of the request, for pages without a session.
pub struct PageLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(PageLang(language(&parts.headers)))
    }
}

/// A signed-in user, with the language of the request. A request without
/// a valid session is sent to the login page.
pub struct SignedIn {
    pub session: Session,
    pub lang: Lang,
}

pub enum NotSignedIn {
    Login,
    Failed(ConsoleError),
}

impl IntoResponse for NotSignedIn {
    fn into_response(self) -> Response {
        match self {
            NotSignedIn::Login => Redirect::to("/console/login").into_response(),
            NotSignedIn::Failed(error) => error.into_response(),
        }
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = NotSignedIn;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = language(&parts.headers);
        let token = cookie(&parts.headers, SESSION_COOKIE).ok_or(NotSignedIn::Login)?;
        let session = users::session(&state.pool, token, chrono::Utc::now())
            .await
            .map_err(|error| NotSignedIn::Failed(ConsoleError::internal(lang, error)))?
            .ok_or(NotSignedIn::Login)?;
        Ok(SignedIn { session, lang })
    }
}

/// A form that carries nothing but the session's CSRF token.
#[derive(serde::Deserialize)]
pub struct CsrfForm {
    pub csrf: String,
}

impl SignedIn {
    /// The network's coordinator may go on; a town's user is told there
    /// is no such page (the page is not theirs to know of).
    pub fn require_network(&self) -> Result<(), ConsoleError> {
        match self.session.user.scope {
            users::Scope::Network => Ok(()),
            users::Scope::Town(_) => Err(ConsoleError::not_found(self.lang)),
        }
    }

    /// Refuses a form that does not carry this session's CSRF token.
    pub fn check_csrf(&self, sent: &str) -> Result<(), ConsoleError> {
        let expected = self.session.csrf.as_bytes();
        let same = expected.len() == sent.len()
            && expected
                .iter()
                .zip(sent.as_bytes())
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0;
        if same {
            Ok(())
        } else {
            Err(ConsoleError::forbidden(self.lang))
        }
    }
}

/// A form sent without a session (login, set password) must come from the
/// console's own pages: a browser names the page's origin on every POST.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        // Browsers always send it with a POST form; tools may not, and
        // have no cookies to abuse.
        return true;
    };
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let forwarded = headers
        .get("x-forwarded-host")
        .and_then(|value| value.to_str().ok());
    let origin_host = origin.split_once("://").map_or("", |(_, rest)| rest);
    origin_host == host || forwarded == Some(origin_host)
}

/// The network address a request comes from, for the login limit. Behind
/// a reverse proxy on the same machine (the hub is reached over https,
/// often through one), the proxy's last `X-Forwarded-For` entry names the
/// client; from anywhere else that header is not believed.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .next_back()
                .and_then(|last| last.trim().parse::<std::net::IpAddr>().ok())
        };
        let client = match peer {
            Some(peer) if peer.is_loopback() => forwarded().unwrap_or(peer),
            Some(peer) => peer,
            None => return Ok(ClientAddress("unknown".into())),
        };
        Ok(ClientAddress(client.to_string()))
    }
}
