//! A town's leads: the list with its filters, a page at a time, newest
//! first; the CSV of exactly what is filtered (the kiosk's CSV rules);
//! marking a lead handled. A town's user sees only leads that asked about
//! their town, whatever the address asks for.

use axum::Form;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use city_core::Lang;
use city_core::content::Theme;
use city_core::i18n::Arg;
use city_core::leads::{Lead, is_valid_label};
use maud::html;
use serde::Deserialize;
use uuid::Uuid;

use super::page::{ConsoleError, frame};
use super::session::{CsrfForm, SignedIn};
use crate::AppState;
use crate::db::leads::{self, Cursor, LeadFilter};
use crate::db::users::Scope;
use crate::i18n::{Text, t, tf, theme, themes};
use crate::lead_csv::{ExportHolder, ExportLimits, csv_stream};
use crate::lead_view::{labelled_fields, newsletter_state};

const PAGE_SIZE: i64 = 50;
/// The list counts its leads up to here and then says "more than".
const COUNT_CAP: i64 = 10_000;

/// The filter as the form sends it; empty fields mean "any". A value the
/// form cannot send (a date that is not one, a venue no lead can have) is
/// refused with 400, never passed to the database, and never dropped (a
/// CSV of more than was asked for); a page's start that is not one is
/// ignored.
#[derive(Debug, Default, Deserialize)]
pub struct FilterQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    venue: String,
    #[serde(default)]
    theme: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    newsletter: Option<String>,
    /// The page of leads older than this one (`time_id`), or newer.
    #[serde(default)]
    older: String,
    #[serde(default)]
    newer: String,
    /// What the previous form did, for a notice.
    #[serde(default)]
    done: String,
}

impl FilterQuery {
    fn first_day(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.from.trim(), "%Y-%m-%d").ok()
    }

    fn last_day(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.to.trim(), "%Y-%m-%d").ok()
    }

    /// The venue asked for, if it is one a lead can have.
    fn venue(&self) -> Option<&str> {
        let venue = self.venue.trim();
        is_valid_label(venue).then_some(venue)
    }

    /// Whether every field is empty or a value the form can send.
    fn is_valid(&self) -> bool {
        let given = |text: &str| !text.trim().is_empty();
        !(given(&self.from) && self.first_day().is_none()
            || given(&self.to) && self.last_day().is_none()
            || given(&self.venue) && self.venue().is_none()
            || given(&self.theme) && self.theme().is_none()
            || given(&self.language) && self.language().is_none())
    }

    fn theme(&self) -> Option<Theme> {
        Theme::from_key(&self.theme)
    }

    fn language(&self) -> Option<Lang> {
        Lang::from_code(&self.language)
    }

    /// The database filter, within what the user may see; 400 for a
    /// value the form cannot send.
    fn filter(&self, scope: &Scope, lang: Lang) -> Result<LeadFilter, ConsoleError> {
        if !self.is_valid() {
            return Err(ConsoleError::bad_request(lang));
        }
        let start = |day: NaiveDate| day.and_hms_opt(0, 0, 0).map(|time| time.and_utc());
        Ok(LeadFilter {
            town: match scope {
                Scope::Town(town) => Some(town.clone()),
                Scope::Network => None,
            },
            since: self.first_day().and_then(start),
            // "To" includes that whole day.
            until: self
                .last_day()
                .and_then(|day| day.succ_opt())
                .and_then(start),
            venue: self.venue().map(str::to_string),
            theme: self.theme().map(|theme| theme.key().to_string()),
            language: self.language().map(|lang| lang.code().to_string()),
            newsletter: self.newsletter.is_some(),
        })
    }

    /// Where the page starts, if the address says so and is well formed.
    fn cursor(&self) -> Option<Cursor> {
        let parse = |text: &str| {
            let (at, id) = text.split_once('_')?;
            let at = DateTime::parse_from_rfc3339(at).ok()?.with_timezone(&Utc);
            Some((at, Uuid::parse_str(id).ok()?))
        };
        parse(&self.older)
            .map(|(at, id)| Cursor::Older(at, id))
            .or_else(|| parse(&self.newer).map(|(at, id)| Cursor::Newer(at, id)))
    }

    /// The query string of this filter (for the CSV link and the pager),
    /// with a page's start.
    fn query(&self, start: Option<(&str, &Lead)>) -> String {
        let mut pairs = url::form_urlencoded::Serializer::new(String::new());
        if let Some(day) = self.first_day() {
            pairs.append_pair("from", &day.to_string());
        }
        if let Some(day) = self.last_day() {
            pairs.append_pair("to", &day.to_string());
        }
        if let Some(venue) = self.venue() {
            pairs.append_pair("venue", venue);
        }
        if let Some(theme) = self.theme() {
            pairs.append_pair("theme", theme.key());
        }
        if let Some(lang) = self.language() {
            pairs.append_pair("language", lang.code());
        }
        if self.newsletter.is_some() {
            pairs.append_pair("newsletter", "1");
        }
        if let Some((side, lead)) = start {
            let at = lead.created_at.to_rfc3339_opts(SecondsFormat::Micros, true);
            pairs.append_pair(side, &format!("{at}_{}", lead.id));
        }
        pairs.finish()
    }
}

