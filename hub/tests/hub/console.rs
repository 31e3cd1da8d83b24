//! The web console over HTTP, against a real hub on a throwaway
//! PostgreSQL: accounts from the command line, passwords set by one-time
//! links, logins limited, sessions in secure cookies, forms that need
//! their session's CSRF token, and a town that sees and exports only its
//! own leads, however it asks.

use crate::support::console::{
    Driver, PASSWORD, click, keep_screenshot, page_when, sign_in, world,
};

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
        sign_in(&browser, &ptuj).await;
        let page = page_when(&browser, |page| page.contains("2 leads")).await;
        assert_eq!(
            browser.current_url().await.unwrap().path(),
            "/console/leads"
        );
        assert!(page.contains("ana@example.si") && page.contains("bea@example.at"));
        assert!(!page.contains("cecil@example.hu"));
        keep_screenshot("console-leads.png", &browser.screenshot().await.unwrap());

        // Only newsletter consents, by the form's checkbox and button.
        click(&browser, "input[name=newsletter]").await;
        click(&browser, "form.filters button[type=submit]").await;
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

        // Bea asks to be erased: her lead's page, the erase disclosure,
        // the confirmation; the list no longer knows her.
        browser
            .goto(&format!("{base}/console/leads"))
            .await
            .unwrap();
        page_when(&browser, |page| page.contains("bea@example.at")).await;
        browser
            .find(Locator::XPath(
                "//tr[td/a[text()='bea@example.at']]/td[1]/a",
            ))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        page_when(&browser, |page| page.contains("Consent text version")).await;
        click(&browser, "details.erase summary").await;
        click(&browser, "details.erase button.danger").await;
        let page = page_when(&browser, |page| page.contains("The person is erased")).await;
        assert!(page.contains("The person is erased"), "{page}");
        assert!(!page.contains("bea@example.at"), "{page}");
        assert!(page.contains("ana@example.si"));
        browser.close().await.unwrap();
        csv
    });
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert!(rows[1].contains("ana@example.si"));
}
