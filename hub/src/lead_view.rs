//! A lead's fields as people read them, for the town's console and for the
//! visitor's own page: one list, so both show the same things the same way.

use city_core::Lang;
use city_core::leads::{CalendarBy, Lead};

use crate::i18n::{Text, t, themes};

/// Label and value of every field the visitor gave, and where and when;
/// `town_name` turns a town id into what the reader knows it as.
pub fn labelled_fields(
    lang: Lang,
    lead: &Lead,
    town_name: &dyn Fn(&str) -> String,
) -> Vec<(Text, String)> {
    let yes_no = |value: bool| t(lang, if value { Text::Yes } else { Text::No });
    let optional = |value: &Option<String>| value.clone().unwrap_or_else(|| "–".into());
    let themes = themes(lang, &lead.themes);
    vec![
        (Text::ColumnDate, crate::utc_minute(lead.created_at)),
        (Text::ColumnName, optional(&lead.name)),
        (Text::ColumnEmail, lead.email.as_str().to_string()),
        (Text::LeadCountry, optional(&lead.country)),
        (
            Text::ColumnTowns,
            lead.towns
                .iter()
                .map(|id| town_name(id))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            Text::ColumnThemes,
            if themes.is_empty() {
                "–".into()
            } else {
                themes
            },
        ),
        (Text::LeadFamily, yes_no(lead.family)),
        (
            Text::LeadCalendar,
            match lead.calendar {
                None => "–".into(),
                Some(CalendarBy::Email) => t(lang, Text::CalendarByEmail),
                Some(CalendarBy::Post) => t(lang, Text::CalendarByPost),
            },
        ),
        (Text::LeadPostalAddress, optional(&lead.postal_address)),
        (Text::LeadMessage, optional(&lead.message)),
        (
            Text::ColumnLanguage,
            lead.language.native_name().to_string(),
        ),
        (Text::ColumnVenue, lead.venue.clone()),
        (Text::LeadKiosk, lead.kiosk_id.clone()),
        (Text::LeadConsentVersion, lead.consent_version.clone()),
    ]
}

/// The newsletter consent and its double opt-in as the towns read it:
/// "no", "waiting for the visitor's confirmation", or "confirmed …".
pub fn newsletter_state(
    lang: Lang,
    consent: bool,
    confirmed_at: Option<chrono::DateTime<chrono::Utc>>,
) -> String {
    match (consent, confirmed_at) {
        (false, _) => t(lang, Text::No),
        (true, None) => t(lang, Text::LeadNewsletterPending),
        (true, Some(at)) => crate::i18n::tf(
            lang,
            Text::LeadNewsletterConfirmed,
            &[("date", crate::utc_minute(at).as_str().into())],
        ),
    }
}
