//! `city-hub`: serve the API, migrate, manage kiosks and admin tokens,
//! publish packs, export and erase leads.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chrono::NaiveDate;
use city_hub::console::PACK_CHECKS_AT_ONCE;
use city_hub::db::{admins, kiosks, leads as lead_rows, users};
use city_hub::export::{ExportLimits, ExportSlots, LeadFilter, csv_stream};
use city_hub::links::LinkKey;
use city_hub::mail::{MailSettings, Mailer, PublicUrl, SmtpServer};
use city_hub::pack_texts::PackTexts;
use city_hub::publish::{PublishError, publish};
use city_hub::server::{ConnectionLimits, serve};
use city_hub::{AppState, BlobStore, RequestLimits, api, db, tokens};
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
        /// Seconds a client has to send a request's header, and to begin
        /// the next request on an idle connection.
        #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=600))]
        header_timeout_secs: u64,
        /// Seconds from a request's start to its answer.
        #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
        request_timeout_secs: u64,
        /// Connections served at once; more wait in the kernel's queue.
        #[arg(long, default_value_t = 512, value_parser = clap::value_parser!(u64).range(1..=100_000))]
        max_connections: u64,
        /// Lead exports running at once (one user or admin token runs at
        /// most half of them).
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u64).range(1..=64))]
        max_exports: u64,
        /// Seconds an export waits for a reader that takes nothing.
        #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
        export_send_timeout_secs: u64,
        #[command(flatten)]
        mail: MailArgs,
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
    /// People who use the web console.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Admin tokens for the admin API (without a subcommand: add one).
    AdminToken {
        #[command(subcommand)]
        command: Option<AdminCommand>,
    },
}

/// The visitor's mail; without `--smtp-url` no mail is sent or queued.
#[derive(clap::Args)]
struct MailArgs {
    /// The SMTP server: smtps://user:password@host:465 (TLS) or
    /// smtp://user:password@host:587 (STARTTLS, required); `?tls=none`
    /// only for a server on this machine. Best given by the environment.
    #[arg(long, env = "CITY_HUB_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// A certificate authority (PEM) to trust for the SMTP server, beside
    /// the public ones.
    #[arg(long, env = "CITY_HUB_SMTP_CA_FILE")]
    smtp_ca_file: Option<PathBuf>,
    /// The sender, e.g. "City Cooperation <info@city-cooperation.eu>".
    #[arg(long, env = "CITY_HUB_MAIL_FROM")]
    mail_from: Option<String>,
    /// The hub's address as visitors open it (https), for the links in
    /// their mail.
    #[arg(long, env = "CITY_HUB_PUBLIC_URL")]
    public_url: Option<String>,
    /// Mails handed to the SMTP server per minute, at most.
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u32).range(1..=60_000))]
    mails_per_minute: u32,
    /// SMTP conversations at once: each waits for the server's answers.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u32).range(1..=16))]
    mail_senders: u32,
    /// Seconds before a failed mail is tried again; each later wait is
    /// twice the one before (up to six hours).
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=3600))]
    mail_first_retry_secs: u64,
}

impl MailArgs {
    /// The settings, when mail is configured; a missing or bad value names
    /// its flag.
    fn settings(&self) -> anyhow::Result<Option<MailSettings>> {
        let Some(smtp_url) = &self.smtp_url else {
            return Ok(None);
        };
        let smtp = SmtpServer::parse(smtp_url)?;
        let from = self
            .mail_from
            .as_deref()
            .context("--smtp-url needs --mail-from (the sender of visitors' mail)")?;
        let from = from
            .parse()
            .map_err(|error| anyhow::anyhow!("--mail-from `{from}`: {error}"))?;
        let public_url = self
            .public_url
            .as_deref()
            .context("--smtp-url needs --public-url (the base of the links in visitors' mail)")?;
        Ok(Some(MailSettings {
            smtp,
            smtp_ca_file: self.smtp_ca_file.clone(),
            from,
            public_url: PublicUrl::parse(public_url)?,
            per_minute: self.mails_per_minute,
            senders: self.mail_senders,
            timeout: Duration::from_secs(60),
            first_retry: Duration::from_secs(self.mail_first_retry_secs),
        }))
    }
}

