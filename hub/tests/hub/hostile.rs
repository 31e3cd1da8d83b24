//! The hub tried as an attacker would: a real `city-hub` on a throwaway
//! PostgreSQL, fed bad input, slow and idle connections, stalled exports,
//! odd ranges and stolen ids. Every bad input gets a JSON 4xx, nothing bad
//! is stored, and kiosks and `/healthz` keep being served.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::support::hub::Hub;
use crate::support::postgres::TestPostgres;
use city_core::leads::LeadWire;
use city_core::protocol::{ErrorBody, LeadAck, LeadBatch};

struct World {
    hub: Hub,
    database_url: String,
    token: String,
    runtime: tokio::runtime::Runtime,
    http: reqwest::Client,
    _work: tempfile::TempDir,
    _postgres: TestPostgres,
}

fn world(name: &str, serve_args: &[&str]) -> World {
    let mut postgres = TestPostgres::start();
    let database_url = postgres.database(name);
    let work = tempfile::tempdir().unwrap();
    let hub = Hub::start_with(&database_url, &work.path().join("blobs"), serve_args);
    let token = hub.ok(&["kiosk", "add", "booth-1"]).trim().to_string();
    World {
        hub,
        database_url,
        token,
        runtime: tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap(),
        http: reqwest::Client::new(),
        _work: work,
        _postgres: postgres,
    }
}

/// An answer: status, headers and body.
struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn error(&self) -> ErrorBody {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "{}: not a JSON error ({error}): {}",
                self.status,
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

impl World {
    fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        self.runtime.block_on(async {
            let response = request.send().await.unwrap();
            Answer {
                status: response.status().as_u16(),
                headers: response.headers().clone(),
                body: response.bytes().await.unwrap().to_vec(),
            }
        })
    }

    /// `GET path` with a bearer token (an admin's, say).
    fn get(&self, path: &str, token: &str) -> Answer {
        self.send(
            self.http
                .get(self.hub.url.join(path).unwrap())
                .bearer_auth(token),
        )
    }

    /// Sends leads as kiosk `token`; the hub's acknowledgement.
    fn push(&self, token: &str, leads: &[LeadWire]) -> LeadAck {
        let answer = self.post("v1/leads", token, &batch(leads));
        assert_eq!(answer.status, 200);
        serde_json::from_slice(&answer.body).unwrap()
    }

    fn post(&self, path: &str, token: &str, body: &serde_json::Value) -> Answer {
        self.send(
            self.http
                .post(self.hub.url.join(path).unwrap())
                .bearer_auth(token)
                .json(body),
        )
    }

    fn sql<T: Send + Unpin + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>>(
        &self,
        query: &str,
    ) -> Vec<T> {
        self.runtime.block_on(async {
            let pool = sqlx::PgPool::connect(&self.database_url).await.unwrap();
            let rows = sqlx::query_as(query).fetch_all(&pool).await.unwrap();
            pool.close().await;
            rows
        })
    }

    fn hub_leads(&self) -> i64 {
        self.sql::<(i64,)>("SELECT COUNT(*) FROM leads")[0].0
    }

    fn healthy(&self) -> bool {
        self.send(self.http.get(self.hub.url.join("healthz").unwrap()))
            .status
            == 200
    }
}

/// `count` leads of every kiosk straight into the database: enough that
/// an export fills every buffer between hub and reader.
fn insert_leads(runtime: &tokio::runtime::Runtime, database_url: &str, count: i32) {
    runtime.block_on(async {
        let pool = sqlx::PgPool::connect(database_url).await.unwrap();
        sqlx::query(
            "INSERT INTO leads (id, kiosk_id, kiosk_name, venue, created_at, language, email, email_fold, \
                                name, country, towns, themes, family, calendar, postal_address, message, \
                                consent_version, consent_contact, consent_newsletter) \
             SELECT gen_random_uuid(), k.id, k.name, 'Fair', now(), 'de', 'v' || n || '@example.org', \
                    'v' || n || '@example.org', repeat('N', 80), 'AT', ARRAY['ptuj'], ARRAY['culinary'], \
                    false, NULL, NULL, repeat('message ', 40), '1', true, false \
             FROM generate_series(1, $1) AS n, kiosks k",
        )
        .bind(count)
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    });
}

fn wire_lead(email: &str) -> LeadWire {
    crate::support::wire_lead(email, &["ptuj"], city_core::Lang::Sl)
}

