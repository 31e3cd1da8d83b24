//! "Continue on your phone": the page a visitor's phone opens from the QR
//! code beside the kiosk's form. It offers the same choices and consents,
//! with the same texts and consent version, as the kiosk (the current
//! pack's), prefilled with what they chose there; the lead is the kiosk's,
//! at its venue, with the id the link names, so a second submission is the
//! same lead. No JavaScript; readable on a 360 px screen. Kiosks ask
//! `GET /v1/phone/<id>` whether the lead arrived, to say thank you.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use city_core::Lang;
use city_core::content::{Pack, Theme};
use city_core::i18n::Key;
use city_core::leads::{
    CalendarBy, FormError, Lead, LeadForm, LeadWire, Origin, RESIDENCE_COUNTRIES,
};
use city_core::phone_link::PhoneLink;
use maud::{Markup, html};

use crate::AppState;
use crate::db::kiosks::Kiosk;
use crate::i18n::{Text, t};

/// A link the hub believes: signed by a kiosk it knows, not expired, not
/// used; with the pack whose texts the page shows.
struct Visit {
    link: PhoneLink,
    kiosk: Kiosk,
    pack: std::sync::Arc<Pack>,
}

/// Why a link opens no form, as a page in the link's language.
fn refused(lang: Lang, status: StatusCode, text: Text) -> Response {
    let title = t(lang, Text::PhoneTitle);
    crate::visitor::private_page(
        status,
        crate::console::document(
            lang,
            &title,
            html! { header { h1 { (title) } } main { p class="notice" role="alert" { (t(lang, text)) } } },
        ),
    )
}

async fn open(state: &AppState, query: Option<&str>) -> Result<Visit, Response> {
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
            .into_owned()
            .collect();
    let parsed = PhoneLink::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let Ok((link, signature)) = parsed else {
        return Err(refused(Lang::En, StatusCode::NOT_FOUND, Text::PhoneInvalid));
    };
    let lang = link.lang;
    let internal = |error: anyhow::Error| {
        tracing::error!("phone page: {error:#}");
        refused(lang, StatusCode::INTERNAL_SERVER_ERROR, Text::ErrorInternal)
    };
    let key = crate::db::kiosks::signing_key(&state.pool, &link.kiosk)
        .await
        .map_err(internal)?;
    let Some((kiosk, _)) = key.filter(|(_, key)| link.verify(&signature, key)) else {
        return Err(refused(lang, StatusCode::NOT_FOUND, Text::PhoneInvalid));
    };
    // A link makes one lead, once: not again after it was erased.
    let used = crate::db::leads::id_used(&state.pool, link.lead_id)
        .await
        .map_err(|error| internal(error.into()))?;
    if used {
        return Err(refused(lang, StatusCode::GONE, Text::PhoneUsed));
    }
    if link.is_expired(Utc::now()) {
        return Err(refused(lang, StatusCode::GONE, Text::PhoneExpired));
    }
    let Some(pack) = state
        .pack_texts
        .current(&state.pool)
        .await
        .map_err(internal)?
    else {
        return Err(refused(
            lang,
            StatusCode::SERVICE_UNAVAILABLE,
            Text::ErrorInternal,
        ));
    };
    Ok(Visit { link, kiosk, pack })
}

/// The form, prefilled from the link.
pub async fn page(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    match open(&state, query.as_deref()).await {
        Ok(visit) => {
            let form = LeadForm {
                towns: visit.link.towns.iter().cloned().collect(),
                themes: visit.link.themes.iter().copied().collect(),
                ..LeadForm::default()
            };
            form_page(
                &visit,
                query.as_deref().unwrap_or_default(),
                &form,
                &[],
                StatusCode::OK,
            )
        }
        Err(response) => response,
    }
}

/// The form as the phone sent it: the same rules as on the kiosk.
fn read_form(body: &[u8], pack: &Pack) -> LeadForm {
    let mut form = LeadForm::default();
    for (key, value) in url::form_urlencoded::parse(body) {
        match key.as_ref() {
            "email" => form.email = value.into_owned(),
            "name" => form.name = value.into_owned(),
            "country" if !value.is_empty() => form.country = Some(value.into_owned()),
            "town" if pack.town(&value).is_some() => {
                form.towns.insert(value.into_owned());
            }
            "theme" => {
                if let Some(theme) = Theme::from_key(&value) {
                    form.themes.insert(theme);
                }
            }
            "family" => form.family = true,
            "calendar" => form.calendar = CalendarBy::from_key(&value),
            "address" => form.postal_address = value.into_owned(),
            "message" => form.message = value.into_owned(),
            "consent_contact" => form.consent_contact = true,
            "consent_newsletter" => form.consent_newsletter = true,
            _ => {}
        }
    }
    form
}

