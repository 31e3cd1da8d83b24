//! The console beyond a town's list: a lead's page and erasing its person,
//! the coordinator's fleet (heartbeats, adding, renaming, revoking) and
//! content (uploading packs, good and broken), the figures of what
//! visitors did, and the login limit per network address. Over HTTP and
//! in Debian's chromium, against a real hub on a throwaway PostgreSQL.

use std::io::Write;
use std::path::Path;

use crate::support::console::{
    Driver, PASSWORD, World, click, keep_screenshot, page_when, page_within, sign_in, world,
};
use crate::support::{copy_dir, demo_pack};

impl World {
    /// A kiosk call with `token`, as JSON.
    fn kiosk_call(&self, path: &str, token: &str, body: &serde_json::Value) -> u16 {
        self.send(
            self.http
                .post(self.hub.url.join(path).unwrap())
                .bearer_auth(token)
                .json(body),
        )
        .status
    }

    fn heartbeat(&self, token: &str, venue: &str, last_error: Option<&str>) -> u16 {
        self.kiosk_call(
            "v1/heartbeat",
            token,
            &serde_json::json!({
                "pack_version": "2026.11", "queued_leads": 3, "app_version": "0.1.0",
                "erasures_seen": 0, "venue": venue, "last_error": last_error,
            }),
        )
    }

    /// Counts of two fair days at this world's kiosk: a morning rush and
    /// an afternoon one, towns asked for unevenly, four languages.
    fn fair_days(&self) {
        let towns = [
            "ptuj",
            "lendava",
            "murska-sobota",
            "bad-radkersburg",
            "feldbach",
            "kormend",
        ];
        let languages = ["de", "sl", "hu", "en"];
        let today = chrono::Utc::now().date_naive();
        let mut rows = Vec::new();
        for (day, date) in [today.pred_opt().unwrap(), today].iter().enumerate() {
            for hour in 7..17u32 {
                let busy = [2, 6, 9, 7, 4, 3, 5, 8, 6, 2][(hour - 7) as usize] + day as i64;
                let at = format!("{date}T{hour:02}");
                for (rank, town) in towns.iter().enumerate() {
                    let count = (busy * (6 - rank as i64)) / 3;
                    if count > 0 {
                        rows.push(serde_json::json!({"hour": at, "kind": "town_opened", "key": town, "count": count}));
                    }
                }
                for (rank, lang) in languages.iter().enumerate() {
                    rows.push(serde_json::json!({"hour": at, "kind": "language", "key": lang, "count": busy / (rank as i64 + 1) + 1}));
                }
                rows.push(serde_json::json!({"hour": at, "kind": "lead", "key": "given", "count": busy / 2}));
            }
        }
        assert_eq!(
            self.kiosk_call(
                "v1/stats",
                &self.kiosk_token,
                &serde_json::json!({ "rows": rows })
            ),
            200
        );
    }

    /// A login from `address`, as a proxy on this machine names it.
    fn login_from(
        &self,
        email: &str,
        password: &str,
        address: &str,
    ) -> crate::support::console::Answer {
        self.send(
            self.http
                .post(self.hub.url.join("/console/login").unwrap())
                .header("x-forwarded-for", address)
                .form(&[("email", email), ("password", password)]),
        )
    }
}

/// How long a pack's check may take here: it decodes every film.
const CHECK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(300);

/// `dir` zipped as an editor's archiver does it: one folder inside.
fn zip_folder(dir: &Path, zip_path: &Path) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = Path::new("pack").join(path.strip_prefix(dir).unwrap());
            if path.is_dir() {
                stack.push(path);
            } else {
                writer.start_file(name.to_string_lossy(), options).unwrap();
                writer.write_all(&std::fs::read(&path).unwrap()).unwrap();
            }
        }
    }
    writer.finish().unwrap();
}

