//! The validated content pack. A value of these types has passed every
//! check of `validate`: every text exists in every pack language, every
//! file it names exists and decodes, every id it refers to exists.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::Lang;
use crate::i18n::Catalog;
use crate::subtitles::Subtitles;

#[derive(Debug, Clone)]
pub struct Pack {
    /// The folder the pack was loaded from.
    pub root: PathBuf,
    pub version: String,
    /// Languages offered on the kiosk, in button order.
    pub languages: Vec<Lang>,
    pub default_language: Lang,
    pub fallback_language: Lang,
    /// The network's name.
    pub title: Text,
    /// One line under the title on the attract and home screens.
    pub tagline: Text,
    /// The UI strings, from `ui/<lang>.ftl`.
    pub ui: Catalog,
    /// What a visitor agrees to on the interest form.
    pub consent: Consent,
    /// Towns, sorted by id.
    pub towns: Vec<Town>,
    /// Indexes into `towns`, in attract-loop order.
    pub attract: Vec<usize>,
    /// The joint calendar, sorted by start date, then id.
    pub events: Vec<Event>,
}

impl Pack {
    /// The same pack after its folder was renamed to `new_root` (a pack
    /// checked where it was assembled, then switched in).
    pub fn moved_to(mut self, new_root: &std::path::Path) -> Pack {
        let old_root = std::mem::replace(&mut self.root, new_root.to_path_buf());
        let rebase = |path: &mut PathBuf| {
            if let Ok(relative) = path.strip_prefix(&old_root) {
                *path = new_root.join(relative);
            }
        };
        for town in &mut self.towns {
            town.images
                .iter_mut()
                .for_each(|image| rebase(&mut image.path));
            town.films
                .iter_mut()
                .for_each(|film| rebase(&mut film.path));
            town.audio_guide.values_mut().for_each(rebase);
            town.brochures.values_mut().for_each(rebase);
            rebase(&mut town.kids.mascot.image);
        }
        self
    }

    pub fn town(&self, id: &str) -> Option<&Town> {
        self.towns.iter().find(|town| town.id == id)
    }

    /// Events of one town, in calendar order.
    pub fn events_of<'a>(&'a self, town_id: &'a str) -> impl Iterator<Item = &'a Event> + 'a {
        self.events
            .iter()
            .filter(move |event| event.town == town_id)
    }

    pub fn image_count(&self) -> usize {
        self.towns
            .iter()
            .map(|town| town.images.len() + 1) // + the mascot
            .sum()
    }

    pub fn film_count(&self) -> usize {
        self.towns.iter().map(|town| town.films.len()).sum()
    }

    /// Every film and audio guide, for checks that decode them.
    pub fn media_files(&self) -> Vec<super::MediaFile> {
        let mut media = Vec::new();
        for town in &self.towns {
            media.extend(
                town.films
                    .iter()
                    .map(|film| super::MediaFile::Film(film.path.clone())),
            );
            media.extend(
                town.audio_guide
                    .values()
                    .cloned()
                    .map(super::MediaFile::AudioGuide),
            );
        }
        media
    }

    /// Recordings, one per town and language.
    pub fn audio_guide_count(&self) -> usize {
        self.towns.iter().map(|town| town.audio_guide.len()).sum()
    }
}

/// A visitor-facing text in every language of the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    by_lang: BTreeMap<Lang, String>,
    fallback: Lang,
}

impl Text {
    /// `by_lang` must hold `fallback`; `validate` guarantees it.
    pub(crate) fn new(by_lang: BTreeMap<Lang, String>, fallback: Lang) -> Text {
        debug_assert!(by_lang.contains_key(&fallback));
        Text { by_lang, fallback }
    }

    /// One text for every language (a placeholder, a test, a name that is
    /// the same everywhere).
    pub fn same_in_all(text: &str, fallback: Lang, languages: &[Lang]) -> Text {
        let by_lang = languages
            .iter()
            .chain(std::iter::once(&fallback))
            .map(|&lang| (lang, text.to_string()))
            .collect();
        Text { by_lang, fallback }
    }

    /// The text in `lang`, or in the pack's fallback language.
    pub fn get(&self, lang: Lang) -> &str {
        self.by_lang
            .get(&lang)
            .or_else(|| self.by_lang.get(&self.fallback))
            .map(String::as_str)
            .unwrap_or_default()
    }
}