fn batch(leads: &[LeadWire]) -> serde_json::Value {
    serde_json::to_value(LeadBatch {
        leads: leads.to_vec(),
    })
    .unwrap()
}

#[test]
fn bad_leads_counts_and_heartbeats_get_422_naming_field_and_index_and_nothing_is_stored() {
    let world = world("bad_input", &[]);
    let good = wire_lead("ana@ptuj.si");
    type Change = Box<dyn Fn(&mut serde_json::Value)>;
    let cases: Vec<(&str, Change)> = vec![
        ("name", Box::new(|lead| lead["name"] = "Ana\u{0}".into())),
        (
            "name",
            Box::new(|lead| lead["name"] = "x".repeat(3_900_000).into()),
        ),
        ("venue", Box::new(|lead| lead["venue"] = "Fair\u{0}".into())),
        ("country", Box::new(|lead| lead["country"] = "ZZ".into())),
        (
            "themes",
            Box::new(|lead| lead["themes"] = serde_json::json!(["casino"])),
        ),
        (
            "calendar",
            Box::new(|lead| lead["calendar"] = "pigeon".into()),
        ),
        (
            "created_at",
            Box::new(|lead| lead["created_at"] = "9999-01-01T00:00:00Z".into()),
        ),
        (
            "towns",
            Box::new(|lead| lead["towns"] = serde_json::json!(["../etc"])),
        ),
        (
            "email",
            Box::new(|lead| lead["email"] = "\u{0}@x.si".into()),
        ),
    ];
    for (field, change) in cases {
        let mut bad = serde_json::to_value(&good).unwrap();
        change(&mut bad);
        let body = serde_json::json!({ "leads": [serde_json::to_value(&good).unwrap(), bad] });
        let answer = world.post("v1/leads", &world.token, &body);
        let error = answer.error();
        assert_eq!(answer.status, 422, "{field}: {}", error.error);
        assert_eq!(error.field.as_deref(), Some(field), "{}", error.error);
        assert_eq!(error.index, Some(1), "{}", error.error);
    }
    assert_eq!(world.hub_leads(), 0, "a refused batch stores nothing");

    let row = |hour: &str, key: &str| serde_json::json!({"hour": hour, "kind": "town_opened", "key": key, "count": 1});
    let hour = chrono::Utc::now().format("%Y-%m-%dT%H").to_string();
    for (rows, field, index) in [
        (vec![row(&hour, "ptuj\u{0}")], "key", 0),
        (vec![row(&hour, "ptuj"), row(&hour, "ptuj")], "hour", 1),
        (vec![row("9999-01-01T10", "ptuj")], "hour", 0),
        (vec![row(&hour, &"x".repeat(100_000))], "key", 0),
    ] {
        let answer = world.post(
            "v1/stats",
            &world.token,
            &serde_json::json!({ "rows": rows }),
        );
        let error = answer.error();
        assert_eq!(answer.status, 422, "{}", error.error);
        assert_eq!(
            (error.field.as_deref(), error.index),
            (Some(field), Some(index))
        );
    }
    let beat = serde_json::json!({"pack_version": "2027\u{0}", "queued_leads": 0, "app_version": "1", "erasures_seen": 0});
    let answer = world.post("v1/heartbeat", &world.token, &beat);
    assert_eq!(answer.status, 422);
    assert_eq!(answer.error().field.as_deref(), Some("pack_version"));
    assert_eq!(world.sql::<(i64,)>("SELECT COUNT(*) FROM stats")[0].0, 0);

    // The good lead alone goes in.
    let answer = world.post(
        "v1/leads",
        &world.token,
        &batch(std::slice::from_ref(&good)),
    );
    assert_eq!(answer.status, 200);
    assert_eq!(world.hub_leads(), 1);
    assert!(world.healthy());
}

#[test]
fn a_lead_id_held_for_one_kiosk_is_never_acknowledged_to_another() {
    let world = world("foreign", &[]);
    let other = world
        .hub
        .ok(&["kiosk", "add", "booth-2"])
        .trim()
        .to_string();
    let lead = wire_lead("ana@ptuj.si");
    let ack = world.push(&world.token, std::slice::from_ref(&lead));
    assert_eq!(ack.accepted, [lead.id]);

    let mut copy = wire_lead("bea@ptuj.si");
    copy.id = lead.id;
    let fresh = wire_lead("cene@ptuj.si");
    let ack = world.push(&other, &[copy, fresh.clone()]);
    assert_eq!(ack.accepted, [fresh.id], "only its own");
    assert_eq!(ack.conflicts, [lead.id]);
    // The first kiosk's replay is still acknowledged: it is its own.
    let ack = world.push(&world.token, std::slice::from_ref(&lead));
    assert_eq!(ack.accepted, [lead.id]);
    assert_eq!(world.hub_leads(), 2);
}

