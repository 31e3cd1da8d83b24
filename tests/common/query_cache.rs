//! sqlx's offline query data (`.sqlx/` at the workspace's root), which
//! every build reads instead of a database: the queries of one database
//! and what sqlx said of each when it was made.

use std::path::Path;

use sqlx::{Database, Describe, Executor};

/// One cached query: its text and sqlx's description of it (columns,
/// parameters, nullability) as the file has it.
struct CachedQuery {
    file: String,
    query: String,
    describe: serde_json::Value,
}

/// The cached queries of database `db_name` ("PostgreSQL", "SQLite").
fn cached_queries(db_name: &str) -> Vec<CachedQuery> {
    // Each crate that asks lives one folder below the workspace's root.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../.sqlx");
    let mut found: Vec<CachedQuery> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .filter_map(|path| {
            let data: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            (data["db_name"] == db_name).then(|| CachedQuery {
                file: path.file_name().unwrap().to_string_lossy().into_owned(),
                query: data["query"].as_str().unwrap().to_string(),
                describe: data["describe"].clone(),
            })
        })
        .collect();
    found.sort_by(|a, b| a.file.cmp(&b.file));
    found
}

/// The cached queries of `db_name` whose description by the database
/// behind `executor` is not the cached one, each with what it is now.
pub async fn stale_queries<'e, E>(executor: E, db_name: &str) -> Vec<String>
where
    E: Executor<'e> + Copy,
    Describe<E::Database>: serde::Serialize,
    E::Database: Database,
{
    let queries = cached_queries(db_name);
    assert!(queries.len() > 10, "{} queries cached", queries.len());
    let mut stale = Vec::new();
    for cached in &queries {
        match executor.describe(&cached.query).await {
            Ok(describe) => {
                let now = serde_json::to_value(&describe).unwrap();
                if now != cached.describe {
                    stale.push(format!("{}: now {now}", cached.file));
                }
            }
            Err(error) => stale.push(format!("{}: {error}", cached.file)),
        }
    }
    stale
}