/// The consent texts of the interest form, one per purpose. Every lead
/// stores `version`, so it is known later which words the visitor agreed to.
#[derive(Debug, Clone)]
pub struct Consent {
    pub version: String,
    /// Being contacted about the request; required to send the form.
    pub contact: Text,
    /// The network's newsletter; optional.
    pub newsletter: Text,
    /// A short notice of who receives the details.
    pub privacy: Text,
}

#[derive(Debug, Clone)]
pub struct Town {
    pub id: String,
    pub country: Country,
    pub position: GeoPoint,
    pub population: u32,
    pub themes: Vec<Theme>,
    /// The town's mobile guide; `{lang}` in it is replaced by the language code.
    pub guide_url: String,
    pub name: Text,
    pub region: Text,
    pub summary: Text,
    pub description: Text,
    /// Gallery images; the first is the town's tile and attract image.
    pub images: Vec<Image>,
    pub films: Vec<Film>,
    /// The spoken guide by language (Ogg Vorbis, MP3 or WAV); empty when the
    /// town has none, otherwise one for every pack language.
    pub audio_guide: BTreeMap<Lang, PathBuf>,
    /// The brochure by language (PDF); empty when the town has none,
    /// otherwise one for every pack language.
    pub brochures: BTreeMap<Lang, PathBuf>,
    pub sights: Vec<Sight>,
    pub benefits: Vec<Benefit>,
    pub kids: KidsCorner,
}

impl Town {
    pub fn has_theme(&self, theme: Theme) -> bool {
        self.themes.contains(&theme)
    }

    /// The mobile-guide address for one language.
    pub fn guide_url_for(&self, lang: Lang) -> String {
        self.guide_url.replace("{lang}", lang.code())
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoPoint {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone)]
pub struct Image {
    /// The file, joined onto the pack's root.
    pub path: PathBuf,
    pub caption: Text,
}

#[derive(Debug, Clone)]
pub struct Film {
    pub path: PathBuf,
    pub title: Text,
    /// Subtitles by language; a language without a file shows none.
    pub subtitles: BTreeMap<Lang, Subtitles>,
}

#[derive(Debug, Clone)]
pub struct Sight {
    pub name: Text,
    pub text: Text,
}

#[derive(Debug, Clone)]
pub struct Benefit {
    pub title: Text,
    pub text: Text,
    pub code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
}

impl Benefit {
    pub fn is_valid_on(&self, day: NaiveDate) -> bool {
        self.valid_from <= day && day <= self.valid_until
    }
}

#[derive(Debug, Clone)]
pub struct KidsCorner {
    pub mascot: Mascot,
    pub sights: Vec<Sight>,
}

#[derive(Debug, Clone)]
pub struct Mascot {
    pub name: Text,
    pub story: Text,
    /// A PNG with transparency, joined onto the pack's root.
    pub image: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub town: String,
    pub category: EventCategory,
    pub start: NaiveDate,
    /// Inclusive: a one-day event ends on the day it starts.
    pub end: NaiveDate,
    pub title: Text,
    pub text: Text,
}

impl Event {
    /// True when the event runs on any day of `from..=to`.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && self.end >= from
    }
}

/// Declares an editor-facing enum spelt in content files in lowercase (or
/// as given), with its list of spellings for error messages.
macro_rules! content_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $spelling:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $spelling)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in content files.
            pub fn key(self) -> &'static str {
                match self { $($name::$variant => $spelling),+ }
            }

            /// The value spelt `key`, if there is one.
            pub fn from_key(key: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|value| value.key() == key)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.key())
            }
        }
    };
}

content_enum! {
    /// The three countries of the network.
    Country { At => "AT", Si => "SI", Hu => "HU" }
}

content_enum! {
    /// What a town offers; the home screen filters by these.
    Theme {
        Tourism => "tourism",
        Culture => "culture",
        Culinary => "culinary",
        Family => "family",
        Business => "business",
        Youth => "youth",
    }
}

content_enum! {
    /// Kinds of events in the joint calendar.
    EventCategory {
        Festival => "festival",
        Culture => "culture",
        Music => "music",
        Culinary => "culinary",
        Market => "market",
        Sport => "sport",
        Family => "family",
        Fair => "fair",
        Tradition => "tradition",
    }
}