#[test]
fn every_error_is_json_also_the_ones_the_framework_makes() {
    let world = world("json_errors", &["--request-timeout-secs", "2"]);
    let admin = world
        .hub
        .ok(&["admin-token", "add", "--label", "test"])
        .trim()
        .to_string();

    let answer = world.get("v1/leads", &world.token);
    assert_eq!(answer.status, 405);
    answer.error();
    for query in ["since=yesterday", "colour=red", "town=../x", "town=%FF"] {
        let answer = world.get(&format!("v1/admin/leads?{query}"), &admin);
        assert_eq!(answer.status, 400, "{query}");
        answer.error();
    }

    // A body that never finishes: 408 after the request timeout, as JSON.
    let mut stream = TcpStream::connect(world.hub.address()).unwrap();
    write!(
        stream,
        "POST /v1/leads HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{\"leads\":",
        world.token
    )
    .unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let started = Instant::now();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(started.elapsed() < Duration::from_secs(15));
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("application/json"), "{answer}");
    assert!(answer.contains("{\"error\":"), "{answer}");
    assert!(world.healthy());
}

/// Opens a connection that sends half a request header and then nothing.
fn slow_header(address: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: hu")
        .unwrap();
    stream
}

/// Whether the hub closed the connection (or answered and closed) by now.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn slow_idle_and_crowding_connections_are_dropped_and_the_hub_keeps_serving() {
    let world = world(
        "slow",
        &["--header-timeout-secs", "2", "--max-connections", "50"],
    );
    let address = world.hub.address();
    // One that says nothing, one that stops mid-header, one idle after a request.
    let mut idle = TcpStream::connect(&address).unwrap();
    let mut slow = slow_header(&address);
    let mut kept_alive = TcpStream::connect(&address).unwrap();
    kept_alive
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: hub\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 12];
    kept_alive.read_exact(&mut first).unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");
    let started = Instant::now();
    for (name, stream) in [
        ("idle", &mut idle),
        ("slow header", &mut slow),
        ("kept alive", &mut kept_alive),
    ] {
        assert!(closed_within(stream, Duration::from_secs(10)), "{name}");
    }
    assert!(started.elapsed() < Duration::from_secs(8));

    // 200 slow connections: at most 50 are served at once, all are
    // dropped after the header timeout, and then the hub answers again.
    let mut crowd: Vec<TcpStream> = (0..200).map(|_| slow_header(&address)).collect();
    let started = Instant::now();
    for stream in &mut crowd {
        assert!(closed_within(stream, Duration::from_secs(30)));
    }
    assert!(
        started.elapsed() < Duration::from_secs(25),
        "four waves of 50, 2 s each"
    );
    assert!(world.healthy());
}

