//! The hub's PostgreSQL: connecting, migrating, and one module per kind of
//! thing it holds (kiosks, admin tokens, leads, packs, counts, the
//! console's users and pack uploads, the mail outbox, the hub's keys).
//! Every SQL statement of the hub is here.

pub mod admins;
pub mod keys;
pub mod kiosks;
pub mod leads;
pub mod mail;
pub mod packs;
pub mod stats;
pub mod uploads;
pub mod users;

use std::time::Duration;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

/// Connections for kiosks, the CLI and health checks.
const MAIN_CONNECTIONS: u32 = 16;
/// Connections for lead exports, apart from the main ones: stalled
/// downloads can hold these, never the ones kiosks need.
pub const EXPORT_CONNECTIONS: u32 = 4;

pub async fn connect(url: &str) -> anyhow::Result<PgPool> {
    pool(url, MAIN_CONNECTIONS).await
}

/// The separate pool lead exports run on.
pub async fn connect_exports(url: &str) -> anyhow::Result<PgPool> {
    pool(url, EXPORT_CONNECTIONS).await
}

async fn pool(url: &str, connections: u32) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(connections)
        .acquire_timeout(Duration::from_secs(10))
        .connect(url)
        .await
        .map_err(|error| anyhow::anyhow!("cannot connect to the database: {error}"))
}

/// Brings the database up to date; says so when it applied anything.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    let migrator = sqlx::migrate!("./migrations");
    // sqlx's own table, made by the first migration run: not part of
    // the schema the checked queries know, so asked at run time.
    let applied = |pool| async move {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM _sqlx_migrations")
            .fetch_one(pool)
            .await
            .unwrap_or(0)
    };
    let before = applied(pool).await;
    migrator
        .run(pool)
        .await
        .map_err(|error| anyhow::anyhow!("cannot migrate the database: {error}"))?;
    let after = applied(pool).await;
    if after > before {
        tracing::info!("database migrated: {} migration(s) applied", after - before);
    }
    Ok(())
}

/// A database address as the log may show it: host, port and database,
/// never the user or password.
pub fn shown(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(url) => format!(
            "{}:{}{}",
            url.host_str().unwrap_or("?"),
            url.port().unwrap_or(5432),
            url.path()
        ),
        Err(_) => "(an address that does not parse)".to_string(),
    }
}

/// Whether the database answers (for `/healthz`).
pub async fn ping(pool: &PgPool) -> sqlx::Result<()> {
    sqlx::query!("SELECT 1 AS answer")
        .fetch_one(pool)
        .await
        .map(|_| ())
}
