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
    city_core::logging::init(cli.log_format);
    match cli.run() {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