#[test]
fn a_town_opens_a_lead_and_erases_its_person_everywhere() {
    let world = world("console_erase");
    let ptuj_lead = world.lead("ana@example.si", &["ptuj"], true);
    let same_person_elsewhere = world.lead("Ana@Example.si", &["lendava"], false);
    let lendava_lead = world.lead("cecil@example.hu", &["lendava"], false);
    let session = world.login(&world.user("office@ptuj.si", &["--town", "ptuj"]));

    let page = world.get(&format!("/console/leads/{ptuj_lead}"), Some(&session));
    assert_eq!(page.status, 200);
    assert!(page.body.contains("ana@example.si"), "{}", page.body);
    assert!(page.body.contains("Consent text version"));
    // Another town's lead has no page for this town, nor can it be erased.
    let other = world.get(&format!("/console/leads/{lendava_lead}"), Some(&session));
    assert_eq!(other.status, 404);
    let csrf = page.csrf();
    let refused = world.post(
        &format!("/console/leads/{lendava_lead}/erase"),
        Some(&session),
        &[("csrf", &csrf)],
    );
    assert_eq!(refused.status, 404);
    let forged = world.post(
        &format!("/console/leads/{ptuj_lead}/erase"),
        Some(&session),
        &[("csrf", &"0".repeat(64))],
    );
    assert_eq!(forged.status, 403);

    let erased = world.post(
        &format!("/console/leads/{ptuj_lead}/erase"),
        Some(&session),
        &[("csrf", &csrf)],
    );
    assert_eq!(erased.status, 303);
    let list = world.get(erased.location(), Some(&session));
    assert!(list.body.contains("The person is erased"), "{}", list.body);
    assert!(!list.body.contains("ana@example.si"));
    // The person's lead for another town went too; other people stayed.
    let coordinator = world.login(&world.user("network@example.org", &["--network"]));
    let all = world.get("/console/leads", Some(&coordinator));
    assert!(!all.body.contains(&same_person_elsewhere.to_string()));
    assert!(all.body.contains(&lendava_lead.to_string()));
    // Kiosks are told by the next heartbeat (a hash, not the address).
    let reply = world.send(
        world
            .http
            .post(world.hub.url.join("v1/heartbeat").unwrap())
            .bearer_auth(&world.kiosk_token)
            .json(&serde_json::json!({"pack_version": "1", "queued_leads": 0, "app_version": "1", "erasures_seen": 0})),
    );
    assert!(reply.body.contains("email_sha256"), "{}", reply.body);
    assert!(!reply.body.contains("ana@"));
}

#[test]
fn the_coordinator_runs_the_fleet_and_a_town_cannot() {
    let world = world("console_fleet");
    let town = world.login(&world.user("office@ptuj.si", &["--town", "ptuj"]));
    let coordinator = world.login(&world.user("network@example.org", &["--network"]));
    let town_csrf = world.get("/console/leads", Some(&town)).csrf();
    for page in ["/console/kiosks", "/console/packs"] {
        assert_eq!(world.get(page, Some(&town)).status, 404, "{page}");
    }
    let refused = world.post(
        "/console/kiosks",
        Some(&town),
        &[("csrf", &town_csrf), ("name", "sneaky")],
    );
    assert_eq!(refused.status, 404);

    let fleet = world.get("/console/kiosks", Some(&coordinator));
    assert_eq!(fleet.status, 200);
    assert!(fleet.body.contains("booth-1"));
    assert!(fleet.body.contains("Silent"), "never heard from: red");
    let csrf = fleet.csrf();
    let added = world.post(
        "/console/kiosks",
        Some(&coordinator),
        &[("csrf", &csrf), ("name", "fair-graz")],
    );
    assert_eq!(added.status, 200, "{}", added.body);
    assert_eq!(
        added.headers.get("cache-control").unwrap(),
        "no-store",
        "the token stays in no cache"
    );
    let at = added.body.find("token = &quot;").expect("the token") + 14;
    let token = added.body[at..at + 64].to_string();
    let twice = world.post(
        "/console/kiosks",
        Some(&coordinator),
        &[("csrf", &csrf), ("name", "fair-graz")],
    );
    assert_eq!(twice.status, 422);
    assert!(twice.body.contains("already"));

    // The new kiosk's heartbeat is on the page: venue, queue, problem.
    assert_eq!(
        world.heartbeat(&token, "Ferienmesse Wien", Some("file abc refused")),
        200
    );
    let fleet = world.get("/console/kiosks", Some(&coordinator));
    for shown in ["Ferienmesse Wien", "file abc refused", "2026.11", "Late"] {
        assert!(fleet.body.contains(shown), "{shown}: {}", fleet.body);
    }
    assert_eq!(world.heartbeat(&token, "Ferienmesse Wien", None), 200);
    let fleet = world.get("/console/kiosks", Some(&coordinator));
    assert!(fleet.body.contains("health green"), "{}", fleet.body);

    // Renamed, the kiosk keeps its token; revoked, it is refused.
    let renamed = world.post(
        "/console/kiosks/fair-graz/rename",
        Some(&coordinator),
        &[("csrf", &csrf), ("name", "fair-vienna")],
    );
    assert_eq!(renamed.status, 303);
    let fleet = world.get("/console/kiosks", Some(&coordinator));
    assert!(fleet.body.contains("fair-vienna") && !fleet.body.contains("fair-graz"));
    assert_eq!(world.heartbeat(&token, "Ferienmesse Wien", None), 200);
    let bad_name = world.post(
        "/console/kiosks/fair-vienna/rename",
        Some(&coordinator),
        &[("csrf", &csrf), ("name", "../Fair Vienna")],
    );
    assert_eq!(bad_name.status, 422);
    let revoked = world.post(
        "/console/kiosks/fair-vienna/revoke",
        Some(&coordinator),
        &[("csrf", &csrf)],
    );
    assert_eq!(revoked.status, 303);
    assert_eq!(world.heartbeat(&token, "Ferienmesse Wien", None), 401);
    let missing = world.post(
        "/console/kiosks/nobody/revoke",
        Some(&coordinator),
        &[("csrf", &csrf)],
    );
    assert_eq!(missing.status, 404);
}

