//! The web console over HTTP, against a real hub on a throwaway
//! PostgreSQL: accounts from the command line, passwords set by one-time
//! links, logins limited, sessions in secure cookies, forms that need
//! their session's CSRF token, and a town that sees and exports only its
//! own leads, however it asks.

use crate::support::hub::Hub;
use crate::support::postgres::TestPostgres;
use city_core::leads::LeadWire;
use city_core::protocol::LeadBatch;

const PASSWORD: &str = "correct horse battery";

struct World {
    hub: Hub,
    kiosk_token: String,
    runtime: tokio::runtime::Runtime,
    http: reqwest::Client,
    _work: tempfile::TempDir,
    _postgres: TestPostgres,
}

struct Answer {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }

    /// The value of the hidden `csrf` field of the page.
    fn csrf(&self) -> String {
        let at = self.body.find("name=\"csrf\" value=\"").expect("a form") + 19;
        self.body[at..at + 64].to_string()
    }
}

fn world(name: &str) -> World {
    let mut postgres = TestPostgres::start();
    let database_url = postgres.database(name);
    let work = tempfile::tempdir().unwrap();
    let hub = Hub::start(&database_url, &work.path().join("blobs"));
    let kiosk_token = hub.ok(&["kiosk", "add", "booth-1"]).trim().to_string();
    World {
        hub,
        kiosk_token,
        runtime: tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap(),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        _work: work,
        _postgres: postgres,
    }
}

impl World {
    fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        self.runtime.block_on(async {
            let response = request.send().await.unwrap();
            Answer {
                status: response.status().as_u16(),
                headers: response.headers().clone(),
                body: response.text().await.unwrap(),
            }
        })
    }

    fn get(&self, path: &str, session: Option<&str>) -> Answer {
        let mut request = self.http.get(self.hub.url.join(path).unwrap());
        if let Some(session) = session {
            request = request.header("cookie", format!("console_session={session}"));
        }
        self.send(request)
    }

    fn post(&self, path: &str, session: Option<&str>, form: &[(&str, &str)]) -> Answer {
        let mut request = self.http.post(self.hub.url.join(path).unwrap()).form(form);
        if let Some(session) = session {
            request = request.header("cookie", format!("console_session={session}"));
        }
        self.send(request)
    }

    /// Adds a user and sets their password through the link; their email.
    fn user(&self, email: &str, scope: &[&str]) -> String {
        let mut args = vec!["user", "add", email];
        args.extend_from_slice(scope);
        let link = url::Url::parse(self.hub.ok(&args).trim()).unwrap();
        let token = link
            .query_pairs()
            .find(|(key, _)| key == "token")
            .unwrap()
            .1
            .to_string();
        let done = self.post(
            "/console/set-password",
            None,
            &[
                ("token", &token),
                ("password", PASSWORD),
                ("repeat", PASSWORD),
            ],
        );
        assert!(done.body.contains("password is saved"), "{}", done.body);
        email.to_string()
    }

    /// Logs in; the session token from the cookie.
    fn login(&self, email: &str) -> String {
        let answer = self.post(
            "/console/login",
            None,
            &[("email", email), ("password", PASSWORD)],
        );
        assert_eq!(answer.status, 303, "{}", answer.body);
        let cookie = answer
            .headers
            .get("set-cookie")
            .and_then(|value| value.to_str().ok())
            .unwrap()
            .to_string();
        for part in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/console"] {
            assert!(cookie.contains(part), "{cookie}");
        }
        cookie
            .strip_prefix("console_session=")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_string()
    }

    /// A kiosk sends leads about `towns`.
    fn lead(&self, email: &str, towns: &[&str], newsletter: bool) -> uuid::Uuid {
        self.lead_at(email, towns, newsletter, "Fair")
    }

    /// A lead given at `venue`.
    fn lead_at(&self, email: &str, towns: &[&str], newsletter: bool, venue: &str) -> uuid::Uuid {
        let mut lead = LeadWire::from(&crate::support::visitor_lead(
            email,
            towns,
            city_core::Lang::De,
        ));
        lead.consent_newsletter = newsletter;
        lead.venue = venue.to_string();
        let id = lead.id;
        let answer = self.send(
            self.http
                .post(self.hub.url.join("v1/leads").unwrap())
                .bearer_auth(&self.kiosk_token)
                .json(&LeadBatch { leads: vec![lead] }),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
        id
    }
}

