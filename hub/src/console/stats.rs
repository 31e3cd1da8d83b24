//! What visitors did, from the kiosks' anonymous counts: leads per day,
//! the busy hours of a fair's day, the towns asked for, the languages
//! chosen, the leads of each kiosk; over a range of days, as charts and
//! as a CSV of the same figures. Days and hours are the network's local
//! time. The counts hold no personal data, so every user sees them.

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use chrono::{Duration, NaiveDate, Utc};
use city_core::Lang;
use city_core::leads::csv::{CsvStyle, CsvWriter};
use maud::html;
use serde::Deserialize;

use super::chart::{Bar, columns, rows};
use super::page::{ConsoleError, frame};
use super::session::SignedIn;
use crate::AppState;
use crate::db::stats::{Days, Figure, Group, NETWORK_TIME_ZONE, figures};
use crate::i18n::{Text, t, tf};

/// The longest range one page sums up.
const MAX_DAYS: i64 = 366;
/// The range when none is asked for: the last week.
const DEFAULT_DAYS: i64 = 7;

#[derive(Debug, Default, Deserialize)]
pub struct RangeQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

impl RangeQuery {
    /// The days asked for, in order and at most [`MAX_DAYS`]; the last week
    /// (network time) when the form is empty or not a date.
    fn days(&self) -> Days {
        let parse = |text: &str| NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
        let today = (Utc::now() + Duration::hours(1)).date_naive();
        let last = parse(&self.to).unwrap_or(today);
        let first = parse(&self.from).unwrap_or(last - Duration::days(DEFAULT_DAYS - 1));
        let (first, last) = if first <= last {
            (first, last)
        } else {
            (last, first)
        };
        let first = first.max(last - Duration::days(MAX_DAYS - 1));
        Days { first, last }
    }
}

/// Every figure of the page, read once for the charts or the CSV.
struct Report {
    days: Days,
    leads_per_day: Vec<Figure>,
    leads_per_hour: Vec<Figure>,
    towns_per_hour: Vec<Figure>,
    towns: Vec<Figure>,
    languages: Vec<Figure>,
    kiosks: Vec<Figure>,
}

impl Report {
    async fn read(pool: &sqlx::PgPool, days: Days) -> sqlx::Result<Report> {
        let lead = ("lead", Some("given"));
        let per = |(kind, key): (&'static str, Option<&'static str>), group| {
            figures(pool, kind, key, days, group)
        };
        Ok(Report {
            days,
            leads_per_day: every_day(days, per(lead, Group::Day).await?),
            leads_per_hour: every_hour(per(lead, Group::HourOfDay).await?),
            towns_per_hour: every_hour(per(("town_opened", None), Group::HourOfDay).await?),
            towns: per(("town_opened", None), Group::Key).await?,
            languages: per(("language", None), Group::Key).await?,
            kiosks: per(lead, Group::Kiosk).await?,
        })
    }

