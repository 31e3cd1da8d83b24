//! The visitor's mail, end to end with real parts: a kiosk's lead reaches
//! the hub, the hub's outbox sends it to a real SMTP server on 127.0.0.1
//! (python3-aiosmtpd), the visitor confirms the newsletter and erases
//! themselves by the mail's links; the server down, the hub killed
//! mid-send, an address refused, STARTTLS with the network's own CA.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::Utc;
use city_core::Lang;
use city_core::content::{Theme, load_pack};
use city_core::leads::LeadWire;
use uuid::Uuid;

use crate::support::console::{PUBLIC_URL, World, world_with};
use crate::support::smtp::{Mail, SmtpOptions, SmtpServer};
use crate::support::{demo_pack, wire_lead};

const FROM: &str = "City Cooperation <info@city-cooperation.test>";

fn mail_args(smtp_url: &str) -> Vec<String> {
    [
        "--smtp-url",
        smtp_url,
        "--mail-from",
        FROM,
        "--public-url",
        PUBLIC_URL,
        "--mail-first-retry-secs",
        "1",
    ]
    .map(str::to_string)
    .to_vec()
}

fn mail_world(name: &str, smtp_url: &str, extra: &[&str]) -> World {
    let mut args = mail_args(smtp_url);
    args.extend(extra.iter().map(|arg| arg.to_string()));
    world_with(name, &args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// A lead as a kiosk's form makes it, with the given choices.
fn lead(
    email: &str,
    name: &str,
    towns: &[&str],
    language: Lang,
    newsletter: bool,
    family: bool,
) -> LeadWire {
    let mut lead = wire_lead(email, towns, language);
    lead.consent_newsletter = newsletter;
    lead.family = family;
    lead.themes = vec![Theme::Culture.key().into(), Theme::Culinary.key().into()];
    lead.name = Some(name.into());
    lead
}

impl World {
    fn pool(&self) -> sqlx::PgPool {
        self.runtime
            .block_on(city_hub::db::connect(&self.database_url))
            .unwrap()
    }

    /// A link from a mail, opened on this hub (same path).
    fn open(&self, link: &str) -> crate::support::console::Answer {
        let path = link.strip_prefix(PUBLIC_URL).expect("a link to the hub");
        self.get(path, None)
    }

    fn submit(&self, link: &str, suffix: &str) -> crate::support::console::Answer {
        let path = link.strip_prefix(PUBLIC_URL).expect("a link to the hub");
        self.post(&format!("{path}{suffix}"), None, &[])
    }

    /// The outbox row of a lead: attempts, sent, given up, last error.
    fn outbox(&self, lead: Uuid) -> Option<(i32, bool, bool, Option<String>)> {
        let pool = self.pool();
        self.runtime
            .block_on(
                sqlx::query_as(
                    "SELECT attempts, sent_at IS NOT NULL, failed_at IS NOT NULL, last_error \
                     FROM mail_outbox WHERE lead_id = $1",
                )
                .bind(lead)
                .fetch_optional(&pool),
            )
            .unwrap()
    }

    fn wait_until(&self, what: &str, within: Duration, done: impl Fn(&World) -> bool) {
        let start = Instant::now();
        while !done(self) {
            assert!(start.elapsed() < within, "waited {within:?} for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// The link to the visitor's own page in a mail.
fn own_page(mail: &Mail) -> String {
    mail.text
        .split_whitespace()
        .find(|word| {
            word.starts_with(&format!("{PUBLIC_URL}visitor/")) && !word.ends_with("/newsletter")
        })
        .expect("a link to the visitor's own page")
        .to_string()
}

fn mail_to<'m>(mails: &'m [Mail], address: &str) -> &'m Mail {
    mails
        .iter()
        .find(|mail| mail.rcpt_tos == [address])
        .unwrap_or_else(|| panic!("no mail to {address}"))
}

#[test]
fn the_visitor_gets_one_mail_in_their_language_confirms_and_erases_themselves() {
    let work = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(&work.path().join("mails"), SmtpOptions::default());
    let world = mail_world("mail_visitor", &smtp.url(), &[]);
    world.hub.ok(&["publish", demo_pack().to_str().unwrap()]);
    let pack = load_pack(&demo_pack()).unwrap();

    let anna = lead(
        "anna@example.at",
        "Anna Berger",
        &["ptuj", "lendava"],
        Lang::De,
        true,
        true,
    );
    let ben = lead(
        "ben@example.co.uk",
        "Ben Hall",
        &["ptuj"],
        Lang::En,
        false,
        false,
    );
    world.send_leads(vec![anna.clone(), ben.clone()]);
    let mails = smtp.wait_for(2, Duration::from_secs(60));

    // Anna's mail: German, her towns by their German names with their
    // benefits and coming events, the kids' corner, the newsletter link.
    let mail = mail_to(&mails, "anna@example.at");
    let today = Utc::now().date_naive();
    let ptuj = pack.town("ptuj").unwrap();
    assert!(
        mail.subject.contains(pack.title.get(Lang::De)),
        "{}",
        mail.subject
    );
    assert!(mail.from.contains("info@city-cooperation.test"));
    assert_eq!(
        mail.message_id,
        format!("<visitor-{}@city-cooperation.test>", anna.id)
    );
    assert!(
        mail.text.starts_with("Guten Tag Anna Berger,"),
        "{}",
        mail.text
    );
    for town in ["ptuj", "lendava"] {
        let name = pack.town(town).unwrap().name.get(Lang::De);
        assert!(mail.text.contains(&name.to_uppercase()), "{name}");
        assert!(mail.html.contains(name), "{name}");
    }
    let benefits: Vec<_> = ptuj
        .benefits
        .iter()
        .filter(|benefit| benefit.valid_until >= today)
        .collect();
    assert!(!benefits.is_empty(), "the demo pack has a current benefit");
    for benefit in benefits {
        assert!(mail.text.contains(benefit.title.get(Lang::De)));
        if let Some(code) = &benefit.code {
            assert!(
                mail.text.contains(code) && mail.html.contains(code),
                "{code}"
            );
        }
    }
    let horizon = today + chrono::Duration::weeks(8);
    // Listed as "- dates: title", those of the next eight weeks only.
    for event in pack.events_of("ptuj") {
        let line = format!(
            "- {}: {}",
            city_core::i18n::dates::range(&pack.ui, Lang::De, event.start, event.end),
            event.title.get(Lang::De)
        );
        let listed = mail.text.lines().any(|shown| shown == line);
        assert_eq!(listed, event.overlaps(today, horizon), "{line}");
    }
    // Each town's brochure in German, from the hub, byte for byte the pack's.
    for town in ["ptuj", "lendava"] {
        let link = format!("{PUBLIC_URL}brochures/{town}/de.pdf");
        assert!(
            mail.text.contains(&link) && mail.html.contains(&link),
            "{link} in {}",
            mail.text
        );
        let url = world
            .hub
            .url
            .join(&format!("brochures/{town}/de.pdf"))
            .unwrap();
        let (status, kind, pdf) = world.runtime.block_on(async {
            let response = world.http.get(url).send().await.unwrap();
            let kind = response.headers()["content-type"]
                .to_str()
                .unwrap()
                .to_string();
            (response.status(), kind, response.bytes().await.unwrap())
        });
        assert_eq!((status.as_u16(), kind.as_str()), (200, "application/pdf"));
        let expected = std::fs::read(&pack.town(town).unwrap().brochures[&Lang::De]).unwrap();
        assert_eq!(pdf.as_ref(), expected.as_slice(), "{town}");
    }
    for missing in [
        "brochures/ptuj/xx.pdf",
        "brochures/nowhere/de.pdf",
        "brochures/ptuj/de.txt",
        "brochures/..%2F..%2Fetc/de.pdf",
    ] {
        assert_eq!(world.get(missing, None).status, 404, "{missing}");
    }
    assert!(mail.text.contains(ptuj.kids.mascot.name.get(Lang::De)));
    assert!(mail.text.contains(ptuj.kids.mascot.story.get(Lang::De)));
    assert!(mail.html.contains("lang=\"de\""));
    for theme in [Theme::Culture, Theme::Culinary] {
        assert!(mail.text.contains(&city_hub::i18n::theme(Lang::De, theme)));
    }
    let confirm = mail
        .link(&format!("{PUBLIC_URL}visitor/"))
        .filter(|link| link.ends_with("/newsletter"))
        .expect("a newsletter confirmation link");
    let own_page = own_page(mail);
    assert!(mail.html.contains(&confirm) && mail.html.contains(&own_page));

    // Ben's: English, no newsletter to confirm, no kids' corner.
    let mail = mail_to(&mails, "ben@example.co.uk");
    assert!(mail.subject.contains(pack.title.get(Lang::En)));
    assert!(mail.text.starts_with("Dear Ben Hall,"), "{}", mail.text);
    assert!(!mail.text.contains("/newsletter"));
    assert!(!mail.text.contains(ptuj.kids.mascot.story.get(Lang::En)));

    // The kiosk sends the batch again (its acknowledgement was lost):
    // still one mail each.
    world.send_leads(vec![anna.clone(), ben.clone()]);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(smtp.count(), 2);

    // The newsletter waits for Anna: the town sees it pending.
    let pool = world.pool();
    let confirmed_at = |id: Uuid| {
        world
            .runtime
            .block_on(city_hub::db::mail::newsletter_confirmed_at(&pool, id))
            .unwrap()
    };
    assert_eq!(confirmed_at(anna.id), None);
    // Opening the link (as a mail scanner would) confirms nothing.
    let page = world.open(&confirm);
    assert_eq!(page.status, 200);
    assert!(page.body.contains("anna@example.at"));
    assert_eq!(page.headers["cache-control"], "no-store");
    assert_eq!(page.headers["referrer-policy"], "no-referrer");
    assert_eq!(confirmed_at(anna.id), None);
    // Her button does.
    let done = world.submit(&confirm, "");
    assert_eq!(done.status, 200);
    assert!(done.body.contains("bestätigt"), "{}", done.body);
    let first = confirmed_at(anna.id).expect("confirmed");
    world.submit(&confirm, "");
    assert_eq!(
        confirmed_at(anna.id),
        Some(first),
        "the first confirmation counts"
    );

    // Her own page shows what is kept, then she erases herself.
    let own = world.open(&own_page);
    assert_eq!(own.status, 200);
    for shown in [
        "anna@example.at",
        "Anna Berger",
        "Pettau",
        "Fair",
        "2026-11-24",
    ] {
        assert!(own.body.contains(shown), "{shown}");
    }
    assert!(!own.body.contains("ben@example.co.uk"));
    let erased = world.submit(&own_page, "/erase");
    assert_eq!(erased.status, 200);
    assert!(erased.body.contains("gelöscht"), "{}", erased.body);
    let left: Vec<Uuid> = world
        .runtime
        .block_on(sqlx::query_scalar("SELECT id FROM leads").fetch_all(&pool))
        .unwrap();
    assert_eq!(
        left,
        vec![ben.id],
        "Anna's lead and mail row are gone, Ben's stay"
    );
    let erasures: i64 = world
        .runtime
        .block_on(sqlx::query_scalar("SELECT count(*) FROM erasures").fetch_one(&pool))
        .unwrap();
    assert_eq!(erasures, 1, "the kiosks are told");
    assert_eq!(world.open(&own_page).status, 404);
    assert_eq!(world.submit(&confirm, "").status, 404);

    // A token the hub did not sign opens nothing.
    let forged = format!("{}{}", Uuid::new_v4().simple(), "0".repeat(32));
    assert_eq!(world.get(&format!("visitor/{forged}"), None).status, 404);
    assert_eq!(world.get("visitor/not-a-token", None).status, 404);
}

#[test]
fn a_mail_waits_for_a_server_that_is_down_and_leaves_once_it_is_up() {
    let work = tempfile::tempdir().unwrap();
    let mut smtp = SmtpServer::start(&work.path().join("mails"), SmtpOptions::default());
    let url = smtp.url();
    smtp.stop();
    let world = mail_world("mail_down", &url, &[]);
    let id = world.lead("carla@example.hu", &["kormend"], true);
    world.wait_until("two failed attempts", Duration::from_secs(30), |world| {
        world
            .outbox(id)
            .is_some_and(|(attempts, sent, _, error)| attempts >= 2 && !sent && error.is_some())
    });
    smtp.restart();
    let mails = smtp.wait_for(1, Duration::from_secs(60));
    assert_eq!(mails[0].rcpt_tos, ["carla@example.hu"]);
    let (_, sent, gave_up, _) = world.outbox(id).unwrap();
    assert!(sent && !gave_up);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(smtp.count(), 1);
}

#[test]
fn a_hub_killed_mid_send_sends_the_mail_exactly_once() {
    let work = tempfile::tempdir().unwrap();
    let hold = work.path().join("hold");
    std::fs::write(&hold, "").unwrap();
    let smtp = SmtpServer::start(
        &work.path().join("mails"),
        SmtpOptions {
            hold: Some(hold.clone()),
            ..SmtpOptions::default()
        },
    );
    let mut world = mail_world("mail_killed", &smtp.url(), &[]);
    let id = world.lead("dora@example.si", &["ptuj"], false);
    // The hub is in the middle of the SMTP conversation: kill it there.
    let reached = PathBuf::from(format!("{}.reached", hold.display()));
    wait_for_file(&reached, Duration::from_secs(30));
    world.hub.kill();
    std::fs::remove_file(&hold).unwrap();
    std::thread::sleep(Duration::from_secs(1));
    assert!(smtp.count() == 0, "nothing was accepted");
    assert_eq!(world.outbox(id).map(|row| row.1), Some(false), "still due");

    world.hub.restart();
    smtp.wait_for(1, Duration::from_secs(60));
    world.wait_until("the mail marked sent", Duration::from_secs(10), |world| {
        world.outbox(id).is_some_and(|row| row.1)
    });
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(smtp.count(), 1, "exactly one mail");
}

fn wait_for_file(path: &Path, within: Duration) {
    let start = Instant::now();
    while !path.exists() {
        assert!(
            start.elapsed() < within,
            "{} never appeared",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_refused_address_is_given_up_and_the_town_sees_why() {
    let work = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(
        &work.path().join("mails"),
        SmtpOptions {
            reject: Some("nobody".into()),
            ..SmtpOptions::default()
        },
    );
    let world = mail_world("mail_refused", &smtp.url(), &[]);
    let refused = world.lead("nobody@example.de", &["ptuj"], true);
    let fine = world.lead("eva@example.de", &["ptuj"], false);
    smtp.wait_for(1, Duration::from_secs(60));
    world.wait_until("the refusal recorded", Duration::from_secs(30), |world| {
        world.outbox(refused).is_some_and(|row| row.2)
    });
    let (attempts, sent, gave_up, error) = world.outbox(refused).unwrap();
    assert_eq!(
        (attempts, sent, gave_up),
        (1, false, true),
        "a 550 is not retried"
    );
    assert!(error.unwrap().contains("550"));
    assert!(world.outbox(fine).unwrap().1);

    // The town's console shows the lead's mail and newsletter state.
    world.user("office@ptuj.si", &["--town", "ptuj"]);
    let session = world.login("office@ptuj.si");
    let page = world.get(&format!("console/leads/{refused}"), Some(&session));
    // (The console speaks English to a browser that asks for nothing.)
    assert!(page.body.contains("given up: "), "{}", page.body);
    assert!(page.body.contains("550"));
    assert!(page.body.contains("yes, waiting for the visitor"));
    let page = world.get(&format!("console/leads/{fine}"), Some(&session));
    assert!(page.body.contains("sent 20"), "{}", page.body);
}

#[test]
fn unconfirmed_newsletter_consents_expire_after_thirty_days() {
    let work = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(&work.path().join("mails"), SmtpOptions::default());
    let world = mail_world("mail_expiry", &smtp.url(), &[]);
    let waiting = world.lead("frank@example.at", &["ptuj"], true);
    let confirmed = world.lead("gina@example.at", &["ptuj"], true);
    let recent = world.lead("hans@example.at", &["ptuj"], true);
    smtp.wait_for(3, Duration::from_secs(60));
    let pool = world.pool();
    let run = |sql: &str, ids: &[Uuid]| {
        world
            .runtime
            .block_on(sqlx::query(sql).bind(ids).execute(&pool))
            .unwrap();
    };
    run(
        "UPDATE mail_outbox SET queued_at = now() - interval '31 days' WHERE lead_id = ANY($1)",
        &[waiting, confirmed],
    );
    run(
        "UPDATE leads SET newsletter_confirmed_at = now() WHERE id = ANY($1)",
        &[confirmed],
    );
    let expired = world
        .runtime
        .block_on(city_hub::db::mail::expire_unconfirmed(&pool, Utc::now()))
        .unwrap();
    assert_eq!(expired, 1);
    let newsletter: Vec<(Uuid, bool)> = world
        .runtime
        .block_on(
            sqlx::query_as("SELECT id, consent_newsletter FROM leads ORDER BY email")
                .fetch_all(&pool),
        )
        .unwrap();
    assert_eq!(
        newsletter,
        vec![(waiting, false), (confirmed, true), (recent, true)]
    );
    // The town's newsletter filter agrees (it reads each town's copy).
    let in_town: i64 = world
        .runtime
        .block_on(
            sqlx::query_scalar(
                "SELECT count(*) FROM lead_towns WHERE town = 'ptuj' AND consent_newsletter",
            )
            .fetch_one(&pool),
        )
        .unwrap();
    assert_eq!(in_town, 2);
}

#[test]
fn mail_goes_over_starttls_only_to_a_server_the_hub_trusts() {
    let work = tempfile::tempdir().unwrap();
    crate::support::certificates::make_certificates(work.path());
    let options = SmtpOptions {
        tls: Some((work.path().join("hub.pem"), work.path().join("hub.key"))),
        ..SmtpOptions::default()
    };
    let smtp = SmtpServer::start(&work.path().join("mails"), options.clone());

    // Without the network's CA, the certificate is nobody's: nothing is sent.
    let untrusting = mail_world("mail_untrusted", &smtp.url(), &[]);
    let id = untrusting.lead("ida@example.at", &["ptuj"], false);
    untrusting.wait_until("a failed attempt", Duration::from_secs(30), |world| {
        world.outbox(id).is_some_and(|row| row.0 >= 1)
    });
    assert!(smtp.count() == 0);
    assert!(!untrusting.outbox(id).unwrap().1);
    drop(untrusting);

    let ca = work.path().join("ca.pem");
    let world = mail_world(
        "mail_trusted",
        &smtp.url(),
        &["--smtp-ca-file", ca.to_str().unwrap()],
    );
    world.lead("jan@example.at", &["ptuj"], false);
    let mails = smtp.wait_for(1, Duration::from_secs(60));
    assert_eq!(mails[0].rcpt_tos, ["jan@example.at"]);
    assert!(mails[0].tls, "sent after STARTTLS");
}

#[test]
fn mail_settings_that_are_not_sound_stop_the_hub_with_the_flag_named() {
    let mut postgres = crate::support::postgres::TestPostgres::start();
    let database_url = postgres.database("mail_flags");
    let work = tempfile::tempdir().unwrap();
    let serve = |args: &[&str]| {
        let output = crate::support::hub::hub_command(&database_url, &work.path().join("blobs"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(args)
            .output()
            .unwrap();
        assert!(!output.status.success());
        String::from_utf8_lossy(&output.stderr).to_string()
    };
    assert!(
        serve(&["--smtp-url", "smtp://mail.example.org?tls=none"])
            .contains("only to a server on this machine")
    );
    assert!(serve(&["--smtp-url", "smtp://mail.example.org"]).contains("--mail-from"));
    assert!(
        serve(&["--smtp-url", "smtp://mail.example.org", "--mail-from", FROM])
            .contains("--public-url")
    );
    assert!(
        serve(&[
            "--smtp-url",
            "smtp://mail.example.org",
            "--mail-from",
            "not an address",
            "--public-url",
            PUBLIC_URL
        ])
        .contains("--mail-from")
    );
    assert!(
        serve(&[
            "--smtp-url",
            "smtp://mail.example.org",
            "--mail-from",
            FROM,
            "--public-url",
            "http://hub.example.org/"
        ])
        .contains("--public-url must be an https address")
    );
}

#[test]
fn a_visitor_follows_the_mail_in_a_real_browser() {
    use crate::support::console::{Driver, click, keep_screenshot, page_when};

    let work = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start(&work.path().join("mails"), SmtpOptions::default());
    let world = mail_world("mail_browser", &smtp.url(), &[]);
    world.hub.ok(&["publish", demo_pack().to_str().unwrap()]);
    let pack = load_pack(&demo_pack()).unwrap();
    let visitor = lead(
        "kata@example.hu",
        "Kata Nagy",
        &["lendava", "ptuj"],
        Lang::Hu,
        true,
        true,
    );
    world.send_leads(vec![visitor.clone()]);
    let mail = smtp.wait_for(1, Duration::from_secs(60)).remove(0);

    // The mail as the visitor's mail program shows it, its links pointed
    // at this hub.
    let base = format!("http://localhost:{}/", world.hub.url.port().unwrap());
    let html = work.path().join("mail.html");
    std::fs::write(&html, mail.html.replace(PUBLIC_URL, &base)).unwrap();
    let driver = Driver::start();
    world.runtime.block_on(async {
        let browser = driver.browser(760, 1400).await;
        browser
            .goto(&format!("file://{}", html.display()))
            .await
            .unwrap();
        let page = browser.source().await.unwrap();
        assert!(page.contains(pack.town("lendava").unwrap().name.get(Lang::Hu)));
        keep_screenshot("visitor-mail.png", &browser.screenshot().await.unwrap());

        // The confirmation link, then its button.
        browser.set_window_size(412, 900).await.unwrap();
        click(&browser, "a[href$='/newsletter']").await;
        page_when(&browser, |page| page.contains("kata@example.hu")).await;
        click(&browser, "form button[type=submit]").await;
        let page = page_when(&browser, |page| page.contains("megerősítve")).await;
        assert!(page.contains("megerősítve"), "{page}");

        // Her own page: what is kept, then erasing herself.
        browser
            .goto(&format!("file://{}", html.display()))
            .await
            .unwrap();
        let own = own_page(&mail).replace(PUBLIC_URL, &base);
        browser.goto(&own).await.unwrap();
        let page = page_when(&browser, |page| page.contains("Kata Nagy")).await;
        assert!(page.contains("megerősítve"), "the confirmation shows");
        keep_screenshot("visitor-page.png", &browser.screenshot().await.unwrap());
        click(&browser, "details.erase summary").await;
        click(&browser, "details.erase button").await;
        page_when(&browser, |page| page.contains("töröltük")).await;
    });
    let pool = world.pool();
    let left: i64 = world
        .runtime
        .block_on(sqlx::query_scalar("SELECT count(*) FROM leads").fetch_one(&pool))
        .unwrap();
    assert_eq!(left, 0);
}
