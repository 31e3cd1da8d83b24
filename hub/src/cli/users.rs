//! `city-hub user`: the people who use the web console.

use city_hub::db::users;
use city_hub::tokens;

#[derive(clap::Subcommand)]
pub enum UserCommand {
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

pub async fn run(pool: &sqlx::PgPool, command: UserCommand) -> anyhow::Result<()> {
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
