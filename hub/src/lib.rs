//! `city-hub`: the central service of the City Cooperation kiosks. It
//! publishes content packs (files stored by content hash) and collects the
//! leads of every kiosk, exactly once, in PostgreSQL. It keeps no state of
//! its own: any number of hubs can serve one database and one blob store.

#![forbid(unsafe_code)]

pub mod api;
pub mod blobs;
pub mod console;
pub mod db;
pub mod html;
pub mod i18n;
pub mod lead_csv;
pub mod lead_view;
pub mod links;
pub mod mail;
pub mod packs;
pub mod routes;
pub mod server;
pub mod tokens;
pub mod visitor;

use std::sync::Arc;
use std::time::Duration;

pub use blobs::BlobStore;

/// A moment as the console and the command line show it, to the minute.
pub fn utc_minute(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    /// Kiosks, health checks, everything quick.
    pub pool: sqlx::PgPool,
    /// Lead exports only: a stalled download never holds a connection
    /// that kiosks need.
    pub export_pool: sqlx::PgPool,
    /// Exports running at once, and for each holder.
    pub exports: Arc<lead_csv::ExportSlots>,
    /// Uploaded packs unpacked and checked at once.
    pub pack_checks: Arc<tokio::sync::Semaphore>,
    pub blobs: Arc<BlobStore>,
    pub limits: RequestLimits,
    /// Signs and checks the links in visitors' mail.
    pub link_key: links::LinkKey,
    /// The current pack's texts, for visitors' mail and pages.
    pub pack_texts: Arc<packs::current::PackTexts>,
    /// Sends visitors' mail; None when no SMTP server is configured (no
    /// mail is then queued).
    pub mailer: Option<Arc<mail::Mailer>>,
}

#[derive(Debug, Clone, Copy)]
pub struct RequestLimits {
    /// From a request's first byte to its answer's header.
    pub request_timeout: Duration,
    /// An export whose reader takes nothing for this long is dropped.
    pub export_send_timeout: Duration,
}

impl Default for RequestLimits {
    fn default() -> Self {
        RequestLimits {
            request_timeout: Duration::from_secs(60),
            export_send_timeout: Duration::from_secs(30),
        }
    }
}
