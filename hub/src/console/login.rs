//! Logging in and out, setting a password from a one-time link, and
//! choosing the console's language.

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Utc;
use city_core::Lang;
use city_core::secrets::{hash_secret, secret_matches};
use maud::{Markup, html};
use serde::Deserialize;

use super::page::{ConsoleError, frame};
use super::session::{
    ClientAddress, CsrfForm, LANG_COOKIE, PageLang, SESSION_COOKIE, SignedIn, cookie, same_origin,
    set_cookie,
};
use crate::AppState;
use crate::db::users::{self, FAILURE_WINDOW, SESSION_VALID};
use crate::i18n::{Text, t, tf};
use crate::tokens::new_token;

/// The shortest password the console takes.
pub const PASSWORD_MIN: usize = 12;
/// Longer input is not a password anyone types; it only costs hashing.
const PASSWORD_MAX: usize = 256;

/// The hash of no one's password, checked for an address without an
/// account.
static NO_ACCOUNT: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| hash_secret("no account has this password").unwrap_or_default());

/// The address a login form gave, as accounts are kept (folded); a
/// control character, which no account's address holds, is replaced so
/// that it never reaches the database.
fn login_address(given: &str) -> String {
    city_core::leads::fold_email(given)
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .take(320)
        .collect()
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
}

pub async fn login_page(PageLang(lang): PageLang) -> Html<String> {
    Html(login_view(lang, None, "").into_string())
}

fn login_view(lang: Lang, problem: Option<String>, email: &str) -> Markup {
    let title = t(lang, Text::LoginTitle);
    frame(
        lang,
        &title,
        None,
        html! {
            div class="card" {
                h2 { (title) }
                @if let Some(problem) = problem {
                    p class="error" role="alert" { (problem) }
                }
                form method="post" action="/console/login" {
                    label for="email" { (t(lang, Text::LoginEmail)) }
                    input id="email" name="email" type="email" autocomplete="username" required value=(email);
                    label for="password" { (t(lang, Text::LoginPassword)) }
                    input id="password" name="password" type="password" autocomplete="current-password" required;
                    p { button type="submit" { (t(lang, Text::LoginSubmit)) } }
                }
            }
        },
    )
}

pub async fn login(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    ClientAddress(ip): ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, ConsoleError> {
    if !same_origin(&headers) {
        return Err(ConsoleError::forbidden(lang));
    }
    let email = login_address(&form.email);
    let now = Utc::now();
    let locked = users::login_locked(&state.pool, &email, &ip, now)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    if locked {
        // Who, never: the address and the network address are the
        // visitor's business, the count is the operator's.
        tracing::warn!("console: a login refused, too many failed logins");
        let problem = tf(
            lang,
            Text::LoginLocked,
            &[("minutes", FAILURE_WINDOW.num_minutes().into())],
        );
        return Ok(
            Html(login_view(lang, Some(problem), &form.email).into_string()).into_response(),
        );
    }
    let account = users::for_login(&state.pool, &email)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let password = form.password;
    // The same work whether or not the address has an account: a hash is
    // checked either way, so the answer's time tells nothing.
    let (user, hash) = match account {
        Some((user, hash)) if password.len() <= PASSWORD_MAX => (Some(user), hash),
        _ => (None, NO_ACCOUNT.clone()),
    };
    let right = tokio::task::spawn_blocking(move || {
        let password = if password.len() <= PASSWORD_MAX {
            password.as_str()
        } else {
            ""
        };
        secret_matches(&hash, password)
    })
    .await
    .unwrap_or(false);
    let user = user.filter(|_| right);
    let Some(user) = user else {
        users::record_failure(&state.pool, &email, &ip, now)
            .await
            .map_err(|error| ConsoleError::internal(lang, error))?;
        tracing::info!("console: a failed login");
        let problem = t(lang, Text::LoginFailed);
        return Ok(
            Html(login_view(lang, Some(problem), &form.email).into_string()).into_response(),
        );
    };
    let token = new_token().map_err(|error| ConsoleError::internal(lang, error))?;
    let csrf = new_token().map_err(|error| ConsoleError::internal(lang, error))?;
    users::start_session(&state.pool, user.id, &token, &csrf, now)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    tracing::info!(user = user.id, "console: logged in");
    let mut response = Redirect::to("/console/leads").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(SESSION_COOKIE, &token, SESSION_VALID.num_seconds()),
    );
    Ok(response)
}

