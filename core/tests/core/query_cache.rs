//! The kiosk store's queries are checked when compiling, from sqlx's
//! offline data: here that data is held against the store's migrations,
//! on a real store file, so that a migration that changes a column the
//! code reads fails the tests, not a kiosk at a fair.

use sqlx::sqlite::SqlitePoolOptions;

use crate::support::query_cache::stale_queries;

#[tokio::test(flavor = "multi_thread")]
async fn every_cached_query_is_described_as_the_migrations_have_it() {
    let work = tempfile::tempdir().unwrap();
    // The store migrates its file when it opens it.
    let store = city_core::store::Store::open_in(work.path()).await.unwrap();
    store.close().await;
    let path = work.path().join(city_core::store::STORE_FILE);
    let pool = SqlitePoolOptions::new()
        .connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    let stale = stale_queries(&pool, "SQLite").await;
    assert!(
        stale.is_empty(),
        "run scripts/sqlx-prepare.sh; stale: {stale:#?}"
    );
    pool.close().await;
}
