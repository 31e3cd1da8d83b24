//! Widgets of the kiosk beyond iced's own.

pub mod checked;
pub mod drag_scroll;
pub mod picture;
pub mod swipe;

pub use checked::checked_text;
pub use drag_scroll::drag_scroll;
pub use picture::picture;
pub use swipe::{Direction, swipe};
