//! Loading a pack folder: every file parsed and checked, every problem
//! collected, and a [`Pack`] only when there are none.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::check::Checker;
use super::decoded_images::DecodedImages;
use super::events::events;
use super::images::check_images;
use super::model::Consent;
use super::model::{Pack, Text, Town};
use super::problem::{InvalidPack, Problem};
use super::raw::{RawConsent, RawEvents, RawPack, RawTown};
use super::town::town;
use crate::Lang;
use crate::i18n::Catalog;
use crate::source::SourceFile;

pub const PACK_FILE: &str = "pack.toml";
pub const EVENTS_FILE: &str = "events.toml";
pub const CONSENT_FILE: &str = "consent.toml";
pub const TOWNS_DIR: &str = "towns";
pub const TOWN_FILE: &str = "town.toml";

const TITLE_MAX: usize = 60;
const TAGLINE_MAX: usize = 120;

/// Loads and validates the pack in `root`, decoding every image.
pub fn load_pack(root: &Path) -> Result<Pack, InvalidPack> {
    load_pack_with(root, &DecodedImages::none())
}

/// Loads and validates the pack in `root`; images `decoded` remembers by
/// their bytes are not decoded again, and the record is updated.
pub fn load_pack_with(root: &Path, decoded: &DecodedImages) -> Result<Pack, InvalidPack> {
    let mut check = Checker::new();

    let pack_file = read_toml::<RawPack>(&mut check, &root.join(PACK_FILE));
    let header = pack_file
        .as_ref()
        .map(|(file, raw)| pack_header(&mut check, file, raw));

    let mut towns: Vec<Town> = Vec::new();
    let mut first_file_of_id: Vec<(String, PathBuf, usize)> = Vec::new();
    // Ids of towns whose file is broken: events naming them are not
    // reported again, the town's own problem says it all.
    let mut broken_ids = BTreeSet::new();
    for dir in town_dirs(&mut check, &root.join(TOWNS_DIR)) {
        let Some((file, raw)) = read_toml::<RawTown>(&mut check, &dir.join(TOWN_FILE)) else {
            broken_ids.extend(peek_id(&dir.join(TOWN_FILE)));
            continue;
        };
        let town = town(&mut check, &file, &dir, &raw);
        if let Some((_, first_path, first_line)) =
            first_file_of_id.iter().find(|(id, ..)| *id == town.id)
        {
            let message = format!(
                "duplicate town id `{}` (also in {}:{first_line})",
                town.id,
                first_path.display()
            );
            check.report(&file, &raw.id.span(), message);
            continue;
        }
        first_file_of_id.push((
            town.id.clone(),
            file.path.clone(),
            file.line_of(&raw.id.span()),
        ));
        towns.push(town);
    }
    if towns.is_empty() && check.problems.is_empty() {
        check.problems.push(Problem::in_file(
            &root.join(TOWNS_DIR),
            "the pack has no towns",
        ));
    }
    let town_ids: BTreeSet<String> = towns
        .iter()
        .map(|town| town.id.clone())
        .chain(broken_ids)
        .collect();

    let events = read_toml::<RawEvents>(&mut check, &root.join(EVENTS_FILE))
        .map(|(file, raw)| events(&mut check, &file, &raw, &town_ids))
        .unwrap_or_default();

    let attract = pack_file
        .as_ref()
        .map(|(file, raw)| attract_order(&mut check, file, raw, &towns, &town_ids))
        .unwrap_or_default();

    let consent = read_toml::<RawConsent>(&mut check, &root.join(CONSENT_FILE))
        .map(|(file, raw)| consent(&mut check, &file, &raw));

    let languages = header
        .as_ref()
        .map_or_else(|| Lang::ALL.to_vec(), |header| header.languages.clone());
    let ui = Catalog::load(root, &languages, &mut check.problems);

    let image_problems = check_images(&check.images, decoded);
    check.problems.extend(image_problems);

    match (header, consent) {
        (Some(header), Some(consent)) if check.problems.is_empty() => Ok(Pack {
            root: root.to_path_buf(),
            version: header.version,
            languages: header.languages,
            default_language: header.default_language,
            fallback_language: header.fallback_language,
            title: header.title,
            tagline: header.tagline,
            ui,
            consent,
            towns,
            attract,
            events,
        }),
        _ => Err(InvalidPack {
            root: root.to_path_buf(),
            problems: check.problems,
            media: check.media,
        }),
    }
}

/// What `pack.toml` says, checked.
struct PackHeader {
    version: String,
    languages: Vec<Lang>,
    default_language: Lang,
    fallback_language: Lang,
    title: Text,
    tagline: Text,
}

