//! The checks shared by every content file: texts in every language, files
//! that must exist inside the pack, dates, ids. Each check records its
//! problems and returns a usable value anyway, so one pass reports every
//! problem of a pack instead of stopping at the first.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;
use toml::Spanned;
use toml::value::Datetime;

use super::model::Text;
use super::problem::{MediaFile, Problem};
use super::raw::RawText;
use crate::Lang;
use crate::ids::{ID_RULE, is_valid_id};
use crate::source::SourceFile;
use crate::subtitles::Subtitles;

/// How long a text may be; short texts sit on tiles and buttons.
#[derive(Debug, Clone, Copy)]
pub(crate) enum TextRule {
    /// At most this many characters, for names and titles.
    Short(usize),
    /// Running text: a paragraph or a story.
    Long,
}

/// Longest running text; longer belongs on the mobile guide, not a kiosk.
const LONG_TEXT_MAX: usize = 1200;

/// An image file that exists and still has to be decoded.
#[derive(Debug, Clone)]
pub(crate) struct PendingImage {
    pub path: PathBuf,
    pub kind: ImageKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ImageKind {
    Gallery,
    Mascot,
}

pub(crate) struct Checker {
    pub languages: Vec<Lang>,
    pub fallback: Lang,
    pub problems: Vec<Problem>,
    pub images: Vec<PendingImage>,
    /// Films and recordings found, for checkers that can decode them.
    pub media: Vec<MediaFile>,
}

impl Checker {
    pub fn new() -> Checker {
        Checker {
            languages: Lang::ALL.to_vec(),
            fallback: Lang::En,
            problems: Vec::new(),
            images: Vec::new(),
            media: Vec::new(),
        }
    }

    pub fn report(&mut self, file: &SourceFile, span: &std::ops::Range<usize>, message: String) {
        self.problems
            .push(Problem::at(&file.path, file.line_of(span), message));
    }

    /// The language of `key.code`, or a problem if the code is not one.
    fn language(
        &mut self,
        file: &SourceFile,
        key: &str,
        code: &str,
        value: &Spanned<String>,
    ) -> Option<Lang> {
        let lang = Lang::from_code(code);
        if lang.is_none() {
            self.report(
                file,
                &value.span(),
                format!(
                    "{key}.{code}: unsupported language `{code}` (supported: {})",
                    Lang::supported_codes()
                ),
            );
        }
        lang
    }

    /// Reports each pack language that `raw` lacks, as "key has no
    /// German (de) text" (or file).
    fn require_every_language(&mut self, file: &SourceFile, raw: &RawText, key: &str, noun: &str) {
        for &lang in &self.languages.clone() {
            if !raw.get_ref().contains_key(lang.code()) {
                self.report(
                    file,
                    &raw.span(),
                    format!(
                        "{key} has no {} ({}) {noun}",
                        lang.english_name(),
                        lang.code()
                    ),
                );
            }
        }
    }

    /// A visitor-facing text: present and non-empty in every pack language,
    /// no unknown language codes, within its length.
    pub fn text(&mut self, file: &SourceFile, raw: &RawText, key: &str, rule: TextRule) -> Text {
        let mut by_lang = BTreeMap::new();
        for (code, value) in raw.get_ref() {
            let Some(lang) = self.language(file, key, code, value) else {
                continue;
            };
            let text = value.get_ref().trim();
            if text.is_empty() {
                self.report(file, &value.span(), format!("{key}.{code} is empty"));
            }
            let max = match rule {
                TextRule::Short(max) => max,
                TextRule::Long => LONG_TEXT_MAX,
            };
            let length = text.chars().count();
            if length > max {
                self.report(
                    file,
                    &value.span(),
                    format!("{key}.{code} has {length} characters; at most {max} fit on screen"),
                );
            }
            if matches!(rule, TextRule::Short(_)) && text.contains('\n') {
                self.report(
                    file,
                    &value.span(),
                    format!("{key}.{code} must be one line"),
                );
            }
            by_lang.insert(lang, text.to_string());
        }
        self.require_every_language(file, raw, key, "text");
        // Keep the value usable; a pack with problems is never shown anyway.
        by_lang.entry(self.fallback).or_default();
        Text::new(by_lang, self.fallback)
    }

