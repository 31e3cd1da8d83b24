//! `city-hub kiosk`: the kiosks allowed to sync.

use anyhow::Context;
use city_hub::db::kiosks;
use city_hub::tokens;

#[derive(clap::Subcommand)]
pub enum KioskCommand {
    /// Register a kiosk; prints its token once (only its hash is kept).
    Add { name: String },
    /// Kiosks with their last heartbeat, pack, queue and version.
    List,
    /// Refuse a kiosk's token from now on.
    Revoke { name: String },
}

pub async fn run(pool: &sqlx::PgPool, command: KioskCommand) -> anyhow::Result<()> {
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
