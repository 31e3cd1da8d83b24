//! The web console under `/console`, served by `city-hub` itself: each
//! town's staff see, export, handle and erase their own leads; the
//! network's coordinator sees every town, the fleet of kiosks and the
//! content packs; everyone sees what visitors did. Server-rendered HTML
//! (maud), no JavaScript, in sl, de, hu, en.

mod chart;
mod kiosks;
mod leads;
mod login;
mod packs;
mod page;
mod session;
mod stats;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::response::Redirect;
use axum::routing::{get, post};

pub use login::PASSWORD_MIN;
pub use packs::{MAX_UPLOAD_BYTES, PACK_CHECKS_AT_ONCE};
pub(crate) use page::document;

use crate::AppState;

/// Every page and form that answers at once (the request deadline holds).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/console", get(|| async { Redirect::to("/console/leads") }))
        .route(page::STYLE_PATH, get(page::stylesheet))
        .route("/console/login", get(login::login_page).post(login::login))
        .route("/console/logout", post(login::logout))
        .route(
            "/console/set-password",
            get(login::set_password_page).post(login::set_password),
        )
        .route("/console/language/{code}", get(login::choose_language))
        .route("/console/leads", get(leads::list))
        .route("/console/leads.csv", get(leads::csv))
        .route("/console/leads/{id}", get(leads::detail))
        .route("/console/leads/{id}/handled", post(leads::mark_handled))
        .route("/console/leads/{id}/erase", post(leads::erase))
        .route("/console/kiosks", get(kiosks::list).post(kiosks::add))
        .route("/console/kiosks/{name}/rename", post(kiosks::rename))
        .route("/console/kiosks/{name}/revoke", post(kiosks::revoke))
        .route("/console/packs", get(packs::list))
        .route("/console/stats", get(stats::page))
        .route("/console/stats.csv", get(stats::csv))
}

/// The pack upload: large and as slow as an office's uplink, so it has no
/// overall deadline (only one for silence) and its own size limit.
pub fn upload_routes() -> Router<AppState> {
    Router::new()
        .route("/console/packs/upload", post(packs::upload))
        .layer(DefaultBodyLimit::max(
            usize::try_from(MAX_UPLOAD_BYTES).unwrap_or(usize::MAX),
        ))
}
