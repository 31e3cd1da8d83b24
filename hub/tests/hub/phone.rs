//! "Continue on your phone": a kiosk's signed link opens the hub's form on
//! a phone, prefilled; the lead is the kiosk's, sent once, and mailed; the
//! kiosk learns it arrived. Refused: expired, used, forged, revoked.

use std::time::Duration;

use chrono::Utc;
use city_core::Lang;
use city_core::content::load_pack;

use crate::support::console::{Answer, World, phone_link, phone_world};
use crate::support::demo_pack;
use crate::support::smtp::{SmtpOptions, SmtpServer};

fn post(world: &World, path: &str, form: &[(&str, &str)]) -> Answer {
    world.send(
        world
            .http
            .post(world.hub.url.join(path).unwrap())
            .form(form),
    )
}

/// What the kiosk's own sync client hears when it asks.
fn arrived(world: &World, token: &str, lead: uuid::Uuid) -> bool {
    let url = city_core::config::HubUrl::parse(world.hub.url.as_str()).unwrap();
    let client = city_core::sync::HubClient::new(&url, token, None).unwrap();
    world
        .runtime
        .block_on(client.phone_lead_arrived(lead))
        .unwrap()
}

#[test]
fn a_phone_continues_the_kiosks_form_once_and_the_visitor_gets_the_mail() {
    let work = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(&work.path().join("mails"), SmtpOptions::default());
    let world = phone_world("phone_flow", &smtp);
    let pack = load_pack(&demo_pack()).unwrap();
    let (link, path) = phone_link(&world, Utc::now());
    assert!(!arrived(&world, &world.kiosk_token, link.lead_id));

    // The form, in German, prefilled with what was chosen at the kiosk,
    // with the pack's consent texts.
    let page = world.get(&path, None);
    assert_eq!(page.status, 200, "{}", page.body);
    assert_eq!(page.headers["cache-control"], "no-store");
    assert!(page.body.contains("lang=\"de\""));
    assert!(page.body.contains("value=\"ptuj\" checked"), "Ptuj chosen");
    assert!(
        page.body.contains("value=\"lendava\">"),
        "Lendava offered, not chosen"
    );
    assert!(page.body.contains("value=\"culture\" checked"));
    for consent in [
        &pack.consent.contact,
        &pack.consent.newsletter,
        &pack.consent.privacy,
    ] {
        assert!(page.body.contains(consent.get(Lang::De)));
    }

    // Without the contact consent: the kiosk's rule, the kiosk's words.
    let refused = post(
        &world,
        &path,
        &[("email", "lena@example.at"), ("town", "ptuj")],
    );
    assert_eq!(refused.status, 422);
    assert!(
        refused
            .body
            .contains(&pack.ui.text(Lang::De, city_core::i18n::Key::ErrorConsent))
    );
    assert!(
        refused.body.contains("value=\"lena@example.at\""),
        "what was typed stays"
    );

    let form = [
        ("email", "lena@example.at"),
        ("name", "Lena Huber"),
        ("country", "AT"),
        ("town", "ptuj"),
        ("town", "lendava"),
        ("theme", "culture"),
        ("family", "1"),
        ("calendar", ""),
        ("consent_contact", "1"),
        ("consent_newsletter", "1"),
    ];
    let thanks = post(&world, &path, &form);
    assert_eq!(thanks.status, 200, "{}", thanks.body);
    assert!(
        thanks
            .body
            .contains(&pack.ui.text(Lang::De, city_core::i18n::Key::ThanksTitle))
    );

    // The lead is the kiosk's, at its venue, with the link's id.
    let csv = world.hub.ok(&["leads", "export"]);
    let records = city_core::leads::csv::read_records(&csv).unwrap();
    assert_eq!(records.len(), 2, "one lead: {csv}");
    let lead = &records[1];
    let column = |name: &str| records[0].iter().position(|n| n == name).unwrap();
    assert_eq!(lead[column("id")], link.lead_id.to_string());
    assert_eq!(lead[column("kiosk")], "booth-1");
    assert_eq!(lead[column("venue")], "Ferien-Messe Wien");
    assert_eq!(lead[column("towns")], "lendava,ptuj");
    assert_eq!(lead[column("consent_version")], pack.consent.version);
    assert_eq!(lead[column("language")], "de");
    assert!(arrived(&world, &world.kiosk_token, link.lead_id));
    let other = world
        .hub
        .ok(&["kiosk", "add", "booth-2"])
        .trim()
        .to_string();
    assert!(
        !arrived(&world, &other, link.lead_id),
        "another kiosk learns nothing"
    );

    // The visitor's mail follows, in German.
    let mails = smtp.wait_for(1, Duration::from_secs(60));
    assert_eq!(mails[0].rcpt_tos, ["lena@example.at"]);
    assert!(mails[0].text.starts_with("Guten Tag Lena Huber,"));

    // Sent again (a double tap, the back button): still one lead.
    let again = post(&world, &path, &form);
    assert_eq!(again.status, 410);
    assert!(again.body.contains("schon gesendet"));
    assert_eq!(world.get(&path, None).status, 410);
    let csv = world.hub.ok(&["leads", "export"]);
    assert_eq!(city_core::leads::csv::read_records(&csv).unwrap().len(), 2);
}

