//! The content files exactly as editors write them, with the byte span of
//! every value that a later check may need to point at. Nothing here is
//! trusted: `validate` turns it into the types of `model`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

use super::model::{Country, EventCategory, Theme};

/// A visitor-facing text: one entry per language code, e.g.
/// `name.sl = "Ptujski grad"`.
pub type RawText = Spanned<BTreeMap<String, Spanned<String>>>;

/// `pack.toml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPack {
    pub version: Spanned<String>,
    pub languages: Spanned<Vec<Spanned<String>>>,
    pub default_language: Spanned<String>,
    pub fallback_language: Spanned<String>,
    pub title: RawText,
    pub tagline: RawText,
    /// Town ids in the order the attract loop shows them; all towns when absent.
    #[serde(default)]
    pub attract: Option<Spanned<Vec<Spanned<String>>>>,
}

/// `towns/<id>/town.toml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTown {
    pub id: Spanned<String>,
    pub country: Spanned<Country>,
    pub lat: Spanned<f64>,
    pub lon: Spanned<f64>,
    pub population: Spanned<u32>,
    pub themes: Spanned<Vec<Spanned<Theme>>>,
    pub guide_url: Spanned<String>,
    pub name: RawText,
    pub region: RawText,
    pub summary: RawText,
    pub description: RawText,
    #[serde(default)]
    pub image: Vec<RawImage>,
    #[serde(default)]
    pub film: Vec<RawFilm>,
    /// The spoken guide per language, e.g. `audio_guide.hu = "audio/guide-hu.ogg"`.
    #[serde(default)]
    pub audio_guide: Option<RawText>,
    /// The town's brochure per language, e.g. `brochure.de = "brochures/de.pdf"`:
    /// what the visitor's mail links to.
    #[serde(default)]
    pub brochure: Option<RawText>,
    #[serde(default)]
    pub sight: Vec<RawSight>,
    #[serde(default)]
    pub benefit: Vec<RawBenefit>,
    pub kids: RawKids,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawImage {
    pub file: Spanned<String>,
    pub caption: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFilm {
    pub file: Spanned<String>,
    pub title: RawText,
    /// A WebVTT file per language, e.g. `subtitles.de = "films/town.de.vtt"`.
    #[serde(default)]
    pub subtitles: Option<RawText>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSight {
    pub name: RawText,
    pub text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawBenefit {
    pub valid_from: Spanned<Datetime>,
    pub valid_until: Spanned<Datetime>,
    /// A code the visitor shows at the counter, the same in every language.
    #[serde(default)]
    pub code: Option<Spanned<String>>,
    pub title: RawText,
    pub text: RawText,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKids {
    pub mascot: RawMascot,
    #[serde(default)]
    pub sight: Vec<RawSight>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMascot {
    pub image: Spanned<String>,
    pub name: RawText,
    pub story: RawText,
}

/// `consent.toml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConsent {
    pub version: Spanned<String>,
    pub contact: RawText,
    pub newsletter: RawText,
    pub privacy: RawText,
}

/// `events.toml`
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvents {
    #[serde(default)]
    pub event: Vec<RawEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    pub id: Spanned<String>,
    pub town: Spanned<String>,
    pub category: Spanned<EventCategory>,
    pub start: Spanned<Datetime>,
    pub end: Spanned<Datetime>,
    pub title: RawText,
    pub text: RawText,
}