#[test]
fn a_town_sees_and_exports_only_its_own_leads() {
    let world = world("console_town");
    let ptuj_only = world.lead("ana@example.si", &["ptuj"], true);
    let shared = world.lead("bea@example.at", &["ptuj", "lendava"], false);
    let lendava_only = world.lead_at("cecil@example.hu", &["lendava"], true, "Lendava booth");
    let ptuj = world.user("office@ptuj.si", &["--town", "ptuj"]);
    let session = world.login(&ptuj);

    let list = world.get("/console/leads", Some(&session));
    assert_eq!(list.status, 200);
    assert!(list.body.contains(&ptuj_only.to_string()));
    assert!(list.body.contains(&shared.to_string()));
    assert!(
        !list.body.contains("cecil@example.hu"),
        "another town's lead"
    );
    assert!(!list.body.contains(&lendava_only.to_string()));
    assert!(
        !list.body.contains("Lendava booth"),
        "the venue filter offers only the town's own venues"
    );

    // The CSV is what the filter shows: here only newsletter consents.
    let csv = world.get("/console/leads.csv?newsletter=1", Some(&session));
    assert_eq!(csv.status, 200);
    let rows: Vec<&str> = csv.body.lines().collect();
    assert_eq!(rows.len(), 2, "{}", csv.body);
    assert!(rows[1].contains("ana@example.si"));

    // Asking for the whole network or another town changes nothing.
    for query in ["town=lendava", "venue=x&town=lendava", "language=hu"] {
        let csv = world.get(&format!("/console/leads.csv?{query}"), Some(&session));
        assert!(!csv.body.contains("cecil@example.hu"), "{query}");
    }
    // Marking another town's lead handled is refused.
    let csrf = list.csrf();
    let refused = world.post(
        &format!("/console/leads/{lendava_only}/handled"),
        Some(&session),
        &[("csrf", &csrf)],
    );
    assert_eq!(refused.status, 404);
    // Without the session's CSRF token a form does nothing.
    let forged = world.post(
        &format!("/console/leads/{ptuj_only}/handled"),
        Some(&session),
        &[("csrf", &"0".repeat(64))],
    );
    assert_eq!(forged.status, 403);
    let marked = world.post(
        &format!("/console/leads/{ptuj_only}/handled"),
        Some(&session),
        &[("csrf", &csrf)],
    );
    assert_eq!(marked.status, 303);
    let list = world.get("/console/leads", Some(&session));
    assert!(
        !list
            .body
            .contains(&format!("/console/leads/{ptuj_only}/handled"))
    );
    assert!(
        list.body
            .contains(&format!("/console/leads/{shared}/handled"))
    );

    // The coordinator sees every town.
    let coordinator = world.user("network@example.org", &["--network"]);
    let network = world.login(&coordinator);
    let all = world.get("/console/leads", Some(&network));
    for id in [ptuj_only, shared, lendava_only] {
        assert!(all.body.contains(&id.to_string()));
    }

    // Logging out ends the session on the hub, not only in the browser.
    let out = world.post("/console/logout", Some(&session), &[("csrf", &csrf)]);
    assert_eq!(out.status, 303);
    let after = world.get("/console/leads", Some(&session));
    assert_eq!(after.status, 303);
    assert_eq!(after.location(), "/console/login");
    let csv = world.get("/console/leads.csv", Some(&session));
    assert_eq!(csv.status, 303, "no export without a session");
}

