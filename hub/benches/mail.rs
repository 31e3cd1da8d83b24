//! The visitor's mail, printed, never asserted: the hub with the demo pack
//! published, its outbox worker sending to a real SMTP server on this
//! machine (python3-aiosmtpd, as in the tests):
//! - the time from a kiosk's lead batch being accepted to its mail being
//!   accepted by the SMTP server (one lead at a time, median and slowest);
//! - mails per second through the outbox for a burst of leads, beside the
//!   same number of composed mails handed to the same server by lettre
//!   straight, as many at once as the hub's senders (no database, no
//!   outbox: the floor).
//!
//! `cargo bench -p city-hub --bench mail`.

// An unwrap here stops a benchmark on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

#[path = "../../tests/common/leads.rs"]
mod leads;
#[path = "../tests/hub/support/postgres.rs"]
mod postgres;
// The tests' SMTP server; the benchmark uses only part of its helpers.
#[allow(dead_code)]
#[path = "../tests/hub/support/smtp.rs"]
mod smtp;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use city_core::protocol::{LeadBatch, LeadWire};
use city_hub::links::LinkKey;
use city_hub::mail::compose::{MailInput, compose};
use city_hub::mail::{MailSettings, Mailer, PublicUrl, SmtpServer};
use city_hub::packs::current::PackTexts;
use city_hub::server::{ConnectionLimits, serve};
use city_hub::{AppState, BlobStore, RequestLimits, db, routes, tokens};
use futures_util::StreamExt;
use lettre::AsyncTransport;

const ONE_BY_ONE: usize = 20;
const BURST: usize = 2_000;

fn lead(n: usize) -> LeadWire {
    let language = city_core::Lang::ALL[n % 4];
    let email = format!("visitor{n}@example.org");
    let mut lead = leads::wire_lead(&email, &["ptuj", "lendava"], language);
    lead.venue = "Ferien-Messe Wien".into();
    lead.name = Some(format!("Visitor {n}"));
    lead.country = Some("AT".into());
    lead.themes = vec!["culinary".into(), "culture".into()];
    lead.family = n.is_multiple_of(3);
    lead.consent_newsletter = n.is_multiple_of(2);
    lead
}

async fn wait_for_mails(smtp: &smtp::SmtpServer, count: usize) {
    while smtp.count() < count {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
}

fn main() {
    let mut cluster = postgres::TestPostgres::start();
    let url = cluster.database("mail_bench");
    let work = tempfile::tempdir().unwrap();
    let smtp = smtp::SmtpServer::start(&work.path().join("mails"), smtp::SmtpOptions::default());
    let port = smtp.port;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let pool = db::connect(&url).await.unwrap();
        db::migrate(&pool).await.unwrap();
        let blobs = Arc::new(BlobStore::new(work.path().join("blobs")).unwrap());
        let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../media");
        city_hub::packs::publish::publish(&pool, &blobs, &demo)
            .await
            .map_err(|error| error.to_string())
            .unwrap();
        let settings = MailSettings {
            smtp: SmtpServer::parse(&smtp.url()).unwrap(),
            smtp_ca_file: None,
            from: "City Cooperation <info@city-cooperation.test>".parse().unwrap(),
            public_url: PublicUrl::parse("https://hub.city-cooperation.test/").unwrap(),
            per_minute: 60_000,
            senders: 4,
            timeout: Duration::from_secs(60),
            first_retry: Duration::from_secs(60),
        };
        let link_key = LinkKey::load_or_make(&pool).await.unwrap();
        let pack_texts = Arc::new(PackTexts::new(blobs.clone()));
        let mailer = Arc::new(
            Mailer::new(settings.clone(), link_key.clone(), pack_texts.clone()).unwrap(),
        );
        tokio::spawn(city_hub::mail::run_worker(pool.clone(), mailer.clone()));
        let state = AppState {
            pool: pool.clone(),
            export_pool: db::connect_exports(&url).await.unwrap(),
            exports: Arc::new(city_hub::lead_csv::ExportSlots::new(4)),
            pack_checks: Arc::new(tokio::sync::Semaphore::new(1)),
            blobs,
            limits: RequestLimits::default(),
            link_key,
            pack_texts: pack_texts.clone(),
            mailer: Some(mailer),
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
        sqlx::query("INSERT INTO kiosks (name, token_sha256) VALUES ('booth', $1)")
            .bind(tokens::token_hash(&token))
            .execute(&pool)
            .await
            .unwrap();
        let http = reqwest::Client::new();
        let send = |leads: Vec<LeadWire>| {
            let request = http
                .post(format!("http://{address}/v1/leads"))
                .bearer_auth(&token)
                .json(&LeadBatch { leads });
            async move {
                let response = request.send().await.unwrap();
                assert!(response.status().is_success());
            }
        };

        // One lead at a time: accepted by the hub → accepted by SMTP.
        let mut latencies = Vec::new();
        for n in 0..ONE_BY_ONE {
            let before = smtp.count();
            send(vec![lead(n)]).await;
            let accepted = Instant::now();
            wait_for_mails(&smtp, before + 1).await;
            latencies.push(accepted.elapsed());
        }
        latencies.sort();
        println!(
            "lead accepted → its mail accepted by SMTP: median {:.1} ms, slowest {:.1} ms ({ONE_BY_ONE} leads, one at a time)",
            latencies[ONE_BY_ONE / 2].as_secs_f64() * 1000.0,
            latencies[ONE_BY_ONE - 1].as_secs_f64() * 1000.0
        );

        // A burst through the outbox.
        let before = smtp.count();
        let leads: Vec<LeadWire> = (0..BURST).map(|n| lead(ONE_BY_ONE + n)).collect();
        let start = Instant::now();
        for batch in leads.chunks(city_core::protocol::LEAD_BATCH) {
            send(batch.to_vec()).await;
        }
        wait_for_mails(&smtp, before + BURST).await;
        let outbox_rate = BURST as f64 / start.elapsed().as_secs_f64();

        // The floor: the same mails, composed beforehand, handed to the
        // same server by one lettre transport.
        let pack = pack_texts.current(&pool).await.unwrap().unwrap();
        let page = url::Url::parse("https://hub.city-cooperation.test/visitor/x").unwrap();
        let messages: Vec<lettre::Message> = leads
            .iter()
            .map(|wire| {
                let lead = city_core::leads::Lead::from_record(wire.clone().into(), "booth").unwrap();
                let mail = compose(&MailInput {
                    lead: &lead,
                    pack: Some(&pack),
                    public_url: &settings.public_url,
                    visitor_page: &page,
                    confirm_newsletter: Some(&page),
                    today: Utc::now().date_naive(),
                });
                city_hub::mail::message(&settings.from, &lead, &mail).unwrap()
            })
            .collect();
        let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::builder_dangerous(
            "127.0.0.1",
        )
        .port(port)
        .build();
        let before = smtp.count();
        let start = Instant::now();
        // As many conversations at once as the hub's senders.
        futures_util::stream::iter(messages)
            .for_each_concurrent(settings.senders as usize, |message| {
                let transport = &transport;
                async move {
                    transport.send(message).await.unwrap();
                }
            })
            .await;
        wait_for_mails(&smtp, before + BURST).await;
        let floor_rate = BURST as f64 / start.elapsed().as_secs_f64();
        println!(
            "{BURST} mails: {outbox_rate:.0}/s through the outbox (queued with their leads, \
             composed, sent, marked), {floor_rate:.0}/s composed beforehand and sent straight \
             by lettre, {} at once (the floor); the outbox takes {:.2}x the floor's time",
            settings.senders,
            floor_rate / outbox_rate
        );
    });
}
