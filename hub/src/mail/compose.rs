//! The visitor's mail: what they asked for, in their language, from the
//! current pack (each chosen town with its mobile guide, its benefits and
//! coming events, the kids' corner for families), the newsletter's
//! confirmation link when they asked for it, and the link to their own
//! page. One model of the mail is laid out twice, as plain text and as
//! HTML, so the two never say different things.

use chrono::NaiveDate;
use city_core::Lang;
use city_core::content::Pack;
use city_core::i18n::dates;
use city_core::leads::Lead;
use maud::{Markup, html};

use crate::db::mail::CONFIRMATION_DAYS;
use crate::i18n::{Text, t, tf, themes};
use crate::mail::PublicUrl;

/// How far ahead the mail lists events.
const EVENT_WEEKS: i64 = 8;
/// The network's name when no pack is published yet.
const NETWORK_FALLBACK: &str = "City Cooperation";

/// A mail, laid out.
#[derive(Debug, Clone)]
pub struct VisitorMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// What the mail is made from.
pub struct MailInput<'a> {
    pub lead: &'a Lead,
    pub pack: Option<&'a Pack>,
    /// The hub as visitors reach it (the brochures' links).
    pub public_url: &'a PublicUrl,
    /// The visitor's own page (see and erase).
    pub visitor_page: &'a url::Url,
    /// Where the newsletter is confirmed; None when there is nothing to
    /// confirm.
    pub confirm_newsletter: Option<&'a url::Url>,
    pub today: NaiveDate,
}

/// One chosen town as the mail shows it.
struct TownPart {
    name: String,
    summary: String,
    guide: String,
    /// The town's brochure in the visitor's language (or the pack's
    /// fallback), on the hub.
    brochure: Option<String>,
    benefits: Vec<BenefitPart>,
    events: Vec<(String, String)>,
    kids: Option<KidsPart>,
}

struct BenefitPart {
    title: String,
    text: String,
    code: Option<String>,
    valid: String,
}

struct KidsPart {
    mascot: String,
    story: String,
    sights: Vec<(String, String)>,
}

/// The mail's content, before layout.
struct Model {
    lang: Lang,
    network: String,
    subject: String,
    greeting: String,
    intro: String,
    interests: Option<String>,
    towns: Vec<TownPart>,
    newsletter: Option<(String, String)>,
    your_data: (String, String),
    why: String,
}

pub fn compose(input: &MailInput) -> VisitorMail {
    let model = model(input);
    VisitorMail {
        subject: model.subject.clone(),
        text: plain_text(&model),
        html: html_mail(&model).into_string(),
    }
}

