//! The frame of every console page (title, language switch, navigation,
//! styles) and its error pages. Plain HTML with a little CSS: it works
//! without JavaScript, with a keyboard, and on a phone.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use city_core::Lang;
use maud::{Markup, html};

use crate::db::users::{Scope, User};
use crate::i18n::{Text, t, tf};

/// Readable at 360 px, high contrast, visible focus. Served as a file
/// (the pages' policy allows no inline style), at [`style_href`].
pub(crate) const STYLE: &str = "
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#f6f4ef}
header{background:#14455f;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header a,header button{color:#fff}
header h1{font-size:1.15rem;margin:0;flex:1 1 auto}
nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1rem;flex-wrap:wrap}
main{padding:1rem;max-width:80rem;margin:auto}
a{color:#0b4f8a}
:focus-visible{outline:3px solid #d9822b;outline-offset:2px}
label{display:block;font-weight:600;margin:.5rem 0 .2rem}
input,select,button{font:inherit;padding:.45rem .6rem;border:1px solid #6b6b6b;border-radius:4px;background:#fff;color:#1b1b1b}
button,.button{background:#14455f;color:#fff;border:1px solid #14455f;border-radius:4px;padding:.45rem .6rem;cursor:pointer;text-decoration:none;display:inline-block}
.filters{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:end;background:#fff;padding:.75rem 1rem;border-radius:6px}
.filters .check{display:flex;gap:.4rem;align-items:center;font-weight:400}
table{border-collapse:collapse;width:100%;background:#fff;margin-top:1rem}
th,td{text-align:left;padding:.45rem .6rem;border-bottom:1px solid #d8d4cb;vertical-align:top}
th{background:#ebe7de}
.notice{background:#fff3cd;border-left:4px solid #d9822b;padding:.6rem 1rem}
.error{background:#fde8e7;border-left:4px solid #b3261e;padding:.6rem 1rem}
.card{background:#fff;padding:1rem 1.25rem;border-radius:6px;max-width:28rem}
.langs{display:flex;gap:.5rem}
.langs a[aria-current]{font-weight:700;text-decoration:none}
.pager{display:flex;gap:1rem;align-items:center;margin-top:1rem}
.card.wide{max-width:48rem}
.success{background:#e3f4e6;border-left:4px solid #1e7b34;padding:.6rem 1rem}
.problems{margin:.25rem 0;padding-left:1.25rem}
.problems code,pre{white-space:pre-wrap;word-break:break-word}
pre{background:#f0ede6;padding:.75rem;border-radius:4px}
button.danger{background:#b3261e;border-color:#b3261e}
details{margin:.25rem 0}
fieldset{border:1px solid #d8d4cb;border-radius:4px;margin:.75rem 0;padding:.5rem .75rem;min-width:0}
legend{font-weight:600}
label.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.35rem 0}
form.phone input:not([type=checkbox]):not([type=radio]),form.phone select,form.phone textarea{width:100%}
form.phone button{margin-top:.75rem;width:100%;font-size:1.1rem}
summary{cursor:pointer;color:#0b4f8a}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}
dl.fields dt{font-weight:600}
dl.fields dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.health{display:inline-block;padding:0 .45rem;border-radius:3px;font-weight:600;color:#fff}
.health.green{background:#1e7b34}
.health.amber{background:#8a5300}
.health.red{background:#b3261e}
.health.revoked{background:#5b5b5b}
td.problem{max-width:22rem;white-space:pre-wrap}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,34rem),1fr));gap:1rem}
figure.chart{background:#fff;margin:0;padding:.75rem 1rem;border-radius:6px}
figure.chart figcaption{font-weight:600}
figure.chart svg{width:100%;height:auto}
svg .bar{fill:#14455f}
svg .grid{stroke:#d8d4cb}
svg .axis,svg .value,svg .label{font-size:12px;fill:#3b3b3b}
@media (max-width:40rem){dl.fields{grid-template-columns:1fr;gap:0}dl.fields dd{margin-bottom:.5rem}table,thead,tbody,tr,th,td{display:block}thead{display:none}td{border:0;padding:.15rem .6rem}tr{border-bottom:1px solid #d8d4cb;padding:.5rem 0}}
";

/// A whole page; `user` adds the navigation and the logout button.
pub fn frame(lang: Lang, title: &str, user: Option<(&User, &str)>, body: Markup) -> Markup {
    let title = format!("{title} · {}", t(lang, Text::ConsoleTitle));
    document(
        lang,
        &title,
        html! {
                header {
                    h1 { (t(lang, Text::ConsoleTitle)) }
                    @if let Some((user, csrf)) = user {
                        nav aria-label=(t(lang, Text::ConsoleTitle)) {
                            ul {
                                li { a href="/console/leads" { (t(lang, Text::NavLeads)) } }
                                li { a href="/console/stats" { (t(lang, Text::NavStats)) } }
                                @if let Scope::Network = user.scope {
                                    li { a href="/console/kiosks" { (t(lang, Text::NavKiosks)) } }
                                    li { a href="/console/packs" { (t(lang, Text::NavPacks)) } }
                                }
                            }
                        }
                        span { (tf(lang, Text::SignedInAs, &[("email", user.email.as_str().into())])) }
                        @if let Scope::Network = user.scope {
                            span { "(" (t(lang, Text::ScopeNetwork)) ")" }
                        }
                        form method="post" action="/console/logout" {
                            input type="hidden" name="csrf" value=(csrf);
                            button type="submit" { (t(lang, Text::NavLogout)) }
                        }
                    }
                    div class="langs" {
                        @for other in Lang::ALL {
                            @if other == lang {
                                a href={ "/console/language/" (other.code()) } aria-current="true" lang=(other.code()) { (other.native_name()) }
                            } @else {
                                a href={ "/console/language/" (other.code()) } lang=(other.code()) { (other.native_name()) }
                            }
                        }
                    }
                }
                main { (body) }
        },
    )
}

/// An HTML page of the hub (the console's, the visitor's): language,
/// phone-sized viewport, no referrer sent on, the shared style.
pub(crate) fn document(lang: Lang, title: &str, body: Markup) -> Markup {
    crate::html::document(
        lang,
        title,
        html! {
            meta name="referrer" content="same-origin";
            link rel="stylesheet" href=(style_href());
        },
        body,
    )
}

/// Where pages find the stylesheet: its address names its content, so a
/// browser may keep it for good and a new hub's style is fetched anew.
pub(crate) fn style_href() -> &'static str {
    static HREF: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let version = city_core::hash::Sha256::of(STYLE.as_bytes()).to_hex();
        format!("{STYLE_PATH}?v={}", &version[..16])
    });
    &HREF
}

/// The stylesheet's route.
pub(crate) const STYLE_PATH: &str = "/console/style.css";

/// The stylesheet, cacheable for a year (its address changes with it).
pub async fn stylesheet() -> Response {
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (
                axum::http::header::CACHE_CONTROL,
                "public, max-age=31536000, immutable",
            ),
        ],
        STYLE,
    )
        .into_response()
}

/// An error as a page in the visitor's language, with its status.
#[derive(Debug)]
pub struct ConsoleError {
    status: StatusCode,
    lang: Lang,
    text: Text,
}

impl ConsoleError {
    pub fn not_found(lang: Lang) -> ConsoleError {
        ConsoleError {
            status: StatusCode::NOT_FOUND,
            lang,
            text: Text::ErrorNotFound,
        }
    }

    pub fn forbidden(lang: Lang) -> ConsoleError {
        ConsoleError {
            status: StatusCode::FORBIDDEN,
            lang,
            text: Text::ErrorForbidden,
        }
    }

    pub fn bad_request(lang: Lang) -> ConsoleError {
        ConsoleError {
            status: StatusCode::BAD_REQUEST,
            lang,
            text: Text::ErrorBadRequest,
        }
    }

    pub fn too_large(lang: Lang) -> ConsoleError {
        ConsoleError {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            lang,
            text: Text::ErrorTooLarge,
        }
    }

    /// 503 with `Retry-After`, as the admin API answers: try again soon.
    pub fn busy(lang: Lang) -> ConsoleError {
        ConsoleError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            lang,
            text: Text::ErrorBusy,
        }
    }

    pub fn internal(lang: Lang, error: impl std::fmt::Display) -> ConsoleError {
        tracing::error!("console: {error}");
        ConsoleError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            lang,
            text: Text::ErrorInternal,
        }
    }
}

impl IntoResponse for ConsoleError {
    fn into_response(self) -> Response {
        let title = t(self.lang, Text::ErrorTitle);
        let body = html! {
            h2 { (title) }
            p class="error" role="alert" { (t(self.lang, self.text)) }
            p { a href="/console/leads" { (t(self.lang, Text::NavLeads)) } }
        };
        let mut response = (
            self.status,
            Html(frame(self.lang, &title, None, body).into_string()),
        )
            .into_response();
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                axum::http::HeaderValue::from_static(crate::api::RETRY_AFTER_SECONDS),
            );
        }
        response
    }
}
