//! Makes the films, subtitles and spoken guides of the demo content pack
//! from the pack's own images and texts, free of third-party copyright.
//!
//! `cargo run --example demo_media -- [PACK_DIR]` (default `media`) writes,
//! for every town:
//! - `films/<id>.mp4`: a 14 s H.264/AAC slideshow of the town's three
//!   views, slowly panning, ending on a card with the town's name; one town
//!   (Körmend) gets a portrait film, as editors will send some;
//! - `films/<id>.<lang>.vtt`: the views' captions as subtitles;
//! - `audio/guide-<lang>.ogg`: the town's summary and description spoken
//!   by espeak-ng.
//!
//! Needs `ffmpeg` and `espeak-ng` (Debian packages of the same names) and
//! the images from `cargo run --example demo_pack`. The texts are read from
//! `town.toml` directly, so this runs before the pack is complete.

// An unwrap here stops a generator run by hand on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

const LANGUAGES: [&str; 4] = ["sl", "de", "hu", "en"];
/// Each view's time on screen, the crossfade between views, the end card.
const VIEW_SECS: f64 = 4.0;
const FADE_SECS: f64 = 0.5;
const CARD_SECS: f64 = 2.0;
const FPS: u32 = 25;
const PORTRAIT_TOWN: &str = "kormend";
const FONT: &str = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";

fn main() -> Result<()> {
    let pack = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "media".into()));
    let mut towns: Vec<PathBuf> = std::fs::read_dir(pack.join("towns"))?
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.join("town.toml").is_file())
        .collect();
    towns.sort();
    for dir in towns {
        let town = TownTexts::read(&dir.join("town.toml"))?;
        film(&dir, &town).with_context(|| format!("film of {}", town.id))?;
        for lang in LANGUAGES {
            subtitles(&dir, &town, lang)?;
            guide(&dir, &town, lang).with_context(|| format!("{lang} guide of {}", town.id))?;
        }
        println!("{}: film, 4 subtitle files, 4 spoken guides", town.id);
    }
    Ok(())
}

struct TownTexts {
    id: String,
    table: toml::Table,
}

impl TownTexts {
    fn read(path: &Path) -> Result<TownTexts> {
        let table: toml::Table = std::fs::read_to_string(path)?
            .parse()
            .with_context(|| format!("{}", path.display()))?;
        let id = table
            .get("id")
            .and_then(|id| id.as_str())
            .context("town without id")?
            .to_string();
        Ok(TownTexts { id, table })
    }

    fn text(table: &toml::Table, key: &str, lang: &str) -> Result<String> {
        table
            .get(key)
            .and_then(|texts| texts.get(lang))
            .and_then(|text| text.as_str())
            .map(str::to_string)
            .with_context(|| format!("no {key}.{lang}"))
    }

    /// The language spoken in the town, from its country.
    fn own_language(&self) -> &'static str {
        match self.table.get("country").and_then(|c| c.as_str()) {
            Some("AT") => "de",
            Some("HU") => "hu",
            _ => "sl",
        }
    }

    fn name(&self, lang: &str) -> Result<String> {
        Self::text(&self.table, "name", lang)
    }

    fn captions(&self, lang: &str) -> Result<Vec<String>> {
        let images = self
            .table
            .get("image")
            .and_then(|images| images.as_array())
            .context("no [[image]]")?;
        images
            .iter()
            .filter_map(|image| image.as_table())
            .map(|image| Self::text(image, "caption", lang))
            .collect()
    }
}