fn scope_name(lang: Lang, scope: &Scope) -> String {
    match scope {
        Scope::Town(town) => town.clone(),
        Scope::Network => t(lang, Text::ScopeNetwork),
    }
}

pub async fn list(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Query(query): Query<FilterQuery>,
) -> Result<Html<String>, ConsoleError> {
    let lang = signed_in.lang;
    let user = &signed_in.session.user;
    let filter = query.filter(&user.scope, lang)?;
    let page = leads::page(&state.pool, &filter, query.cursor(), PAGE_SIZE)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let found = &page.leads;
    let total = leads::count_up_to(&state.pool, &filter, COUNT_CAP + 1)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let handled = match &user.scope {
        Scope::Town(town) => {
            let ids: Vec<Uuid> = found.iter().map(|lead| lead.id).collect();
            leads::handled(&state.pool, town, &ids)
                .await
                .map_err(|error| ConsoleError::internal(lang, error))?
        }
        Scope::Network => Vec::new(),
    };
    let venues = leads::venues(&state.pool, filter.town.as_deref())
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let title = tf(
        lang,
        Text::LeadsTitle,
        &[("town", scope_name(lang, &user.scope).as_str().into())],
    );
    let csrf = &signed_in.session.csrf;
    let body = html! {
        h2 { (title) }
        @if query.done == "erased" {
            p class="notice" role="status" { (t(lang, Text::LeadErased)) }
        }
        form class="filters" method="get" action="/console/leads" role="search" {
            div {
                label for="from" { (t(lang, Text::FilterFrom)) }
                input id="from" name="from" type="date" value=[query.first_day().map(|d| d.to_string())];
            }
            div {
                label for="to" { (t(lang, Text::FilterTo)) }
                input id="to" name="to" type="date" value=[query.last_day().map(|d| d.to_string())];
            }
            div {
                label for="venue" { (t(lang, Text::FilterVenue)) }
                select id="venue" name="venue" {
                    option value="" { (t(lang, Text::FilterAny)) }
                    @for venue in &venues {
                        option value=(venue) selected[*venue == query.venue.trim()] { (venue) }
                    }
                }
            }
            div {
                label for="theme" { (t(lang, Text::FilterTheme)) }
                select id="theme" name="theme" {
                    option value="" { (t(lang, Text::FilterAny)) }
                    @for option in Theme::ALL {
                        option value=(option.key()) selected[query.theme() == Some(*option)] { (theme(lang, *option)) }
                    }
                }
            }
            div {
                label for="language" { (t(lang, Text::FilterLanguage)) }
                select id="language" name="language" {
                    option value="" { (t(lang, Text::FilterAny)) }
                    @for option in Lang::ALL {
                        option value=(option.code()) selected[query.language() == Some(option)] { (option.native_name()) }
                    }
                }
            }
            div {
                label class="check" {
                    input type="checkbox" name="newsletter" value="1" checked[query.newsletter.is_some()];
                    (t(lang, Text::FilterNewsletter))
                }
            }
            div { button type="submit" { (t(lang, Text::FilterApply)) } }
            div { a class="button" href={ "/console/leads.csv?" (query.query(None)) } download { (t(lang, Text::FilterCsv)) } }
        }
        p role="status" {
            @if total > COUNT_CAP {
                (tf(lang, Text::LeadsCountMany, &[("count", Arg::Number(COUNT_CAP))]))
            } @else {
                (tf(lang, Text::LeadsCount, &[("count", Arg::Number(total))]))
            }
        }
        @if found.is_empty() {
            p class="notice" { (t(lang, Text::NoLeads)) }
        } @else {
            table {
                thead { tr {
                    th scope="col" { (t(lang, Text::ColumnDate)) }
                    th scope="col" { (t(lang, Text::ColumnName)) }
                    th scope="col" { (t(lang, Text::ColumnEmail)) }
                    th scope="col" { (t(lang, Text::ColumnTowns)) }
                    th scope="col" { (t(lang, Text::ColumnThemes)) }
                    th scope="col" { (t(lang, Text::ColumnLanguage)) }
                    th scope="col" { (t(lang, Text::ColumnVenue)) }
                    th scope="col" { (t(lang, Text::ColumnNewsletter)) }
                    @if matches!(user.scope, Scope::Town(_)) {
                        th scope="col" { (t(lang, Text::ColumnHandled)) }
                    }
                } }
                tbody {
                    @for lead in found {
                        (lead_row(lang, lead, &user.scope, handled.contains(&lead.id), csrf))
                    }
                }
            }
        }
        nav class="pager" aria-label=(t(lang, Text::PagerLabel)) {
            @if page.newer {
                a href={ "/console/leads?" (query.query(None)) } { (t(lang, Text::PageNewest)) }
                @if let Some(first) = found.first() {
                    a href={ "/console/leads?" (query.query(Some(("newer", first)))) } rel="prev" { (t(lang, Text::PagePrevious)) }
                }
            }
            @if page.older {
                @if let Some(last) = found.last() {
                    a href={ "/console/leads?" (query.query(Some(("older", last)))) } rel="next" { (t(lang, Text::PageNext)) }
                }
            }
        }
    };
    Ok(Html(
        frame(lang, &title, Some((user, csrf)), body).into_string(),
    ))
}