#[test]
fn figures_of_what_visitors_did_as_charts_and_csv() {
    let world = world("console_stats");
    let session = world.login(&world.user("office@ptuj.si", &["--town", "ptuj"]));
    // Counts of this kiosk at 09 and 10 UTC today: 10 and 11 in Vienna
    // in winter, 11 and 12 in summer.
    let today = chrono::Utc::now().date_naive();
    let hour = |h: u32| format!("{today}T{h:02}");
    let row = |hour: String, kind: &str, key: &str, count: i64| serde_json::json!({"hour": hour, "kind": kind, "key": key, "count": count});
    let rows = vec![
        row(hour(9), "town_opened", "ptuj", 5),
        row(hour(10), "town_opened", "ptuj", 2),
        row(hour(10), "town_opened", "lendava", 4),
        row(hour(9), "language", "de", 6),
        row(hour(10), "lead", "given", 3),
    ];
    assert_eq!(
        world.kiosk_call(
            "v1/stats",
            &world.kiosk_token,
            &serde_json::json!({ "rows": rows })
        ),
        200
    );
    assert_eq!(world.heartbeat(&world.kiosk_token, "Graz fair", None), 200);
    let range = format!("from={}&to={}", today.pred_opt().unwrap(), today);
    let page = world.get(&format!("/console/stats?{range}"), Some(&session));
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<svg"), "{}", page.body);
    assert!(
        page.body.contains("<title>ptuj: 7</title>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<title>lendava: 4</title>"));
    assert!(page.body.contains("<title>Deutsch: 6</title>"));
    assert!(page.body.contains("<title>booth-1 (Graz fair): 3</title>"));
    assert!(page.body.contains(&format!("<title>{today}: 3</title>")));
    assert!(page.body.contains("3 leads in these days"));

    let csv = world.get(&format!("/console/stats.csv?{range}"), Some(&session));
    assert_eq!(csv.status, 200);
    let rows: Vec<&str> = csv.body.lines().collect();
    assert_eq!(rows[0], "\u{feff}figure;label;venue;count");
    assert!(rows.contains(&"towns_opened;ptuj;;7"), "{}", csv.body);
    assert!(rows.contains(&"leads_per_kiosk;booth-1;Graz fair;3"));
    assert!(rows.contains(&format!("leads_per_day;{today};;3").as_str()));
    // Every hour of the day has a row, busy or not; Vienna is one or two
    // hours ahead of UTC.
    let busy: Vec<&str> = rows
        .iter()
        .filter(|row| row.starts_with("towns_opened_per_hour;") && !row.ends_with(";0"))
        .copied()
        .collect();
    assert!(
        busy == ["towns_opened_per_hour;10;;5", "towns_opened_per_hour;11;;6"]
            || busy == ["towns_opened_per_hour;11;;5", "towns_opened_per_hour;12;;6"],
        "{busy:?}"
    );
    assert_eq!(
        rows.iter()
            .filter(|row| row.starts_with("leads_per_hour;"))
            .count(),
        24
    );
    // Outside the range there is nothing.
    let before = world.get(
        "/console/stats.csv?from=2026-01-01&to=2026-01-31",
        Some(&session),
    );
    assert!(
        !before.body.contains("towns_opened;ptuj"),
        "{}",
        before.body
    );
}

