//! The demo pack loads, and the loader's rules hold on real copies of it.

use std::collections::BTreeSet;

use city_core::Lang;
use city_core::content::{
    Country, RememberOutcome, last_good_dir, load_pack, load_with_fallback, remember_good,
};

use crate::support::{copy_dir, demo_pack};

#[test]
fn demo_pack_has_24_towns_in_4_languages_with_a_year_of_events() {
    let pack = load_pack(&demo_pack()).unwrap_or_else(|invalid| panic!("{invalid}"));
    assert_eq!(pack.towns.len(), 24);
    assert_eq!(pack.languages, Lang::ALL.to_vec());
    for country in [Country::At, Country::Si, Country::Hu] {
        assert!(pack.towns.iter().any(|town| town.country == country));
    }
    let first = pack.events.iter().map(|event| event.start).min().unwrap();
    let last = pack.events.iter().map(|event| event.end).max().unwrap();
    assert!(
        (last - first).num_days() >= 365,
        "events span {first}..{last}"
    );
    // Every town has its mascot, sights and at least one event in the calendar.
    for town in &pack.towns {
        assert!(town.kids.mascot.image.is_file(), "{}", town.id);
        assert!(!town.sights.is_empty(), "{}", town.id);
        assert!(
            pack.events_of(&town.id).next().is_some(),
            "{} has no event",
            town.id
        );
        for lang in Lang::ALL {
            assert!(!town.name.get(lang).is_empty());
            assert!(!town.kids.mascot.story.get(lang).is_empty());
        }
    }
    // Real names in every language's form, e.g. Ptuj is Pettau in German.
    let ptuj = pack.town("ptuj").unwrap();
    assert_eq!(ptuj.name.get(Lang::De), "Pettau");
    assert_eq!(pack.attract.len(), 24);
    let distinct: BTreeSet<_> = pack.attract.iter().collect();
    assert_eq!(distinct.len(), 24);
}

#[test]
fn a_broken_pack_is_replaced_by_the_last_good_one() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("media");
    let data = work.path().join("data");
    copy_dir(&demo_pack(), &content);

    let good = load_pack(&content).unwrap();
    assert!(
        matches!(remember_good(&good, &data).unwrap(), RememberOutcome::Copied { files, .. } if files > 100)
    );
    assert_eq!(
        remember_good(&good, &data).unwrap(),
        RememberOutcome::Unchanged
    );
    // The content folder's files are 0644; their copy is the kiosk's own.
    assert_eq!(
        crate::support::not_owner_only(&last_good_dir(&data)),
        Vec::new()
    );

    // An editor breaks the events file.
    std::fs::write(content.join("events.toml"), "[[event]]\nid = ").unwrap();
    let loaded = load_with_fallback(&content, &data).unwrap();
    let problems = loaded.fell_back.expect("the broken pack is reported");
    assert!(
        problems.problems[0].to_string().contains("events.toml:2:"),
        "{problems}"
    );
    assert_eq!(loaded.pack.root, last_good_dir(&data));
    assert_eq!(loaded.pack.events.len(), good.events.len());

    // Without a last good pack, the problems are the answer.
    let empty_data = work.path().join("empty");
    let invalid = load_with_fallback(&content, &empty_data).unwrap_err();
    assert!(
        invalid
            .problems
            .iter()
            .any(|p| p.path.ends_with("events.toml"))
    );
}

#[test]
fn a_changed_pack_replaces_the_last_good_copy() {
    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("media");
    let data = work.path().join("data");
    copy_dir(&demo_pack(), &content);
    remember_good(&load_pack(&content).unwrap(), &data).unwrap();

    let pack_toml = std::fs::read_to_string(content.join("pack.toml")).unwrap();
    std::fs::write(
        content.join("pack.toml"),
        pack_toml.replace("version = \"2026.11.24\"", "version = \"2026.12.01\""),
    )
    .unwrap();
    let changed = load_pack(&content).unwrap();
    assert!(matches!(
        remember_good(&changed, &data).unwrap(),
        RememberOutcome::Copied { .. }
    ));
    assert_eq!(
        load_pack(&last_good_dir(&data)).unwrap().version,
        "2026.12.01"
    );
    assert!(!data.join("last-good-pack.staging").exists());
    assert!(!data.join("last-good-pack.old").exists());
}

#[test]
fn images_decoded_once_are_remembered_by_their_bytes() {
    use std::os::unix::fs::PermissionsExt;

    use city_core::content::{DECODED_IMAGES_FILE, DecodedImages, load_pack_with};
    use city_core::hash::Sha256;

    let work = tempfile::tempdir().unwrap();
    let content = work.path().join("media");
    let data = work.path().join("data");
    copy_dir(&demo_pack(), &content);
    let record = data.join(DECODED_IMAGES_FILE);

    // The first load decodes every image and keeps what it learnt, privately.
    load_pack_with(&content, &DecodedImages::in_dir(&data)).unwrap();
    let text = std::fs::read_to_string(&record).unwrap();
    assert_eq!(text.lines().count(), 1 + 96, "a header and the 96 images");
    let image = content.join("towns/hartberg/images/gallery-1.jpg");
    let good = std::fs::read(&image).unwrap();
    let line = format!("{} 1280x720", Sha256::of(&good));
    assert!(text.lines().any(|l| l == line), "{line} missing");
    let mode = std::fs::metadata(&record).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    // Changed bytes are a different image: decoded again, and refused.
    let cut = &good[..good.len() / 3];
    std::fs::write(&image, cut).unwrap();
    let invalid = load_pack_with(&content, &DecodedImages::in_dir(&data)).unwrap_err();
    assert!(
        invalid.problems.iter().any(|p| p.path == image),
        "{invalid}"
    );
    let text = std::fs::read_to_string(&record).unwrap();
    assert_eq!(text.lines().count(), 1 + 95, "the cut image is not kept");

    // Bytes the record names are not decoded again: a record naming the
    // cut image (only the kiosk's user can write it) lets it pass, which
    // shows the decode was skipped.
    let naming_the_cut = format!("{text}{} 1280x720\n", Sha256::of(cut));
    std::fs::write(&record, &naming_the_cut).unwrap();
    load_pack_with(&content, &DecodedImages::in_dir(&data)).unwrap();

    // A record grown past its bound is not read at all: the same lines
    // behind a megabyte of padding vouch for nothing.
    let padding = "x".repeat(1 << 20);
    std::fs::write(&record, format!("{naming_the_cut}{padding}\n")).unwrap();
    load_pack_with(&content, &DecodedImages::in_dir(&data)).unwrap_err();

    // A record that is not one is ignored and written anew.
    std::fs::write(&image, &good).unwrap();
    std::fs::write(&record, "not a record\n\u{0}garbage").unwrap();
    load_pack_with(&content, &DecodedImages::in_dir(&data)).unwrap();
    let text = std::fs::read_to_string(&record).unwrap();
    assert!(text.lines().any(|l| l == line), "{text}");
}
