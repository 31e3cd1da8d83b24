//! A kiosk.toml, loaded as the kiosk loads it.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

static SCRATCH: OnceLock<std::path::PathBuf> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let scratch = SCRATCH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("city-fuzz-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        dir
    });
    city_core::fuzzing::config(data, scratch);
});
