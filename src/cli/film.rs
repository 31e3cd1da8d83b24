//! `city-kiosk film check FILE...` and `city-kiosk film bench FILE`.

use std::path::PathBuf;
use std::process::ExitCode;

use city_core::process_memory::peak_memory;
use city_kiosk::playback::bench::decode_all;
use city_kiosk::playback::check_film;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum FilmCommand {
    /// Check that films will play on the kiosk: codec, profile, size, and
    /// that their first seconds and last second decode.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Decode a film as fast as possible; print frames per second, how
    /// many times real time that is, and the peak memory.
    Bench {
        file: PathBuf,
        /// Decoder threads; 1 measures one core.
        #[arg(long, default_value_t = 1)]
        threads: i32,
    },
}

pub fn film(command: FilmCommand) -> anyhow::Result<ExitCode> {
    match command {
        FilmCommand::Check { files } => {
            let mut failed = 0;
            for file in &files {
                match check_film(file) {
                    Ok(info) => println!(
                        "{}: playable, {}x{}, {:.1} s{}",
                        file.display(),
                        info.format.width,
                        info.format.height,
                        info.format.duration.as_secs_f64(),
                        if info.format.has_audio {
                            ", with sound"
                        } else {
                            ""
                        }
                    ),
                    Err(error) => {
                        failed += 1;
                        println!("{}: {error}", file.display());
                    }
                }
            }
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        FilmCommand::Bench { file, threads } => {
            // A film the kiosk would not play is no figure worth printing.
            check_film(&file).map_err(|error| anyhow::anyhow!("{}: {error}", file.display()))?;
            let report = decode_all(&file, threads)
                .map_err(|error| anyhow::anyhow!("{}: {error}", file.display()))?;
            println!(
                "{}: {} frames of {}x{} {} ({:.0} fps film) decoded in {:.2} s on {threads} thread(s)",
                file.display(),
                report.frames,
                report.width,
                report.height,
                report.format,
                report.film_fps,
                report.elapsed.as_secs_f64()
            );
            println!(
                "decoded frames per second: {:.1} ({:.1}x real time)",
                report.frames_per_second(),
                report.times_real_time()
            );
            if let Some(peak) = peak_memory() {
                println!("peak memory: {:.1} MB", peak as f64 / 1e6);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
