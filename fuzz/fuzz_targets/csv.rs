//! Rows written as CSV and read back: the same fields, no formula unguarded.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| city_core::fuzzing::csv(data));