#[test]
fn passwords_are_set_once_and_logins_are_limited() {
    let world = world("console_login");
    let link = url::Url::parse(
        world
            .hub
            .ok(&["user", "add", "Office@Ptuj.si", "--town", "ptuj"])
            .trim(),
    )
    .unwrap();
    let token = link
        .query_pairs()
        .find(|(key, _)| key == "token")
        .unwrap()
        .1
        .to_string();
    let page = world.get(&format!("/console/set-password?token={token}"), None);
    assert!(page.body.contains("office@ptuj.si"), "{}", page.body);
    let short = world.post(
        "/console/set-password",
        None,
        &[
            ("token", &token),
            ("password", "short"),
            ("repeat", "short"),
        ],
    );
    assert!(short.body.contains("at least 12"), "{}", short.body);
    let differ = world.post(
        "/console/set-password",
        None,
        &[
            ("token", &token),
            ("password", PASSWORD),
            ("repeat", "correct horse battery!"),
        ],
    );
    assert!(differ.body.contains("differ"), "{}", differ.body);
    // A form posted from another site is refused.
    let foreign = world.send(
        world
            .http
            .post(world.hub.url.join("/console/set-password").unwrap())
            .header("origin", "https://evil.example")
            .form(&[
                ("token", token.as_str()),
                ("password", PASSWORD),
                ("repeat", PASSWORD),
            ]),
    );
    assert_eq!(foreign.status, 403);
    let done = world.post(
        "/console/set-password",
        None,
        &[
            ("token", &token),
            ("password", PASSWORD),
            ("repeat", PASSWORD),
        ],
    );
    assert!(done.body.contains("password is saved"));
    // The link is used up.
    let again = world.get(&format!("/console/set-password?token={token}"), None);
    assert!(again.body.contains("not valid any more"), "{}", again.body);
    // An account with a password cannot be taken over by a new link.
    let output = world
        .hub
        .cli(&["user", "add", "office@ptuj.si", "--network"]);
    assert!(!output.status.success());

    // The address in any case logs in.
    world.login("OFFICE@ptuj.si");
    // Five wrong passwords lock the address, the right one included.
    for _ in 0..5 {
        let wrong = world.post(
            "/console/login",
            None,
            &[("email", "office@ptuj.si"), ("password", "wrong password")],
        );
        assert_eq!(wrong.status, 200);
        assert!(wrong.body.contains("is wrong"), "{}", wrong.body);
    }
    let locked = world.post(
        "/console/login",
        None,
        &[("email", "office@ptuj.si"), ("password", PASSWORD)],
    );
    assert_eq!(locked.status, 200);
    assert!(
        locked.body.contains("Too many failed attempts"),
        "{}",
        locked.body
    );
    assert!(locked.headers.get("set-cookie").is_none());
    // An unknown address gets the same answer as a wrong password.
    let unknown = world.post(
        "/console/login",
        None,
        &[("email", "nobody@example.org"), ("password", PASSWORD)],
    );
    assert!(unknown.body.contains("is wrong"));
}

#[test]
fn the_console_speaks_the_visitors_language_and_unknown_pages_are_html() {
    let world = world("console_lang");
    let german = world.send(
        world
            .http
            .get(world.hub.url.join("/console/login").unwrap())
            .header("accept-language", "de-AT,de;q=0.9,en;q=0.5"),
    );
    assert!(german.body.contains("Anmelden"), "{}", german.body);
    assert!(german.body.contains("lang=\"de\""));
    let chosen = world.get("/console/language/hu", None);
    assert_eq!(chosen.status, 303);
    let cookie = chosen.headers.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.starts_with("console_lang=hu"), "{cookie}");
    let hungarian = world.send(
        world
            .http
            .get(world.hub.url.join("/console/login").unwrap())
            .header("cookie", "console_lang=hu"),
    );
    assert!(hungarian.body.contains("Bejelentkezés"));
    let missing = world.get("/console/language/xx", None);
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<!DOCTYPE html>"), "{}", missing.body);
    // A session cookie that is not one is no session.
    let forged = world.get("/console/leads", Some("not-a-token"));
    assert_eq!(forged.status, 303);
}

