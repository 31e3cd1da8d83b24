//! `city-hub`: serve the API, migrate, manage kiosks and admin tokens,
//! publish packs, export and erase leads.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use chrono::NaiveDate;
use city_hub::export::{LeadFilter, csv_stream};
use city_hub::publish::{PublishError, publish};
use city_hub::{AppState, BlobStore, api, db, tokens};
use clap::{Parser, Subcommand};
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

#[derive(Parser)]
#[command(
    name = "city-hub",
    version,
    about = "Central service of the City Cooperation kiosks"
)]
struct Cli {
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
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
    },
    /// Bring the database up to date.
    Migrate,
    /// Kiosks allowed to sync.
    Kiosk {
        #[command(subcommand)]
        command: KioskCommand,
    },
    /// Validate a pack folder and make it the one kiosks get.
    Publish { dir: PathBuf },
    /// Leads of all kiosks.
    Leads {
        #[command(subcommand)]
        command: LeadsCommand,
    },
    /// Make an admin token (printed once) for the admin API.
    AdminToken,
}

#[derive(Subcommand)]
enum KioskCommand {
    /// Register a kiosk; prints its token once (only its hash is kept).
    Add { name: String },
    /// Kiosks with their last heartbeat, pack, queue and version.
    List,
    /// Refuse a kiosk's token from now on.
    Revoke { name: String },
}

#[derive(Subcommand)]
enum LeadsCommand {
    /// CSV of leads, streamed.
    Export {
        /// Only leads that asked about this town, e.g. ptuj.
        #[arg(long)]
        town: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<NaiveDate>,
        /// Standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Erase every lead of an address here; kiosks erase theirs at their next sync.
    Erase {
        #[arg(long)]
        email: String,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()).await {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
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
        Command::Serve { listen } => {
            db::migrate(&pool).await?;
            let blobs = Arc::new(
                BlobStore::new(&cli.blob_dir)
                    .with_context(|| format!("blob folder {}", cli.blob_dir.display()))?,
            );
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .with_context(|| format!("cannot listen on {listen}"))?;
            eprintln!("city-hub listening on {}", listener.local_addr()?);
            axum::serve(listener, api::router(AppState { pool, blobs }))
                .with_graceful_shutdown(shutdown())
                .await?;
        }
        Command::Kiosk { command } => kiosk(&pool, command).await?,
        Command::Publish { dir } => {
            let blobs = BlobStore::new(&cli.blob_dir)?;
            match publish(&pool, &blobs, &dir).await {
                Ok(published) => println!(
                    "published pack {}: {} files, {} new, etag {}",
                    published.version, published.files, published.new_blobs, published.etag
                ),
                Err(PublishError::Invalid(invalid)) => {
                    for problem in &invalid.problems {
                        println!("{problem}");
                    }
                    eprintln!(
                        "{}: {} problem(s); nothing was published",
                        dir.display(),
                        invalid.problems.len()
                    );
                    return Ok(ExitCode::FAILURE);
                }
                Err(PublishError::Other(error)) => return Err(error),
            }
        }
        Command::Leads { command } => leads(&pool, command).await?,
        Command::AdminToken => {
            let token = tokens::new_token()?;
            sqlx::query("INSERT INTO admin_tokens (token_sha256) VALUES ($1)")
                .bind(tokens::token_hash(&token))
                .execute(&pool)
                .await?;
            println!("{token}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn kiosk(pool: &sqlx::PgPool, command: KioskCommand) -> anyhow::Result<()> {
    match command {
        KioskCommand::Add { name } => {
            anyhow::ensure!(
                city_core::ids::is_valid_id(&name),
                "a kiosk name is {}",
                city_core::ids::ID_RULE
            );
            let token = tokens::new_token()?;
            sqlx::query("INSERT INTO kiosks (name, token_sha256) VALUES ($1, $2)")
                .bind(&name)
                .bind(tokens::token_hash(&token))
                .execute(pool)
                .await
                .with_context(|| format!("cannot add kiosk `{name}` (does it exist already?)"))?;
            println!("{token}");
            eprintln!(
                "kiosk `{name}` added; put the token above into its kiosk.toml [hub] token; it is not shown again"
            );
        }
        KioskCommand::List => {
            type Row = (
                String,
                Option<chrono::DateTime<chrono::Utc>>,
                Option<String>,
                Option<i64>,
                Option<String>,
                bool,
            );
            let rows: Vec<Row> = sqlx::query_as(
                "SELECT name, last_heartbeat_at, pack_version, queued_leads, app_version, revoked FROM kiosks ORDER BY name",
            )
            .fetch_all(pool)
            .await?;
            println!(
                "{:<24} {:<22} {:<14} {:>7} {:<10}",
                "kiosk", "last heartbeat", "pack", "queued", "app"
            );
            for (name, heartbeat, pack, queued, app, revoked) in rows {
                println!(
                    "{:<24} {:<22} {:<14} {:>7} {:<10}{}",
                    name,
                    heartbeat.map_or("never".into(), |at| at
                        .format("%Y-%m-%d %H:%M UTC")
                        .to_string()),
                    pack.unwrap_or_else(|| "-".into()),
                    queued.map_or("-".into(), |n| n.to_string()),
                    app.unwrap_or_else(|| "-".into()),
                    if revoked { "  (revoked)" } else { "" }
                );
            }
        }
        KioskCommand::Revoke { name } => {
            let result = sqlx::query("UPDATE kiosks SET revoked = TRUE WHERE name = $1")
                .bind(&name)
                .execute(pool)
                .await?;
            anyhow::ensure!(result.rows_affected() == 1, "no kiosk `{name}`");
            eprintln!("kiosk `{name}` revoked");
        }
    }
    Ok(())
}

async fn leads(pool: &sqlx::PgPool, command: LeadsCommand) -> anyhow::Result<()> {
    match command {
        LeadsCommand::Export { town, since, out } => {
            let mut stream = std::pin::pin!(csv_stream(pool.clone(), LeadFilter { town, since }));
            let mut sink: Box<dyn tokio::io::AsyncWrite + Unpin> = match &out {
                Some(path) => Box::new(
                    tokio::fs::File::create(path)
                        .await
                        .with_context(|| format!("cannot create {}", path.display()))?,
                ),
                None => Box::new(tokio::io::stdout()),
            };
            while let Some(chunk) = stream.next().await {
                sink.write_all(&chunk?).await?;
            }
            sink.flush().await?;
        }
        LeadsCommand::Erase { email } => {
            let mut tx = pool.begin().await?;
            let erased = sqlx::query("DELETE FROM leads WHERE lower(email) = lower($1)")
                .bind(email.trim())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            sqlx::query("INSERT INTO erasures (email_sha256) VALUES ($1)")
                .bind(city_core::protocol::email_hash(&email))
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            println!("{erased} leads erased here; kiosks erase theirs at their next sync");
        }
    }
    Ok(())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => return interrupt.await.unwrap_or(()),
            };
        tokio::select! {
            _ = interrupt => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = interrupt.await;
}