fn model(input: &MailInput) -> Model {
    let lead = input.lead;
    let lang = lead.language;
    let pack = input.pack;
    let network = pack.map_or(NETWORK_FALLBACK, |pack| pack.title.get(lang));
    let day = |date: NaiveDate| match pack {
        Some(pack) => dates::day(&pack.ui, lang, date),
        None => date.to_string(),
    };
    let span = |from: NaiveDate, to: NaiveDate| match pack {
        Some(pack) => dates::range(&pack.ui, lang, from, to),
        None => format!("{from} – {to}"),
    };
    let horizon = input.today + chrono::Duration::weeks(EVENT_WEEKS);
    let towns: Vec<TownPart> = lead
        .towns
        .iter()
        .map(
            |id| match pack.and_then(|pack| pack.town(id).map(|town| (pack, town))) {
                Some((pack, town)) => TownPart {
                    name: town.name.get(lang).to_string(),
                    summary: town.summary.get(lang).to_string(),
                    guide: town.guide_url_for(lang),
                    brochure: brochure_link(
                        input.public_url,
                        pack,
                        &town.id,
                        lang,
                        &town.brochures,
                    ),
                    benefits: town
                        .benefits
                        .iter()
                        .filter(|benefit| benefit.valid_until >= input.today)
                        .map(|benefit| BenefitPart {
                            title: benefit.title.get(lang).to_string(),
                            text: benefit.text.get(lang).to_string(),
                            code: benefit.code.clone(),
                            valid: span(benefit.valid_from, benefit.valid_until),
                        })
                        .collect(),
                    events: pack
                        .events_of(&town.id)
                        .filter(|event| event.overlaps(input.today, horizon))
                        .map(|event| {
                            (
                                span(event.start, event.end),
                                event.title.get(lang).to_string(),
                            )
                        })
                        .collect(),
                    kids: lead.family.then(|| KidsPart {
                        mascot: town.kids.mascot.name.get(lang).to_string(),
                        story: town.kids.mascot.story.get(lang).to_string(),
                        sights: town
                            .kids
                            .sights
                            .iter()
                            .map(|sight| {
                                (
                                    sight.name.get(lang).to_string(),
                                    sight.text.get(lang).to_string(),
                                )
                            })
                            .collect(),
                    }),
                },
                // A town the current pack no longer has: its id, nothing more.
                None => TownPart {
                    name: id.clone(),
                    summary: String::new(),
                    guide: String::new(),
                    brochure: None,
                    benefits: Vec::new(),
                    events: Vec::new(),
                    kids: None,
                },
            },
        )
        .collect();
    let town_names = towns
        .iter()
        .map(|town| town.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let themes = themes(lang, &lead.themes);
    let venue = lead.venue.as_str();
    Model {
        lang,
        network: network.to_string(),
        subject: tf(lang, Text::MailSubject, &[("network", network.into())]),
        greeting: match &lead.name {
            Some(name) => tf(
                lang,
                Text::MailGreetingName,
                &[("name", name.as_str().into())],
            ),
            None => t(lang, Text::MailGreeting),
        },
        intro: tf(
            lang,
            Text::MailIntro,
            &[
                ("network", network.into()),
                ("venue", venue.into()),
                ("towns", town_names.as_str().into()),
            ],
        ),
        interests: (!themes.is_empty()).then(|| {
            tf(
                lang,
                Text::MailInterests,
                &[("themes", themes.as_str().into())],
            )
        }),
        towns,
        newsletter: input.confirm_newsletter.map(|link| {
            (
                tf(
                    lang,
                    Text::MailNewsletter,
                    &[("days", CONFIRMATION_DAYS.into())],
                ),
                link.to_string(),
            )
        }),
        your_data: (t(lang, Text::MailYourData), input.visitor_page.to_string()),
        why: tf(
            lang,
            Text::MailWhy,
            &[
                ("venue", venue.into()),
                ("date", day(lead.created_at.date_naive()).as_str().into()),
            ],
        ),
    }
}

fn brochure_link(
    public_url: &PublicUrl,
    pack: &Pack,
    town: &str,
    lang: Lang,
    brochures: &std::collections::BTreeMap<Lang, std::path::PathBuf>,
) -> Option<String> {
    let lang = [lang, pack.fallback_language]
        .into_iter()
        .find(|lang| brochures.contains_key(lang))?;
    Some(
        public_url
            .join(&crate::visitor::brochures::path(town, lang))
            .to_string(),
    )
}

fn plain_text(model: &Model) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line(&model.greeting);
    line("");
    line(&model.intro);
    if let Some(interests) = &model.interests {
        line(interests);
    }
    for town in &model.towns {
        line("");
        line(&town.name.to_uppercase());
        if !town.summary.is_empty() {
            line(&town.summary);
        }
        if !town.guide.is_empty() {
            line(&format!(
                "{}: {}",
                t(model.lang, Text::MailGuide),
                town.guide
            ));
        }
        if let Some(brochure) = &town.brochure {
            line(&format!(
                "{}: {brochure}",
                t(model.lang, Text::MailBrochure)
            ));
        }
        if !town.benefits.is_empty() {
            line("");
            line(&format!("{}:", t(model.lang, Text::MailBenefits)));
            for benefit in &town.benefits {
                line(&format!("- {}: {}", benefit.title, benefit.text));
                line(&format!("  {}", benefit_terms(model.lang, benefit)));
            }
        }
        if !town.events.is_empty() {
            line("");
            line(&format!("{}:", t(model.lang, Text::MailEvents)));
            for (dates, title) in &town.events {
                line(&format!("- {dates}: {title}"));
            }
        }
        if let Some(kids) = &town.kids {
            line("");
            line(&tf(
                model.lang,
                Text::MailKids,
                &[("mascot", kids.mascot.as_str().into())],
            ));
            line(&kids.story);
            for (name, text) in &kids.sights {
                line(&format!("- {name}: {text}"));
            }
        }
    }
    if let Some((text, link)) = &model.newsletter {
        line("");
        line(text);
        line(link);
    }
    line("");
    line(&model.your_data.0);
    line(&model.your_data.1);
    line("");
    line("-- ");
    line(&model.why);
    out
}