/// chromedriver on a free port, stopped with the test.
struct Driver {
    process: std::process::Child,
    url: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let process = std::process::Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("chromedriver (Debian's chromium-driver, see scripts/setup-debian.sh)");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                std::time::Instant::now() < deadline,
                "chromedriver did not start"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Driver {
            process,
            url: format!("http://127.0.0.1:{port}"),
            _profile: tempfile::tempdir().unwrap(),
        }
    }

    /// Headless Debian chromium at `width`x`height`, with a fresh profile
    /// and none of its calls home (this machine's network is closed).
    async fn browser(&self, width: u32, height: u32) -> fantoccini::Client {
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", self._profile.path().display()),
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-quic",
                ]
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            unreachable!()
        };
        fantoccini::ClientBuilder::native()
            .capabilities(capabilities)
            .connect(&self.url)
            .await
            .expect("a chromium session")
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

/// Saves a page's picture where `CONSOLE_SCREENSHOTS` says (the README's
/// pictures are made so), else nowhere.
fn keep_screenshot(name: &str, png: &[u8]) {
    if let Some(dir) = std::env::var_os("CONSOLE_SCREENSHOTS") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }
}

/// The page's HTML once `ready` holds (a click's page may still load).
async fn page_when(browser: &fantoccini::Client, ready: impl Fn(&str) -> bool) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let page = browser.source().await.unwrap();
        if ready(&page) || std::time::Instant::now() > deadline {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[test]
fn a_town_user_logs_in_filters_and_downloads_in_a_real_browser() {
    use fantoccini::Locator;

    let world = world("console_browser");
    world.lead("ana@example.si", &["ptuj"], true);
    world.lead("bea@example.at", &["ptuj", "lendava"], false);
    world.lead("cecil@example.hu", &["lendava"], true);
    let ptuj = world.user("office@ptuj.si", &["--town", "ptuj"]);
    let driver = Driver::start();
    // localhost: a secure context for the browser, so it keeps the
    // session's Secure cookie over plain HTTP, as behind the TLS proxy.
    let base = format!("http://localhost:{}", world.hub.url.port().unwrap());
    let csv = world.runtime.block_on(async {
        let browser = driver.browser(1280, 900).await;
        browser
            .goto(&format!("{base}/console/login"))
            .await
            .unwrap();
        keep_screenshot("console-login.png", &browser.screenshot().await.unwrap());
        browser
            .find(Locator::Id("email"))
            .await
            .unwrap()
            .send_keys(&ptuj)
            .await
            .unwrap();
        browser
            .find(Locator::Id("password"))
            .await
            .unwrap()
            .send_keys(PASSWORD)
            .await
            .unwrap();
        browser
            .find(Locator::Css("button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let page = page_when(&browser, |page| page.contains("2 leads")).await;
        assert_eq!(
            browser.current_url().await.unwrap().path(),
            "/console/leads"
        );
        assert!(page.contains("ana@example.si") && page.contains("bea@example.at"));
        assert!(!page.contains("cecil@example.hu"));
        keep_screenshot("console-leads.png", &browser.screenshot().await.unwrap());

        // Only newsletter consents, by the form's checkbox and button.
        browser
            .find(Locator::Css("input[name=newsletter]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        browser
            .find(Locator::Css("form.filters button[type=submit]"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let page = page_when(&browser, |page| page.contains("One lead")).await;
        assert!(page.contains("ana@example.si"));
        assert!(!page.contains("bea@example.at"), "filtered out");

        // The download link carries the filter; fetched with the
        // browser's own session.
        let href = browser
            .find(Locator::Css("a[download]"))
            .await
            .unwrap()
            .attr("href")
            .await
            .unwrap()
            .unwrap();
        assert!(href.contains("newsletter=1"), "{href}");
        let session = browser.get_named_cookie("console_session").await.unwrap();
        let csv = world
            .http
            .get(format!("{base}{href}"))
            .header("cookie", format!("console_session={}", session.value()))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        browser.close().await.unwrap();
        csv
    });
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[1].contains("ana@example.si"));
}
