//! The visitor's own page, opened from the link in their mail: everything
//! kept about their address, confirming the newsletter (double opt-in),
//! and erasing themselves. The link's signed token is the only key: no
//! account, no cookie. Confirming and erasing are buttons (POST), never
//! links, so that mail scanners that open every link change nothing.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use city_core::Lang;
use city_core::content::Pack;
use city_core::leads::Lead;
use maud::{Markup, html};
use uuid::Uuid;

use super::private_page;
use crate::AppState;
use crate::db::{leads, mail};
use crate::i18n::{Text, t, tf};
use crate::lead_view::labelled_fields;

fn frame(lang: Lang, network: &str, title: &str, body: Markup) -> Markup {
    crate::console::document(
        lang,
        &format!("{title} · {network}"),
        html! {
            header { h1 { (network) } }
            main { h2 { (title) } (body) }
        },
    )
}

/// What every visitor page starts from: the lead the token names (if the
/// hub signed it and it still exists) and the pack's texts.
struct Visit {
    lead: Option<Lead>,
    pack: Option<std::sync::Arc<Pack>>,
}

impl Visit {
    async fn open(state: &AppState, token: &str) -> Result<Visit, Response> {
        let pack = state
            .pack_texts
            .current(&state.pool)
            .await
            .unwrap_or_else(|error| {
                tracing::error!("visitor page: the pack's texts: {error:#}");
                None
            });
        let lead = match state.link_key.verify_visitor_token(token) {
            Some(id) => leads::one(&state.pool, id, None).await.map_err(internal)?,
            None => None,
        };
        Ok(Visit { lead, pack })
    }

    /// The visit and its lead; the answer to give when there is none
    /// ("not valid, or erased") or the database failed.
    async fn with_lead(state: &AppState, token: &str) -> Result<(Visit, Lead), Response> {
        let visit = Visit::open(state, token).await?;
        match visit.lead.clone() {
            Some(lead) => Ok((visit, lead)),
            None => Err(visit.gone()),
        }
    }

    fn lang(&self) -> Lang {
        self.lead.as_ref().map_or(Lang::En, |lead| lead.language)
    }

    fn network(&self) -> String {
        let lang = self.lang();
        self.pack.as_ref().map_or_else(
            || "City Cooperation".to_string(),
            |pack| pack.title.get(lang).to_string(),
        )
    }

    fn town_name(&self, id: &str) -> String {
        self.pack
            .as_ref()
            .and_then(|pack| pack.town(id))
            .map_or_else(
                || id.to_string(),
                |town| town.name.get(self.lang()).to_string(),
            )
    }

    /// A page that only says something, in the visitor's language.
    fn message(&self, status: StatusCode, text: Text, class: &str) -> Response {
        let lang = self.lang();
        let title = t(lang, Text::VisitorTitle);
        private_page(
            status,
            frame(
                lang,
                &self.network(),
                &title,
                html! { p class=(class) role="status" { (t(lang, text)) } },
            ),
        )
    }

    /// "This link is not valid, or what it showed is erased."
    fn gone(&self) -> Response {
        self.message(StatusCode::NOT_FOUND, Text::VisitorGone, "notice")
    }
}

fn internal(error: impl std::fmt::Display) -> Response {
    tracing::error!("visitor page: {error}");
    private_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        frame(
            Lang::En,
            "City Cooperation",
            "Error",
            html! { p class="error" { (t(Lang::En, Text::ErrorInternal)) } },
        ),
    )
}

/// Everything kept about the token's address, and the erase button.
pub async fn page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let (visit, lead) = match Visit::with_lead(&state, &token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let lead = &lead;
    let all = match leads::of_address(&state.pool, lead.email.as_str()).await {
        Ok(all) => all,
        Err(error) => return internal(error),
    };
    let lang = visit.lang();
    let network = visit.network();
    let town_name = |id: &str| visit.town_name(id);
    let body = html! {
        p { (tf(lang, Text::VisitorIntro, &[("network", network.as_str().into())])) }
        @for (given, confirmed_at) in &all {
            section class="card wide" {
                h3 { (tf(lang, Text::VisitorGiven, &[
                    ("venue", given.venue.as_str().into()),
                    ("date", crate::utc_minute(given.created_at).as_str().into()),
                ])) }
                dl class="fields" {
                    @for (label, value) in labelled_fields(lang, given, &town_name) {
                        dt { (t(lang, label)) }
                        dd { (value) }
                    }
                }
                p {
                    @match (given.consent_newsletter, confirmed_at) {
                        (false, _) => { (t(lang, Text::VisitorNewsletterNone)) }
                        (true, Some(at)) => { (tf(lang, Text::VisitorNewsletterConfirmed, &[("date", crate::utc_minute(*at).as_str().into())])) }
                        (true, None) => {
                            (t(lang, Text::VisitorNewsletterPending)) " "
                            a href={ "/visitor/" (state.link_key.visitor_token(given.id)) "/newsletter" } { (t(lang, Text::VisitorConfirmTitle)) }
                        }
                    }
                }
            }
        }
        details class="erase" {
            summary { (t(lang, Text::VisitorErase)) }
            form method="post" action={ "/visitor/" (token) "/erase" } {
                p { (tf(lang, Text::VisitorEraseWarning, &[("email", lead.email.as_str().into())])) }
                button type="submit" class="danger" { (t(lang, Text::VisitorEraseConfirm)) }
            }
        }
    };
    private_page(
        StatusCode::OK,
        frame(lang, &network, &t(lang, Text::VisitorTitle), body),
    )
}

/// The newsletter's confirmation: one button.
pub async fn newsletter_page(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let (visit, lead) = match Visit::with_lead(&state, &token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let lead = &lead;
    if !lead.consent_newsletter {
        return visit.message(StatusCode::GONE, Text::VisitorConfirmClosed, "notice");
    }
    let lang = visit.lang();
    let network = visit.network();
    let body = html! {
        form method="post" class="card" {
            p { (tf(lang, Text::VisitorConfirmIntro, &[
                ("email", lead.email.as_str().into()),
                ("network", network.as_str().into()),
            ])) }
            button type="submit" { (t(lang, Text::VisitorConfirm)) }
        }
    };
    private_page(
        StatusCode::OK,
        frame(lang, &network, &t(lang, Text::VisitorConfirmTitle), body),
    )
}

/// Records the confirmation (the first one counts; again is harmless).
pub async fn confirm(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let (visit, lead) = match Visit::with_lead(&state, &token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let lead = &lead;
    match mail::confirm_newsletter(&state.pool, lead.id, Utc::now()).await {
        Ok(true) => {
            tracing::info!("newsletter confirmed for lead {}", lead.id);
            visit.message(StatusCode::OK, Text::VisitorConfirmed, "success")
        }
        Ok(false) => visit.message(StatusCode::GONE, Text::VisitorConfirmClosed, "notice"),
        Err(error) => internal(error),
    }
}

/// Erases every lead of the address, here and (at their next sync) on
/// every kiosk, as the towns' console does.
pub async fn erase(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let (visit, lead) = match Visit::with_lead(&state, &token).await {
        Ok(found) => found,
        Err(response) => return response,
    };
    let lead = &lead;
    let id: Uuid = lead.id;
    match leads::erase(&state.pool, &state.link_key, lead.email.as_str()).await {
        Ok(count) => {
            tracing::info!("a visitor erased themselves from lead {id} ({count} leads)");
            visit.message(StatusCode::OK, Text::VisitorErased, "success")
        }
        Err(error) => internal(error),
    }
}
