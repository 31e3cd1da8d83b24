//! The web console's test world: a real hub on a throwaway PostgreSQL,
//! an HTTP client that keeps no cookies of its own (each request names its
//! session), and Debian's chromium through chromedriver.

use crate::support::hub::Hub;
use crate::support::postgres::TestPostgres;
use city_core::leads::LeadWire;
use city_core::protocol::LeadBatch;

pub const PASSWORD: &str = "correct horse battery";

pub struct World {
    pub hub: Hub,
    pub database_url: String,
    pub kiosk_token: String,
    pub runtime: tokio::runtime::Runtime,
    pub http: reqwest::Client,
    pub work: tempfile::TempDir,
    _postgres: TestPostgres,
}

pub struct Answer {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Answer {
    pub fn location(&self) -> &str {
        self.headers
            .get("location")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }

    /// The value of the hidden `csrf` field of the page.
    pub fn csrf(&self) -> String {
        let at = self.body.find("name=\"csrf\" value=\"").expect("a form") + 19;
        self.body[at..at + 64].to_string()
    }
}

/// Where the links in mails and phone links point; the tests open them on
/// the hub itself (same path).
pub const PUBLIC_URL: &str = "https://hub.city-cooperation.test/";

/// A world whose hub mails visitors through `smtp` and serves phone links,
/// with the demo pack published.
pub fn phone_world(name: &str, smtp: &crate::support::smtp::SmtpServer) -> World {
    let world = world_with(
        name,
        &[
            "--smtp-url",
            &smtp.url(),
            "--mail-from",
            "City Cooperation <info@city-cooperation.test>",
            "--public-url",
            PUBLIC_URL,
        ],
    );
    world
        .hub
        .ok(&["publish", crate::support::demo_pack().to_str().unwrap()]);
    world
}

/// A phone link of kiosk booth-1 made at `at` (Ptuj and culture chosen,
/// in German), and its path and query on this hub.
pub fn phone_link(
    world: &World,
    at: chrono::DateTime<chrono::Utc>,
) -> (city_core::phone_link::PhoneLink, String) {
    let link = city_core::phone_link::PhoneLink::new(
        "booth-1",
        "Ferien-Messe Wien",
        vec!["ptuj".into()],
        vec![city_core::content::Theme::Culture],
        city_core::Lang::De,
        at,
    );
    let url = link.url(&url::Url::parse(PUBLIC_URL).unwrap(), &world.kiosk_token);
    let path = url.as_str().strip_prefix(PUBLIC_URL).unwrap().to_string();
    (link, path)
}

pub fn world(name: &str) -> World {
    world_with(name, &[])
}

/// A world whose hub serves with extra flags (mail settings, say).
pub fn world_with(name: &str, serve_args: &[&str]) -> World {
    world_with_env(name, serve_args, &[("RUST_LOG", "info")])
}

/// A world whose hub serves with extra flags and environment (its log's
/// level and format).
pub fn world_with_env(name: &str, serve_args: &[&str], serve_env: &[(&str, &str)]) -> World {
    let mut postgres = TestPostgres::start();
    let database_url = postgres.database(name);
    let work = tempfile::tempdir().unwrap();
    let hub = Hub::start_with_env(
        &database_url,
        &work.path().join("blobs"),
        serve_args,
        serve_env,
    );
    let kiosk_token = hub.ok(&["kiosk", "add", "booth-1"]).trim().to_string();
    World {
        hub,
        database_url,
        kiosk_token,
        runtime: tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap(),
        http: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap(),
        work,
        _postgres: postgres,
    }
}

impl World {
    pub fn send(&self, request: reqwest::RequestBuilder) -> Answer {
        self.runtime.block_on(async {
            let response = request.send().await.unwrap();
            Answer {
                status: response.status().as_u16(),
                headers: response.headers().clone(),
                body: response.text().await.unwrap(),
            }
        })
    }

    pub fn get(&self, path: &str, session: Option<&str>) -> Answer {
        let mut request = self.http.get(self.hub.url.join(path).unwrap());
        if let Some(session) = session {
            request = request.header("cookie", format!("console_session={session}"));
        }
        self.send(request)
    }

    pub fn post(&self, path: &str, session: Option<&str>, form: &[(&str, &str)]) -> Answer {
        let mut request = self.http.post(self.hub.url.join(path).unwrap()).form(form);
        if let Some(session) = session {
            request = request.header("cookie", format!("console_session={session}"));
        }
        self.send(request)
    }

