//! Widgets of the kiosk beyond iced's own.

mod badge;
pub mod checked;
pub mod drag_scroll;
mod gesture;
pub mod keyboard;
pub mod long_press;
pub mod picture;
mod pointer;
pub mod still_shapes;
pub mod swipe;

pub use checked::checked_text;
pub use drag_scroll::drag_scroll;
pub use keyboard::{KeyNames, keyboard};
pub use long_press::long_press;
pub use picture::picture;
pub use still_shapes::still_shapes;
pub use swipe::{Direction, swipe};
