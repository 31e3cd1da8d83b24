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

fn wire_lead(email: &str) -> LeadWire {
    LeadWire::from(&crate::support::visitor_lead(
        email,
        &["ptuj"],
        city_core::Lang::Sl,
    ))
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
    world.runtime.block_on(async {
        let pool = sqlx::PgPool::connect(&world.database_url).await.unwrap();
        sqlx::query(
            "INSERT INTO leads (id, kiosk_id, kiosk_name, venue, created_at, language, email, email_fold, \
                                name, country, towns, themes, family, calendar, postal_address, message, \
                                consent_version, consent_contact, consent_newsletter) \
             SELECT gen_random_uuid(), k.id, k.name, 'Fair', now(), 'de', 'v' || n || '@example.org', \
                    'v' || n || '@example.org', repeat('N', 80), 'AT', ARRAY['ptuj'], ARRAY['culinary'], \
                    false, NULL, NULL, repeat('message ', 40), '1', true, false \
             FROM generate_series(1, 60000) AS n, kiosks k",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
    });
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
