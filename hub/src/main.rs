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
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match cli::run(cli::Cli::parse()).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
