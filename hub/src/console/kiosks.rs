//! The fleet, for the network's coordinator: every kiosk with where it
//! stands, how recently it was heard from, the pack it shows, its queue of
//! unsynced leads, its last problem and its software; adding a kiosk (its
//! token shown once), renaming and revoking one.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use city_core::Lang;
use city_core::ids::is_valid_id;
use maud::{Markup, html};
use serde::Deserialize;

use super::page::{ConsoleError, frame};
use super::session::{CsrfForm, SignedIn};
use crate::AppState;
use crate::db::kiosks::{self, Health, KioskStatus};
use crate::i18n::{Text, t, tf};
use crate::tokens::new_token;

#[derive(Deserialize)]
pub struct NoticeQuery {
    #[serde(default)]
    done: String,
}

pub async fn list(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Query(query): Query<NoticeQuery>,
) -> Result<Html<String>, ConsoleError> {
    signed_in.require_network()?;
    let lang = signed_in.lang;
    let fleet = kiosks::list(&state.pool)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let notice = match query.done.as_str() {
        "renamed" => Some(t(lang, Text::KioskRenamed)),
        "revoked" => Some(t(lang, Text::KioskRevoked)),
        _ => None,
    };
    let csrf = &signed_in.session.csrf;
    let title = t(lang, Text::KiosksTitle);
    let now = Utc::now();
    let body = html! {
        h2 { (title) }
        @if let Some(notice) = notice {
            p class="notice" role="status" { (notice) }
        }
        p { (t(lang, Text::KioskHealthLegend)) }
        @if fleet.is_empty() {
            p class="notice" { (t(lang, Text::KiosksNone)) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, Text::KioskName)) }
                    th scope="col" { (t(lang, Text::ColumnVenue)) }
                    th scope="col" { (t(lang, Text::KioskHeartbeat)) }
                    th scope="col" { (t(lang, Text::KioskPack)) }
                    th scope="col" { (t(lang, Text::KioskQueue)) }
                    th scope="col" { (t(lang, Text::KioskLastError)) }
                    th scope="col" { (t(lang, Text::KioskSoftware)) }
                    th scope="col" { (t(lang, Text::KioskActions)) }
                } }
                tbody {
                    @for kiosk in &fleet {
                        (kiosk_row(lang, kiosk, now, csrf))
                    }
                }
            }
        }
        h3 { (t(lang, Text::KioskAddTitle)) }
        form class="filters" method="post" action="/console/kiosks" {
            input type="hidden" name="csrf" value=(csrf);
            div {
                label for="new-kiosk" { (t(lang, Text::KioskName)) }
                input id="new-kiosk" name="name" required pattern="[a-z0-9][a-z0-9-]{0,62}" aria-describedby="new-kiosk-rule";
                p id="new-kiosk-rule" { small { (t(lang, Text::KioskNameRule)) } }
            }
            div { button type="submit" { (t(lang, Text::KioskAdd)) } }
        }
    };
    Ok(Html(
        frame(lang, &title, Some((&signed_in.session.user, csrf)), body).into_string(),
    ))
}

