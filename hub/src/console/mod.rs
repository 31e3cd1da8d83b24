//! The web console under `/console`, served by `city-hub` itself: each
//! town's staff see and export their own leads; the network sees every
//! town. Server-rendered HTML (maud), no JavaScript, in sl, de, hu, en.

mod leads;
mod login;
mod page;
mod session;
mod text;

use axum::Router;
use axum::response::Redirect;
use axum::routing::{get, post};

pub use login::PASSWORD_MIN;

use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/console", get(|| async { Redirect::to("/console/leads") }))
        .route("/console/login", get(login::login_page).post(login::login))
        .route("/console/logout", post(login::logout))
        .route(
            "/console/set-password",
            get(login::set_password_page).post(login::set_password),
        )
        .route("/console/language/{code}", get(login::choose_language))
        .route("/console/leads", get(leads::list))
        .route("/console/leads.csv", get(leads::csv))
        .route("/console/leads/{id}/handled", post(leads::mark_handled))
}
