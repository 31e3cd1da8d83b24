#![allow(dead_code)]

pub mod fake_hub;
#[path = "../../../tests/common/files.rs"]
mod files;
#[path = "../../../tests/common/leads.rs"]
mod leads;

pub use files::copy_dir;
pub use leads::visitor_lead;
