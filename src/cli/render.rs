//! `city-kiosk render --screen SCREEN --lang LANG [--size WxH] [--at SECONDS] --out FILE.png`

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::NaiveDate;
use city_core::Lang;
use city_core::config::Config;
use city_core::content::{DecodedImages, load_pack_with};
use city_kiosk::app::{Kiosk, Message, Options, Route, TownMessage};
use city_kiosk::offscreen::Offscreen;
use city_kiosk::playback::PlayerStatus;
use city_kiosk::screen::town;
use clap::Args;

use super::run::WindowSize;

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// attract, home, town:ID, film:ID (the town's film), events, map,
    /// kids or interest.
    #[arg(long)]
    pub screen: String,
    /// For attract and film:ID: the moment of the film to show, in
    /// seconds (the film plays in real time up to it).
    #[arg(long, default_value_t = 2.0)]
    pub at: f32,
    /// sl, de, hu or en.
    #[arg(long, default_value = "en")]
    pub lang: String,
    #[arg(long, default_value = "1920x1080", value_name = "WxH")]
    pub size: WindowSize,
    /// The day the kiosk believes it is (events and offers depend on it);
    /// today when absent.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<NaiveDate>,
    /// The content pack; the configured one when absent.
    #[arg(long)]
    pub content: Option<PathBuf>,
    #[arg(long)]
    pub out: PathBuf,
}

pub fn render(config_path: &Path, args: RenderArgs) -> anyhow::Result<ExitCode> {
    let lang = Lang::from_code(&args.lang).with_context(|| {
        format!(
            "unknown language `{}` (supported: {})",
            args.lang,
            Lang::supported_codes()
        )
    })?;
    let (route, film) = parse_screen(&args.screen)?;
    // The configuration is needed only for the pack it names; its data
    // folder, when there is one, saves decoding the images a kiosk or an
    // earlier render already decoded.
    let config = Config::load(config_path);
    let content = match (args.content, &config) {
        (Some(dir), _) => dir,
        (None, Ok(config)) => config.content.dir.clone(),
        (None, Err(error)) => anyhow::bail!("{error}"),
    };
    let decoded = config.as_ref().map_or_else(
        |_| DecodedImages::none(),
        |config| DecodedImages::in_dir(&config.data.dir),
    );
    let pack =
        load_pack_with(&content, &decoded).map_err(|invalid| anyhow::anyhow!("{invalid}"))?;
    if let Route::Town(id) = &route {
        anyhow::ensure!(pack.town(id).is_some(), "the pack has no town `{id}`");
    }
    let today = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let options = Options::preview(Some(lang));
    let mut kiosk = Kiosk::new(pack, options, today, Instant::now());
    let size = iced::Size::new(args.size.width, args.size.height);
    let logical = iced::Size::new(size.width as f32, size.height as f32);
    let _ = kiosk.update(Message::Resized(logical));
    let _ = kiosk.update(Message::Language(lang));
    let attract = route == Route::Attract;
    if !attract {
        let _ = kiosk.update(Message::Go(route));
    }
    if film {
        let _ = kiosk.update(Message::Town(TownMessage::Screen(
            town::Message::WatchFilm(0),
        )));
    }
    if attract || film {
        play_until(&mut kiosk, Duration::from_secs_f32(args.at.max(0.0)))?;
    }
    let mut offscreen = Offscreen::new()?;
    let frame = offscreen.frame(kiosk.view_at(logical), size, &kiosk.theme());
    frame
        .save_png(&args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    println!(
        "{} ({}x{}, {lang})",
        args.out.display(),
        size.width,
        size.height
    );
    Ok(ExitCode::SUCCESS)
}

/// Lets the attract loop or the town film play up to `at`.
fn play_until(kiosk: &mut Kiosk, at: Duration) -> anyhow::Result<()> {
    let _ = kiosk.update(Message::Tick(Instant::now()));
    let started = Instant::now();
    loop {
        let player = kiosk
            .film()
            .map(|film| film.player())
            .or_else(|| kiosk.attract_player())
            .context("no film plays on this screen (is it broken? see the log)")?;
        if let PlayerStatus::Failed(reason) = player.status() {
            anyhow::bail!("{}: {reason}", player.path().display());
        }
        if player.frames_shown() > 0 && (player.position() >= at || player.status().is_over()) {
            return Ok(());
        }
        anyhow::ensure!(
            started.elapsed() < at + Duration::from_secs(20),
            "the film did not reach {at:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn parse_screen(screen: &str) -> anyhow::Result<(Route, bool)> {
    if let Some(id) = screen.strip_prefix("film:").filter(|id| !id.is_empty()) {
        return Ok((Route::Town(id.to_string()), true));
    }
    let route = match screen {
        "attract" => Route::Attract,
        "home" => Route::Home,
        "events" => Route::Events,
        "map" => Route::Map,
        "kids" => Route::Kids,
        "interest" => Route::Interest,
        other => match other.strip_prefix("town:") {
            Some(id) if !id.is_empty() => Route::Town(id.to_string()),
            _ => anyhow::bail!(
                "unknown screen `{other}`: use attract, home, town:ID, film:ID, events, map, kids or interest"
            ),
        },
    };
    Ok((route, false))
}