    /// Adds a user and sets their password through the link; their email.
    pub fn user(&self, email: &str, scope: &[&str]) -> String {
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
    pub fn login(&self, email: &str) -> String {
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
    pub fn lead(&self, email: &str, towns: &[&str], newsletter: bool) -> uuid::Uuid {
        self.lead_at(email, towns, newsletter, "Fair")
    }

    /// A lead given at `venue`.
    pub fn lead_at(
        &self,
        email: &str,
        towns: &[&str],
        newsletter: bool,
        venue: &str,
    ) -> uuid::Uuid {
        let mut lead = LeadWire::from(&crate::support::visitor_lead(
            email,
            towns,
            city_core::Lang::De,
        ));
        lead.consent_newsletter = newsletter;
        lead.venue = venue.to_string();
        let id = lead.id;
        self.send_leads(vec![lead]);
        id
    }

    /// A kiosk's batch, as its sync sends it; must be accepted.
    pub fn send_leads(&self, leads: Vec<LeadWire>) {
        let answer = self.send(
            self.http
                .post(self.hub.url.join("v1/leads").unwrap())
                .bearer_auth(&self.kiosk_token)
                .json(&LeadBatch { leads }),
        );
        assert_eq!(answer.status, 200, "{}", answer.body);
    }
}

/// A multipart form as a browser sends it: `(name, file name, bytes)`.
pub fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----console-test-boundary";
    let mut body = Vec::new();
    for (name, file, bytes) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match file {
            Some(file) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: application/zip\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl World {
    /// Posts the console's pack upload form, `(name, file name, bytes)`
    /// parts in order, as `session`.
    pub fn upload(&self, session: &str, parts: &[(&str, Option<&str>, &[u8])]) -> Answer {
        let (content_type, body) = multipart(parts);
        self.send(
            self.http
                .post(self.hub.url.join("/console/packs/upload").unwrap())
                .header("cookie", format!("console_session={session}"))
                .header("content-type", content_type)
                .body(body),
        )
    }

    /// The packs page once upload `answer`'s check has an outcome.
    pub fn upload_outcome(&self, session: &str, answer: &Answer) -> String {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        loop {
            let page = self.get(answer.location(), Some(session)).body;
            let done = page.contains("<section class=\"error\"")
                || page.contains("<section class=\"success\"");
            if done || std::time::Instant::now() > deadline {
                return page;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

/// chromedriver on a free port, stopped with the test.
pub struct Driver {
    process: std::process::Child,
    url: String,
    _profile: tempfile::TempDir,
}

impl Driver {
    pub fn start() -> Driver {
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
    pub async fn browser(&self, width: u32, height: u32) -> fantoccini::Client {
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

/// Saves a page's picture where `CONSOLE_SCREENSHOTS` says (the docs'
/// pictures are made so), else nowhere.
pub fn keep_screenshot(name: &str, png: &[u8]) {
    if let Some(dir) = std::env::var_os("CONSOLE_SCREENSHOTS") {
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(name), png).unwrap();
    }
}

/// The page's HTML once `ready` holds (a click's page may still load).
pub async fn page_when(browser: &fantoccini::Client, ready: impl Fn(&str) -> bool) -> String {
    page_within(browser, std::time::Duration::from_secs(15), ready).await
}

/// The page's HTML once `ready` holds, waiting up to `patience` (a pack's
/// check decodes its films).
pub async fn page_within(
    browser: &fantoccini::Client,
    patience: std::time::Duration,
    ready: impl Fn(&str) -> bool,
) -> String {
    let deadline = std::time::Instant::now() + patience;
    loop {
        let page = browser.source().await.unwrap();
        if ready(&page) || std::time::Instant::now() > deadline {
            return page;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Clicks the element `css` finds on the page shown.
pub async fn click(browser: &fantoccini::Client, css: &str) {
    browser
        .find(fantoccini::Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Fills in the login form on the page shown and sends it.
pub async fn sign_in(browser: &fantoccini::Client, email: &str) {
    use fantoccini::Locator;
    for (field, value) in [("email", email), ("password", PASSWORD)] {
        browser
            .find(Locator::Id(field))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    click(browser, "button[type=submit]").await;
}
