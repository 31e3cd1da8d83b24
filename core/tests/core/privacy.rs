//! Personal data on the kiosk, looked at as a file system would show it:
//! who may read it, and what is left of a person after an erasure.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use city_core::Lang;
use city_core::export_folder::{erase_person, exports_dir};
use city_core::leads::csv::CsvStyle;
use city_core::leads::{LeadForm, Origin};
use city_core::protocol::email_hash;
use city_core::store::Store;

fn lead(email: &str, name: &str) -> city_core::leads::Lead {
    LeadForm {
        email: email.into(),
        name: name.into(),
        towns: ["lendava".to_string()].into(),
        message: format!("Üdvözlet, {name}!"),
        consent_contact: true,
        ..LeadForm::default()
    }
    .to_lead(&Origin {
        kiosk_id: "booth-1",
        venue: "Utazás, Budapest",
        language: Lang::Hu,
        consent_version: "2026-11-24",
        at: chrono::Utc::now(),
    })
    .unwrap()
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Files of `dir` that hold `needle`, with how often.
fn holding(dir: &Path, needle: &str) -> Vec<(PathBuf, usize)> {
    files(dir)
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let count = bytes
                .windows(needle.len())
                .filter(|window| *window == needle.as_bytes())
                .count();
            (count > 0).then_some((path, count))
        })
        .collect()
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

async fn export_to_data_folder(store: &Store, data: &Path) -> PathBuf {
    let dir = exports_dir(data);
    city_core::owner_only::create_dir(&dir).unwrap();
    let path = dir.join("leads.csv");
    let file = city_core::owner_only::create_file(&path).unwrap();
    let (file, _) = store
        .export_csv(file, CsvStyle::default(), None)
        .await
        .unwrap();
    file.sync_all().unwrap();
    path
}

#[tokio::test(flavor = "multi_thread")]
async fn after_an_erasure_nothing_of_the_address_is_in_any_file_of_the_data_folder() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let store = Store::open_in(&data).await.unwrap();
    for n in 0..40 {
        store
            .save_lead(&lead(&format!("visitor{n}@example.org"), "Anna"))
            .await
            .unwrap();
    }
    // The same person three times, in three spellings, among the others.
    store
        .save_lead(&lead("Ödön@példa.hu", "Őry Ödön"))
        .await
        .unwrap();
    store
        .save_lead(&lead("ödön@PÉLDA.hu", "Őry Ödön"))
        .await
        .unwrap();
    store
        .save_lead(&lead("ÖDÖN@példa.hu", "Őry Ödön"))
        .await
        .unwrap();
    let export = export_to_data_folder(&store, &data).await;
    let ids: Vec<uuid::Uuid> = store
        .leads()
        .await
        .unwrap()
        .iter()
        .map(|lead| lead.id)
        .collect();
    store.mark_synced(&ids, chrono::Utc::now()).await.unwrap();
    assert!(!holding(&data, "példa.hu").is_empty(), "there before");
    assert!(!holding(&data, "Őry Ödön").is_empty());

    let (leads, rows) = erase_person(&store, &data, "ödön@példa.hu").await.unwrap();
    assert_eq!((leads, rows), (3, 3));
    for trace in [
        "példa.hu",
        "PÉLDA.hu",
        "Őry Ödön",
        "Ödön@",
        "ödön@",
        "ÖDÖN@",
    ] {
        assert_eq!(holding(&data, trace), Vec::new(), "{trace}");
    }
    // Everyone else is still there, in the store and in the export.
    assert_eq!(store.leads().await.unwrap().len(), 40);
    assert_eq!(holding(&data, "visitor7@example.org").len(), 1 + 1);
    assert_eq!(
        std::fs::read_to_string(&export).unwrap().lines().count(),
        1 + 40
    );
    assert_eq!(mode(&export), 0o600);

    // An erasure from the hub, known only by its hash, does the same.
    store
        .save_lead(&lead("Bea@Ptuj.si", "Bea Kos"))
        .await
        .unwrap();
    export_to_data_folder(&store, &data).await;
    let erased = store
        .erase_email_hashes(&[email_hash("bea@ptuj.si")].into())
        .await
        .unwrap();
    city_core::export_folder::erase_from_exports(&exports_dir(&data), |email| {
        email_hash(email) == email_hash("bea@ptuj.si")
    })
    .unwrap();
    assert_eq!(erased, 1);
    assert_eq!(holding(&data, "Ptuj.si"), Vec::new());
    assert_eq!(holding(&data, "Bea Kos"), Vec::new());
    store.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_store_and_exports_are_the_kiosk_users_only_even_if_they_were_not() {
    let work = tempfile::tempdir().unwrap();
    let data = work.path().join("data");
    let store = Store::open_in(&data).await.unwrap();
    store.save_lead(&lead("ana@ptuj.si", "Ana")).await.unwrap();
    let export = export_to_data_folder(&store, &data).await;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&exports_dir(&data)), 0o700);
    assert_eq!(mode(&export), 0o600);
    for name in ["kiosk.sqlite", "kiosk.sqlite-wal", "kiosk.sqlite-shm"] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    store.close().await;

    // A data folder an older build left open is closed when the store opens.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    for name in ["kiosk.sqlite", "kiosk.sqlite-wal", "kiosk.sqlite-shm"] {
        let path = data.join(name);
        if path.exists() {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let store = Store::open_in(&data).await.unwrap();
    store.save_lead(&lead("bea@ptuj.si", "Bea")).await.unwrap();
    assert_eq!(mode(&data), 0o700);
    for name in ["kiosk.sqlite", "kiosk.sqlite-wal", "kiosk.sqlite-shm"] {
        assert_eq!(mode(&data.join(name)), 0o600, "{name}");
    }
    store.close().await;
}
