//! The hub's queries are checked against the schema when compiling, from
//! sqlx's offline data: here that data is held against the migrations, on
//! a throwaway PostgreSQL, so that a migration that changes a column the
//! code reads fails the tests, not a town's office.

use crate::support::postgres::TestPostgres;
use crate::support::query_cache::stale_queries;

#[test]
fn every_cached_query_is_described_as_the_migrations_have_it() {
    let mut postgres = TestPostgres::start();
    let url = postgres.database("query_cache");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let pool = city_hub::db::connect(&url).await.unwrap();
        city_hub::db::migrate(&pool).await.unwrap();
        let stale = stale_queries(&pool, "PostgreSQL").await;
        assert!(
            stale.is_empty(),
            "run scripts/sqlx-prepare.sh; stale: {stale:#?}"
        );
        pool.close().await;
    });
}