    /// A file the content refers to, relative to `base` (a folder inside the
    /// pack). It must stay inside the pack and exist.
    pub fn file(
        &mut self,
        file: &SourceFile,
        base: &Path,
        raw: &Spanned<String>,
        what: &str,
    ) -> Option<PathBuf> {
        let relative = Path::new(raw.get_ref());
        let escapes = relative.is_absolute()
            || relative
                .components()
                .any(|part| !matches!(part, Component::Normal(_) | Component::CurDir));
        if raw.get_ref().trim().is_empty() || escapes {
            self.report(
                file,
                &raw.span(),
                format!(
                    "{what} `{}` must be a relative path inside the pack",
                    raw.get_ref()
                ),
            );
            return None;
        }
        let path = base.join(relative);
        if !path.is_file() {
            self.report(
                file,
                &raw.span(),
                format!("{what} `{}` does not exist", raw.get_ref()),
            );
            return None;
        }
        Some(path)
    }

    pub fn image(
        &mut self,
        file: &SourceFile,
        base: &Path,
        raw: &Spanned<String>,
        kind: ImageKind,
    ) -> Option<PathBuf> {
        let path = self.file(file, base, raw, "image")?;
        self.images.push(PendingImage {
            path: path.clone(),
            kind,
        });
        Some(path)
    }

    /// A file per language (`key.sl = "..."`), each inside the pack.
    /// `every_language`: a missing pack language is a problem, as for texts.
    pub fn language_files(
        &mut self,
        file: &SourceFile,
        base: &Path,
        raw: &RawText,
        key: &str,
        every_language: bool,
    ) -> BTreeMap<Lang, PathBuf> {
        let mut by_lang = BTreeMap::new();
        for (code, value) in raw.get_ref() {
            let Some(lang) = self.language(file, key, code, value) else {
                continue;
            };
            if let Some(path) = self.file(file, base, value, &format!("{key}.{code}")) {
                by_lang.insert(lang, path);
            }
        }
        if every_language {
            self.require_every_language(file, raw, key, "file");
        }
        by_lang
    }

    /// Subtitle files per language, parsed; a broken one is reported at its
    /// own path and line.
    pub fn subtitles(
        &mut self,
        file: &SourceFile,
        base: &Path,
        raw: &RawText,
        key: &str,
    ) -> BTreeMap<Lang, Subtitles> {
        let mut by_lang = BTreeMap::new();
        for (lang, path) in self.language_files(file, base, raw, key, false) {
            let parsed = std::fs::read_to_string(&path)
                .map_err(|error| Problem::in_file(&path, format!("cannot read subtitles: {error}")))
                .and_then(|text| {
                    Subtitles::parse(&text)
                        .map_err(|error| Problem::at(&path, error.line, error.message))
                });
            match parsed {
                Ok(subtitles) => {
                    by_lang.insert(lang, subtitles);
                }
                Err(problem) => self.problems.push(problem),
            }
        }
        by_lang
    }

    /// A calendar date written as a TOML date (`2027-02-06`), no time.
    pub fn date(&mut self, file: &SourceFile, raw: &Spanned<Datetime>, key: &str) -> NaiveDate {
        let value = raw.get_ref();
        let date = match (value.date, value.time, value.offset) {
            (Some(date), None, None) => {
                NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
            }
            _ => None,
        };
        date.unwrap_or_else(|| {
            self.report(
                file,
                &raw.span(),
                format!("{key} must be a date like 2027-02-06, not `{value}`"),
            );
            NaiveDate::MIN
        })
    }

    /// An id used in file names, URLs and commands: `a-z`, `0-9` and `-`.
    pub fn id(&mut self, file: &SourceFile, raw: &Spanned<String>, key: &str) -> String {
        let id = raw.get_ref();
        if !is_valid_id(id) {
            self.report(file, &raw.span(), format!("{key} `{id}` must be {ID_RULE}"));
        }
        id.clone()
    }

    /// An http(s) address, for QR codes that phones must be able to open.
    pub fn url(&mut self, file: &SourceFile, raw: &Spanned<String>, key: &str) -> String {
        // `{lang}` stands for the language code; check the URL with one filled in.
        let candidate = raw.get_ref().replace("{lang}", "en");
        match url::Url::parse(&candidate) {
            Ok(url) if matches!(url.scheme(), "https" | "http") && url.host().is_some() => {}
            Ok(url) => self.report(
                file,
                &raw.span(),
                format!(
                    "{key} `{}` must be an http or https address with a host, not `{}:`",
                    raw.get_ref(),
                    url.scheme()
                ),
            ),
            Err(error) => self.report(
                file,
                &raw.span(),
                format!("{key} `{}` is not a valid address: {error}", raw.get_ref()),
            ),
        }
        raw.get_ref().clone()
    }
}
