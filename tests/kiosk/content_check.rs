//! `city-kiosk content check` on the demo pack and on copies of it broken
//! in every way an editor can break one: exit code and the named place.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::copy_dir;

fn demo_pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("media")
}

/// Runs the check; returns the exit code and what it printed on stdout.
fn content_check(dir: &Path) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_city-kiosk"))
        .args(["content", "check"])
        .arg(dir)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// Replaces the first `from` in a file of the pack, which must contain it.
fn edit(pack: &Path, file: &str, from: &str, to: &str) {
    let path = pack.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no `{from}`");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Cuts a file to a third of its length, as an interrupted copy would.
fn truncate(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, &bytes[..bytes.len() / 3]).unwrap();
}

fn film_fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/films")
        .join(name)
}

/// The 1-based line of the first line of `file` that starts with `prefix`.
fn line_of(pack: &Path, file: &str, prefix: &str) -> usize {
    let text = std::fs::read_to_string(pack.join(file)).unwrap();
    1 + text
        .lines()
        .position(|line| line.starts_with(prefix))
        .unwrap()
}

#[test]
fn demo_pack_passes_with_a_summary() {
    let (code, stdout) = content_check(&demo_pack());
    assert_eq!(code, 0, "{stdout}");
    let lines: Vec<_> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{stdout}");
    assert!(lines[0].contains("24 towns, 4 languages,"), "{stdout}");
    assert!(lines[0].contains("96 images"), "{stdout}");
    assert!(lines[0].contains("24 films, 96 audio guides"), "{stdout}");
}

struct Breakage {
    what: &'static str,
    /// Breaks the pack in the folder given.
    apply: fn(&Path),
    /// `path` or `path:line` that must start a reported problem; a line of
    /// `None` means "the line of the text `line_of` in that file".
    file: &'static str,
    line_of: Option<&'static str>,
    words: &'static str,
}