#[test]
fn logins_from_one_address_are_limited_across_accounts() {
    let world = world("console_address_limit");
    let office = world.user("office@ptuj.si", &["--town", "ptuj"]);
    // Twenty wrong guesses, each at another account, from one address.
    for n in 0..20 {
        let wrong = world.login_from(&format!("guess{n}@example.org"), "wrong", "203.0.113.7");
        assert!(wrong.body.contains("is wrong"), "{}", wrong.body);
    }
    let locked = world.login_from(&office, PASSWORD, "203.0.113.7");
    assert!(
        locked.body.contains("Too many failed attempts"),
        "{}",
        locked.body
    );
    // Another address is not locked out by them.
    let elsewhere = world.login_from(&office, PASSWORD, "198.51.100.4");
    assert_eq!(elsewhere.status, 303, "{}", elsewhere.body);
}

#[test]
fn the_coordinator_adds_a_kiosk_and_publishes_packs_in_a_real_browser() {
    use fantoccini::Locator;

    let world = world("console_coordinator_browser");
    let coordinator = world.user("network@example.org", &["--network"]);
    let lead = world.lead("ana@example.si", &["ptuj"], true);
    // A broken copy of the demo pack, and a good one.
    let broken_dir = world.work.path().join("broken");
    copy_dir(&demo_pack(), &broken_dir);
    let town_file = broken_dir.join("towns/ptuj/town.toml");
    let mut text = std::fs::read_to_string(&town_file).unwrap();
    text.push_str("\nthis line = is [ broken\n");
    std::fs::write(&town_file, text).unwrap();
    let broken_zip = world.work.path().join("broken-pack.zip");
    zip_folder(&broken_dir, &broken_zip);
    let good_zip = world.work.path().join("demo-pack.zip");
    zip_folder(&demo_pack(), &good_zip);

    let driver = Driver::start();
    let base = format!("http://localhost:{}", world.hub.url.port().unwrap());
    let token = world.runtime.block_on(async {
        let browser = driver.browser(1280, 900).await;
        browser
            .goto(&format!("{base}/console/login"))
            .await
            .unwrap();
        sign_in(&browser, &coordinator).await;
        page_when(&browser, |page| page.contains("One lead")).await;

        // A lead's page.
        browser
            .goto(&format!("{base}/console/leads/{lead}"))
            .await
            .unwrap();
        page_when(&browser, |page| page.contains("Consent text version")).await;
        keep_screenshot("console-lead.png", &browser.screenshot().await.unwrap());

        // A kiosk added: its token shown once.
        browser
            .goto(&format!("{base}/console/kiosks"))
            .await
            .unwrap();
        browser
            .find(Locator::Id("new-kiosk"))
            .await
            .unwrap()
            .send_keys("fair-graz")
            .await
            .unwrap();
        click(
            &browser,
            "form[action='/console/kiosks'] button[type=submit]",
        )
        .await;
        page_when(&browser, |page| page.contains("kiosk-token")).await;
        let snippet = browser
            .find(Locator::Id("kiosk-token"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let token = snippet.split('"').nth(1).unwrap().to_string();
        assert_eq!(token.len(), 64, "{snippet}");

        // A broken pack: its problems with file and line, nothing published.
        browser
            .goto(&format!("{base}/console/packs"))
            .await
            .unwrap();
        browser
            .find(Locator::Id("pack"))
            .await
            .unwrap()
            .send_keys(&broken_zip.to_string_lossy())
            .await
            .unwrap();
        click(
            &browser,
            "form[action='/console/packs/upload'] button[type=submit]",
        )
        .await;
        let page = page_within(&browser, CHECK_PATIENCE, |page| {
            page.contains("<section class=\"error\"")
        })
        .await;
        assert!(page.contains("towns/ptuj/town.toml:"), "{page}");
        assert!(page.contains("No pack is published yet"), "{page}");
        keep_screenshot("console-packs.png", &browser.screenshot().await.unwrap());

        // The good pack is published (its films decoded first).
        browser
            .find(Locator::Id("pack"))
            .await
            .unwrap()
            .send_keys(&good_zip.to_string_lossy())
            .await
            .unwrap();
        click(
            &browser,
            "form[action='/console/packs/upload'] button[type=submit]",
        )
        .await;
        let page = page_within(&browser, CHECK_PATIENCE, |page| {
            page.contains("<section class=\"success\"")
        })
        .await;
        assert!(page.contains("class=\"health green\""), "current: {page}");
        browser.close().await.unwrap();
        token
    });

    // The new kiosk syncs the pack, and the console shows it there.
    let kiosk_data = world.work.path().join("kiosk");
    let url = city_core::config::HubUrl::parse(world.hub.url.as_str()).unwrap();
    let client = city_core::sync::HubClient::new(&url, &token, None).unwrap();
    let report = world.runtime.block_on(async {
        let store = city_core::store::Store::open_in(&kiosk_data).await.unwrap();
        let kiosk = city_core::sync::KioskState {
            data_dir: &kiosk_data,
            current_pack: &demo_pack(),
            pack_version: "none",
            app_version: "test",
            media: Some(&city_decode::Decoder),
            venue: Some("Graz fair"),
            last_error: None,
        };
        let first = city_core::sync::sync_once(&client, &store, &kiosk)
            .await
            .unwrap();
        let installed = first.installed.expect("the published pack");
        // The next heartbeat names the pack now shown.
        let kiosk = city_core::sync::KioskState {
            pack_version: &installed.version,
            current_pack: &installed.root,
            ..kiosk
        };
        city_core::sync::sync_once(&client, &store, &kiosk)
            .await
            .unwrap();
        installed.version
    });
    let session = world.login(&coordinator);
    let packs = world.get("/console/packs", Some(&session));
    let row_at = packs.body.find(&format!("data-pack=\"{report}\"")).unwrap();
    let row = &packs.body[row_at..row_at + packs.body[row_at..].find("</tr>").unwrap()];
    assert!(
        row.ends_with("<td class=\"kiosks\">fair-graz</td>"),
        "the kiosk that shows it: {row}"
    );
    let fleet = world.get("/console/kiosks", Some(&session));
    assert!(fleet.body.contains("Graz fair"));
    let revoked_token = token.clone();

    // Pictures of the fleet and the figures for docs/console.md.
    world.fair_days();
    world.runtime.block_on(async {
        let browser = driver.browser(1280, 900).await;
        browser
            .goto(&format!("{base}/console/login"))
            .await
            .unwrap();
        sign_in(&browser, &coordinator).await;
        page_when(&browser, |page| page.contains("One lead")).await;
        browser
            .goto(&format!("{base}/console/kiosks"))
            .await
            .unwrap();
        page_when(&browser, |page| page.contains("Graz fair")).await;
        keep_screenshot("console-kiosks.png", &browser.screenshot().await.unwrap());
        // Revoked from its row: its token is refused from then on.
        click(
            &browser,
            "tr[data-kiosk='fair-graz'] details:nth-of-type(2) summary",
        )
        .await;
        click(&browser, "tr[data-kiosk='fair-graz'] button.danger").await;
        let page = page_when(&browser, |page| page.contains("The kiosk is revoked")).await;
        assert!(page.contains("health revoked"), "{page}");
        browser
            .goto(&format!("{base}/console/stats"))
            .await
            .unwrap();
        page_when(&browser, |page| page.contains("<svg")).await;
        keep_screenshot("console-stats.png", &browser.screenshot().await.unwrap());
        browser.close().await.unwrap();
    });
    let url = city_core::config::HubUrl::parse(world.hub.url.as_str()).unwrap();
    let client = city_core::sync::HubClient::new(&url, &revoked_token, None).unwrap();
    let store = world
        .runtime
        .block_on(city_core::store::Store::open_in(&kiosk_data))
        .unwrap();
    let kiosk = city_core::sync::KioskState {
        data_dir: &kiosk_data,
        current_pack: &demo_pack(),
        pack_version: "none",
        app_version: "test",
        media: None,
        venue: None,
        last_error: None,
    };
    let refused = world
        .runtime
        .block_on(city_core::sync::sync_once(&client, &store, &kiosk));
    assert!(
        matches!(refused, Err(city_core::sync::SyncError::Unauthorized)),
        "{refused:?}"
    );
}

/// The ids of the leads a list page shows, in order.
fn listed(page: &str) -> Vec<String> {
    page.split("data-lead=\"")
        .skip(1)
        .map(|rest| rest[..36].to_string())
        .collect()
}

/// The address of a pager link (`rel` prev or next), unescaped.
fn pager_link(page: &str, rel: &str) -> Option<String> {
    let at = page.find(&format!("rel=\"{rel}\""))?;
    let start = page[..at].rfind("href=\"")? + 6;
    let end = start + page[start..].find('"')?;
    Some(page[start..end].replace("&amp;", "&"))
}

#[test]
fn the_list_pages_newest_first_both_ways_whatever_its_length() {
    let world = world("console_paging");
    for n in 0..120 {
        world.lead(&format!("visitor{n}@example.org"), &["ptuj"], n % 2 == 0);
    }
    let session = world.login(&world.user("office@ptuj.si", &["--town", "ptuj"]));
    let first = world.get("/console/leads", Some(&session));
    assert!(first.body.contains("120 leads"), "{}", first.body);
    assert!(
        pager_link(&first.body, "prev").is_none(),
        "nothing is newer"
    );
    let (mut seen, mut page, mut pages) = (Vec::new(), first.body, Vec::new());
    loop {
        let ids = listed(&page);
        seen.extend(ids.clone());
        pages.push((ids, page.clone()));
        match pager_link(&page, "next") {
            Some(next) => page = world.get(&next, Some(&session)).body,
            None => break,
        }
    }
    assert_eq!(
        pages.iter().map(|(ids, _)| ids.len()).collect::<Vec<_>>(),
        [50, 50, 20]
    );
    let mut unique = seen.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 120, "every lead once");
    // Back from the last page: the middle page again, exactly.
    let back = pager_link(&pages[2].1, "prev").unwrap();
    let middle = world.get(&back, Some(&session));
    assert_eq!(listed(&middle.body), pages[1].0);
    // The filter travels with the pager.
    let filtered = world.get("/console/leads?newsletter=1", Some(&session));
    let next = pager_link(&filtered.body, "next").unwrap();
    assert!(next.contains("newsletter=1"), "{next}");
    let second = world.get(&next, Some(&session));
    assert_eq!(listed(&second.body).len(), 10);
    // A cursor that is not one is ignored, never an error.
    let odd = world.get("/console/leads?older=yesterday_x", Some(&session));
    assert_eq!(odd.status, 200);
    assert_eq!(listed(&odd.body), pages[0].0);
}

#[test]
fn pack_uploads_are_refused_to_towns_forgers_and_non_zips() {
    let world = world("console_upload_hostile");
    let town = world.login(&world.user("office@ptuj.si", &["--town", "ptuj"]));
    let coordinator = world.login(&world.user("network@example.org", &["--network"]));
    let csrf = world.get("/console/packs", Some(&coordinator)).csrf();
    let town_csrf = world.get("/console/leads", Some(&town)).csrf();
    let upload =
        |session: &str, parts: &[(&str, Option<&str>, &[u8])]| world.upload(session, parts);
    // A town may not publish, whatever it sends.
    let answer = upload(
        &town,
        &[
            ("csrf", None, town_csrf.as_bytes()),
            ("pack", Some("p.zip"), b"PK"),
        ],
    );
    assert_eq!(answer.status, 404);
    // The file before the token, a wrong token, no token: nothing is taken.
    for parts in [
        vec![
            ("pack", Some("p.zip"), &b"PK"[..]),
            ("csrf", None, csrf.as_bytes()),
        ],
        vec![
            ("csrf", None, &[b'0'; 64][..]),
            ("pack", Some("p.zip"), &b"PK"[..]),
        ],
        vec![("pack", Some("p.zip"), &b"PK"[..])],
    ] {
        assert_eq!(upload(&coordinator, &parts).status, 403);
    }
    // A form without the file is incomplete.
    assert_eq!(
        upload(&coordinator, &[("csrf", None, csrf.as_bytes())]).status,
        400
    );
    // Not a zip: checked, refused with why, nothing published; a hostile
    // file name is kept as text, never markup.
    let answer = upload(
        &coordinator,
        &[
            ("csrf", None, csrf.as_bytes()),
            ("pack", Some("<b>x</b>.zip"), b"this is no zip"),
        ],
    );
    assert_eq!(answer.status, 303, "{}", answer.body);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let page = loop {
        let page = world.get(answer.location(), Some(&coordinator)).body;
        if page.contains("<section class=\"error\"") || std::time::Instant::now() > deadline {
            break page;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    assert!(page.contains("not a zip file"), "{page}");
    assert!(
        page.contains("&lt;b&gt;x&lt;/b&gt;.zip") && !page.contains("<b>x</b>"),
        "{page}"
    );
    assert!(page.contains("No pack is published yet"));
    assert_eq!(
        std::fs::read_dir(world.work.path().join("blobs/.uploads"))
            .unwrap()
            .count(),
        0,
        "the workspace is gone"
    );
}
