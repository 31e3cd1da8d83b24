//! Content packs on the hub: publishing a folder (`publish`), unpacking an
//! uploaded zip safely (`unzip`), and the current pack as the hub reads it
//! for visitors' mail and pages (`current`).

pub mod current;
pub mod publish;
pub mod unzip;