fn pack_header(check: &mut Checker, file: &SourceFile, raw: &RawPack) -> PackHeader {
    let lang = |check: &mut Checker, code: &toml::Spanned<String>, key: &str| {
        Lang::from_code(code.get_ref()).or_else(|| {
            check.report(
                file,
                &code.span(),
                format!(
                    "{key}: unsupported language `{}` (supported: {})",
                    code.get_ref(),
                    Lang::supported_codes()
                ),
            );
            None
        })
    };
    let mut languages = Vec::new();
    for code in raw.languages.get_ref() {
        if let Some(found) = lang(check, code, "languages") {
            if languages.contains(&found) {
                check.report(
                    file,
                    &code.span(),
                    format!("language `{found}` is listed twice"),
                );
            } else {
                languages.push(found);
            }
        }
    }
    if languages.is_empty() {
        check.report(
            file,
            &raw.languages.span(),
            "languages must name at least one language".into(),
        );
        languages = Lang::ALL.to_vec();
    }
    let member = |check: &mut Checker, code: &toml::Spanned<String>, key: &str| {
        let found = lang(check, code, key)?;
        if !languages.contains(&found) {
            check.report(
                file,
                &code.span(),
                format!("{key} `{found}` is not one of the pack's languages"),
            );
        }
        Some(found)
    };
    let default_language = member(check, &raw.default_language, "default_language");
    let fallback_language = member(check, &raw.fallback_language, "fallback_language");
    let fallback_language = fallback_language.unwrap_or(languages[0]);

    // From here on every text is checked against the pack's own languages.
    check.languages = languages.clone();
    check.fallback = fallback_language;

    let version = raw.version.get_ref().trim().to_string();
    if version.is_empty() || version.len() > 64 || version.chars().any(char::is_whitespace) {
        check.report(
            file,
            &raw.version.span(),
            "version must be 1 to 64 characters without spaces, e.g. 2026.11.24".into(),
        );
    }
    PackHeader {
        version,
        default_language: default_language.unwrap_or(fallback_language),
        fallback_language,
        title: check.text(
            file,
            &raw.title,
            "title",
            super::check::TextRule::Short(TITLE_MAX),
        ),
        tagline: check.text(
            file,
            &raw.tagline,
            "tagline",
            super::check::TextRule::Short(TAGLINE_MAX),
        ),
        languages,
    }
}

fn consent(check: &mut Checker, file: &SourceFile, raw: &RawConsent) -> Consent {
    let version = raw.version.get_ref().trim().to_string();
    if version.is_empty() || version.len() > 64 {
        check.report(
            file,
            &raw.version.span(),
            "version must be 1 to 64 characters, e.g. 2026-11-24".into(),
        );
    }
    Consent {
        version,
        contact: check.text(file, &raw.contact, "contact", super::check::TextRule::Long),
        newsletter: check.text(
            file,
            &raw.newsletter,
            "newsletter",
            super::check::TextRule::Long,
        ),
        privacy: check.text(file, &raw.privacy, "privacy", super::check::TextRule::Long),
    }
}

fn attract_order(
    check: &mut Checker,
    file: &SourceFile,
    raw: &RawPack,
    towns: &[Town],
    known_ids: &BTreeSet<String>,
) -> Vec<usize> {
    let Some(ids) = &raw.attract else {
        return (0..towns.len()).collect();
    };
    ids.get_ref()
        .iter()
        .filter_map(|id| {
            let found = towns.iter().position(|town| town.id == *id.get_ref());
            if found.is_none() && !known_ids.contains(id.get_ref()) {
                let message = format!("attract: town `{}` is not in the pack", id.get_ref());
                check.report(file, &id.span(), message);
            }
            found
        })
        .collect()
}

/// The `id` of a town file that did not parse as a town, if it says one.
fn peek_id(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let table: toml::Table = toml::from_str(&text).ok()?;
    table.get("id")?.as_str().map(str::to_string)
}

/// Reads and parses one TOML file; a missing file or a syntax or shape
/// error becomes a problem.
fn read_toml<T: serde::de::DeserializeOwned>(
    check: &mut Checker,
    path: &Path,
) -> Option<(SourceFile, T)> {
    let file = match SourceFile::read(path) {
        Ok(file) => file,
        Err(error) => {
            check
                .problems
                .push(Problem::in_file(path, read_error(&error)));
            return None;
        }
    };
    match file.parse_toml::<T>() {
        Ok(raw) => Some((file, raw)),
        Err(failure) => {
            check.problems.push(Problem {
                path: path.to_path_buf(),
                line: failure.line,
                message: failure.message,
            });
            None
        }
    }
}

fn read_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "missing file".into(),
        std::io::ErrorKind::InvalidData => "not UTF-8 text".into(),
        _ => format!("cannot be read: {error}"),
    }
}

/// Every folder in `towns/`, sorted, so problems come in a stable order.
fn town_dirs(check: &mut Checker, towns: &Path) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(towns) {
        Ok(entries) => entries,
        Err(error) => {
            check
                .problems
                .push(Problem::in_file(towns, read_error(&error)));
            return Vec::new();
        }
    };
    let mut dirs: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs
}
