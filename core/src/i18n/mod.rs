//! UI strings in every language, from the pack's `ui/<lang>.ftl` (Fluent),
//! with plural rules per language and dates in each language's form.

pub mod dates;
mod keys;

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;

pub use fluent_bundle::FluentResource;
pub use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentValue};

pub use keys::Key;

use crate::Lang;
use crate::content::Problem;

/// The folder of a pack that holds the UI strings.
pub const UI_DIR: &str = "ui";

/// An argument of a UI string: a number (plural rules apply) or a text.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg<'a> {
    Number(i64),
    Text(&'a str),
}

impl From<i64> for Arg<'_> {
    fn from(value: i64) -> Self {
        Arg::Number(value)
    }
}

impl From<usize> for Arg<'_> {
    fn from(value: usize) -> Self {
        Arg::Number(i64::try_from(value).unwrap_or(i64::MAX))
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(value: &'a str) -> Self {
        Arg::Text(value)
    }
}

/// The UI strings of all languages of a pack.
#[derive(Clone)]
pub struct Catalog {
    bundles: Arc<BTreeMap<Lang, FluentBundle<FluentResource>>>,
}

impl fmt::Debug for Catalog {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Catalog")
            .field("languages", &self.bundles.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Catalog {
    /// Loads `ui/<lang>.ftl` for every language; reports syntax errors with
    /// their line and every message the kiosk needs that a file lacks.
    pub(crate) fn load(root: &Path, languages: &[Lang], problems: &mut Vec<Problem>) -> Catalog {
        let mut bundles = BTreeMap::new();
        for &lang in languages {
            let path = root.join(UI_DIR).join(format!("{}.ftl", lang.code()));
            let source = match std::fs::read_to_string(&path) {
                Ok(source) => source,
                Err(error) => {
                    problems.push(Problem::in_file(&path, format!("cannot be read: {error}")));
                    continue;
                }
            };
            let resource = match FluentResource::try_new(source.clone()) {
                Ok(resource) => resource,
                Err((resource, errors)) => {
                    for error in errors {
                        let line = error_line(&source, error.pos.start, error.slice.clone());
                        problems.push(Problem::at(
                            &path,
                            line,
                            format!("Fluent syntax: {}", error.kind),
                        ));
                    }
                    resource
                }
            };
            let mut bundle = FluentBundle::new_concurrent(vec![
                lang.code()
                    .parse()
                    .expect("language codes are valid BCP 47"),
            ]);
            // Isolation marks would show as boxes in the kiosk's text renderer.
            bundle.set_use_isolating(false);
            if let Err(errors) = bundle.add_resource(resource) {
                for error in errors {
                    problems.push(Problem::in_file(&path, error.to_string()));
                }
            }
            for key in Key::ALL {
                let has_value = bundle
                    .get_message(key.id())
                    .is_some_and(|message| message.value().is_some());
                if !has_value {
                    problems.push(Problem::in_file(
                        &path,
                        format!("missing UI string `{}`", key.id()),
                    ));
                }
            }
            bundles.insert(lang, bundle);
        }
        Catalog {
            bundles: Arc::new(bundles),
        }
    }

    /// A UI string without arguments.
    pub fn text(&self, lang: Lang, key: Key) -> String {
        self.format(lang, key, &[])
    }

    /// A UI string with arguments, e.g. `("count", 3.into())`.
    pub fn format(&self, lang: Lang, key: Key, args: &[(&str, Arg)]) -> String {
        let Some(bundle) = self
            .bundles
            .get(&lang)
            .or_else(|| self.bundles.values().next())
        else {
            return key.id().to_string();
        };
        // The validator refuses packs without every key; the id shows only
        // for a catalog built outside `load_pack`.
        format_message(bundle, key.id(), args).unwrap_or_else(|| key.id().to_string())
    }
}

/// A bundle for `lang` holding `source`, without isolation marks (they
/// show as boxes in the kiosk's text renderer and as noise in HTML).
pub fn bundle(lang: Lang, source: &str) -> Result<FluentBundle<FluentResource>, String> {
    let resource = FluentResource::try_new(source.to_string())
        .map_err(|(_, errors)| format!("Fluent syntax: {errors:?}"))?;
    let mut bundle = FluentBundle::new_concurrent(vec![
        lang.code()
            .parse()
            .expect("language codes are valid BCP 47"),
    ]);
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .map_err(|errors| format!("{errors:?}"))?;
    Ok(bundle)
}

/// Message `id` of `bundle` with its arguments, or `None` if the bundle
/// has no such message.
pub fn format_message(
    bundle: &FluentBundle<FluentResource>,
    id: &str,
    args: &[(&str, Arg)],
) -> Option<String> {
    let pattern = bundle.get_message(id)?.value()?;
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Number(number) => fluent_args.set(*name, FluentValue::from(*number)),
            Arg::Text(text) => fluent_args.set(*name, FluentValue::from(*text)),
        }
    }
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if !errors.is_empty() {
        tracing::warn!("UI string `{id}`: {errors:?}");
    }
    Some(text.into_owned())
}

/// The line of the message a Fluent syntax error is in: the parser reports
/// where it noticed (often the start of the next line) and the broken
/// entry's text; the entry's first line is where an editor should look.
fn error_line(source: &str, noticed_at: usize, entry: Option<std::ops::Range<usize>>) -> usize {
    let line_at = |offset: usize| source[..offset.min(source.len())].matches('\n').count() + 1;
    let Some(entry) = entry else {
        return line_at(noticed_at.saturating_sub(1));
    };
    let start = entry.start.min(source.len());
    let mut offset = start;
    for line in source[start..entry.end.min(source.len())].split_inclusive('\n') {
        let text = line.trim();
        if !text.is_empty() && !text.starts_with('#') {
            return line_at(offset);
        }
        offset += line.len();
    }
    line_at(noticed_at.saturating_sub(1))
}

/// A whole number with the language's digit grouping: 18,000 (en),
/// 18.000 (de, sl), 18 000 (hu, with a no-break space).
pub fn number(lang: Lang, value: u64) -> String {
    let separator = match lang {
        Lang::En => ",",
        Lang::De | Lang::Sl => ".",
        Lang::Hu => "\u{a0}",
    };
    let digits = value.to_string();
    // Four-digit numbers stay ungrouped in German, Slovenian and Hungarian
    // style guides; English groups them too.
    if digits.len() <= 4 && lang != Lang::En {
        return digits;
    }
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push_str(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_points_at_the_broken_message() {
        let source = "# comment\na = A\n\nnav-kids = Für { Kinder\nback = Zurück\n";
        let Err((_, errors)) = FluentResource::try_new(source.to_string()) else {
            panic!("the source is broken");
        };
        assert_eq!(
            error_line(source, errors[0].pos.start, errors[0].slice.clone()),
            4
        );
    }
}
