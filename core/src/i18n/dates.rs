//! Calendar dates as each language writes them: word order and month forms
//! differ ("6 February 2027", "6. Februar 2027", "6. februarja 2027",
//! "2027. február 6."). Month names come from the UI strings.

use chrono::{Datelike, NaiveDate};

use super::{Catalog, Key};
use crate::Lang;

/// One day, e.g. "6 February 2027".
pub fn day(catalog: &Catalog, lang: Lang, date: NaiveDate) -> String {
    let month = catalog.text(lang, Key::month_in_date(date.month()));
    let (d, y) = (date.day(), date.year());
    match lang {
        Lang::En => format!("{d} {month} {y}"),
        Lang::De | Lang::Sl => format!("{d}. {month} {y}"),
        Lang::Hu => format!("{y}. {month} {d}."),
    }
}

/// A span of days; one day when `start == end`. Shared parts are written
/// once: "6–9 February 2027", "30 January – 9 February 2027".
pub fn range(catalog: &Catalog, lang: Lang, start: NaiveDate, end: NaiveDate) -> String {
    if start >= end {
        return day(catalog, lang, start);
    }
    if start.year() != end.year() {
        return format!(
            "{} – {}",
            day(catalog, lang, start),
            day(catalog, lang, end)
        );
    }
    let month_of = |date: NaiveDate| catalog.text(lang, Key::month_in_date(date.month()));
    let (y, d1, d2) = (start.year(), start.day(), end.day());
    let (m1, m2) = (month_of(start), month_of(end));
    let same_month = start.month() == end.month();
    match (lang, same_month) {
        (Lang::En, true) => format!("{d1}–{d2} {m2} {y}"),
        (Lang::En, false) => format!("{d1} {m1} – {d2} {m2} {y}"),
        (Lang::De | Lang::Sl, true) => format!("{d1}.–{d2}. {m2} {y}"),
        (Lang::De | Lang::Sl, false) => format!("{d1}. {m1} – {d2}. {m2} {y}"),
        (Lang::Hu, true) => format!("{y}. {m1} {d1}–{d2}."),
        (Lang::Hu, false) => format!("{y}. {m1} {d1}. – {m2} {d2}."),
    }
}

/// A month as a calendar heading: "February 2027", "2027. február".
pub fn month(catalog: &Catalog, lang: Lang, year: i32, month: u32) -> String {
    let name = capitalised(&catalog.text(lang, Key::month(month)));
    match lang {
        Lang::Hu => format!("{year}. {}", catalog.text(lang, Key::month(month))),
        _ => format!("{name} {year}"),
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