    /// The figures as (name, rows) in the order of the page.
    fn sections(&self) -> [(&'static str, &[Figure]); 6] {
        [
            ("leads_per_day", &self.leads_per_day),
            ("leads_per_hour", &self.leads_per_hour),
            ("towns_opened_per_hour", &self.towns_per_hour),
            ("towns_opened", &self.towns),
            ("languages_chosen", &self.languages),
            ("leads_per_kiosk", &self.kiosks),
        ]
    }
}

/// One figure for each day of the range, 0 where nothing was counted.
fn every_day(days: Days, counted: Vec<Figure>) -> Vec<Figure> {
    let labels = days
        .first
        .iter_days()
        .take_while(|day| *day <= days.last)
        .map(|day| day.to_string());
    filled(labels, &counted)
}

/// One figure for each hour of the day, `00` to `23`.
fn every_hour(counted: Vec<Figure>) -> Vec<Figure> {
    filled((0..24).map(|hour| format!("{hour:02}")), &counted)
}

/// A figure for each label, its count from `counted` or 0.
fn filled(labels: impl Iterator<Item = String>, counted: &[Figure]) -> Vec<Figure> {
    labels
        .map(|label| Figure {
            count: counted
                .iter()
                .find(|figure| figure.label == label)
                .map_or(0, |figure| figure.count),
            label,
            venue: None,
        })
        .collect()
}

fn bars(figures: &[Figure], label: impl Fn(&Figure) -> String) -> Vec<Bar> {
    figures
        .iter()
        .map(|figure| Bar {
            label: label(figure),
            value: figure.count,
        })
        .collect()
}

fn query_string(days: Days) -> String {
    format!("from={}&to={}", days.first, days.last)
}

pub async fn page(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Query(query): Query<RangeQuery>,
) -> Result<Html<String>, ConsoleError> {
    let lang = signed_in.lang;
    let report = Report::read(&state.pool, query.days())
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let days = report.days;
    let title = t(lang, Text::StatsTitle);
    let count = t(lang, Text::StatsCount);
    let plain = |figure: &Figure| figure.label.clone();
    let language = |figure: &Figure| {
        Lang::from_code(&figure.label)
            .map_or(figure.label.clone(), |lang| lang.native_name().to_string())
    };
    let kiosk = |figure: &Figure| match &figure.venue {
        Some(venue) => format!("{} ({venue})", figure.label),
        None => figure.label.clone(),
    };
    let total: i64 = report.leads_per_day.iter().map(|figure| figure.count).sum();
    let body = html! {
        h2 { (title) }
        form class="filters" method="get" action="/console/stats" {
            div {
                label for="from" { (t(lang, Text::FilterFrom)) }
                input id="from" name="from" type="date" value=(days.first);
            }
            div {
                label for="to" { (t(lang, Text::FilterTo)) }
                input id="to" name="to" type="date" value=(days.last);
            }
            div { button type="submit" { (t(lang, Text::FilterApply)) } }
            div { a class="button" href={ "/console/stats.csv?" (query_string(days)) } download { (t(lang, Text::FilterCsv)) } }
        }
        p role="status" {
            (tf(lang, Text::StatsSummary, &[("count", total.into()), ("zone", NETWORK_TIME_ZONE.into())]))
        }
        div class="charts" {
            (columns("per-day", &t(lang, Text::StatsLeadsPerDay), &bars(&report.leads_per_day, plain), (&t(lang, Text::StatsDay), &count)))
            (columns("towns-per-hour", &t(lang, Text::StatsTownsPerHour), &bars(&report.towns_per_hour, plain), (&t(lang, Text::StatsHour), &count)))
            (columns("leads-per-hour", &t(lang, Text::StatsLeadsPerHour), &bars(&report.leads_per_hour, plain), (&t(lang, Text::StatsHour), &count)))
            (rows("towns", &t(lang, Text::StatsTowns), &bars(&report.towns, plain), (&t(lang, Text::ColumnTowns), &count)))
            (rows("languages", &t(lang, Text::StatsLanguages), &bars(&report.languages, language), (&t(lang, Text::ColumnLanguage), &count)))
            (rows("kiosks", &t(lang, Text::StatsKiosks), &bars(&report.kiosks, kiosk), (&t(lang, Text::KioskName), &count)))
        }
    };
    Ok(Html(
        frame(
            lang,
            &title,
            Some((&signed_in.session.user, &signed_in.session.csrf)),
            body,
        )
        .into_string(),
    ))
}

/// The page's figures as CSV: `figure;label;venue;count`.
pub async fn csv(
    signed_in: SignedIn,
    State(state): State<AppState>,
    Query(query): Query<RangeQuery>,
) -> Result<Response, ConsoleError> {
    let lang = signed_in.lang;
    let internal = |error: std::io::Error| ConsoleError::internal(lang, error);
    let report = Report::read(&state.pool, query.days())
        .await
        .map_err(|error| ConsoleError::internal(lang, error))?;
    let mut csv = CsvWriter::with_header(
        Vec::new(),
        CsvStyle::default(),
        &["figure", "label", "venue", "count"],
    )
    .map_err(internal)?;
    for (name, figures) in report.sections() {
        for figure in figures {
            let count = figure.count.to_string();
            csv.row([
                name,
                figure.label.as_str(),
                figure.venue.as_deref().unwrap_or(""),
                count.as_str(),
            ])
            .map_err(internal)?;
        }
    }
    let bytes = csv.finish().map_err(internal)?;
    let name = format!(
        "figures-{}-{}.csv",
        report.days.first.format("%Y%m%d"),
        report.days.last.format("%Y%m%d")
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
