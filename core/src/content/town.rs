//! `towns/<folder>/town.toml` → [`Town`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::check::{Checker, ImageKind, TextRule};
use super::model::{Benefit, Film, GeoPoint, Image, KidsCorner, Mascot, Sight, Town};
use super::problem::{MediaFile, Problem};
use super::raw::{RawSight, RawText, RawTown};
use super::region::NETWORK_AREA;
use crate::Lang;
use crate::source::SourceFile;

const NAME_MAX: usize = 40;
const SUMMARY_MAX: usize = 140;
const TITLE_MAX: usize = 60;
const CAPTION_MAX: usize = 90;

pub(crate) fn town(check: &mut Checker, file: &SourceFile, dir: &Path, raw: &RawTown) -> Town {
    let id = check.id(file, &raw.id, "id");
    let position = GeoPoint {
        lat: *raw.lat.get_ref(),
        lon: *raw.lon.get_ref(),
    };
    if !NETWORK_AREA.contains(position) {
        check.report(
            file,
            &raw.lat.span(),
            format!(
                "coordinates {:.3} N, {:.3} E are outside the network's area ({}–{} N, {}–{} E); \
                 are lat and lon swapped?",
                position.lat,
                position.lon,
                NETWORK_AREA.south,
                NETWORK_AREA.north,
                NETWORK_AREA.west,
                NETWORK_AREA.east
            ),
        );
    }
    let mut themes = Vec::new();
    for theme in raw.themes.get_ref() {
        if themes.contains(theme.get_ref()) {
            check.report(
                file,
                &theme.span(),
                format!("theme `{}` is listed twice", theme.get_ref()),
            );
        } else {
            themes.push(*theme.get_ref());
        }
    }
    if themes.is_empty() {
        check.report(
            file,
            &raw.themes.span(),
            "themes must name at least one theme".into(),
        );
    }
    if raw.image.is_empty() {
        check.report(
            file,
            &raw.id.span(),
            "a town needs at least one [[image]]".into(),
        );
    }

    let images = raw
        .image
        .iter()
        .enumerate()
        .filter_map(|(n, image)| {
            let caption = check.text(
                file,
                &image.caption,
                &format!("image {} caption", n + 1),
                TextRule::Short(CAPTION_MAX),
            );
            let path = check.image(file, dir, &image.file, ImageKind::Gallery)?;
            Some(Image { path, caption })
        })
        .collect();
    let films = raw
        .film
        .iter()
        .enumerate()
        .filter_map(|(n, film)| {
            let title = check.text(
                file,
                &film.title,
                &format!("film {} title", n + 1),
                TextRule::Short(TITLE_MAX),
            );
            let subtitles = film
                .subtitles
                .as_ref()
                .map(|raw| check.subtitles(file, dir, raw, &format!("film {} subtitles", n + 1)))
                .unwrap_or_default();
            let path = check.file(file, dir, &film.file, "film")?;
            check.media.push(MediaFile::Film(path.clone()));
            Some(Film {
                path,
                title,
                subtitles,
            })
        })
        .collect();
    let benefits = raw
        .benefit
        .iter()
        .enumerate()
        .map(|(n, benefit)| {
            let key = format!("benefit {}", n + 1);
            let valid_from = check.date(file, &benefit.valid_from, &format!("{key} valid_from"));
            let valid_until = check.date(file, &benefit.valid_until, &format!("{key} valid_until"));
            if valid_until < valid_from {
                check.report(
                    file,
                    &benefit.valid_until.span(),
                    format!("{key} ends ({valid_until}) before it starts ({valid_from})"),
                );
            }
            Benefit {
                title: check.text(
                    file,
                    &benefit.title,
                    &format!("{key} title"),
                    TextRule::Short(TITLE_MAX),
                ),
                text: check.text(file, &benefit.text, &format!("{key} text"), TextRule::Long),
                code: benefit
                    .code
                    .as_ref()
                    .map(|code| code.get_ref().trim().to_string()),
                valid_from,
                valid_until,
            }
        })
        .collect();
    let mascot = &raw.kids.mascot;
    let kids = KidsCorner {
        mascot: Mascot {
            name: check.text(
                file,
                &mascot.name,
                "kids.mascot.name",
                TextRule::Short(NAME_MAX),
            ),
            story: check.text(file, &mascot.story, "kids.mascot.story", TextRule::Long),
            image: check
                .image(file, dir, &mascot.image, ImageKind::Mascot)
                .unwrap_or_default(),
        },
        sights: sights(check, file, &raw.kids.sight, "kids.sight"),
    };

    Town {
        id,
        country: *raw.country.get_ref(),
        position,
        population: *raw.population.get_ref(),
        themes,
        guide_url: check.url(file, &raw.guide_url, "guide_url"),
        name: check.text(file, &raw.name, "name", TextRule::Short(NAME_MAX)),
        region: check.text(file, &raw.region, "region", TextRule::Short(NAME_MAX)),
        summary: check.text(file, &raw.summary, "summary", TextRule::Short(SUMMARY_MAX)),
        description: check.text(file, &raw.description, "description", TextRule::Long),
        images,
        films,
        audio_guide: raw
            .audio_guide
            .as_ref()
            .map(|raw| audio_guide(check, file, dir, raw))
            .unwrap_or_default(),
        brochures: raw
            .brochure
            .as_ref()
            .map(|raw| brochures(check, file, dir, raw))
            .unwrap_or_default(),
        sights: sights(check, file, &raw.sight, "sight"),
        benefits,
        kids,
    }
}

