//! `city-hub admin-token`: tokens for the admin API.

use city_hub::db::admins;
use city_hub::tokens;

#[derive(clap::Subcommand)]
pub enum AdminCommand {
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

/// Runs `command`; without one, adds a token with no label.
pub async fn run(pool: &sqlx::PgPool, command: Option<AdminCommand>) -> anyhow::Result<()> {
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
