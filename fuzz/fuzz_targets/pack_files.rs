//! A content pack with one of its files replaced by the input (pack,
//! events, consent, a town, a UI text file, subtitles), loaded as a kiosk
//! loads it.
#![no_main]

use std::sync::OnceLock;

use city_core::fuzzing::PackSkeleton;
use libfuzzer_sys::fuzz_target;

static PACK: OnceLock<PackSkeleton> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let pack = PACK.get_or_init(|| {
        let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../media");
        PackSkeleton::new(&demo).expect("the demo pack is there")
    });
    pack.load_with(data);
});
