//! The hub's speed, printed, never asserted (against a throwaway
//! PostgreSQL on this machine):
//! - leads ingested per second through `POST /v1/leads` in batches of 500,
//!   beside the same rows loaded with one `COPY` (the floor);
//! - a CSV export of 1,000,000 leads: time and peak memory;
//! - a sync with nothing new: requests and time.
//!
//! `cargo bench -p city-hub --bench hub`. Targets: ingest within 3x of
//! COPY, export in constant memory, a no-change sync in one request.

#[path = "../tests/hub/support/postgres.rs"]
mod postgres;

use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use city_core::protocol::{LeadBatch, LeadWire};
use city_hub::export::{ExportLimits, LeadFilter, csv_stream};
use city_hub::server::{ConnectionLimits, serve};
use city_hub::{AppState, BlobStore, RequestLimits, api, db, tokens};
use futures_util::StreamExt;

const INGESTED: usize = 100_000;
const EXPORTED: usize = 1_000_000;

fn lead(n: usize) -> LeadWire {
    LeadWire {
        id: uuid::Uuid::new_v4(),
        created_at: Utc::now(),
        venue: "Ferien-Messe Wien".into(),
        language: "de".into(),
        email: format!("visitor{n}@example.org"),
        name: Some(format!("Visitor {n}")),
        country: Some("AT".into()),
        towns: vec!["ptuj".into(), "lendava".into()],
        themes: vec!["culinary".into()],
        family: n.is_multiple_of(3),
        calendar: None,
        postal_address: None,
        message: Some("Please send the calendar.".into()),
        consent_version: "2026-11-24".into(),
        consent_contact: true,
        consent_newsletter: n.is_multiple_of(2),
    }
}

fn copy_rows(kiosk_id: i64, leads: impl Iterator<Item = LeadWire>) -> Vec<u8> {
    let mut out = String::new();
    for lead in leads {
        out.push_str(&format!(
            "{},{kiosk_id},booth,{},{},{},{},{},{},{},\"{{{}}}\",\"{{{}}}\",{},,,{},{},{},{}\n",
            lead.id,
            lead.venue,
            lead.created_at.to_rfc3339(),
            lead.language,
            lead.email,
            city_core::leads::fold_email(&lead.email),
            lead.name.unwrap_or_default(),
            lead.country.unwrap_or_default(),
            lead.towns.join(","),
            lead.themes.join(","),
            lead.family,
            lead.message.unwrap_or_default(),
            lead.consent_version,
            lead.consent_contact,
            lead.consent_newsletter
        ));
    }
    out.into_bytes()
}

const COPY: &str = "COPY leads (id, kiosk_id, kiosk_name, venue, created_at, language, email, email_fold, name, country, towns, themes, \
                    family, calendar, postal_address, message, consent_version, consent_contact, consent_newsletter) \
                    FROM STDIN WITH (FORMAT csv)";

fn main() {
    let mut cluster = postgres::TestPostgres::start();
    let url = cluster.database("bench");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let pool = db::connect(&url).await.unwrap();
        db::migrate(&pool).await.unwrap();
        let blobs = tempfile::tempdir().unwrap();
        let state = AppState {
            pool: pool.clone(),
            export_pool: db::connect_exports(&url).await.unwrap(),
            exports: Arc::new(tokio::sync::Semaphore::new(4)),
            blobs: Arc::new(BlobStore::new(blobs.path()).unwrap()),
            limits: RequestLimits::default(),
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(serve(
            listener,
            api::router(state),
            ConnectionLimits::default(),
            std::future::pending(),
        ));
        let token = tokens::new_token().unwrap();
        let kiosk_id: i64 = sqlx::query_scalar("INSERT INTO kiosks (name, token_sha256) VALUES ('booth', $1) RETURNING id")
            .bind(tokens::token_hash(&token))
            .fetch_one(&pool)
            .await
            .unwrap();

        // Ingest through the API, in batches of 500.
        let http = reqwest::Client::new();
        let leads: Vec<LeadWire> = (0..INGESTED).map(lead).collect();
        let start = Instant::now();
        for batch in leads.chunks(city_core::protocol::LEAD_BATCH) {
            let response = http
                .post(format!("http://{address}/v1/leads"))
                .bearer_auth(&token)
                .json(&LeadBatch { leads: batch.to_vec() })
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success());
        }
        let api_rate = INGESTED as f64 / start.elapsed().as_secs_f64();

        // The same number of rows with one COPY.
        let rows = copy_rows(kiosk_id, (0..INGESTED).map(lead));
        let start = Instant::now();
        let mut connection = pool.acquire().await.unwrap();
        let mut copy = connection.copy_in_raw(COPY).await.unwrap();
        copy.send(rows).await.unwrap();
        copy.finish().await.unwrap();
        let copy_rate = INGESTED as f64 / start.elapsed().as_secs_f64();
        println!(
            "ingest {INGESTED} leads: API in batches of 500 {api_rate:.0} leads/s, COPY {copy_rate:.0} rows/s (COPY is {:.2}x faster)",
            copy_rate / api_rate
        );

        // Fill up to a million and export them all.
        let mut have = 2 * INGESTED;
        while have < EXPORTED {
            let count = (EXPORTED - have).min(100_000);
            let mut copy = connection.copy_in_raw(COPY).await.unwrap();
            copy.send(copy_rows(kiosk_id, (have..have + count).map(lead))).await.unwrap();
            copy.finish().await.unwrap();
            have += count;
        }
        drop(connection);
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let before = peak_megabytes();
        let start = Instant::now();
        let limits = ExportLimits {
            send_timeout: None,
            permit: None,
        };
        let mut stream = std::pin::pin!(csv_stream(pool.clone(), LeadFilter::default(), limits));
        let (mut bytes, mut lines) = (0usize, 0usize);
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.unwrap();
            bytes += chunk.len();
            lines += chunk.iter().filter(|&&byte| byte == b'\n').count();
        }
        println!(
            "export {} leads as CSV ({:.0} MB): {:.2} s, peak memory {:.1} MB (at start {:.1} MB)",
            lines - 1,
            bytes as f64 / 1e6,
            start.elapsed().as_secs_f64(),
            peak_megabytes(),
            before
        );

        // A sync with nothing to send and no new pack.
        let kiosk_data = tempfile::tempdir().unwrap();
        let store = city_core::store::Store::open_in(kiosk_data.path()).await.unwrap();
        let hub_url = city_core::config::HubUrl::parse(&format!("http://{address}/")).unwrap();
        let client = city_core::sync::HubClient::new(&hub_url, &token, None).unwrap();
        let pack = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../media");
        let kiosk = city_core::sync::KioskState {
            data_dir: kiosk_data.path(),
            current_pack: &pack,
            pack_version: "bench",
            app_version: "bench",
            media: None,
        };
        city_core::sync::sync_once(&client, &store, &kiosk).await.unwrap();
        let start = Instant::now();
        let report = city_core::sync::sync_once(&client, &store, &kiosk).await.unwrap();
        println!(
            "no-change sync: {} request(s), {:.1} ms",
            report.requests,
            start.elapsed().as_secs_f64() * 1000.0
        );
    });
}

/// This process's peak memory so far, in MB.
fn peak_megabytes() -> f64 {
    city_core::process_memory::peak_memory().unwrap_or(0) as f64 / (1024.0 * 1024.0)
}
