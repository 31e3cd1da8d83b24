//! The command line: what `city-hub` takes, and one module per command.

mod admin_tokens;
mod content;
mod kiosks;
mod leads;
mod publish;
mod serve;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use city_hub::db;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "city-hub",
    version,
    about = "Central service of the City Cooperation kiosks"
)]
pub struct Cli {
    /// PostgreSQL address, e.g. postgres://hub@localhost/hub.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Where pack files are kept by their hash (shared by all hubs).
    #[arg(
        long,
        env = "CITY_HUB_BLOBS",
        default_value = "hub-blobs",
        global = true
    )]
    blob_dir: PathBuf,
    /// How the log is written: `text`, or `json` (one object per line).
    #[arg(
        long,
        env = "CITY_LOG_FORMAT",
        default_value = "text",
        value_parser = clap::value_parser!(city_core::logging::LogFormat),
        global = true
    )]
    pub log_format: city_core::logging::LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API.
    Serve(serve::ServeArgs),
    /// Bring the database up to date.
    Migrate,
    /// Kiosks allowed to sync.
    Kiosk {
        #[command(subcommand)]
        command: kiosks::KioskCommand,
    },
    /// Validate a pack folder and make it the one kiosks get.
    Publish { dir: PathBuf },
    /// The published pack as files.
    Content {
        #[command(subcommand)]
        command: content::ContentCommand,
    },
    /// Leads of all kiosks.
    Leads {
        #[command(subcommand)]
        command: leads::LeadsCommand,
    },
    /// People who use the web console.
    User {
        #[command(subcommand)]
        command: users::UserCommand,
    },
    /// Admin tokens for the admin API (without a subcommand: add one).
    AdminToken {
        #[command(subcommand)]
        command: Option<admin_tokens::AdminCommand>,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let url = cli
        .database_url
        .as_deref()
        .context("no database: set DATABASE_URL or --database-url")?;
    let pool = db::connect(url).await?;
    match cli.command {
        Command::Migrate => {
            db::migrate(&pool).await?;
            eprintln!("database is up to date");
        }
        Command::Serve(args) => serve::serve(pool, url, &cli.blob_dir, args).await?,
        Command::Kiosk { command } => kiosks::run(&pool, command).await?,
        Command::Publish { dir } => {
            return publish::publish_folder(&pool, &cli.blob_dir, &dir).await;
        }
        Command::Content { command } => content::run(&pool, &cli.blob_dir, command).await?,
        Command::Leads { command } => leads::run(&pool, command).await?,
        Command::AdminToken { command } => admin_tokens::run(&pool, command).await?,
        Command::User { command } => users::run(&pool, command).await?,
    }
    Ok(ExitCode::SUCCESS)
}
