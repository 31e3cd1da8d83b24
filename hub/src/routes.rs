//! Every address the hub answers, in one table: the kiosks' API, the admin
//! API, the web console, and what visitors open. And what every answer
//! gets on its way out: a JSON body for every error that has none, and the
//! pages' security headers.

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Redirect, Response};
use axum::routing::{get, post};
use city_core::protocol::ErrorBody;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::AppState;
use crate::api::{self, ApiError};
use crate::console::{self, MAX_UPLOAD_BYTES};
use crate::visitor::{brochures, own_page, phone_form};

pub fn router(state: AppState) -> Router {
    let timeout = state.limits.request_timeout;
    Router::new()
        // A person who types the hub's address reaches the console.
        .route("/", get(|| async { Redirect::to("/console") }))
        .route("/healthz", get(healthz))
        // The kiosks' API.
        .route("/v1/heartbeat", post(api::kiosk::heartbeat))
        .route("/v1/leads", post(api::kiosk::leads))
        .route("/v1/stats", post(api::kiosk::stats))
        .route("/v1/manifest", get(api::files::manifest))
        .route("/v1/blobs/{sha256}", get(api::files::blob))
        .route("/v1/phone/{lead}", get(api::kiosk::phone_lead_arrived))
        // The admin API.
        .route("/v1/admin/leads", get(api::admin::export_leads))
        // The web console.
        .route("/console", get(|| async { Redirect::to("/console/leads") }))
        .route(console::page::STYLE_PATH, get(console::page::stylesheet))
        .route(
            "/console/login",
            get(console::login::login_page).post(console::login::login),
        )
        .route("/console/logout", post(console::login::logout))
        .route(
            "/console/set-password",
            get(console::login::set_password_page).post(console::login::set_password),
        )
        .route(
            "/console/language/{code}",
            get(console::login::choose_language),
        )
        .route("/console/leads", get(console::leads::list))
        .route("/console/leads.csv", get(console::leads::csv))
        .route("/console/leads/{id}", get(console::leads::detail))
        .route(
            "/console/leads/{id}/handled",
            post(console::leads::mark_handled),
        )
        .route("/console/leads/{id}/erase", post(console::leads::erase))
        .route(
            "/console/kiosks",
            get(console::kiosks::list).post(console::kiosks::add),
        )
        .route(
            "/console/kiosks/{name}/rename",
            post(console::kiosks::rename),
        )
        .route(
            "/console/kiosks/{name}/revoke",
            post(console::kiosks::revoke),
        )
        .route("/console/packs", get(console::packs::list))
        .route("/console/stats", get(console::stats::page))
        .route("/console/stats.csv", get(console::stats::csv))
        // What visitors open.
        .route("/visitor/{token}", get(own_page::page))
        .route(
            "/visitor/{token}/newsletter",
            get(own_page::newsletter_page).post(own_page::confirm),
        )
        .route("/visitor/{token}/erase", post(own_page::erase))
        .route("/phone", get(phone_form::page).post(phone_form::submit))
        .route("/brochures/{town}/{file}", get(brochures::brochure))
        .fallback(|| async { ApiError::NotFound("no such endpoint".into()) })
        .method_not_allowed_fallback(|| async { ApiError::MethodNotAllowed })
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        // The pack upload: large and as slow as an office's uplink, so it
        // has no overall deadline (only one for silence) and its own size
        // limit.
        .route(
            "/console/packs/upload",
            post(console::packs::upload).layer(DefaultBodyLimit::max(
                usize::try_from(MAX_UPLOAD_BYTES).unwrap_or(usize::MAX),
            )),
        )
        .layer(axum::middleware::map_response(json_errors))
        .layer(axum::middleware::map_response(security_headers))
        // Each request gets an id (or keeps the proxy's X-Request-Id),
        // answered back and carried by every log line made while serving
        // it, so one request's lines can be found together.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}

/// The span of one request: its id only (the path can hold a visitor's
/// link token, the headers a session).
fn request_span(request: &axum::http::Request<Body>) -> tracing::Span {
    let id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("-");
    tracing::info_span!("request", id = %id)
}

/// For load balancers: the database answers.
async fn healthz(State(state): State<AppState>) -> Result<&'static str, ApiError> {
    crate::db::ping(&state.pool).await?;
    Ok("ok")
}

/// What an HTML page of the hub may load and who may frame it: only the
/// hub's own stylesheet, no script at all (the pages have none), no
/// framing, forms only to the hub.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'none'; \
     style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; \
     base-uri 'none'";

/// Headers every answer carries: no guessing of types, and for pages the
/// policy above, no framing and no referrer beyond the hub (a page that
/// sends none at all, the visitor's, keeps its own).
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    let is_page = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if is_page {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        );
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        headers
            .entry(header::REFERRER_POLICY)
            .or_insert(HeaderValue::from_static("same-origin"));
    }
    response
}

/// Gives every error answer a JSON body: the ones our handlers make have
/// one already; the ones axum and tower make (timeouts, rejections) get
/// their text wrapped.
async fn json_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            // The console's error pages are HTML in the reader's language.
            value.starts_with("application/json") || value.starts_with("text/html")
        });
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096)
        .await
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).trim().to_string())
        .filter(|text| !text.is_empty())
        .unwrap_or_else(|| {
            status
                .canonical_reason()
                .unwrap_or("request failed")
                .to_lowercase()
        });
    let body = serde_json::to_vec(&ErrorBody {
        error: text,
        field: None,
        index: None,
    })
    .unwrap_or_default();
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
