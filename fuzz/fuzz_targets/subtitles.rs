//! A WebVTT subtitle file, parsed and asked for its captions.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| city_core::fuzzing::subtitles(data));