#[test]
fn stalled_exports_cannot_starve_kiosks_or_health_checks() {
    let world = world(
        "exports",
        &["--export-send-timeout-secs", "12", "--max-exports", "4"],
    );
    // Enough leads that an export fills every buffer between hub and reader.
    insert_leads(&world.runtime, &world.database_url, 60_000);
    let admin = world.hub.ok(&["admin-token"]).trim().to_string();
    let address = world.hub.address();
    // Sixteen readers that ask and never read.
    let stalled: Vec<TcpStream> = (0..16)
        .map(|_| {
            let mut stream = TcpStream::connect(&address).unwrap();
            write!(
                stream,
                "GET /v1/admin/leads HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer {admin}\r\n\r\n"
            )
            .unwrap();
            stream
        })
        .collect();
    let stalled_at = Instant::now();
    std::thread::sleep(Duration::from_secs(1));
    let started = Instant::now();
    assert!(world.healthy());
    let beat = serde_json::json!({"pack_version": "1", "queued_leads": 0, "app_version": "1", "erasures_seen": 0});
    assert_eq!(world.post("v1/heartbeat", &world.token, &beat).status, 200);
    let answer = world.post(
        "v1/leads",
        &world.token,
        &batch(&[wire_lead("ana@ptuj.si")]),
    );
    assert_eq!(answer.status, 200);
    // A starved hub would answer only once the stalled exports time out
    // (12 s); the margin below that is for a busy machine, not a target.
    assert!(
        started.elapsed() < Duration::from_secs(9),
        "{:?}",
        started.elapsed()
    );

    // More exports now are refused with a JSON 503, not queued for ever.
    let answer = world.get("v1/admin/leads?town=ptuj", &admin);
    assert_eq!(answer.status, 503);
    assert!(answer.headers.contains_key("retry-after"));
    answer.error();

    // Once the stalled ones time out (their readers still connected),
    // exports work again. When exactly depends on when each filled its
    // buffers on a busy machine: ask until then, within a minute.
    std::thread::sleep(
        (stalled_at + Duration::from_secs(12)).saturating_duration_since(Instant::now()),
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    let answer = loop {
        let answer = world.get("v1/admin/leads", &admin);
        if answer.status != 503 || Instant::now() > deadline {
            break answer;
        }
        std::thread::sleep(Duration::from_millis(500));
    };
    drop(stalled);
    assert_eq!(answer.status, 200);
    let text = String::from_utf8(answer.body).unwrap();
    assert_eq!(text.lines().count(), 1 + 60_001);
}

#[test]
fn ranges_follow_rfc_9110_the_scheme_is_case_insensitive_and_admin_tokens_can_be_revoked() {
    let world = world("http", &[]);
    let pack = crate::support::demo_pack();
    world.hub.ok(&["publish", pack.to_str().unwrap()]);
    let (size, sha) = city_core::hash::hash_file(&pack.join("pack.toml")).unwrap();
    let url = world.hub.url.join(&format!("v1/blobs/{sha}")).unwrap();
    let get = |range: Option<&str>, scheme: &str| {
        let mut request = world
            .http
            .get(url.clone())
            .header("authorization", format!("{scheme} {}", world.token));
        if let Some(range) = range {
            request = request.header("range", range);
        }
        world.send(request)
    };
    let whole = std::fs::read(pack.join("pack.toml")).unwrap();

    let answer = get(Some("bytes=-10"), "bearer");
    assert_eq!(answer.status, 206, "a suffix range");
    assert_eq!(answer.body, &whole[whole.len() - 10..]);
    assert_eq!(
        answer.headers["content-range"],
        format!("bytes {}-{}/{size}", size - 10, size - 1).as_str()
    );
    for ignored in ["bytes=0-1,5-6", "lines=1-2", "bytes=x-"] {
        let answer = get(Some(ignored), "Bearer");
        assert_eq!(answer.status, 200, "{ignored}");
        assert_eq!(answer.body, whole);
    }
    let answer = get(Some(&format!("bytes={size}-")), "BEARER");
    assert_eq!(answer.status, 416);
    assert_eq!(
        answer.headers["content-range"],
        format!("bytes */{size}").as_str()
    );
    answer.error();

    let admin = world
        .hub
        .ok(&["admin-token", "add", "--label", "script"])
        .trim()
        .to_string();
    assert_eq!(world.get("v1/admin/leads", &admin).status, 200);
    let listed = world.hub.ok(&["admin-token", "list"]);
    let id = listed
        .lines()
        .find(|line| line.contains("script"))
        .and_then(|line| line.split_whitespace().next())
        .unwrap()
        .to_string();
    world.hub.ok(&["admin-token", "revoke", &id]);
    assert_eq!(world.get("v1/admin/leads", &admin).status, 401);
    assert!(world.hub.ok(&["admin-token", "list"]).contains("revoked"));
}

#[test]
fn erasure_folds_case_in_every_alphabet_and_exports_are_private() {
    let world = world("erasure", &[]);
    let leads = [
        wire_lead("Ödön@példa.hu"),
        wire_lead("ödön@példa.hu"),
        wire_lead("ana@ptuj.si"),
    ];
    assert_eq!(
        world.post("v1/leads", &world.token, &batch(&leads)).status,
        200
    );
    let erased = world
        .hub
        .ok(&["leads", "erase", "--email", "ÖDÖN@PÉLDA.HU"]);
    assert!(erased.starts_with("2 leads erased"), "{erased}");
    assert_eq!(world.hub_leads(), 1);

    let out = world._work.path().join("leads.csv");
    world
        .hub
        .ok(&["leads", "export", "--out", out.to_str().unwrap()]);
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("ana@ptuj.si") && !text.to_lowercase().contains("ödön"));
}

/// A lead of `email` made at `at`.
fn lead_made_at(email: &str, at: chrono::DateTime<chrono::Utc>) -> LeadWire {
    let mut lead = wire_lead(email);
    lead.created_at = at;
    lead
}

