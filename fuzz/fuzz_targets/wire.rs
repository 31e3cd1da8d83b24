//! Whatever a hub or a kiosk may send, read as every wire type and checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| city_core::fuzzing::wire(data));
