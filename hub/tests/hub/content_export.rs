//! `city-hub content export`: the published pack written back as the
//! folder of files it came from, checked against its hashes.

use std::process::Output;

use city_core::content::file_list::FileList;
use city_core::content::load_pack;

use crate::support::demo_pack;
use crate::support::hub::hub_command;
use crate::support::postgres::TestPostgres;

#[test]
fn the_published_pack_exports_as_the_folder_it_came_from_and_a_damaged_blob_is_named() {
    let mut postgres = TestPostgres::start();
    let database = postgres.database("content_export");
    let work = tempfile::tempdir().unwrap();
    let blobs = work.path().join("blobs");
    let hub =
        |args: &[&str]| -> Output { hub_command(&database, &blobs).args(args).output().unwrap() };
    let migrated = hub(&["migrate"]);
    assert!(migrated.status.success(), "{migrated:?}");
    let published = hub(&["publish", demo_pack().to_str().unwrap()]);
    assert!(published.status.success(), "{published:?}");

    let out = work.path().join("exported");
    let exported = hub(&["content", "export", "--out", out.to_str().unwrap()]);
    assert!(exported.status.success(), "{exported:?}");
    // The same files, byte for byte (hashes and sizes), and nothing else.
    assert_eq!(
        FileList::of_dir(&out).unwrap(),
        FileList::of_dir(&demo_pack()).unwrap()
    );
    load_pack(&out).expect("content check takes it");

    // An existing folder is never written into.
    let again = hub(&["content", "export", "--out", out.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("is there already"));

    // A blob damaged on the hub's disk: refused, naming the file, and
    // nothing left behind.
    let events = FileList::of_dir(&demo_pack())
        .unwrap()
        .entries
        .into_iter()
        .find(|entry| entry.path.as_str() == "events.toml")
        .unwrap();
    let blob = std::fs::read_dir(&blobs)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .flat_map(|path| {
            if path.is_dir() {
                std::fs::read_dir(path)
                    .unwrap()
                    .map(|entry| entry.unwrap().path())
                    .collect()
            } else {
                vec![path]
            }
        })
        .find(|path| path.ends_with(events.sha256.to_hex()))
        .expect("the events file's blob");
    std::fs::write(&blob, "[[event]]\nid = \"tampered\"\n").unwrap();
    let out2 = work.path().join("exported-again");
    let damaged = hub(&["content", "export", "--out", out2.to_str().unwrap()]);
    assert!(!damaged.status.success());
    let said = String::from_utf8_lossy(&damaged.stderr);
    assert!(said.contains("events.toml"), "{said}");
    assert!(!out2.exists());
    let leftovers: Vec<_> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".exporting-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