/// "Code: X · valid 1–31 December 2026".
fn benefit_terms(lang: Lang, benefit: &BenefitPart) -> String {
    let valid = tf(
        lang,
        Text::MailBenefitValid,
        &[("dates", benefit.valid.as_str().into())],
    );
    match &benefit.code {
        Some(code) => format!(
            "{} · {valid}",
            tf(
                lang,
                Text::MailBenefitCode,
                &[("code", code.as_str().into())]
            )
        ),
        None => valid,
    }
}

/// Inline styles only: mail programs drop style sheets.
fn html_mail(model: &Model) -> Markup {
    let lang = model.lang;
    let button = "display:inline-block;background:#14455f;color:#ffffff;padding:10px 16px;\
                  border-radius:4px;text-decoration:none;font-weight:600";
    let body = html! {
            div style="margin:0;background:#f6f4ef;color:#1b1b1b;font:16px/1.5 Arial,Helvetica,sans-serif" {
                div style="max-width:640px;margin:0 auto;background:#ffffff" {
                    div style="background:#14455f;color:#ffffff;padding:14px 16px;font-size:20px;font-weight:700" { (model.network) }
                    div style="padding:4px 16px 16px" {
                    p { (model.greeting) }
                    p { (model.intro) }
                    @if let Some(interests) = &model.interests {
                        p { (interests) }
                    }
                    @for town in &model.towns {
                        h2 style="color:#14455f;border-bottom:2px solid #d9822b;margin:24px 0 8px;font-size:20px" { (town.name) }
                        @if !town.summary.is_empty() { p { (town.summary) } }
                        p {
                            @if !town.guide.is_empty() {
                                a href=(town.guide) style="color:#0b4f8a" { (t(lang, Text::MailGuide)) }
                            }
                            @if let Some(brochure) = &town.brochure {
                                " · "
                                a href=(brochure) style="color:#0b4f8a" { (t(lang, Text::MailBrochure)) }
                            }
                        }
                        @if !town.benefits.is_empty() {
                            h3 style="font-size:16px;margin:16px 0 4px" { (t(lang, Text::MailBenefits)) }
                            ul style="padding-left:20px;margin:0" {
                                @for benefit in &town.benefits {
                                    li {
                                        strong { (benefit.title) } ": " (benefit.text)
                                        br;
                                        span style="color:#3b3b3b" { (benefit_terms(lang, benefit)) }
                                    }
                                }
                            }
                        }
                        @if !town.events.is_empty() {
                            h3 style="font-size:16px;margin:16px 0 4px" { (t(lang, Text::MailEvents)) }
                            ul style="padding-left:20px;margin:0" {
                                @for (dates, title) in &town.events {
                                    li { (dates) ": " strong { (title) } }
                                }
                            }
                        }
                        @if let Some(kids) = &town.kids {
                            h3 style="font-size:16px;margin:16px 0 4px" { (tf(lang, Text::MailKids, &[("mascot", kids.mascot.as_str().into())])) }
                            p { (kids.story) }
                            ul style="padding-left:20px;margin:0" {
                                @for (name, text) in &kids.sights {
                                    li { strong { (name) } ": " (text) }
                                }
                            }
                        }
                    }
                    @if let Some((text, link)) = &model.newsletter {
                        div style="margin:24px 0;padding:12px 16px;background:#fff3cd;border-left:4px solid #d9822b" {
                            p style="margin-top:0" { (text) }
                            a href=(link) style=(button) { (t(lang, Text::MailNewsletterButton)) }
                        }
                    }
                    p style="margin-top:24px" {
                        (model.your_data.0) " "
                        a href=(model.your_data.1) style="color:#0b4f8a" { (t(lang, Text::MailYourDataButton)) }
                    }
                    p style="color:#5b5b5b;font-size:13px;border-top:1px solid #d8d4cb;padding-top:8px" { (model.why) }
                    }
                }
            }
    };
    crate::html::document(lang, &model.subject, html! {}, body)
}
