//! Starting the kiosk: config, content pack (or the last good one), window.

use std::path::PathBuf;
use std::process::ExitCode;
use std::str::FromStr;

use anyhow::Context;
use city_core::config::{Config, DEFAULT_CONFIG_PATH};
use city_core::content::{RememberOutcome, load_with_fallback, remember_good};
use clap::Args;

#[derive(Args, Debug)]
pub struct RunArgs {
    /// The kiosk's configuration file.
    #[arg(long, global = true, default_value = DEFAULT_CONFIG_PATH)]
    pub config: PathBuf,

    /// Open a normal window instead of fullscreen (for development).
    #[arg(long)]
    pub windowed: bool,

    /// Window size as WIDTHxHEIGHT, e.g. 1080x1920 for a portrait kiosk;
    /// implies --windowed.
    #[arg(long, value_name = "WxH")]
    pub size: Option<WindowSize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WindowSize {
    pub width: u32,
    pub height: u32,
}

impl FromStr for WindowSize {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let (width, height) = text
            .split_once(['x', 'X'])
            .ok_or_else(|| format!("`{text}` is not WIDTHxHEIGHT, e.g. 1920x1080"))?;
        let parse = |part: &str| {
            part.trim()
                .parse::<u32>()
                .ok()
                .filter(|value| (320..=7680).contains(value))
                .ok_or_else(|| {
                    format!("`{part}` must be a whole number of pixels from 320 to 7680")
                })
        };
        Ok(WindowSize {
            width: parse(width)?,
            height: parse(height)?,
        })
    }
}

pub fn run(args: RunArgs) -> anyhow::Result<ExitCode> {
    let config = Config::load(&args.config).map_err(|error| anyhow::anyhow!("{error}"))?;
    let renderer = super::renderer_choice::choose(config.display.renderer);
    // A pack the hub installed comes first; it was checked before it was
    // switched in. Else the configured pack, or the last good copy of it.
    // Leftovers of an assembly cut short by a crash or a power cut go.
    match city_core::sync::remove_staging(&config.data.dir, None) {
        Ok(0) => {}
        Ok(removed) => tracing::info!("removed {removed} unfinished pack download(s)"),
        Err(error) => tracing::warn!("cannot remove unfinished pack downloads: {error}"),
    }
    let synced = city_core::sync::active_pack_dir(&config.data.dir).and_then(|dir| {
        let decoded = city_core::content::DecodedImages::in_dir(&config.data.dir);
        match city_core::content::load_pack_with(&dir, &decoded) {
            Ok(pack) => Some(city_core::content::LoadedPack {
                pack,
                fell_back: None,
            }),
            Err(invalid) => {
                tracing::error!(
                    "the pack from the hub does not load, using the configured one and fetching it again: {invalid}"
                );
                if let Err(error) = city_core::sync::forget_installed_pack(&config.data.dir) {
                    tracing::warn!("cannot drop the broken pack's link: {error}");
                }
                None
            }
        }
    });
    let loaded = match synced
        .map(Ok)
        .unwrap_or_else(|| load_with_fallback(&config.content.dir, &config.data.dir))
    {
        Ok(loaded) => loaded,
        Err(invalid) => {
            for problem in &invalid.problems {
                eprintln!("{problem}");
            }
            anyhow::bail!(
                "the content pack in {} has {} problem(s) and there is no last good pack to show",
                config.content.dir.display(),
                invalid.problems.len()
            );
        }
    };
    match &loaded.fell_back {
        Some(invalid) => {
            for problem in &invalid.problems {
                tracing::error!(target: "content", "{problem}");
            }
            tracing::warn!(
                "the content pack in {} is broken; showing the last good pack {}",
                config.content.dir.display(),
                loaded.pack.version
            );
        }
        // The pack from the hub: checked before it was switched in.
        None if loaded.pack.root != config.content.dir => {}
        None => {
            // Keep a copy for the day the content folder breaks; hashing and
            // copying must not delay the first frame.
            let pack = loaded.pack.clone();
            let data_dir = config.data.dir.clone();
            std::thread::spawn(move || match remember_good(&pack, &data_dir) {
                Ok(RememberOutcome::Copied { files, bytes }) => {
                    tracing::info!(
                        "kept pack {} as the last good pack ({files} files, {bytes} bytes)",
                        pack.version
                    )
                }
                Ok(RememberOutcome::Unchanged) => {}
                Err(error) => {
                    tracing::warn!("could not keep a copy of the last good pack: {error}")
                }
            });
        }
    }
    // The one line that says what started, with what.
    tracing::info!(
        "city-kiosk {} started: kiosk {} at {}, pack {} from {}, data folder {}, renderer {renderer}",
        env!("CARGO_PKG_VERSION"),
        config.kiosk.id,
        config.kiosk.venue,
        loaded.pack.version,
        loaded.pack.root.display(),
        config.data.dir.display()
    );
    let size = args.size.unwrap_or(WindowSize {
        width: 1920,
        height: 1080,
    });
    let options = city_kiosk::app::Options::from_config(&config);
    city_kiosk::app::run(
        loaded.pack,
        options,
        args.windowed || args.size.is_some(),
        iced::Size::new(size.width as f32, size.height as f32),
    )
    .context("the kiosk window failed")?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_sizes_parse_and_bad_ones_say_why() {
        assert_eq!(
            "1080x1920".parse(),
            Ok(WindowSize {
                width: 1080,
                height: 1920
            })
        );
        assert!(
            "1920"
                .parse::<WindowSize>()
                .unwrap_err()
                .contains("WIDTHxHEIGHT")
        );
        assert!(
            "10x1080"
                .parse::<WindowSize>()
                .unwrap_err()
                .contains("320 to 7680")
        );
    }
}
