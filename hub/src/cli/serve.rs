//! `city-hub serve`: the HTTP service, with its limits and the visitor's
//! mail.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use city_hub::console::PACK_CHECKS_AT_ONCE;
use city_hub::lead_csv::ExportSlots;
use city_hub::links::LinkKey;
use city_hub::mail::{MailSettings, Mailer, PublicUrl, SmtpServer};
use city_hub::packs::current::PackTexts;
use city_hub::server::{ConnectionLimits, serve as serve_http};
use city_hub::{AppState, BlobStore, RequestLimits, db, routes};

/// How the hub listens and what it allows.
#[derive(clap::Args)]
pub struct ServeArgs {
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

/// Migrates, starts the mail worker (if mail is configured) and serves
/// until SIGINT or SIGTERM.
pub async fn serve(
    pool: sqlx::PgPool,
    database_url: &str,
    blob_dir: &Path,
    args: ServeArgs,
) -> anyhow::Result<()> {
    let mail = args.mail.settings()?;
    db::migrate(&pool).await?;
    let mail_line = match &mail {
        Some(settings) => format!("mail through {}:{}", settings.smtp.host, settings.smtp.port),
        None => "no mail (no --smtp-url)".to_string(),
    };
    let blobs = Arc::new(
        BlobStore::new(blob_dir).with_context(|| format!("blob folder {}", blob_dir.display()))?,
    );
    let link_key = LinkKey::load_or_make(&pool).await?;
    let pack_texts = Arc::new(PackTexts::new(blobs.clone()));
    let mailer = match mail {
        Some(settings) => {
            let mailer = Arc::new(Mailer::new(settings, link_key.clone(), pack_texts.clone())?);
            tokio::spawn(city_hub::mail::run_worker(pool.clone(), mailer.clone()));
            Some(mailer)
        }
        None => None,
    };
    let state = AppState {
        link_key,
        pack_texts,
        mailer,
        export_pool: db::connect_exports(database_url).await?,
        pool,
        exports: Arc::new(ExportSlots::new(args.max_exports as usize)),
        pack_checks: Arc::new(tokio::sync::Semaphore::new(PACK_CHECKS_AT_ONCE)),
        blobs,
        limits: RequestLimits {
            request_timeout: Duration::from_secs(args.request_timeout_secs),
            export_send_timeout: Duration::from_secs(args.export_send_timeout_secs),
        },
    };
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    // The one line that says what started, with what (no password).
    tracing::info!(
        "city-hub {} listening on {}: database {}, blobs in {}, {mail_line}",
        env!("CARGO_PKG_VERSION"),
        listener.local_addr()?,
        db::shown(database_url),
        blob_dir.display()
    );
    city_core::systemd::ready();
    let limits = ConnectionLimits {
        header_timeout: Duration::from_secs(args.header_timeout_secs),
        max_connections: args.max_connections as usize,
    };
    serve_http(listener, routes::router(state), limits, shutdown()).await?;
    Ok(())
}

async fn shutdown() {
    let interrupt = tokio::signal::ctrl_c();
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
