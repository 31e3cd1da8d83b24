//! The hub's speed, printed, never asserted (against a throwaway
//! PostgreSQL on this machine):
//! - leads ingested per second through `POST /v1/leads` in batches of 500,
//!   beside the same rows loaded with one `COPY` and what the hub keeps
//!   beside each lead made in one statement each (the floor);
//! - a CSV export of 1,000,000 leads: time and peak memory;
//! - a sync with nothing new: requests and time;
//! - the console's lead list over the same million leads (spread over 24
//!   towns, a year, five venues): a town's pages, filtered, first and
//!   deep, through HTTP with a session, median and slowest of 15.
//!
//! `cargo bench -p city-hub --bench hub`. Targets: ingest within 3x of
//! COPY, export in constant memory, a no-change sync in one request, a
//! town's filtered list page under 100 ms.

// An unwrap here stops a benchmark on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

#[path = "../../tests/common/leads.rs"]
mod leads;
#[path = "../tests/hub/support/postgres.rs"]
mod postgres;

use std::sync::Arc;
use std::time::Instant;

use chrono::Utc;
use city_core::protocol::{LeadBatch, LeadWire};
use city_hub::lead_csv::{ExportLimits, LeadFilter, csv_stream};
use city_hub::server::{ConnectionLimits, serve};
use city_hub::{AppState, BlobStore, RequestLimits, db, routes, tokens};
use futures_util::StreamExt;

const INGESTED: usize = 100_000;
const EXPORTED: usize = 1_000_000;

fn lead(n: usize) -> LeadWire {
    let email = format!("visitor{n}@example.org");
    let mut lead = leads::wire_lead(&email, &["ptuj", "lendava"], city_core::Lang::De);
    lead.venue = "Ferien-Messe Wien".into();
    lead.name = Some(format!("Visitor {n}"));
    lead.country = Some("AT".into());
    lead.themes = vec!["culinary".into()];
    lead.family = n.is_multiple_of(3);
    lead.message = Some("Please send the calendar.".into());
    lead.consent_newsletter = n.is_multiple_of(2);
    lead
}

/// What the hub keeps beside each lead (a town's list, its venues), made
/// for rows that `COPY` loaded.
const DERIVED: [&str; 2] = [
    "INSERT INTO lead_towns (town, created_at, id, venue, language, themes, consent_newsletter) \
     SELECT town, created_at, id, venue, language, themes, consent_newsletter \
     FROM leads, unnest(towns) AS town ON CONFLICT DO NOTHING",
    "INSERT INTO lead_venues (town, venue) \
     SELECT DISTINCT town, venue FROM leads, unnest(towns) AS town ON CONFLICT DO NOTHING",
];

const TOWNS: [&str; 24] = [
    "bad-radkersburg",
    "beltinci",
    "fehring",
    "feldbach",
    "friedberg",
    "fuerstenfeld",
    "gleisdorf",
    "gornja-radgona",
    "hartberg",
    "kormend",
    "lenart",
    "lendava",
    "lenti",
    "letenye",
    "ljutomer",
    "murska-sobota",
    "oriszentpeter",
    "ormoz",
    "ptuj",
    "radenci",
    "szentgotthard",
    "vasvar",
    "weiz",
    "zalalovo",
];
const VENUES: [&str; 5] = [
    "Ferien-Messe Wien",
    "CMT Stuttgart",
    "Utazás Budapest",
    "Natour Alpe-Adria",
    "TIC Ptuj",
];
const THEMES: [&str; 6] = [
    "tourism", "culture", "culinary", "family", "business", "youth",
];