pub async fn logout(
    signed_in: SignedIn,
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    signed_in.check_csrf(&form.csrf)?;
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        users::end_session(&state.pool, token)
            .await
            .map_err(|error| ConsoleError::internal(signed_in.lang, error))?;
    }
    let mut response = Redirect::to("/console/login").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, set_cookie(SESSION_COOKIE, "", 0));
    Ok(response)
}

#[derive(Deserialize)]
pub struct SetupQuery {
    token: String,
}

#[derive(Deserialize)]
pub struct SetupForm {
    token: String,
    password: String,
    repeat: String,
}

pub async fn set_password_page(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Query(query): Query<SetupQuery>,
) -> Result<Html<String>, ConsoleError> {
    let user = users::by_setup_token(&state.pool, &query.token, Utc::now())
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    Ok(Html(
        set_password_view(
            lang,
            user.as_ref().map(|u| u.email.as_str()),
            &query.token,
            None,
        )
        .into_string(),
    ))
}

fn set_password_view(
    lang: Lang,
    email: Option<&str>,
    token: &str,
    problem: Option<String>,
) -> Markup {
    let title = t(lang, Text::SetPasswordTitle);
    frame(
        lang,
        &title,
        None,
        html! {
            div class="card" {
                h2 { (title) }
                @match email {
                    None => p class="error" role="alert" { (t(lang, Text::SetPasswordInvalid)) },
                    Some(email) => {
                        p { (tf(lang, Text::SetPasswordIntro, &[("length", PASSWORD_MIN.into()), ("email", email.into())])) }
                        @if let Some(problem) = problem {
                            p class="error" role="alert" { (problem) }
                        }
                        form method="post" action="/console/set-password" {
                            input type="hidden" name="token" value=(token);
                            label for="password" { (t(lang, Text::SetPasswordNew)) }
                            input id="password" name="password" type="password" autocomplete="new-password" required minlength=(PASSWORD_MIN);
                            label for="repeat" { (t(lang, Text::SetPasswordRepeat)) }
                            input id="repeat" name="repeat" type="password" autocomplete="new-password" required minlength=(PASSWORD_MIN);
                            p { button type="submit" { (t(lang, Text::SetPasswordSubmit)) } }
                        }
                    }
                }
            }
        },
    )
}

pub async fn set_password(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    headers: HeaderMap,
    Form(form): Form<SetupForm>,
) -> Result<Html<String>, ConsoleError> {
    if !same_origin(&headers) {
        return Err(ConsoleError::forbidden(lang));
    }
    let user = users::by_setup_token(&state.pool, &form.token, Utc::now())
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let Some(user) = user else {
        return Ok(Html(set_password_view(lang, None, "", None).into_string()));
    };
    let length = form.password.chars().count();
    let problem = if length < PASSWORD_MIN {
        Some(tf(
            lang,
            Text::SetPasswordTooShort,
            &[("length", PASSWORD_MIN.into())],
        ))
    } else if length > PASSWORD_MAX || form.password != form.repeat {
        Some(t(lang, Text::SetPasswordMismatch))
    } else {
        None
    };
    if let Some(problem) = problem {
        return Ok(Html(
            set_password_view(lang, Some(&user.email), &form.token, Some(problem)).into_string(),
        ));
    }
    let password = form.password;
    let hash = tokio::task::spawn_blocking(move || hash_secret(&password))
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?
        .map_err(|error| ConsoleError::internal(lang, error))?;
    users::set_password(&state.pool, user.id, &hash)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    tracing::info!(user = user.id, "console: password set");
    let title = t(lang, Text::SetPasswordTitle);
    Ok(Html(
        frame(
            lang,
            &title,
            None,
            html! {
                div class="card" {
                    p class="notice" role="status" { (t(lang, Text::SetPasswordDone)) }
                    p { a class="button" href="/console/login" { (t(lang, Text::LoginSubmit)) } }
                }
            },
        )
        .into_string(),
    ))
}

/// Chooses the console's language (kept in a cookie), back to where the
/// visitor was.
pub async fn choose_language(Path(code): Path<String>, headers: HeaderMap) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return ConsoleError::not_found(super::session::language(&headers)).into_response();
    };
    let mut response = Redirect::to("/console/leads").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(LANG_COOKIE, lang.code(), 365 * 24 * 3600),
    );
    response
}
