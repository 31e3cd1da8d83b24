//! `city-kiosk`: the touch kiosk of the City Cooperation network, and the
//! commands staff and editors run beside it.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    // Parsing the arguments starts no thread, so this still comes first.
    if cli.runs_for_weeks() {
        city_kiosk::memory::keep_large_buffers_out_of_the_heap();
    }
    city_core::owner_only::owner_only_by_default();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
                "info,wgpu=warn,wgpu_hal=error,naga=warn,iced_wgpu=warn,cosmic_text=warn,symphonia_core=warn,symphonia_format_ogg=warn,symphonia_bundle_mp3=warn,symphonia_codec_vorbis=warn".into()
            }),
        )
        .with_writer(std::io::stderr)
        .init();
    match cli.run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
