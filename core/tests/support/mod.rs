#![allow(dead_code)]

pub mod fake_hub;
#[path = "../../../tests/common/files.rs"]
mod files;

pub use files::copy_dir;
