//! UI strings of the demo pack: plurals and dates as each language writes them.

use std::path::Path;

use chrono::NaiveDate;
use city_core::Lang;
use city_core::content::load_pack;
use city_core::i18n::{Key, dates, number};

fn catalog() -> city_core::i18n::Catalog {
    load_pack(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../media"))
        .unwrap()
        .ui
}

#[test]
fn plurals_follow_each_languages_rules() {
    let ui = catalog();
    let events = |lang, count: usize| ui.format(lang, Key::EventCount, &[("count", count.into())]);
    assert_eq!(events(Lang::En, 1), "1 event");
    assert_eq!(events(Lang::En, 3), "3 events");
    assert_eq!(events(Lang::De, 3), "3 Veranstaltungen");
    assert_eq!(events(Lang::Hu, 3), "3 esemény");
    // Slovenian has a dual and a form for 3 and 4.
    assert_eq!(events(Lang::Sl, 1), "1 dogodek");
    assert_eq!(events(Lang::Sl, 2), "2 dogodka");
    assert_eq!(events(Lang::Sl, 3), "3 dogodki");
    assert_eq!(events(Lang::Sl, 5), "5 dogodkov");
    assert_eq!(events(Lang::Sl, 102), "102 dogodka");
}

#[test]
fn dates_are_written_the_way_each_language_writes_them() {
    let ui = catalog();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let cases = [
        (
            Lang::En,
            "6 February 2027",
            "6–9 February 2027",
            "30 January – 9 February 2027",
            "February 2027",
        ),
        (
            Lang::De,
            "6. Februar 2027",
            "6.–9. Februar 2027",
            "30. Januar – 9. Februar 2027",
            "Februar 2027",
        ),
        (
            Lang::Sl,
            "6. februarja 2027",
            "6.–9. februarja 2027",
            "30. januarja – 9. februarja 2027",
            "Februar 2027",
        ),
        (
            Lang::Hu,
            "2027. február 6.",
            "2027. február 6–9.",
            "2027. január 30. – február 9.",
            "2027. február",
        ),
    ];
    for (lang, day, same_month, two_months, heading) in cases {
        assert_eq!(dates::day(&ui, lang, d(2027, 2, 6)), day);
        assert_eq!(
            dates::range(&ui, lang, d(2027, 2, 6), d(2027, 2, 9)),
            same_month
        );
        assert_eq!(
            dates::range(&ui, lang, d(2027, 1, 30), d(2027, 2, 9)),
            two_months
        );
        assert_eq!(dates::range(&ui, lang, d(2027, 2, 6), d(2027, 2, 6)), day);
        assert_eq!(dates::month(&ui, lang, 2027, 2), heading);
    }
    assert_eq!(
        dates::range(&ui, Lang::En, d(2026, 12, 28), d(2027, 1, 2)),
        "28 December 2026 – 2 January 2027"
    );
}

#[test]
fn numbers_are_grouped_per_language() {
    assert_eq!(number(Lang::En, 18_500), "18,500");
    assert_eq!(number(Lang::De, 18_500), "18.500");
    assert_eq!(number(Lang::Hu, 18_500), "18\u{a0}500");
    assert_eq!(number(Lang::Sl, 1_200), "1200");
    assert_eq!(number(Lang::En, 1_200), "1,200");
    assert_eq!(number(Lang::De, 1_234_567), "1.234.567");
}

#[test]
fn every_ui_string_exists_in_every_language() {
    let ui = catalog();
    for lang in Lang::ALL {
        for key in Key::ALL {
            let text = ui.format(
                lang,
                *key,
                &[
                    ("count", 2usize.into()),
                    ("number", "2".into()),
                    ("town", "Ptuj".into()),
                    ("from", "a".into()),
                    ("until", "b".into()),
                    ("code", "X".into()),
                    ("index", 1usize.into()),
                    ("total", 3usize.into()),
                    ("seconds", 5usize.into()),
                    ("tries", 3usize.into()),
                    ("minutes", 5usize.into()),
                    ("file", "x.csv".into()),
                    ("error", "disk full".into()),
                    ("time", "10:00".into()),
                    ("length", "0:14".into()),
                ],
            );
            assert!(
                !text.trim().is_empty() && text != key.id(),
                "{lang} {}",
                key.id()
            );
            assert!(!text.contains('{'), "{lang} {}: {text}", key.id());
        }
    }
}
