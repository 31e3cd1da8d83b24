//! Integration tests of city-core, in one test binary so it is linked
//! once: the configuration, the content pack, UI strings, the store, the
//! sync against a hub that lies, privacy on disk, TLS, and the fuzz
//! targets' bounded pass.

// An unwrap here stops a test on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

mod config;
mod content_pack;
mod fuzz;
mod https;
mod i18n;
mod privacy;
mod query_cache;
mod store;
mod support;
mod sync_faults;