/// Lead `n` as a year of fairs gives them: one or two of the 24 towns, a
/// day of the last year, one of five venues, four languages.
fn spread(mut lead: LeadWire, n: usize) -> LeadWire {
    let pick =
        |salt: usize, len: usize| (n.wrapping_mul(2_654_435_761).wrapping_add(salt * 97)) % len;
    lead.towns = vec![TOWNS[pick(1, 24)].into()];
    if n.is_multiple_of(4) {
        lead.towns.push(TOWNS[pick(2, 24)].into());
        lead.towns.dedup();
    }
    lead.venue = VENUES[pick(3, 5)].into();
    lead.language = ["de", "sl", "hu", "en"][pick(4, 4)].into();
    lead.themes = vec![THEMES[pick(5, 6)].into()];
    lead.created_at = Utc::now() - chrono::Duration::seconds(pick(6, 365 * 86_400) as i64);
    lead
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
        let blobs = Arc::new(BlobStore::new(blobs.path()).unwrap());
        let state = AppState {
            pool: pool.clone(),
            export_pool: db::connect_exports(&url).await.unwrap(),
            exports: Arc::new(city_hub::lead_csv::ExportSlots::new(4)),
            pack_checks: Arc::new(tokio::sync::Semaphore::new(1)),
            link_key: city_hub::links::LinkKey::load_or_make(&pool).await.unwrap(),
            pack_texts: Arc::new(city_hub::packs::current::PackTexts::new(blobs.clone())),
            blobs,
            limits: RequestLimits::default(),
            mailer: None,
        };
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(serve(
            listener,
            routes::router(state),
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
        drop(connection);
        // What the hub keeps beside each lead, for the same rows.
        for sql in DERIVED {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        let mut connection = pool.acquire().await.unwrap();
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
            let leads = (have..have + count).map(|n| spread(lead(n), n));
            copy.send(copy_rows(kiosk_id, leads)).await.unwrap();
            copy.finish().await.unwrap();
            have += count;
        }
        drop(connection);
        // Rows loaded by COPY skip what the hub keeps beside each lead.
        for sql in DERIVED.iter().chain(&["ANALYZE"]) {
            sqlx::query(sql).execute(&pool).await.unwrap();
        }
        let _ = std::fs::write("/proc/self/clear_refs", "5");
        let before = peak_megabytes();
        let start = Instant::now();
        let limits = ExportLimits {
            send_timeout: None,
            slot: None,
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
            venue: None,
            last_error: None,
        };
        city_core::sync::sync_once(&client, &store, &kiosk).await.unwrap();
        let start = Instant::now();
        let report = city_core::sync::sync_once(&client, &store, &kiosk).await.unwrap();
        println!(
            "no-change sync: {} request(s), {:.1} ms",
            report.requests,
            start.elapsed().as_secs_f64() * 1000.0
        );

        console_pages(&pool, &http, address).await;
    });
}

/// A town's list pages in the console, as its staff ask for them.
async fn console_pages(pool: &sqlx::PgPool, http: &reqwest::Client, address: std::net::SocketAddr) {
    use city_hub::db::users::{self, Scope};
    let town_counts: Vec<(String, i64)> = sqlx::query_as(
        "SELECT t, COUNT(*) FROM leads, unnest(towns) t WHERE t IN ('ptuj', 'kormend') GROUP BY t ORDER BY t DESC",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    for (town, count) in town_counts {
        let email = format!("office@{town}.example");
        let now = Utc::now();
        users::add(
            pool,
            &email,
            &Scope::Town(town.clone()),
            &tokens::new_token().unwrap(),
            now,
        )
        .await
        .unwrap();
        let user_id: i64 = sqlx::query_scalar("SELECT id FROM console_users WHERE email = $1")
            .bind(&email)
            .fetch_one(pool)
            .await
            .unwrap();
        let session = tokens::new_token().unwrap();
        users::start_session(pool, user_id, &session, &tokens::new_token().unwrap(), now)
            .await
            .unwrap();
        let month_ago = (now - chrono::Duration::days(30)).date_naive();
        // Where page 101 starts (the pager's "older" link carries this).
        let (at, id): (chrono::DateTime<Utc>, uuid::Uuid) = sqlx::query_as(
            "SELECT created_at, id FROM leads WHERE towns @> ARRAY[$1] \
             ORDER BY created_at DESC, id DESC OFFSET 4999 LIMIT 1",
        )
        .bind(&town)
        .fetch_one(pool)
        .await
        .unwrap();
        let deep = format!(
            "older={}_{id}",
            at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
                .replace('+', "%2B")
        );
        for (what, query) in [
            ("first page", String::new()),
            ("page 101", deep),
            ("last 30 days", format!("from={month_ago}")),
            (
                "culinary + German + newsletter",
                "theme=culinary&language=de&newsletter=1".into(),
            ),
            (
                "one venue, last 30 days",
                format!("venue=CMT+Stuttgart&from={month_ago}"),
            ),
        ] {
            let mut times = Vec::new();
            for _ in 0..15 {
                let start = Instant::now();
                let response = http
                    .get(format!("http://{address}/console/leads?{query}"))
                    .header("cookie", format!("console_session={session}"))
                    .send()
                    .await
                    .unwrap();
                assert!(response.status().is_success(), "{}", response.status());
                response.text().await.unwrap();
                times.push(start.elapsed().as_secs_f64() * 1000.0);
            }
            times.sort_by(f64::total_cmp);
            println!(
                "console list, town {town} ({count} leads), {what}: median {:.1} ms, slowest {:.1} ms",
                times[times.len() / 2],
                times[times.len() - 1]
            );
        }
    }
}

/// This process's peak memory so far, in MB.
fn peak_megabytes() -> f64 {
    city_core::process_memory::peak_memory().unwrap_or(0) as f64 / (1024.0 * 1024.0)
}