fn lead_row(lang: Lang, lead: &Lead, scope: &Scope, handled: bool, csrf: &str) -> maud::Markup {
    let yes_no = |value: bool| t(lang, if value { Text::Yes } else { Text::No });
    html! {
        tr data-lead=(lead.id) {
            td { a href={ "/console/leads/" (lead.id) } { (lead.created_at.format("%Y-%m-%d %H:%M")) } }
            td { (lead.name.as_deref().unwrap_or("")) }
            td { a href={ "mailto:" (lead.email.as_str()) } { (lead.email.as_str()) } }
            td { (lead.towns.join(", ")) }
            td { (themes(lang, &lead.themes)) }
            td { (lead.language.native_name()) }
            td { (lead.venue) }
            td { (yes_no(lead.consent_newsletter)) }
            @if matches!(scope, Scope::Town(_)) {
                td {
                    @if handled {
                        (yes_no(true))
                    } @else {
                        form method="post" action={ "/console/leads/" (lead.id) "/handled" } {
                            input type="hidden" name="csrf" value=(csrf);
                            button type="submit" { (t(lang, Text::MarkHandled)) }
                        }
                    }
                }
            }
        }
    }
}

/// One lead with everything the visitor gave, and erasing the person.
pub async fn detail(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, ConsoleError> {
    let lang = signed_in.lang;
    let user = &signed_in.session.user;
    let lead = visible_lead(&state, &signed_in, &id).await?;
    let handled = match &user.scope {
        Scope::Town(town) => leads::handled(&state.pool, town, &[lead.id])
            .await
            .map_err(|error| ConsoleError::internal(lang, error))?
            .contains(&lead.id),
        Scope::Network => false,
    };
    let csrf = &signed_in.session.csrf;
    let yes_no = |value: bool| t(lang, if value { Text::Yes } else { Text::No });
    let title = t(lang, Text::LeadTitle);
    let confirmed = crate::db::mail::newsletter_confirmed_at(&state.pool, lead.id)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let mut rows = labelled_fields(lang, &lead, &|id| id.to_string());
    rows.push((
        Text::ColumnNewsletter,
        newsletter_state(lang, lead.consent_newsletter, confirmed),
    ));
    if let Some(mail) = crate::db::mail::state(&state.pool, lead.id)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?
    {
        rows.push((Text::LeadMail, mail_state(lang, &mail)));
    }
    let body = html! {
        h2 { (title) }
        div class="card wide" {
            dl class="fields" {
                @for (label, value) in &rows {
                    dt { (t(lang, *label)) }
                    dd { (value) }
                }
            }
            @if let Scope::Town(_) = &user.scope {
                @if handled {
                    p { (t(lang, Text::ColumnHandled)) ": " (yes_no(true)) }
                } @else {
                    form method="post" action={ "/console/leads/" (lead.id) "/handled" } {
                        input type="hidden" name="csrf" value=(csrf);
                        button type="submit" { (t(lang, Text::MarkHandled)) }
                    }
                }
            }
            details class="erase" {
                summary { (t(lang, Text::LeadErase)) }
                form method="post" action={ "/console/leads/" (lead.id) "/erase" } {
                    input type="hidden" name="csrf" value=(csrf);
                    p { (tf(lang, Text::LeadEraseWarning, &[("email", lead.email.as_str().into())])) }
                    button type="submit" class="danger" { (t(lang, Text::LeadEraseConfirm)) }
                }
            }
            p { a href="/console/leads" { (t(lang, Text::NavLeads)) } }
        }
    };
    Ok(Html(
        frame(lang, &title, Some((user, csrf)), body).into_string(),
    ))
}

/// What became of the visitor's mail, in a line.
fn mail_state(lang: Lang, mail: &crate::db::mail::MailState) -> String {
    let error = mail.last_error.as_deref().unwrap_or("–");
    match (mail.sent_at, mail.failed_at) {
        (Some(at), _) => tf(
            lang,
            Text::LeadMailSent,
            &[("date", crate::utc_minute(at).as_str().into())],
        ),
        (None, Some(_)) => tf(lang, Text::LeadMailFailed, &[("error", error.into())]),
        (None, None) if mail.attempts > 0 => tf(
            lang,
            Text::LeadMailRetrying,
            &[
                ("count", i64::from(mail.attempts).into()),
                ("error", error.into()),
            ],
        ),
        (None, None) => tf(
            lang,
            Text::LeadMailQueued,
            &[("date", crate::utc_minute(mail.queued_at).as_str().into())],
        ),
    }
}

/// Lead `id` if the user may see it; "no such page" otherwise, so a town
/// learns nothing of another town's leads.
async fn visible_lead(
    state: &AppState,
    signed_in: &SignedIn,
    id: &str,
) -> Result<Lead, ConsoleError> {
    let lang = signed_in.lang;
    let id = Uuid::parse_str(id).map_err(|_| ConsoleError::not_found(lang))?;
    let town = match &signed_in.session.user.scope {
        Scope::Town(town) => Some(town.as_str()),
        Scope::Network => None,
    };
    leads::one(&state.pool, id, town)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?
        .ok_or_else(|| ConsoleError::not_found(lang))
}

/// Erases the person of a lead the user can see: every lead of that
/// address in the network, and at each kiosk's next sync theirs too.
pub async fn erase(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    signed_in.check_csrf(&form.csrf)?;
    let lang = signed_in.lang;
    let lead = visible_lead(&state, &signed_in, &id).await?;
    let erased = leads::erase(&state.pool, &state.link_key, lead.email.as_str())
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    // Who erased, and how much; never whom.
    tracing::info!(
        user = signed_in.session.user.id,
        leads = erased,
        "console: erased a person"
    );
    Ok(Redirect::to("/console/leads?done=erased").into_response())
}

/// The CSV of what the list shows (all pages), with the kiosk's columns.
pub async fn csv(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Query(query): Query<FilterQuery>,
) -> Result<Response, ConsoleError> {
    let lang = signed_in.lang;
    let filter = query.filter(&signed_in.session.user.scope, lang)?;
    let slot = state
        .exports
        .try_take(ExportHolder::ConsoleUser(signed_in.session.user.id))
        .map_err(|_| ConsoleError::busy(lang))?;
    let name = match &signed_in.session.user.scope {
        Scope::Town(town) => format!("leads-{town}-{}.csv", Utc::now().format("%Y%m%d")),
        Scope::Network => format!("leads-{}.csv", Utc::now().format("%Y%m%d")),
    };
    let limits = ExportLimits {
        send_timeout: Some(state.limits.export_send_timeout),
        slot: Some(slot),
    };
    tracing::info!(user = signed_in.session.user.id, "console: exported leads");
    Response::builder()
        .header(header::CONTENT_TYPE, "text/csv; charset=utf-8")
        .header(
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        )
        .body(Body::from_stream(csv_stream(
            state.export_pool.clone(),
            filter,
            limits,
        )))
        .map_err(|error| ConsoleError::internal(lang, error))
}

/// Marks a lead handled by the user's town; only a lead of that town.
pub async fn mark_handled(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Path(id): Path<String>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, ConsoleError> {
    let lang = signed_in.lang;
    signed_in.check_csrf(&form.csrf)?;
    let Scope::Town(town) = &signed_in.session.user.scope else {
        return Err(ConsoleError::not_found(lang));
    };
    let id = Uuid::parse_str(&id).map_err(|_| ConsoleError::not_found(lang))?;
    let marked = leads::mark_handled(&state.pool, town, id)
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    if !marked {
        return Err(ConsoleError::not_found(lang));
    }
    Ok(Redirect::to("/console/leads").into_response())
}
