//! `city-hub`: serve the API, migrate, manage kiosks, users and admin
//! tokens, publish packs, export and erase leads. This file only sets up
//! logging, parses the command line and runs the command (`cli/`).

#![forbid(unsafe_code)]

mod cli;

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    city_core::owner_only::owner_only_by_default();
    let cli = cli::Cli::parse();
    city_core::logging::init(cli.log_format);
    match cli::run(cli).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
