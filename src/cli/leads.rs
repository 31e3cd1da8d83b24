//! `city-kiosk leads …` and `city-kiosk pin hash`: leads and the staff PIN
//! from the command line, for staff and scripts.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use city_core::Lang;
use city_core::config::Config;
use city_core::leads::csv::CsvStyle;
use city_core::leads::{LeadForm, Origin};
use city_core::store::Store;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum LeadsCommand {
    /// How many leads the kiosk holds.
    Count,
    /// Write leads as CSV (UTF-8, semicolons: opens in Excel in AT, SI and
    /// HU) and mark them exported.
    Export {
        /// Only leads given on or after this day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        since: Option<NaiveDate>,
        /// The file to write; standard output when absent.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Field separator, e.g. ',' for tools that expect commas.
        #[arg(long, default_value = ";")]
        delimiter: char,
        /// Do not mark the leads as exported (a preview).
        #[arg(long)]
        no_mark: bool,
    },
    /// Erase every lead of an e-mail address (the right to erasure).
    Erase {
        #[arg(long)]
        email: String,
    },
    /// Save generated leads one by one, printing each id once it is on
    /// disk; used by the durability test.
    #[command(hide = true)]
    Stress {
        #[arg(long, default_value_t = 1000)]
        count: u32,
    },
}

#[derive(Subcommand, Debug)]
pub enum PinCommand {
    /// Read a PIN (4 to 12 digits) from standard input and print its argon2
    /// hash for `staff.pin_hash` in kiosk.toml.
    Hash,
}

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

pub fn leads(config_path: &Path, command: LeadsCommand) -> anyhow::Result<ExitCode> {
    let config = Config::load(config_path).map_err(|error| anyhow::anyhow!("{error}"))?;
    runtime()?.block_on(async {
        let store = Store::open_in(&config.data.dir).await?;
        match command {
            LeadsCommand::Count => {
                let counts = store
                    .lead_counts(city_core::leads::today_started_at())
                    .await?;
                println!(
                    "{} leads: {} today, {} not yet synced, {} only on this kiosk, {} exported",
                    counts.total, counts.today, counts.unsynced, counts.only_here, counts.exported
                );
            }
            LeadsCommand::Export {
                since,
                out,
                delimiter,
                no_mark,
            } => {
                let since = since
                    .and_then(|day| day.and_hms_opt(0, 0, 0))
                    .map(|t| t.and_utc());
                let style = CsvStyle { delimiter };
                let summary = match &out {
                    Some(path) => {
                        // Leads are personal data: the file is the caller's only.
                        let file = city_core::owner_only::create_file(path)
                            .with_context(|| format!("cannot create {}", path.display()))?;
                        let (writer, summary) = store
                            .export_csv(std::io::BufWriter::new(file), style, since)
                            .await?;
                        let file = writer.into_inner().map_err(|error| error.into_error())?;
                        file.sync_all()?;
                        summary
                    }
                    None => {
                        let stdout = std::io::stdout().lock();
                        let (mut stdout, summary) = store.export_csv(stdout, style, since).await?;
                        stdout.flush()?;
                        summary
                    }
                };
                if !no_mark {
                    store.mark_exported(&summary, Utc::now()).await?;
                }
                eprintln!("{} leads exported", summary.leads);
            }
            LeadsCommand::Erase { email } => {
                let (leads, rows) =
                    city_core::export_folder::erase_person(&store, &config.data.dir, &email)
                        .await?;
                println!("{leads} leads erased, and {rows} rows of exports in the data folder");
            }
            LeadsCommand::Stress { count } => stress(&store, &config, count).await?,
        }
        store.close().await;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Saves leads as the interest form does and reports each one saved.
async fn stress(store: &Store, config: &Config, count: u32) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout();
    for n in 0..count {
        let form = LeadForm {
            email: format!("visitor{n}@example.org"),
            towns: ["ptuj".to_string()].into(),
            consent_contact: true,
            ..LeadForm::default()
        };
        let lead = form
            .to_lead(&Origin {
                kiosk_id: &config.kiosk.id,
                venue: &config.kiosk.venue,
                language: Lang::En,
                consent_version: "stress",
                at: Utc::now(),
            })
            .map_err(|problems| anyhow::anyhow!("{problems:?}"))?;
        store.save_lead(&lead).await?;
        // Only now would the screen say "thank you".
        writeln!(stdout, "saved {}", lead.id)?;
        stdout.flush()?;
    }
    Ok(())
}

pub fn pin(command: PinCommand) -> anyhow::Result<ExitCode> {
    match command {
        PinCommand::Hash => {
            let stdin = std::io::stdin();
            if std::io::IsTerminal::is_terminal(&stdin) {
                eprint!("PIN (4 to 12 digits): ");
            }
            let mut line = String::new();
            stdin.lock().read_line(&mut line)?;
            let hash = city_core::staff::hash_pin(line.trim())?;
            println!("{hash}");
            Ok(ExitCode::SUCCESS)
        }
    }
}

pub fn sync(config_path: &Path, once: bool) -> anyhow::Result<ExitCode> {
    anyhow::ensure!(once, "use `sync --once`; the running kiosk syncs by itself");
    let config = Config::load(config_path).map_err(|error| anyhow::anyhow!("{error}"))?;
    let hub = config
        .hub
        .as_ref()
        .context("no [hub] in the configuration: this kiosk runs alone")?;
    let current = city_core::sync::active_pack_dir(&config.data.dir)
        .unwrap_or_else(|| config.content.dir.clone());
    let pack_version = city_core::content::load_pack(&current)
        .map(|pack| pack.version)
        .unwrap_or_else(|_| "none".into());
    let client = city_core::sync::HubClient::from_config(hub)?;
    runtime()?.block_on(async {
        let store = Store::open_in(&config.data.dir).await?;
        let kiosk = city_core::sync::KioskState {
            data_dir: &config.data.dir,
            current_pack: &current,
            pack_version: &pack_version,
            app_version: env!("CARGO_PKG_VERSION"),
            media: Some(&city_decode::Decoder),
            venue: Some(&config.kiosk.venue),
            last_error: None,
        };
        let report = city_core::sync::sync_once(&client, &store, &kiosk).await?;
        println!(
            "synced: {} leads sent, {} counts sent, {} leads erased on request, {}",
            report.leads_sent,
            report.stats_sent,
            report.leads_erased,
            match &report.installed {
                Some(pack) => format!(
                    "pack {} installed ({} files downloaded)",
                    pack.version, report.blobs_downloaded
                ),
                None => "pack unchanged".to_string(),
            }
        );
        for problem in &report.problems {
            eprintln!("{problem}");
        }
        store.close().await;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
