//! `make-brochures [PACK]`: a brochure per town and pack language, made
//! from the pack's own texts and pictures (the town's first picture, its
//! summary and description, sights, current offers with their codes, the
//! kids' corner with its mascot, the mobile guide's address), written to
//! `towns/<town>/brochures/<lang>.pdf`. The demo pack's brochures are made
//! so: nothing in them is anyone else's. Fonts: Noto Sans (Debian's
//! fonts-noto-core), embedded as subsets.

#![forbid(unsafe_code)]

mod layout;

use std::path::{Path, PathBuf};

use city_core::Lang;
use city_core::content::{Pack, Town, load_pack};
use city_core::i18n::{Arg, Key, dates};

use layout::{Block, Fonts};

const FONT_DIR: &str = "/usr/share/fonts/truetype/noto";

fn main() -> anyhow::Result<()> {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "media".into()));
    let pack = load_pack(&root).map_err(|invalid| anyhow::anyhow!("{invalid}"))?;
    let read = |name: &str| {
        std::fs::read(Path::new(FONT_DIR).join(name))
            .map_err(|error| anyhow::anyhow!("{FONT_DIR}/{name} (fonts-noto-core): {error}"))
    };
    let fonts = Fonts::load(read("NotoSans-Regular.ttf")?, read("NotoSans-Bold.ttf")?)?;
    // Offers shown are those valid on the pack's date of issue or later.
    let today = chrono::Local::now().date_naive();
    let mut total = 0;
    let mut count = 0;
    for town in &pack.towns {
        let dir = town_dir(&root, town).join("brochures");
        std::fs::create_dir_all(&dir)?;
        for &lang in &pack.languages {
            let pdf = brochure(&pack, town, lang, today, &fonts)?;
            let path = dir.join(format!("{}.pdf", lang.code()));
            std::fs::write(&path, &pdf)?;
            total += pdf.len();
            count += 1;
        }
    }
    println!(
        "{count} brochures, {:.1} MB in all ({} KB on average)",
        total as f64 / 1e6,
        total / count.max(1) / 1000
    );
    Ok(())
}

/// A town's folder: where its pictures' folder is.
fn town_dir(root: &Path, town: &Town) -> PathBuf {
    town.images
        .first()
        .and_then(|image| image.path.parent()?.parent())
        .map_or_else(|| root.join("towns").join(&town.id), Path::to_path_buf)
}

fn brochure(
    pack: &Pack,
    town: &Town,
    lang: Lang,
    today: chrono::NaiveDate,
    fonts: &Fonts,
) -> anyhow::Result<Vec<u8>> {
    let ui = |key: Key| pack.ui.text(lang, key);
    let name = town.name.get(lang);
    let mut blocks = vec![Block::Band {
        over: pack.title.get(lang).to_string(),
        title: name.to_string(),
        under: town.region.get(lang).to_string(),
    }];
    if let Some(image) = town.images.first() {
        blocks.push(Block::Picture {
            path: image.path.clone(),
            width: 499.0,
        });
        blocks.push(Block::Note(image.caption.get(lang).to_string()));
    }
    blocks.push(Block::Paragraph {
        text: town.summary.get(lang).to_string(),
        size: 13.0,
        bold: true,
    });
    blocks.push(Block::Paragraph {
        text: town.description.get(lang).to_string(),
        size: 11.0,
        bold: false,
    });
    blocks.push(Block::Heading(ui(Key::TownSights)));
    blocks.extend(town.sights.iter().map(|sight| Block::Item {
        title: sight.name.get(lang).to_string(),
        text: sight.text.get(lang).to_string(),
    }));
    let offers: Vec<_> = town
        .benefits
        .iter()
        .filter(|benefit| benefit.valid_until >= today)
        .collect();
    if !offers.is_empty() {
        blocks.push(Block::Heading(ui(Key::TownBenefits)));
        for benefit in offers {
            let valid = pack.ui.format(
                lang,
                Key::BenefitValid,
                &[
                    (
                        "from",
                        Arg::Text(&dates::day(&pack.ui, lang, benefit.valid_from)),
                    ),
                    (
                        "until",
                        Arg::Text(&dates::day(&pack.ui, lang, benefit.valid_until)),
                    ),
                ],
            );
            let code = benefit
                .code
                .as_deref()
                .map(|code| {
                    format!(
                        "\n{}",
                        pack.ui
                            .format(lang, Key::BenefitCode, &[("code", Arg::Text(code))])
                    )
                })
                .unwrap_or_default();
            blocks.push(Block::Item {
                title: benefit.title.get(lang).to_string(),
                text: format!("{}\n{valid}{code}", benefit.text.get(lang)),
            });
        }
    }
    let kids = &town.kids;
    blocks.push(Block::Heading(format!(
        "{}: {}",
        ui(Key::TownKids),
        kids.mascot.name.get(lang)
    )));
    blocks.push(Block::Picture {
        path: kids.mascot.image.clone(),
        width: 140.0,
    });
    blocks.push(Block::Paragraph {
        text: kids.mascot.story.get(lang).to_string(),
        size: 11.0,
        bold: false,
    });
    blocks.extend(kids.sights.iter().map(|sight| Block::Item {
        title: sight.name.get(lang).to_string(),
        text: sight.text.get(lang).to_string(),
    }));
    blocks.push(Block::Heading(pack.ui.format(
        lang,
        Key::TownGuide,
        &[("town", Arg::Text(name))],
    )));
    blocks.push(Block::Paragraph {
        text: town.guide_url_for(lang),
        size: 11.0,
        bold: false,
    });
    layout::render(
        fonts,
        &blocks,
        &format!("{name} · {}", pack.title.get(lang)),
        lang.code(),
        &format!("{} · {name}", pack.title.get(lang)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_brochure_is_a_whole_small_pdf_made_the_same_every_time() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../media");
        let pack = load_pack(&root).unwrap();
        let read = |name: &str| std::fs::read(Path::new(FONT_DIR).join(name)).unwrap();
        let fonts = Fonts::load(read("NotoSans-Regular.ttf"), read("NotoSans-Bold.ttf")).unwrap();
        let town = pack.town("ptuj").unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let work = tempfile::tempdir().unwrap();
        for &lang in &pack.languages {
            let pdf = brochure(&pack, town, lang, today, &fonts).unwrap();
            assert!(pdf.len() < 400_000, "{lang}: {} bytes", pdf.len());
            let path = work.path().join("brochure.pdf");
            std::fs::write(&path, &pdf).unwrap();
            city_core::content::check_pdf(&path).unwrap();
            assert_eq!(brochure(&pack, town, lang, today, &fonts).unwrap(), pdf);
        }
    }
}
