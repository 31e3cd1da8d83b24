//! Integration tests of city-hub, in one test binary so it is linked
//! once: the hub and the kiosk's sync together, the hub tried as an
//! attacker would, and its install.

// An unwrap here stops a test on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

mod console;
mod console_fleet;
mod content_export;
mod deploy;
mod hostile;
mod logs;
mod mail;
mod phone;
mod query_cache;
mod support;
mod sync;