fn run(command: &mut Command) -> Result<()> {
    let output = command
        .output()
        .with_context(|| format!("cannot run {command:?}"))?;
    if !output.status.success() {
        bail!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

/// `text` safe inside an ffmpeg drawtext filter argument.
fn drawtext_escape(text: &str) -> String {
    text.replace('\\', "\\\\\\\\")
        .replace('\'', "\u{2019}")
        .replace(':', "\\:")
        .replace('%', "\\%")
}

fn film(dir: &Path, town: &TownTexts) -> Result<()> {
    let out_dir = dir.join("films");
    std::fs::create_dir_all(&out_dir)?;
    let portrait = town.id == PORTRAIT_TOWN;
    let (width, height) = if portrait { (720, 1280) } else { (1280, 720) };
    let views = 3;
    let mut command = Command::new("ffmpeg");
    command.args(["-hide_banner", "-loglevel", "error", "-y"]);
    for n in 1..=views {
        let image = dir.join("images").join(format!("gallery-{n}.jpg"));
        command
            .args(["-loop", "1", "-framerate", &FPS.to_string(), "-t"])
            .arg(format!("{}", VIEW_SECS + FADE_SECS))
            .arg("-i")
            .arg(image);
    }
    let total = views as f64 * VIEW_SECS + CARD_SECS;
    // A soft chord that fades in and out: films have sound, and a visitor's
    // town film should prove it.
    command.args([
        "-f",
        "lavfi",
        "-t",
        &format!("{total}"),
        "-i",
        "aevalsrc=0.05*sin(2*PI*220*t)+0.04*sin(2*PI*277.18*t)+0.03*sin(2*PI*329.63*t):s=44100",
    ]);

    // Each view pans slowly across the image, scaled to cover the frame.
    let mut filters = Vec::new();
    for n in 0..views {
        let direction = if n % 2 == 0 { "+" } else { "-" };
        let pan = if portrait {
            format!(
                "scale=-2:{height},crop={width}:{height}:x='(iw-ow)/2{direction}(iw-ow)/2*(t/{secs}-0.5)*0.9':y=0",
                secs = VIEW_SECS + FADE_SECS
            )
        } else {
            let big_w = width * 112 / 100;
            let big_h = height * 112 / 100;
            format!(
                "scale={big_w}:{big_h},crop={width}:{height}:x='(iw-ow)/2{direction}(iw-ow)/2*(t/{secs}-0.5)':y=(ih-oh)/2",
                secs = VIEW_SECS + FADE_SECS
            )
        };
        filters.push(format!(
            "[{n}:v]{pan},setsar=1,fps={FPS},format=yuv420p[v{n}]"
        ));
    }
    // The card names the town in its own language first, then its other names.
    let own = town.own_language();
    let own_name = town.name(own)?;
    let name = drawtext_escape(&own_name);
    let mut other_names: Vec<String> = Vec::new();
    for lang in LANGUAGES {
        let other = town.name(lang)?;
        if other != own_name && !other_names.contains(&other) {
            other_names.push(other);
        }
    }
    let other_names = drawtext_escape(&other_names.join(" · "));
    let title_size = if portrait { 72 } else { 96 };
    filters.push(format!(
        "color=c=0x1f3a5f:s={width}x{height}:r={FPS}:d={card},format=yuv420p,\
         drawtext=fontfile={FONT}:text='{name}':fontcolor=white:fontsize={title_size}:x=(w-tw)/2:y=(h-th)/2-40,\
         drawtext=fontfile={FONT}:text='{other_names}':fontcolor=0xdbe7f3:fontsize=40:x=(w-tw)/2:y=(h/2)+50[card]",
        card = CARD_SECS + FADE_SECS
    ));
    filters.push(format!(
        "[v0][v1]xfade=transition=fade:duration={FADE_SECS}:offset={VIEW_SECS}[x1]"
    ));
    filters.push(format!(
        "[x1][v2]xfade=transition=fade:duration={FADE_SECS}:offset={}[x2]",
        2.0 * VIEW_SECS
    ));
    filters.push(format!(
        "[x2][card]xfade=transition=fade:duration={FADE_SECS}:offset={}[video]",
        3.0 * VIEW_SECS
    ));
    filters.push(format!(
        "[{views}:a]afade=t=in:d=1,afade=t=out:st={}:d=1.5[audio]",
        total - 1.5
    ));
    command
        .arg("-filter_complex")
        .arg(filters.join(";"))
        .args(["-map", "[video]", "-map", "[audio]"])
        .args([
            "-c:v",
            "libx264",
            "-profile:v",
            "high",
            "-preset",
            "slow",
            "-crf",
            "30",
            "-g",
            "50",
            "-pix_fmt",
            "yuv420p",
        ])
        .args(["-c:a", "aac", "-b:a", "48k", "-ac", "1"])
        .args(["-t", &format!("{total}")])
        .args(["-movflags", "+faststart", "-map_metadata", "-1"])
        .args(["-fflags", "+bitexact", "-flags:v", "+bitexact"])
        .arg(out_dir.join(format!("{}.mp4", town.id)));
    run(&mut command)
}

fn timestamp(seconds: f64) -> String {
    let millis = (seconds * 1000.0).round() as u64;
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        millis / 3_600_000,
        millis / 60_000 % 60,
        millis / 1000 % 60,
        millis % 1000
    )
}

fn subtitles(dir: &Path, town: &TownTexts, lang: &str) -> Result<()> {
    let mut vtt = String::from("WEBVTT\n");
    for (n, caption) in town.captions(lang)?.iter().enumerate() {
        let start = n as f64 * VIEW_SECS + 0.3;
        let end = (n + 1) as f64 * VIEW_SECS - 0.2;
        vtt.push_str(&format!(
            "\n{}\n{} --> {}\n{caption}\n",
            n + 1,
            timestamp(start),
            timestamp(end)
        ));
    }
    std::fs::write(
        dir.join("films").join(format!("{}.{lang}.vtt", town.id)),
        vtt,
    )?;
    Ok(())
}

fn guide(dir: &Path, town: &TownTexts, lang: &str) -> Result<()> {
    let out_dir = dir.join("audio");
    std::fs::create_dir_all(&out_dir)?;
    let speech = format!(
        "{}. {} {}",
        town.name(lang)?,
        TownTexts::text(&town.table, "summary", lang)?,
        TownTexts::text(&town.table, "description", lang)?
    );
    let voice = if lang == "en" { "en-gb" } else { lang };
    let wav = std::env::temp_dir().join(format!("demo-guide-{}-{lang}.wav", town.id));
    run(Command::new("espeak-ng")
        .args(["-v", voice, "-s", "150", "-w"])
        .arg(&wav)
        .arg(speech))?;
    let ogg = out_dir.join(format!("guide-{lang}.ogg"));
    run(Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y", "-i"])
        .arg(&wav)
        .args(["-c:a", "libvorbis", "-q:a", "0", "-ac", "1", "-ar", "22050"])
        .args(["-map_metadata", "-1", "-fflags", "+bitexact"])
        .arg(ogg))?;
    std::fs::remove_file(&wav)?;
    Ok(())
}
