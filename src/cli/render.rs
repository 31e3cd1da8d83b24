//! `city-kiosk render --screen SCREEN --lang LANG [--size WxH] --out FILE.png`

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use chrono::NaiveDate;
use city_core::Lang;
use city_core::config::Config;
use city_core::content::load_pack;
use city_kiosk::app::{Kiosk, Message, Options, Route};
use city_kiosk::render::Offscreen;
use clap::Args;

use super::run::WindowSize;

#[derive(Args, Debug)]
pub struct RenderArgs {
    /// attract, home, town:ID, events, map, kids or interest.
    #[arg(long)]
    pub screen: String,
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
    let route = parse_screen(&args.screen)?;
    let content = match args.content {
        Some(dir) => dir,
        None => {
            Config::load(config_path)
                .map_err(|error| anyhow::anyhow!("{error}"))?
                .content
                .dir
        }
    };
    let pack = load_pack(&content).map_err(|invalid| anyhow::anyhow!("{invalid}"))?;
    if let Route::Town(id) = &route {
        anyhow::ensure!(pack.town(id).is_some(), "the pack has no town `{id}`");
    }
    let today = args
        .date
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let options = Options::preview(Some(lang));
    let mut kiosk = Kiosk::new(pack, options, today, Instant::now());
    let _ = kiosk.update(Message::Language(lang));
    if route != Route::Attract {
        let _ = kiosk.update(Message::Go(route));
    }
    let size = iced::Size::new(args.size.width, args.size.height);
    let mut offscreen = Offscreen::new()?;
    let logical = iced::Size::new(size.width as f32, size.height as f32);
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

fn parse_screen(screen: &str) -> anyhow::Result<Route> {
    Ok(match screen {
        "attract" => Route::Attract,
        "home" => Route::Home,
        "events" => Route::Events,
        "map" => Route::Map,
        "kids" => Route::Kids,
        "interest" => Route::Interest,
        other => match other.strip_prefix("town:") {
            Some(id) if !id.is_empty() => Route::Town(id.to_string()),
            _ => anyhow::bail!(
                "unknown screen `{other}`: use attract, home, town:ID, events, map, kids or interest"
            ),
        },
    })
}