pub async fn submit(
    State(state): State<AppState>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let visit = match open(&state, query.as_deref()).await {
        Ok(visit) => visit,
        Err(response) => return response,
    };
    let form = read_form(&body, &visit.pack);
    let lang = visit.link.lang;
    let origin = Origin {
        kiosk_id: &visit.kiosk.name,
        venue: &visit.link.venue,
        language: lang,
        consent_version: &visit.pack.consent.version,
        at: Utc::now(),
    };
    let mut lead = match form.to_lead(&origin) {
        Ok(lead) => lead,
        Err(problems) => {
            return form_page(
                &visit,
                query.as_deref().unwrap_or_default(),
                &form,
                &problems,
                StatusCode::UNPROCESSABLE_ENTITY,
            );
        }
    };
    lead.id = visit.link.lead_id;
    // The door every lead passes, whoever made it: the kiosk's own rules.
    let lead = match Lead::from_wire(LeadWire::from(&lead), &visit.kiosk.name, Utc::now()) {
        Ok(lead) => lead,
        Err(error) => {
            tracing::warn!(
                "phone page: a lead for kiosk {} refused: {}",
                visit.kiosk.name,
                error.field
            );
            return refused(lang, StatusCode::UNPROCESSABLE_ENTITY, Text::PhoneInvalid);
        }
    };
    let stored = crate::db::leads::insert(
        &state.pool,
        &state.link_key,
        visit.kiosk.id,
        &visit.kiosk.name,
        std::slice::from_ref(&lead),
        state.mailer.is_some(),
    )
    .await;
    if let Err(error) = stored {
        tracing::error!("phone page: {error}");
        return refused(lang, StatusCode::INTERNAL_SERVER_ERROR, Text::ErrorInternal);
    }
    if let Some(mailer) = &state.mailer {
        mailer.queued.notify_one();
    }
    tracing::info!(
        "lead {} given on a phone for kiosk {}",
        lead.id,
        visit.kiosk.name
    );
    let ui = |key: Key| visit.pack.ui.text(lang, key);
    let title = ui(Key::ThanksTitle);
    crate::visitor::private_page(
        StatusCode::OK,
        crate::console::document(
            lang,
            &title,
            html! {
                header { h1 { (visit.pack.title.get(lang)) } }
                main { h2 { (title) } p class="success" role="status" { (ui(Key::ThanksText)) } }
            },
        ),
    )
}

fn form_page(
    visit: &Visit,
    query: &str,
    form: &LeadForm,
    problems: &[FormError],
    status: StatusCode,
) -> Response {
    let lang = visit.link.lang;
    let pack = &visit.pack;
    let ui = |key: Key| pack.ui.text(lang, key);
    let has = |error: FormError| problems.contains(&error);
    let error = |errors: &[FormError]| -> Option<String> {
        errors
            .iter()
            .find(|error| has(**error))
            .map(|error| ui(Key::form_error(*error)))
    };
    let title = ui(Key::InterestTitle);
    let body: Markup = html! {
        header { h1 { (pack.title.get(lang)) } }
        main {
            h2 { (title) }
            p { (ui(Key::InterestIntro)) }
            form method="post" action={ "/phone?" (query) } class="card wide phone" {
                label for="email" { (ui(Key::FieldEmail)) }
                input id="email" name="email" type="email" autocomplete="email" required value=(form.email);
                @if let Some(message) = error(&[FormError::EmailMissing, FormError::EmailMalformed]) {
                    p class="error" role="alert" { (message) }
                }
                label for="name" { (ui(Key::FieldName)) }
                input id="name" name="name" autocomplete="name" value=(form.name);
                @if let Some(message) = error(&[FormError::NameTooLong]) { p class="error" role="alert" { (message) } }
                label for="country" { (ui(Key::FieldCountry)) }
                select id="country" name="country" {
                    option value="" { (ui(Key::ChooseCountry)) }
                    @for code in RESIDENCE_COUNTRIES {
                        option value=(code) selected[form.country.as_deref() == Some(*code)] { (ui(Key::residence(code))) }
                    }
                }
                fieldset {
                    legend { (ui(Key::InterestTowns)) }
                    @for town in &pack.towns {
                        label class="check" {
                            input type="checkbox" name="town" value=(town.id) checked[form.towns.contains(&town.id)];
                            (town.name.get(lang))
                        }
                    }
                }
                fieldset {
                    legend { (ui(Key::InterestThemes)) }
                    @for theme in Theme::ALL {
                        label class="check" {
                            input type="checkbox" name="theme" value=(theme.key()) checked[form.themes.contains(theme)];
                            (ui(Key::theme(*theme)))
                        }
                    }
                }
                label class="check" {
                    input type="checkbox" name="family" value="1" checked[form.family];
                    (ui(Key::InterestFamily))
                }
                fieldset {
                    legend { (ui(Key::InterestCalendar)) }
                    @for (value, key) in [("", Key::CalendarNone), ("email", Key::CalendarEmail), ("post", Key::CalendarPost)] {
                        label class="check" {
                            input type="radio" name="calendar" value=(value)
                                checked[form.calendar.map_or("", CalendarBy::key) == value];
                            (ui(key))
                        }
                    }
                }
                label for="address" { (ui(Key::FieldAddress)) }
                textarea id="address" name="address" rows="3" autocomplete="street-address" { (form.postal_address) }
                @if let Some(message) = error(&[FormError::AddressMissing, FormError::AddressTooLong]) {
                    p class="error" role="alert" { (message) }
                }
                label for="message" { (ui(Key::FieldMessage)) }
                textarea id="message" name="message" rows="3" { (form.message) }
                @if let Some(message) = error(&[FormError::MessageTooLong]) { p class="error" role="alert" { (message) } }
                fieldset {
                    legend { (ui(Key::ConsentTitle)) }
                    label class="check" {
                        input type="checkbox" name="consent_contact" value="1" checked[form.consent_contact];
                        span { (pack.consent.contact.get(lang)) " (" (ui(Key::ConsentRequired)) ")" }
                    }
                    @if let Some(message) = error(&[FormError::ContactConsentMissing]) {
                        p class="error" role="alert" { (message) }
                    }
                    label class="check" {
                        input type="checkbox" name="consent_newsletter" value="1" checked[form.consent_newsletter];
                        span { (pack.consent.newsletter.get(lang)) " (" (ui(Key::ConsentOptional)) ")" }
                    }
                    p class="privacy" { (pack.consent.privacy.get(lang)) }
                }
                button type="submit" { (ui(Key::InterestSend)) }
            }
        }
    };
    crate::visitor::private_page(
        status,
        crate::console::document(lang, &format!("{title} · {}", pack.title.get(lang)), body),
    )
}
