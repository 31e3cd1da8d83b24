//! The kiosk's UI: a thin iced shell over `city-core`. The binary in
//! `main.rs` adds the command line.

pub mod app;
pub mod memory;
pub mod offscreen;
pub mod playback;
pub mod screen;
pub mod theme;
pub mod ui;
pub mod warm_up;
pub mod widget;
