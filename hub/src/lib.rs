//! `city-hub`: the central service of the City Cooperation kiosks. It
//! publishes content packs (files stored by content hash) and collects the
//! leads of every kiosk, exactly once, in PostgreSQL. It keeps no state of
//! its own: any number of hubs can serve one database and one blob store.

pub mod api;
pub mod blobs;
pub mod db;
pub mod export;
pub mod publish;
pub mod tokens;

use std::sync::Arc;

pub use blobs::BlobStore;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub pool: sqlx::PgPool,
    pub blobs: Arc<BlobStore>,
}