#[derive(Subcommand)]
enum UserCommand {
    /// Add a town's user (--town) or a network coordinator (--network);
    /// prints a one-time link (72 hours) to set the password.
    Add {
        email: String,
        /// The town whose leads they see, e.g. ptuj.
        #[arg(long, conflicts_with = "network", required_unless_present = "network")]
        town: Option<String>,
        /// Sees every town.
        #[arg(long)]
        network: bool,
        /// The console's address as people open it, for the link.
        #[arg(
            long,
            env = "CITY_HUB_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: url::Url,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Make an admin token, printed once (only its hash is kept).
    Add {
        /// Who or what it is for, e.g. "ptuj office script".
        #[arg(long, default_value = "")]
        label: String,
    },
    /// Admin tokens with their id, label and state.
    List,
    /// Refuse an admin token from now on, by its id from `list`.
    Revoke { id: i64 },
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
    city_core::private::owner_only_by_default();
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
        Command::Serve {
            listen,
            header_timeout_secs,
            request_timeout_secs,
            max_connections,
            max_exports,
            export_send_timeout_secs,
            mail,
        } => {
            let mail = mail.settings()?;
            db::migrate(&pool).await?;
            let blobs = Arc::new(
                BlobStore::new(&cli.blob_dir)
                    .with_context(|| format!("blob folder {}", cli.blob_dir.display()))?,
            );
            let link_key = LinkKey::load_or_make(&pool).await?;
            let pack_texts = Arc::new(PackTexts::new(blobs.clone()));
            let mailer = match mail {
                Some(settings) => {
                    let mailer =
                        Arc::new(Mailer::new(settings, link_key.clone(), pack_texts.clone())?);
                    tokio::spawn(city_hub::mail::run_worker(pool.clone(), mailer.clone()));
                    Some(mailer)
                }
                None => None,
            };
            let state = AppState {
                link_key,
                pack_texts,
                mailer,
                export_pool: db::connect_exports(url).await?,
                pool,
                exports: Arc::new(ExportSlots::new(max_exports as usize)),
                pack_checks: Arc::new(tokio::sync::Semaphore::new(PACK_CHECKS_AT_ONCE)),
                blobs,
                limits: RequestLimits {
                    request_timeout: Duration::from_secs(request_timeout_secs),
                    export_send_timeout: Duration::from_secs(export_send_timeout_secs),
                },
            };
            let listener = tokio::net::TcpListener::bind(listen)
                .await
                .with_context(|| format!("cannot listen on {listen}"))?;
            eprintln!("city-hub listening on {}", listener.local_addr()?);
            city_core::systemd::ready();
            let limits = ConnectionLimits {
                header_timeout: Duration::from_secs(header_timeout_secs),
                max_connections: max_connections as usize,
            };
            serve(listener, api::router(state), limits, shutdown()).await?;
        }
        Command::Kiosk { command } => kiosk(&pool, command).await?,
        Command::Publish { dir } => {
            let blobs = BlobStore::new(&cli.blob_dir)?;
            match publish(&pool, &blobs, &dir).await {
                Ok(published) => println!(
                    "published pack {}: {} files, {} new, {} films and guides decoded \
                     ({} passed before), id {}",
                    published.version,
                    published.files,
                    published.new_blobs,
                    published.media_decoded,
                    published.media_known,
                    published.id
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
        Command::AdminToken { command } => admin_token(&pool, command).await?,
        Command::User { command } => user(&pool, command).await?,
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
            kiosks::add(pool, &name, &token)
                .await
                .with_context(|| format!("cannot add kiosk `{name}` (does it exist already?)"))?;
            println!("{token}");
            eprintln!(
                "kiosk `{name}` added; put the token above into its kiosk.toml [hub] token; it is not shown again"
            );
        }
        KioskCommand::List => {
            println!(
                "{:<24} {:<22} {:<14} {:>7} {:<10}",
                "kiosk", "last heartbeat", "pack", "queued", "app"
            );
            for kiosk in kiosks::list(pool).await? {
                println!(
                    "{:<24} {:<22} {:<14} {:>7} {:<10}{}",
                    kiosk.name,
                    kiosk
                        .last_heartbeat_at
                        .map_or("never".into(), city_hub::utc_minute),
                    kiosk.pack_version.unwrap_or_else(|| "-".into()),
                    kiosk.queued_leads.map_or("-".into(), |n| n.to_string()),
                    kiosk.app_version.unwrap_or_else(|| "-".into()),
                    if kiosk.revoked { "  (revoked)" } else { "" }
                );
            }
        }
        KioskCommand::Revoke { name } => {
            anyhow::ensure!(kiosks::revoke(pool, &name).await?, "no kiosk `{name}`");
            eprintln!("kiosk `{name}` revoked");
        }
    }
    Ok(())
}

async fn user(pool: &sqlx::PgPool, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Add {
            email,
            town,
            network: _,
            public_url,
        } => {
            let email = city_core::leads::Email::parse(&email).map_err(|_| {
                anyhow::anyhow!(
                    "`{}` is not an e-mail address",
                    city_core::ids::shown(&email)
                )
            })?;
            let scope = match town {
                Some(town) => {
                    anyhow::ensure!(
                        city_core::ids::is_valid_id(&town),
                        "a town is {}",
                        city_core::ids::ID_RULE
                    );
                    users::Scope::Town(town)
                }
                None => users::Scope::Network,
            };
            let folded = city_core::leads::fold_email(email.as_str());
            let token = tokens::new_token()?;
            let added = users::add(pool, &folded, &scope, &token, chrono::Utc::now()).await?;
            anyhow::ensure!(
                added,
                "{folded} has a console account with a password already"
            );
            let mut link = public_url.join("/console/set-password")?;
            link.query_pairs_mut().append_pair("token", &token);
            println!("{link}");
            eprintln!("send this link to {folded}: it sets their password once, within 72 hours");
        }
    }
    Ok(())
}

async fn admin_token(pool: &sqlx::PgPool, command: Option<AdminCommand>) -> anyhow::Result<()> {
    match command.unwrap_or(AdminCommand::Add {
        label: String::new(),
    }) {
        AdminCommand::Add { label } => {
            anyhow::ensure!(
                label.chars().count() <= 100 && !label.chars().any(char::is_control),
                "a label is at most 100 characters on one line"
            );
            let token = tokens::new_token()?;
            let id = admins::add(pool, &token, &label).await?;
            println!("{token}");
            eprintln!(
                "admin token {id} added; it is not shown again (`city-hub admin-token revoke {id}` ends it)"
            );
        }
        AdminCommand::List => {
            println!("{:>5} {:<22} {:<10} label", "id", "created", "state");
            for token in admins::list(pool).await? {
                println!(
                    "{:>5} {:<22} {:<10} {}",
                    token.id,
                    city_hub::utc_minute(token.created_at),
                    if token.revoked_at.is_some() {
                        "revoked"
                    } else {
                        "valid"
                    },
                    token.label
                );
            }
        }
        AdminCommand::Revoke { id } => {
            anyhow::ensure!(
                admins::revoke(pool, id).await?,
                "no valid admin token with id {id}"
            );
            eprintln!("admin token {id} revoked");
        }
    }
    Ok(())
}

async fn leads(pool: &sqlx::PgPool, command: LeadsCommand) -> anyhow::Result<()> {
    match command {
        LeadsCommand::Export { town, since, out } => {
            if let Some(town) = &town {
                anyhow::ensure!(
                    city_core::ids::is_valid_id(town),
                    "a town is {}",
                    city_core::ids::ID_RULE
                );
            }
            let filter = LeadFilter {
                town,
                since: since
                    .and_then(|day| day.and_hms_opt(0, 0, 0))
                    .map(|time| time.and_utc()),
                ..LeadFilter::default()
            };
            let limits = ExportLimits {
                send_timeout: None,
                slot: None,
            };
            let mut stream = std::pin::pin!(csv_stream(pool.clone(), filter, limits));
            let mut sink: Box<dyn tokio::io::AsyncWrite + Unpin> = match &out {
                // Leads are personal data: the file is the caller's only.
                Some(path) => Box::new(tokio::fs::File::from_std(
                    city_core::private::create_file(path)
                        .with_context(|| format!("cannot create {}", path.display()))?,
                )),
                None => Box::new(tokio::io::stdout()),
            };
            while let Some(chunk) = stream.next().await {
                sink.write_all(&chunk?).await?;
            }
            sink.flush().await?;
        }
        LeadsCommand::Erase { email } => {
            let keys = LinkKey::load_or_make(pool).await?;
            let erased = lead_rows::erase(pool, &keys, &email).await?;
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