/// Formats the kiosk's audio player decodes; anything else is refused here
/// rather than found silent at the fair.
const AUDIO_GUIDE_FORMATS: [&str; 3] = ["ogg", "mp3", "wav"];

fn audio_guide(
    check: &mut Checker,
    file: &SourceFile,
    dir: &Path,
    raw: &RawText,
) -> BTreeMap<Lang, PathBuf> {
    let guides = check.language_files(file, dir, raw, "audio_guide", true);
    check
        .media
        .extend(guides.values().cloned().map(MediaFile::AudioGuide));
    for (code, value) in raw.get_ref() {
        let extension = Path::new(value.get_ref())
            .extension()
            .and_then(|ext| ext.to_str())
            .map(str::to_ascii_lowercase);
        if !extension.is_some_and(|ext| AUDIO_GUIDE_FORMATS.contains(&ext.as_str())) {
            check.report(
                file,
                &value.span(),
                format!(
                    "audio_guide.{code} `{}` must be an Ogg Vorbis (.ogg), MP3 (.mp3) or WAV (.wav) file",
                    value.get_ref()
                ),
            );
        }
    }
    guides
}

/// The largest brochure: a mail links to it, a phone downloads it.
pub const BROCHURE_MAX_BYTES: u64 = 15 * 1024 * 1024;

fn brochures(
    check: &mut Checker,
    file: &SourceFile,
    dir: &Path,
    raw: &RawText,
) -> BTreeMap<Lang, PathBuf> {
    let brochures = check.language_files(file, dir, raw, "brochure", true);
    for path in brochures.values() {
        if let Err(reason) = check_pdf(path) {
            check.problems.push(Problem::in_file(path, reason));
        }
    }
    brochures
}

/// A whole PDF file of a reasonable size: its header, and the end of file
/// marker after the cross-reference offset (a truncated upload or a
/// renamed document is refused).
pub fn check_pdf(path: &Path) -> Result<(), String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut pdf = std::fs::File::open(path).map_err(|error| format!("cannot be read: {error}"))?;
    let size = pdf
        .metadata()
        .map_err(|error| format!("cannot be read: {error}"))?
        .len();
    if size > BROCHURE_MAX_BYTES {
        return Err(format!(
            "is {} MB; a brochure may have at most {} MB",
            size.div_ceil(1024 * 1024),
            BROCHURE_MAX_BYTES / (1024 * 1024)
        ));
    }
    let mut head = [0u8; 8];
    let is_pdf =
        pdf.read_exact(&mut head).is_ok() && head.starts_with(b"%PDF-") && head[5].is_ascii_digit();
    if !is_pdf {
        return Err("is not a PDF file (it does not start with %PDF-)".into());
    }
    let tail_len = size.min(2048);
    let mut tail = vec![0u8; tail_len as usize];
    pdf.seek(SeekFrom::Start(size - tail_len))
        .and_then(|_| pdf.read_exact(&mut tail))
        .map_err(|error| format!("cannot be read: {error}"))?;
    let tail = String::from_utf8_lossy(&tail);
    let ends = tail
        .rfind("startxref")
        .is_some_and(|at| tail[at..].contains("%%EOF"));
    if !ends {
        return Err("is not a whole PDF file (no startxref and %%EOF at its end: cut off?)".into());
    }
    Ok(())
}

fn sights(check: &mut Checker, file: &SourceFile, raw: &[RawSight], key: &str) -> Vec<Sight> {
    raw.iter()
        .enumerate()
        .map(|(n, sight)| Sight {
            name: check.text(
                file,
                &sight.name,
                &format!("{key} {} name", n + 1),
                TextRule::Short(TITLE_MAX),
            ),
            text: check.text(
                file,
                &sight.text,
                &format!("{key} {} text", n + 1),
                TextRule::Long,
            ),
        })
        .collect()
}
