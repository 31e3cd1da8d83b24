//! What visitors open, without an account: their own page from the link in
//! their mail (`own_page`), the form a kiosk's phone link opens
//! (`phone_form`), and the towns' brochures their mail links to
//! (`brochures`).

pub mod brochures;
pub mod own_page;
pub mod phone_form;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::Markup;

/// A visitor page's answer: never cached, never indexed, and its address
/// (which is the key) never sent on as a referrer.
pub(crate) fn private_page(status: StatusCode, markup: Markup) -> Response {
    let mut response = (status, Html(markup.into_string())).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    response
}