const BREAKAGES: &[Breakage] = &[
    Breakage {
        what: "TOML syntax error",
        apply: |pack| {
            edit(
                pack,
                "towns/ptuj/town.toml",
                "population = 18000",
                "population = 18000 000",
            )
        },
        file: "towns/ptuj/town.toml",
        line_of: Some("population"),
        words: "",
    },
    Breakage {
        what: "unknown key",
        apply: |pack| {
            edit(
                pack,
                "towns/lendava/town.toml",
                "guide_url =",
                "guide_link =",
            )
        },
        file: "towns/lendava/town.toml",
        line_of: Some("guide_link"),
        words: "unknown key `guide_link`",
    },
    Breakage {
        what: "missing translation",
        apply: |pack| {
            edit(
                pack,
                "towns/weiz/town.toml",
                "summary.hu = ",
                "# summary.hu = ",
            )
        },
        file: "towns/weiz/town.toml",
        line_of: Some("summary.sl"),
        words: "summary has no Hungarian (hu) text",
    },
    Breakage {
        what: "missing image",
        apply: |pack| std::fs::remove_file(pack.join("towns/ormoz/images/gallery-2.jpg")).unwrap(),
        file: "towns/ormoz/town.toml",
        line_of: Some("file = \"images/gallery-2.jpg\""),
        words: "image `images/gallery-2.jpg` does not exist",
    },
    Breakage {
        what: "undecodable image",
        apply: |pack| {
            // A truncated JPEG: the header is there, the picture is not.
            let path = pack.join("towns/hartberg/images/gallery-1.jpg");
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() / 3]).unwrap();
        },
        file: "towns/hartberg/images/gallery-1.jpg",
        line_of: None,
        words: "cannot be decoded as an image",
    },
    Breakage {
        what: "truncated mascot PNG",
        apply: |pack| {
            let path = pack.join("towns/lenart/images/mascot.png");
            let bytes = std::fs::read(&path).unwrap();
            std::fs::write(&path, &bytes[..bytes.len() - 200]).unwrap();
        },
        file: "towns/lenart/images/mascot.png",
        line_of: None,
        words: "truncated",
    },
    Breakage {
        what: "referenced film that does not exist",
        apply: |pack| std::fs::remove_file(pack.join("towns/lenti/films/lenti.mp4")).unwrap(),
        file: "towns/lenti/town.toml",
        line_of: Some("file = \"films/lenti.mp4\""),
        words: "film `films/lenti.mp4` does not exist",
    },
    Breakage {
        what: "film cut short",
        apply: |pack| truncate(&pack.join("towns/weiz/films/weiz.mp4")),
        file: "towns/weiz/films/weiz.mp4",
        line_of: None,
        words: "film has no picture in its last second",
    },
    Breakage {
        what: "film that is not a film",
        apply: |pack| {
            std::fs::write(
                pack.join("towns/vasvar/films/vasvar.mp4"),
                b"<html>404</html>",
            )
            .unwrap()
        },
        file: "towns/vasvar/films/vasvar.mp4",
        line_of: None,
        words: "film cannot be read as a film",
    },
    Breakage {
        what: "film in a codec the kiosk does not take",
        apply: |pack| {
            std::fs::copy(
                film_fixture("mpeg4-part2.mp4"),
                pack.join("towns/feldbach/films/feldbach.mp4"),
            )
            .unwrap();
        },
        file: "towns/feldbach/films/feldbach.mp4",
        line_of: None,
        words: "is encoded as MPEG-4 Video",
    },
    Breakage {
        what: "film in an unsupported profile",
        apply: |pack| {
            std::fs::copy(
                film_fixture("high10.mp4"),
                pack.join("towns/lendava/films/lendava.mp4"),
            )
            .unwrap();
        },
        file: "towns/lendava/films/lendava.mp4",
        line_of: None,
        words: "profile `high-10`",
    },
    Breakage {
        what: "film larger than Full HD",
        apply: |pack| {
            std::fs::copy(
                film_fixture("uhd.mp4"),
                pack.join("towns/fehring/films/fehring.mp4"),
            )
            .unwrap();
        },
        file: "towns/fehring/films/fehring.mp4",
        line_of: None,
        words: "is 3840x2160",
    },
    Breakage {
        what: "film without a picture",
        apply: |pack| {
            std::fs::copy(
                film_fixture("audio-only.m4a"),
                pack.join("towns/radenci/films/radenci.mp4"),
            )
            .unwrap();
        },
        file: "towns/radenci/films/radenci.mp4",
        line_of: None,
        words: "has no video stream",
    },
    Breakage {
        what: "subtitle file with a bad time",
        apply: |pack| {
            edit(
                pack,
                "towns/ptuj/films/ptuj.de.vtt",
                "00:00:04.300 --> 00:00:07.800",
                "00:00:04.300 --> 00:00:07,800",
            )
        },
        file: "towns/ptuj/films/ptuj.de.vtt",
        line_of: Some("00:00:04.300"),
        words: "`00:00:07,800` is not a time",
    },
    Breakage {
        what: "subtitle file that does not exist",
        apply: |pack| std::fs::remove_file(pack.join("towns/ptuj/films/ptuj.hu.vtt")).unwrap(),
        file: "towns/ptuj/town.toml",
        line_of: Some("subtitles.hu"),
        words: "film 1 subtitles.hu `films/ptuj.hu.vtt` does not exist",
    },
    Breakage {
        what: "audio guide missing a language",
        apply: |pack| {
            edit(
                pack,
                "towns/gleisdorf/town.toml",
                "audio_guide.hu = \"audio/guide-hu.ogg\"\n",
                "",
            )
        },
        file: "towns/gleisdorf/town.toml",
        line_of: Some("audio_guide.sl"),
        words: "audio_guide has no Hungarian (hu) file",
    },
    Breakage {
        what: "audio guide in a format the kiosk cannot play",
        apply: |pack| {
            std::fs::copy(
                pack.join("towns/hartberg/audio/guide-de.ogg"),
                pack.join("towns/hartberg/audio/guide-de.opus"),
            )
            .unwrap();
            edit(
                pack,
                "towns/hartberg/town.toml",
                "guide-de.ogg",
                "guide-de.opus",
            );
        },
        file: "towns/hartberg/town.toml",
        line_of: Some("audio_guide.de"),
        words: "must be an Ogg Vorbis (.ogg), MP3 (.mp3) or WAV (.wav) file",
    },
    Breakage {
        what: "audio guide that does not decode",
        apply: |pack| {
            std::fs::write(pack.join("towns/lenart/audio/guide-en.ogg"), b"OggS").unwrap()
        },
        file: "towns/lenart/audio/guide-en.ogg",
        line_of: None,
        words: "audio guide cannot be decoded",
    },
    Breakage {
        what: "brochure missing a language",
        apply: |pack| {
            edit(
                pack,
                "towns/fehring/town.toml",
                "brochure.sl = \"brochures/sl.pdf\"\n",
                "",
            )
        },
        file: "towns/fehring/town.toml",
        line_of: Some("brochure.de"),
        words: "brochure has no Slovenian (sl) file",
    },
    Breakage {
        what: "brochure that does not exist",
        apply: |pack| std::fs::remove_file(pack.join("towns/kormend/brochures/hu.pdf")).unwrap(),
        file: "towns/kormend/town.toml",
        line_of: Some("brochure.hu"),
        words: "brochure.hu `brochures/hu.pdf` does not exist",
    },
    Breakage {
        what: "brochure that is no PDF (a renamed document)",
        apply: |pack| {
            std::fs::write(
                pack.join("towns/lendava/brochures/en.pdf"),
                b"PK\x03\x04 a word document",
            )
            .unwrap()
        },
        file: "towns/lendava/brochures/en.pdf",
        line_of: None,
        words: "is not a PDF file",
    },
    Breakage {
        what: "brochure cut off in its upload",
        apply: |pack| truncate(&pack.join("towns/ptuj/brochures/de.pdf")),
        file: "towns/ptuj/brochures/de.pdf",
        line_of: None,
        words: "is not a whole PDF file",
    },
    Breakage {
        what: "brochure too large to send",
        apply: |pack| {
            let path = pack.join("towns/ormoz/brochures/sl.pdf");
            let mut pdf = std::fs::read(&path).unwrap();
            // Kept whole (its end last), only padded to 16 MB.
            let end = pdf.split_off(pdf.len() / 2);
            pdf.extend(std::iter::repeat_n(b' ', 16 * 1024 * 1024));
            pdf.extend(end);
            std::fs::write(&path, pdf).unwrap()
        },
        file: "towns/ormoz/brochures/sl.pdf",
        line_of: None,
        words: "a brochure may have at most 15 MB",
    },
    Breakage {
        what: "duplicate town id",
        apply: |pack| {
            let text = std::fs::read_to_string(pack.join("towns/ptuj/town.toml")).unwrap();
            std::fs::create_dir_all(pack.join("towns/ptuj-copy")).unwrap();
            std::fs::write(pack.join("towns/ptuj-copy/town.toml"), text).unwrap();
            copy_dir(
                &pack.join("towns/ptuj/images"),
                &pack.join("towns/ptuj-copy/images"),
            );
        },
        file: "towns/ptuj-copy/town.toml",
        line_of: Some("id = "),
        words: "duplicate town id `ptuj`",
    },
    Breakage {
        what: "event ending before it starts",
        apply: |pack| edit(pack, "events.toml", "end = 2027-02-09", "end = 2027-01-09"),
        file: "events.toml",
        line_of: Some("end = 2027-01-09"),
        words: "ends (2027-01-09) before it starts (2027-01-30)",
    },
    Breakage {
        what: "coordinates outside the region",
        apply: |pack| {
            edit(
                pack,
                "towns/kormend/town.toml",
                "lat = 47.011",
                "lat = 16.606",
            )
        },
        file: "towns/kormend/town.toml",
        line_of: Some("lat = "),
        words: "outside the network's area",
    },
    Breakage {
        what: "malformed URL",
        apply: |pack| {
            edit(
                pack,
                "towns/vasvar/town.toml",
                "https://www.vasvar.hu",
                "https//www.vasvar.hu",
            )
        },
        file: "towns/vasvar/town.toml",
        line_of: Some("guide_url"),
        words: "guide_url `https//www.vasvar.hu` is not a valid address",
    },
    Breakage {
        what: "missing UI string",
        apply: |pack| edit(pack, "ui/hu.ftl", "nav-map = Térkép\n", ""),
        file: "ui/hu.ftl",
        line_of: None,
        words: "missing UI string `nav-map`",
    },
    Breakage {
        what: "Fluent syntax error in UI strings",
        apply: |pack| {
            edit(
                pack,
                "ui/de.ftl",
                "nav-kids = Für Kinder",
                "nav-kids = Für { Kinder",
            )
        },
        file: "ui/de.ftl",
        line_of: Some("nav-kids"),
        words: "Fluent syntax",
    },
    Breakage {
        what: "event in a town that does not exist",
        apply: |pack| edit(pack, "events.toml", "town = \"ptuj\"", "town = \"pettau\""),
        file: "events.toml",
        line_of: Some("town = \"pettau\""),
        words: "town `pettau` is not in the pack",
    },
];

