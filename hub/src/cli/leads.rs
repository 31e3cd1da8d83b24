//! `city-hub leads`: exporting every kiosk's leads, and erasing a person.

use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use city_hub::db::leads as lead_rows;
use city_hub::lead_csv::{ExportLimits, LeadFilter, csv_stream};
use city_hub::links::LinkKey;
use futures_util::StreamExt;
use tokio::io::AsyncWriteExt;

#[derive(clap::Subcommand)]
pub enum LeadsCommand {
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

pub async fn run(pool: &sqlx::PgPool, command: LeadsCommand) -> anyhow::Result<()> {
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
                    city_core::owner_only::create_file(path)
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
