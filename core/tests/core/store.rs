//! The leads store on a real SQLite file: saving, counting, exporting as
//! CSV, erasure, retention, interaction counts.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use city_core::Lang;
use city_core::content::Theme;
use city_core::leads::csv::CsvStyle;
use city_core::leads::{CalendarBy, Lead, LeadForm, Origin};
use city_core::store::Store;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).unwrap().to_utc()
}

fn lead(email: &str, towns: &[&str], when: DateTime<Utc>) -> Lead {
    let form = LeadForm {
        email: email.into(),
        name: "Žiga Čuček".into(),
        country: Some("SI".into()),
        towns: towns.iter().map(|town| town.to_string()).collect(),
        themes: BTreeSet::from([Theme::Culinary, Theme::Family]),
        family: true,
        calendar: Some(CalendarBy::Email),
        message: "Radi bi prišli \"poleti\"; z otroki,\nkje prespati?".into(),
        consent_contact: true,
        consent_newsletter: true,
        ..LeadForm::default()
    };
    form.to_lead(&Origin {
        kiosk_id: "booth-1",
        venue: "Fair; hall B",
        language: Lang::Sl,
        consent_version: "2026-11-24",
        at: when,
    })
    .unwrap()
}

async fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in(dir.path()).await.unwrap();
    (dir, store)
}

#[tokio::test]
async fn leads_are_saved_counted_and_survive_reopening() {
    let (dir, store) = store().await;
    let today = at("2027-02-03T00:00:00Z");
    store
        .save_lead(&lead(
            "ana@ptuj.si",
            &["ptuj", "lendava"],
            at("2027-02-02T10:00:00Z"),
        ))
        .await
        .unwrap();
    store
        .save_lead(&lead("bea@ptuj.si", &["ptuj"], at("2027-02-03T09:00:00Z")))
        .await
        .unwrap();
    let counts = store.lead_counts(today).await.unwrap();
    assert_eq!(
        (
            counts.total,
            counts.today,
            counts.unsynced,
            counts.only_here
        ),
        (2, 1, 2, 2)
    );
    assert_eq!(
        store.top_towns(5).await.unwrap(),
        [("ptuj".to_string(), 2), ("lendava".to_string(), 1)]
    );
    assert_eq!(
        store.top_themes(5).await.unwrap(),
        [("culinary".to_string(), 2), ("family".to_string(), 2)]
    );
    // The same lead twice is refused: its id is the idempotency key.
    let once = lead("cid@ptuj.si", &[], today);
    store.save_lead(&once).await.unwrap();
    assert!(store.save_lead(&once).await.is_err());
    store.close().await;

    let store = Store::open_in(dir.path()).await.unwrap();
    assert_eq!(store.lead_counts(today).await.unwrap().total, 3);
    assert_eq!(store.check_integrity().await.unwrap(), "ok");
}

#[tokio::test]
async fn export_writes_excel_ready_csv_and_erase_only_takes_exported_leads() {
    let (_dir, store) = store().await;
    store
        .save_lead(&lead(
            "ana@ptuj.si",
            &["ptuj", "lendava"],
            at("2027-02-02T10:00:00Z"),
        ))
        .await
        .unwrap();
    let (bytes, summary) = store
        .export_csv(Vec::new(), CsvStyle::default(), None)
        .await
        .unwrap();
    assert_eq!(summary.leads, 1);
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines[1].contains(";2027-02-02T10:00:00.000Z;booth-1;\"Fair; hall B\";sl;ana@ptuj.si;Žiga Čuček;SI;lendava,ptuj;culinary,family;yes;email;;"), "{}", lines[1]);
    // The message with a quote, a semicolon and a newline stays one field.
    assert!(
        text.contains(
            "\"Radi bi prišli \"\"poleti\"\"; z otroki,\nkje prespati?\";2026-11-24;yes;yes\r\n"
        ),
        "{text}"
    );

    // A lead given after the export is not marked and not erased with it.
    store
        .save_lead(&lead(
            "bea@ptuj.si",
            &["ptuj"],
            Utc::now() + Duration::seconds(5),
        ))
        .await
        .unwrap();
    assert_eq!(store.mark_exported(&summary, Utc::now()).await.unwrap(), 1);
    assert_eq!(store.erase_exported().await.unwrap(), 1);
    let counts = store.lead_counts(Utc::now()).await.unwrap();
    assert_eq!((counts.total, counts.exported), (1, 0));

    // Since a date: only the newer leads.
    let (bytes, summary) = store
        .export_csv(
            Vec::new(),
            CsvStyle { delimiter: ',' },
            Some(at("2027-02-03T00:00:00Z")),
        )
        .await
        .unwrap();
    assert_eq!(summary.leads, 0, "{}", String::from_utf8(bytes).unwrap());
}

#[tokio::test]
async fn erasure_removes_every_lead_of_an_address_in_any_case() {
    let (_dir, store) = store().await;
    let when = at("2027-02-02T10:00:00Z");
    store
        .save_lead(&lead("Ana@Ptuj.si", &["ptuj"], when))
        .await
        .unwrap();
    store
        .save_lead(&lead("ana@ptuj.si", &["lendava"], when))
        .await
        .unwrap();
    store
        .save_lead(&lead("bea@ptuj.si", &["ptuj"], when))
        .await
        .unwrap();
    assert_eq!(store.erase_email("ANA@ptuj.si").await.unwrap(), 2);
    assert_eq!(store.lead_counts(when).await.unwrap().total, 1);
    assert_eq!(
        store.top_towns(5).await.unwrap(),
        [("ptuj".to_string(), 1)],
        "their towns went with them"
    );
}

#[tokio::test]
async fn retention_erases_old_leads_only_once_they_are_safe_elsewhere() {
    let (_dir, store) = store().await;
    let now = at("2027-06-01T12:00:00Z");
    let old_synced = lead("a@ptuj.si", &[], now - Duration::days(100));
    let old_only_here = lead("b@ptuj.si", &[], now - Duration::days(100));
    let new_synced = lead("c@ptuj.si", &[], now - Duration::days(10));
    for lead in [&old_synced, &old_only_here, &new_synced] {
        store.save_lead(lead).await.unwrap();
    }
    store
        .mark_synced(&[old_synced.id, new_synced.id], now)
        .await
        .unwrap();
    assert_eq!(store.apply_retention(90, now).await.unwrap(), 1);
    let left = store.lead_ids().await.unwrap();
    assert_eq!(
        left,
        [old_only_here.id.to_string(), new_synced.id.to_string()]
    );
}

#[tokio::test]
async fn interactions_are_counted_per_hour_without_personal_data() {
    let (_dir, store) = store().await;
    let when = at("2027-02-03T10:15:00Z");
    for _ in 0..3 {
        store
            .count_interaction("town_opened", "ptuj", when)
            .await
            .unwrap();
    }
    store
        .count_interaction("town_opened", "ptuj", when + Duration::hours(1))
        .await
        .unwrap();
    store
        .count_interaction("language", "de", when)
        .await
        .unwrap();
    assert_eq!(
        store.interaction_totals("town_opened").await.unwrap(),
        [("ptuj".to_string(), 4)]
    );
    assert_eq!(
        store.interaction_totals("language").await.unwrap(),
        [("de".to_string(), 1)]
    );
    store.set_setting("venue", "ITB Berlin").await.unwrap();
    assert_eq!(
        store.setting("venue").await.unwrap().as_deref(),
        Some("ITB Berlin")
    );
}
