//! Integration tests of the kiosk, in one test binary so the UI is built
//! and linked once: content checks through the real binary, UI walks
//! through iced_test, every screen rendered in every language and size,
//! and a real window under X.

// An unwrap here stops a test on the spot with the reason, which is
// what it should do.
#![allow(clippy::unwrap_used)]

mod content_check;
mod deploy;
mod drawing;
mod durability;
mod interest;
mod logs;
mod media_ui;
mod pack_update;
mod phone;
mod playback;
mod screens;
mod staff;
mod support;
mod ui_walk;
mod window_tour;
mod xserver;