/// Counts of `SELECT COUNT(*) …` on the console world's database.
fn count(world: &crate::support::console::World, query: &str) -> i64 {
    world.runtime.block_on(async {
        let pool = sqlx::PgPool::connect(&world.database_url).await.unwrap();
        let count: i64 = sqlx::query_scalar(query).fetch_one(&pool).await.unwrap();
        pool.close().await;
        count
    })
}

fn push_as_kiosk(world: &crate::support::console::World, leads: &[LeadWire]) -> LeadAck {
    let answer = world.send(
        world
            .http
            .post(world.hub.url.join("v1/leads").unwrap())
            .bearer_auth(&world.kiosk_token)
            .json(&batch(leads)),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

#[test]
fn an_erased_person_never_comes_back_by_a_replayed_lead_or_a_used_phone_link() {
    use crate::support::smtp::{SmtpOptions, SmtpServer};
    let work = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(&work.path().join("mails"), SmtpOptions::default());
    let world = crate::support::console::phone_world("erased_replay", &smtp);
    let now = chrono::Utc::now();

    let given = lead_made_at("ana@ptuj.si", now - chrono::Duration::minutes(5));
    // Made before the erasure on a kiosk that was offline, sent after it.
    let queued = lead_made_at("Ana@Ptuj.si", now - chrono::Duration::minutes(2));
    push_as_kiosk(&world, std::slice::from_ref(&given));
    smtp.wait_for(1, Duration::from_secs(60));
    // The same person continues on a phone too.
    let (_, phone_path) = crate::support::console::phone_link(&world, now);
    let form = [
        ("email", "ana@ptuj.si"),
        ("town", "ptuj"),
        ("consent_contact", "1"),
    ];
    let sent = world.post(&phone_path, None, &form);
    assert_eq!(sent.status, 200, "{}", sent.body);
    assert_eq!(count(&world, "SELECT COUNT(*) FROM leads"), 2);
    smtp.wait_for(2, Duration::from_secs(60));

    let erased = world.hub.ok(&["leads", "erase", "--email", "ana@ptuj.si"]);
    assert!(erased.starts_with("2 leads erased"), "{erased}");

    // The replay and the queued lead are acknowledged (the kiosk drops
    // them) but nothing of them is kept, and no mail is queued.
    let ack = push_as_kiosk(&world, &[given.clone(), queued.clone()]);
    assert_eq!(ack.accepted.len(), 2);
    assert!(ack.accepted.contains(&given.id) && ack.accepted.contains(&queued.id));
    assert_eq!(count(&world, "SELECT COUNT(*) FROM leads"), 0);
    assert_eq!(count(&world, "SELECT COUNT(*) FROM mail_outbox"), 0);
    // The phone link, not expired, makes no lead again.
    assert_eq!(world.get(&phone_path, None).status, 410);
    assert_eq!(world.post(&phone_path, None, &form).status, 410);
    assert_eq!(count(&world, "SELECT COUNT(*) FROM leads"), 0);

    // The person comes back and gives their interest anew: that is kept.
    let anew = lead_made_at(
        "ana@ptuj.si",
        chrono::Utc::now() + chrono::Duration::seconds(1),
    );
    push_as_kiosk(&world, std::slice::from_ref(&anew));
    assert_eq!(count(&world, "SELECT COUNT(*) FROM leads"), 1);
    let mails = smtp.wait_for(3, Duration::from_secs(60));
    assert_eq!(
        mails.len(),
        3,
        "the first, the phone's, the new one: none again"
    );
}

#[test]
fn the_record_of_an_erasure_is_keyed_and_its_plain_hash_goes_once_every_kiosk_has_it() {
    let world = world("erasure_record", &[]);
    let second = world
        .hub
        .ok(&["kiosk", "add", "booth-2"])
        .trim()
        .to_string();
    world.push(&world.token, &[wire_lead("ana@ptuj.si")]);
    world.hub.ok(&["leads", "erase", "--email", "ana@ptuj.si"]);
    let plain = city_core::protocol::email_hash("ana@ptuj.si").to_hex();
    let rows: Vec<(Option<String>, Option<String>)> =
        world.sql("SELECT email_key, email_sha256 FROM erasures");
    assert_eq!(rows.len(), 1);
    let (key, kept) = &rows[0];
    let key = key.as_deref().expect("a keyed record");
    assert_eq!(key.len(), 64);
    assert_ne!(key, plain, "not the plain hash a guess can confirm");
    assert_eq!(
        kept.as_deref(),
        Some(plain.as_str()),
        "kiosks still need it"
    );

    let beat = |token: &str, seen: i64| {
        let body = serde_json::json!({"pack_version": "1", "queued_leads": 0, "app_version": "1", "erasures_seen": seen});
        let answer = world.post("v1/heartbeat", token, &body);
        assert_eq!(answer.status, 200);
        serde_json::from_slice::<city_core::protocol::HeartbeatReply>(&answer.body).unwrap()
    };
    // A kiosk claiming to have done erasures this hub never sent (a bogus
    // id, or one from before a restore) is sent them all the same.
    let reply = beat(&world.token, i64::MAX);
    assert_eq!(reply.erasures.len(), 1);
    let id = reply.erasures[0].id;
    assert_eq!(reply.erasures[0].email_sha256.to_hex(), plain);
    // Acknowledged by one kiosk: the other still needs the plain hash.
    assert!(beat(&world.token, id).erasures.is_empty());
    let kept: Vec<(Option<String>,)> = world.sql("SELECT email_sha256 FROM erasures");
    assert_eq!(kept[0].0.as_deref(), Some(plain.as_str()));
    assert_eq!(beat(&second, 0).erasures.len(), 1);
    assert!(beat(&second, id).erasures.is_empty());
    let kept: Vec<(Option<String>,)> = world.sql("SELECT email_sha256 FROM erasures");
    assert_eq!(
        kept[0].0, None,
        "every kiosk has it: only the keyed record stays"
    );
    // A lead made before the erasure is still recognised, by the keyed
    // record alone.
    let earlier = lead_made_at(
        "ana@ptuj.si",
        chrono::Utc::now() - chrono::Duration::hours(1),
    );
    assert_eq!(
        world.push(&second, std::slice::from_ref(&earlier)).accepted,
        [earlier.id]
    );
    assert_eq!(world.hub_leads(), 0);
}

#[test]
fn a_nul_byte_or_a_value_no_form_sends_is_a_4xx_on_every_console_page_and_download() {
    let world = crate::support::console::world("console_nul");
    world.lead("ana@ptuj.si", &["ptuj"], true);
    let network = world.login(&world.user("network@example.org", &["--network"]));
    let town = world.login(&world.user("office@ptuj.si", &["--town", "ptuj"]));
    for session in [&network, &town] {
        for path in [
            "/console/leads?venue=a%00b",
            "/console/leads.csv?venue=a%00b",
            "/console/leads?from=2026-13-40",
            "/console/leads.csv?to=%00",
            "/console/leads?theme=casino",
            "/console/leads.csv?language=xx%00",
            "/console/leads/%00",
            "/console/leads/00000000-0000-0000-0000-000000000000",
            "/console/stats?from=%00&to=%00",
            "/console/stats.csv?from=%00",
            "/console/packs?upload=%00",
            "/console/kiosks?done=%00",
            "/console/language/%00",
            "/console/set-password?token=%00",
        ] {
            let answer = world.get(path, Some(session));
            assert!(answer.status < 500, "{path}: {}", answer.status);
        }
        for path in [
            "/console/leads?venue=a%00b",
            "/console/leads.csv?venue=a%00b",
        ] {
            let answer = world.get(path, Some(session));
            assert_eq!(answer.status, 400, "{path}");
            assert!(
                answer.body.contains("<html"),
                "an error page, not a cut CSV"
            );
        }
    }
    // Forms too: an address with a NUL logs nobody in and breaks nothing.
    let answer = world.post(
        "/console/login",
        None,
        &[("email", "network@example.org\u{0}"), ("password", "x")],
    );
    assert_eq!(answer.status, 200);
    let csrf = world.get("/console/kiosks", Some(&network)).csrf();
    let answer = world.post(
        "/console/kiosks",
        Some(&network),
        &[("csrf", &csrf), ("name", "booth\u{0}")],
    );
    assert!(answer.status < 500, "{}", answer.status);
    // And the filters that are real still work.
    let csv = world.get("/console/leads.csv?venue=Fair", Some(&network));
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("ana@ptuj.si"));
}

/// Starts `count` downloads of `path` as `session` and never reads them.
fn stalled_downloads(address: &str, path: &str, header: &str, count: usize) -> Vec<TcpStream> {
    (0..count)
        .map(|_| {
            let mut stream = TcpStream::connect(address).unwrap();
            write!(
                stream,
                "GET {path} HTTP/1.1\r\nHost: hub\r\n{header}\r\n\r\n"
            )
            .unwrap();
            stream
        })
        .collect()
}

#[test]
fn console_exports_are_limited_as_the_admin_apis_and_no_one_holds_every_slot() {
    let world = crate::support::console::world_with("console_exports", &["--max-exports", "4"]);
    insert_leads(&world.runtime, &world.database_url, 60_000);
    let ana = world.login(&world.user("ana@example.org", &["--network"]));
    let bea = world.login(&world.user("bea@example.org", &["--network"]));
    let admin = world.hub.ok(&["admin-token"]).trim().to_string();
    let address = world.hub.address();
    // Ana asks for four and reads none: she holds two slots, not four.
    let anas = stalled_downloads(
        &address,
        "/console/leads.csv",
        &format!("Cookie: console_session={ana}"),
        4,
    );
    std::thread::sleep(Duration::from_secs(1));
    let busy = world.get("/console/leads.csv", Some(&ana));
    assert_eq!(busy.status, 503);
    assert_eq!(busy.headers["retry-after"], "30");
    assert!(busy.body.contains("<html"), "a page in her language");
    // Bea still gets hers.
    let csv = world.get("/console/leads.csv", Some(&bea));
    assert_eq!(csv.status, 200);
    assert_eq!(csv.body.lines().count(), 1 + 60_000);
    // An admin script takes the other two: now everyone waits, with the
    // same answer from the console and the API.
    let scripts = stalled_downloads(
        &address,
        "/v1/admin/leads",
        &format!("Authorization: Bearer {admin}"),
        2,
    );
    std::thread::sleep(Duration::from_secs(1));
    let busy = world.get("/console/leads.csv", Some(&bea));
    assert_eq!(busy.status, 503, "{}", busy.body);
    assert_eq!(busy.headers["retry-after"], "30");
    let api = world.send(
        world
            .http
            .get(world.hub.url.join("/v1/admin/leads").unwrap())
            .bearer_auth(&admin),
    );
    assert_eq!(api.status, 503);
    assert_eq!(api.headers["retry-after"], "30");
    drop((anas, scripts));
}

#[test]
fn a_login_takes_the_same_work_whether_or_not_the_address_has_an_account() {
    let world = crate::support::console::world("login_timing");
    let known = world.user("office@ptuj.si", &["--town", "ptuj"]);
    let time = |email: &str, password: &str| {
        let started = Instant::now();
        let answer = world.post(
            "/console/login",
            None,
            &[("email", email), ("password", password)],
        );
        assert!(answer.status == 303 || answer.status == 200);
        started.elapsed()
    };
    let (mut with_account, mut without) = (Vec::new(), Vec::new());
    // Interleaved, so that the machine's load falls on both alike.
    for round in 0..7 {
        with_account.push(time(&known, crate::support::console::PASSWORD));
        without.push(time(&format!("nobody{round}@example.org"), "any password"));
    }
    with_account.sort();
    without.sort();
    let (with_account, without) = (with_account[3], without[3]);
    // Without the same work the difference is tenfold; a third leaves
    // room for a busy machine and none for an oracle.
    assert!(
        without * 3 > with_account,
        "with an account {with_account:?}, without {without:?}"
    );
}

#[test]
fn console_pages_allow_only_the_hubs_own_style_no_script_and_no_framing() {
    let world = crate::support::console::world("console_headers");
    let page = world.get("/console/login", None);
    assert_eq!(page.status, 200);
    let policy = page.headers["content-security-policy"].to_str().unwrap();
    for directive in [
        "default-src 'none'",
        "script-src 'none'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(directive), "{policy}");
    }
    assert_eq!(page.headers["x-content-type-options"], "nosniff");
    assert_eq!(page.headers["x-frame-options"], "DENY");
    assert_eq!(page.headers["referrer-policy"], "same-origin");
    assert!(!page.body.contains("<style"), "no inline style to allow");
    // The stylesheet the page links is there, from the hub itself.
    let at = page.body.find("rel=\"stylesheet\" href=\"").unwrap() + 23;
    let href = &page.body[at..at + page.body[at..].find('"').unwrap()];
    assert!(href.starts_with("/console/style.css?v="), "{href}");
    let style = world.get(&href.replace("&amp;", "&"), None);
    assert_eq!(style.status, 200);
    assert!(
        style.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(style.body.contains("focus-visible"));
    // Other answers are not sniffed either.
    assert_eq!(
        world.get("/healthz", None).headers["x-content-type-options"],
        "nosniff"
    );
}

#[test]
fn the_hubs_own_address_leads_a_person_to_the_consoles_login() {
    let world = crate::support::console::world("hub_root");
    let mut path = "/".to_string();
    let mut hops = 0;
    let answer = loop {
        let answer = world.get(&path, None);
        if !(300..400).contains(&answer.status) || hops > 5 {
            break answer;
        }
        path = answer.location().to_string();
        hops += 1;
    };
    assert_eq!(path, "/console/login");
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("type=\"password\""));
}

/// A zip of `entries`, made with the zip crate.
fn zip_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// Every `from` in `bytes` replaced by `to`, of the same length.
fn replaced(mut bytes: Vec<u8>, from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut at = 0;
    while let Some(found) = bytes[at..].windows(from.len()).position(|w| w == from) {
        let start = at + found;
        bytes[start..start + to.len()].copy_from_slice(to);
        at = start + to.len();
    }
    bytes
}

#[test]
fn uploaded_zip_bombs_and_zips_naming_a_file_twice_are_refused_before_they_are_unpacked() {
    let world = crate::support::console::world("console_zip_bomb");
    let coordinator = world.login(&world.user("network@example.org", &["--network"]));
    let csrf = world.get("/console/packs", Some(&coordinator)).csrf();
    let refused = |zip: &[u8]| {
        let answer = world.upload(
            &coordinator,
            &[
                ("csrf", None, csrf.as_bytes()),
                ("pack", Some("p.zip"), zip),
            ],
        );
        assert_eq!(answer.status, 303, "{}", answer.body);
        world.upload_outcome(&coordinator, &answer)
    };
    // Three entries that say they unpack to 4 GB each (a few kB sent).
    let mut bomb = zip_bytes(&[
        ("pack.toml", b"version = \"1\"\n"),
        ("a.bin", &[0; 4096]),
        ("b.bin", &[0; 4096]),
    ]);
    for (signature, offset) in [
        ([0x50, 0x4b, 0x03, 0x04], 22),
        ([0x50, 0x4b, 0x01, 0x02], 24),
    ] {
        let mut at = 0;
        while let Some(found) = bomb[at..].windows(4).position(|w| w == signature) {
            let field = at + found + offset;
            bomb[field..field + 4].copy_from_slice(&u32::MAX.to_le_bytes());
            at += found + 4;
        }
    }
    let page = refused(&bomb);
    assert!(page.contains("the zip is too large"), "{page}");
    // Two `pack.toml`: the one checked could be another than the one shown.
    let twice = replaced(
        zip_bytes(&[
            ("pack.toml", b"version = \"1\"\n"),
            ("pack.tomm", b"version = \"2\"\n"),
        ]),
        b"pack.tomm",
        b"pack.toml",
    );
    let page = refused(&twice);
    assert!(page.contains("the zip holds pack.toml twice"), "{page}");
    assert!(page.contains("No pack is published yet"));
}

#[test]
fn a_phone_form_keeps_the_rules_of_every_lead() {
    use crate::support::smtp::{SmtpOptions, SmtpServer};
    let work = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(&work.path().join("mails"), SmtpOptions::default());
    let world = crate::support::console::phone_world("phone_rules", &smtp);
    let (_, path) = crate::support::console::phone_link(&world, chrono::Utc::now());
    let sent = world.post(
        &path,
        None,
        &[
            ("email", "ana@ptuj.si"),
            ("name", "Ana\r\nBcc: everyone@example.org"),
            ("message", "Hello\r\n\u{1b}[2J"),
            ("town", "ptuj"),
            ("consent_contact", "1"),
        ],
    );
    assert_eq!(sent.status, 200, "{}", sent.body);
    let stored: Vec<(Option<String>, Option<String>)> = world.runtime.block_on(async {
        let pool = sqlx::PgPool::connect(&world.database_url).await.unwrap();
        let rows = sqlx::query_as("SELECT name, message FROM leads")
            .fetch_all(&pool)
            .await
            .unwrap();
        pool.close().await;
        rows
    });
    assert_eq!(
        stored,
        [(
            Some("Ana Bcc: everyone@example.org".to_string()),
            Some("Hello\n[2J".to_string())
        )]
    );
    let mails = smtp.wait_for(1, Duration::from_secs(60));
    let greeting = mails[0].text.lines().next().unwrap();
    assert!(
        greeting.contains("Ana Bcc: everyone@example.org"),
        "{greeting}"
    );
}
