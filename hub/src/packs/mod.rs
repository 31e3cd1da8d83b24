//! Content packs on the hub: publishing a folder (`publish`), unpacking an
//! uploaded zip safely (`unzip`), the current pack as the hub reads it
//! for visitors' mail and pages (`current`), and a pack laid out as a
//! folder of files again (`folder`, `city-hub content export`).

pub mod current;
pub mod folder;
pub mod publish;
pub mod unzip;