#[test]
fn expired_forged_and_revoked_links_open_nothing() {
    let work = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(&work.path().join("mails"), SmtpOptions::default());
    let world = phone_world("phone_refused", &smtp);

    let (_, expired) = phone_link(&world, Utc::now() - chrono::Duration::minutes(16));
    let answer = world.get(&expired, None);
    assert_eq!(answer.status, 410);
    assert!(answer.body.contains("abgelaufen"));

    let (_, path) = phone_link(&world, Utc::now());
    let forged = path.replace("t=ptuj", "t=weiz");
    assert_eq!(world.get(&forged, None).status, 404);
    assert_eq!(
        post(&world, &forged, &[("email", "x@example.org")]).status,
        404
    );
    assert_eq!(world.get("phone", None).status, 404);
    assert_eq!(world.get("phone?k=..%2F&v=x", None).status, 404);

    world.hub.ok(&["kiosk", "revoke", "booth-1"]);
    assert_eq!(world.get(&path, None).status, 404);
    let csv = world.hub.ok(&["leads", "export"]);
    assert_eq!(
        city_core::leads::csv::read_records(&csv).unwrap().len(),
        1,
        "no lead"
    );
}

#[test]
fn a_visitor_continues_on_a_phone_in_a_real_browser() {
    use crate::support::console::{Driver, click, keep_screenshot, page_when};
    use fantoccini::Locator;

    let work = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(&work.path().join("mails"), SmtpOptions::default());
    let world = phone_world("phone_browser", &smtp);
    let (link, path) = phone_link(&world, Utc::now());
    let driver = Driver::start();
    let base = format!("http://localhost:{}/", world.hub.url.port().unwrap());
    world.runtime.block_on(async {
        // A phone's screen.
        let browser = driver.browser(760, 915).await;
        // (A new window is at least 500 wide; a resized one may be less.)
        browser.set_window_size(360, 800).await.unwrap();
        browser.goto(&format!("{base}{path}")).await.unwrap();
        page_when(&browser, |page| page.contains("consent_contact")).await;
        keep_screenshot("phone-form.png", &browser.screenshot().await.unwrap());
        browser
            .find(Locator::Css("#email"))
            .await
            .unwrap()
            .send_keys("mia@example.de")
            .await
            .unwrap();
        click(&browser, "input[name=consent_contact]").await;
        click(&browser, "form.phone button[type=submit]").await;
        page_when(&browser, |page| page.contains("class=\"success\"")).await;
    });
    let mails = smtp.wait_for(1, Duration::from_secs(60));
    assert_eq!(mails[0].rcpt_tos, ["mia@example.de"]);
    assert!(arrived(&world, &world.kiosk_token, link.lead_id));
}