#[test]
fn every_breakage_is_reported_with_its_path_and_line_and_exit_1() {
    let mut failures = Vec::new();
    for breakage in BREAKAGES {
        let work = tempfile::tempdir().unwrap();
        let pack = work.path().join("pack");
        copy_dir(&demo_pack(), &pack);
        (breakage.apply)(&pack);

        let (code, stdout) = content_check(&pack);
        let place = match breakage.line_of {
            Some(prefix) => format!(
                "{}:{}: ",
                pack.join(breakage.file).display(),
                line_of(&pack, breakage.file, prefix)
            ),
            None => format!("{}: ", pack.join(breakage.file).display()),
        };
        let reported = stdout
            .lines()
            .any(|line| line.starts_with(&place) && line.contains(breakage.words));
        if code != 1 || !reported {
            failures.push(format!(
                "{}: exit {code}, expected a line starting `{place}` with `{}`; got:\n{stdout}",
                breakage.what, breakage.words
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_problem_of_a_pack_is_listed_not_only_the_first() {
    let work = tempfile::tempdir().unwrap();
    let pack = work.path().join("pack");
    copy_dir(&demo_pack(), &pack);
    for breakage in BREAKAGES {
        (breakage.apply)(&pack);
    }
    let (code, stdout) = content_check(&pack);
    assert_eq!(code, 1);
    assert!(stdout.lines().count() >= BREAKAGES.len(), "{stdout}");
}

#[test]
fn a_folder_without_a_pack_says_what_is_missing() {
    let work = tempfile::tempdir().unwrap();
    let (code, stdout) = content_check(work.path());
    assert_eq!(code, 1);
    assert!(stdout.contains("pack.toml: missing file"), "{stdout}");
    assert!(stdout.contains("towns: missing file"), "{stdout}");
}

/// Runs `city-kiosk ARGS` and waits at most `limit`; its exit code and
/// everything it printed.
fn run_within(args: &[&str], limit: std::time::Duration) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_city-kiosk"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let output = child.wait_with_output().unwrap();
            let text = String::from_utf8_lossy(&output.stdout).into_owned()
                + &String::from_utf8_lossy(&output.stderr);
            return (status.code().unwrap_or(-1), text);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("`city-kiosk {}` still runs after {limit:?}", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn every_film_command_answers_bad_input_with_the_file_named_within_seconds() {
    let work = tempfile::tempdir().unwrap();
    let garbage = work.path().join("garbage.mp4");
    std::fs::write(&garbage, b"this is not a film at all".repeat(1000)).unwrap();
    let truncated = work.path().join("truncated.mp4");
    std::fs::copy(film_fixture("good-2s.mp4"), &truncated).unwrap();
    truncate(&truncated);
    let empty = work.path().join("empty.mp4");
    std::fs::write(&empty, b"").unwrap();
    let missing = work.path().join("missing.mp4");
    for file in [&garbage, &truncated, &empty, &missing] {
        let name = file.to_str().unwrap();
        for command in ["bench", "check"] {
            let args = ["film", command, name];
            let (code, output) = run_within(&args, std::time::Duration::from_secs(30));
            assert_eq!(code, 1, "{args:?}: {output}");
            assert!(output.contains(name), "{args:?} names the file: {output}");
        }
    }
}