fn kiosk_row(lang: Lang, kiosk: &KioskStatus, now: chrono::DateTime<Utc>, csrf: &str) -> Markup {
    let health = kiosk.health(now);
    let (class, label) = match health {
        Health::Green => ("health green", Text::HealthGreen),
        Health::Amber => ("health amber", Text::HealthAmber),
        Health::Red => ("health red", Text::HealthRed),
        Health::Revoked => ("health revoked", Text::HealthRevoked),
    };
    let dash = || "–".to_string();
    html! {
        tr data-kiosk=(kiosk.name) {
            th scope="row" { (kiosk.name) }
            td { (kiosk.venue.clone().unwrap_or_else(dash)) }
            td {
                span class=(class) { (t(lang, label)) }
                " "
                (kiosk.last_heartbeat_at.map_or_else(|| t(lang, Text::KioskNever), crate::utc_minute))
            }
            td { (kiosk.pack_version.clone().unwrap_or_else(dash)) }
            td { (kiosk.queued_leads.map_or_else(dash, |queued| queued.to_string())) }
            td class="problem" { (kiosk.last_error.clone().unwrap_or_else(dash)) }
            td { (kiosk.app_version.clone().unwrap_or_else(dash)) }
            td {
                @if !kiosk.revoked {
                    details {
                        summary { (t(lang, Text::KioskRename)) }
                        form method="post" action={ "/console/kiosks/" (kiosk.name) "/rename" } {
                            input type="hidden" name="csrf" value=(csrf);
                            label for={ "rename-" (kiosk.name) } { (t(lang, Text::KioskNewName)) }
                            input id={ "rename-" (kiosk.name) } name="name" required pattern="[a-z0-9][a-z0-9-]{0,62}" value=(kiosk.name);
                            button type="submit" { (t(lang, Text::KioskRename)) }
                        }
                    }
                    details {
                        summary { (t(lang, Text::KioskRevoke)) }
                        form method="post" action={ "/console/kiosks/" (kiosk.name) "/revoke" } {
                            input type="hidden" name="csrf" value=(csrf);
                            p { (tf(lang, Text::KioskRevokeWarning, &[("kiosk", kiosk.name.as_str().into())])) }
                            button type="submit" class="danger" { (t(lang, Text::KioskRevokeConfirm)) }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Deserialize)]
pub struct NameForm {
    csrf: String,
    name: String,
}

/// Adds a kiosk and shows its token, this once.
pub async fn add(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Form(form): Form<NameForm>,
) -> Result<Response, ConsoleError> {
    signed_in.require_network()?;
    signed_in.check_csrf(&form.csrf)?;
    let lang = signed_in.lang;
    let name = form.name.trim();
    let csrf = &signed_in.session.csrf;
    let user = &signed_in.session.user;
    if !is_valid_id(name) {
        return Ok(problem_page(lang, user, csrf, t(lang, Text::KioskNameRule)));
    }
    let token = new_token().map_err(|error| ConsoleError::internal(lang, error))?;
    if kiosks::add(&state.pool, name, &token).await.is_err() {
        let problem = tf(lang, Text::KioskNameTaken, &[("kiosk", name.into())]);
        return Ok(problem_page(lang, user, csrf, problem));
    }
    tracing::info!(user = user.id, kiosk = %name, "console: kiosk added");
    let title = t(lang, Text::KioskAddedTitle);
    let body = html! {
        h2 { (title) }
        div class="card wide" {
            p { (tf(lang, Text::KioskAddedIntro, &[("kiosk", name.into())])) }
            pre id="kiosk-token" { "[hub]\ntoken = \"" (token) "\"" }
            p class="notice" { (t(lang, Text::KioskTokenOnce)) }
            p { a href="/console/kiosks" { (t(lang, Text::KiosksTitle)) } }
        }
    };
    let page = frame(lang, &title, Some((user, csrf)), body).into_string();
    // The token must not stay in any cache.
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(page)).into_response())
}

fn problem_page(
    lang: Lang,
    user: &crate::db::users::User,
    csrf: &str,
    problem: String,
) -> Response {
    let title = t(lang, Text::KiosksTitle);
    let body = html! {
        h2 { (title) }
        p class="error" role="alert" { (problem) }
        p { a href="/console/kiosks" { (t(lang, Text::KiosksTitle)) } }
    };
    (
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        Html(frame(lang, &title, Some((user, csrf)), body).into_string()),
    )
        .into_response()
}

pub async fn rename(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Path(name): Path<String>,
    Form(form): Form<NameForm>,
) -> Result<Response, ConsoleError> {
    signed_in.require_network()?;
    signed_in.check_csrf(&form.csrf)?;
    let lang = signed_in.lang;
    let new_name = form.name.trim();
    let user = &signed_in.session.user;
    let csrf = &signed_in.session.csrf;
    if !is_valid_id(new_name) {
        return Ok(problem_page(lang, user, csrf, t(lang, Text::KioskNameRule)));
    }
    match kiosks::rename(&state.pool, &name, new_name).await {
        Ok(true) => {
            tracing::info!(
                user = user.id,
                kiosk = %new_name,
                previous = %name,
                "console: kiosk renamed"
            );
            Ok(Redirect::to("/console/kiosks?done=renamed").into_response())
        }
        Ok(false) => Err(ConsoleError::not_found(lang)),
        Err(_) => {
            let problem = tf(lang, Text::KioskNameTaken, &[("kiosk", new_name.into())]);
            Ok(problem_page(lang, user, csrf, problem))
        }
    }
}

pub async fn revoke(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Path(name): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    signed_in.require_network()?;
    signed_in.check_csrf(&form.csrf)?;
    let lang = signed_in.lang;
    let revoked = kiosks::revoke(&state.pool, &name)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    if !revoked {
        return Err(ConsoleError::not_found(lang));
    }
    tracing::info!(
        user = signed_in.session.user.id,
        kiosk = %name,
        "console: kiosk revoked"
    );
    Ok(Redirect::to("/console/kiosks?done=revoked").into_response())
}
