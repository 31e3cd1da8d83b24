//! Films and audio guides: decoding and playing them, and telling a broken
//! file from a playable one before a visitor ever sees it.
//!
//! Films are decoded by GStreamer (`playbin`, whatever decoders the machine
//! has) into frames at the size they are shown, converted to RGBA
//! (`city_decode::yuv`) into pooled buffers and handed to iced as images. That works with both of iced's renderers: on a kiosk PC with a
//! GPU through wgpu, and on one without through tiny-skia, where a shader
//! based player would show nothing. Audio guides are decoded and played by
//! rodio.

pub mod audio;
pub mod decode_speed;
mod frame_pool;
pub mod player;

pub use city_decode::{FilmError, bench, check_film, init};
pub use player::{Pace, Player, PlayerFeed, PlayerOptions, PlayerStatus};
