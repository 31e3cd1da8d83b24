//! What a kiosk notices about itself and says once per change, not once
//! per check: its data disk getting full, and its screen's loop stalling
//! (the ticks that also ping systemd's watchdog coming late).

use std::time::{Duration, Instant};

/// Free space on the data disk below which the kiosk warns: leads, a new
/// pack's downloads and the store's log all need room.
pub const LOW_DISK_BYTES: u64 = 512 * 1024 * 1024;

/// Whether the data disk is getting full, as last checked.
#[derive(Debug, Default)]
pub struct DiskWatch {
    low: bool,
}

impl DiskWatch {
    /// `free` bytes are left: the line to log (and whether it is a
    /// warning), when that changes whether the disk is getting full.
    pub fn check(&mut self, free: u64) -> Option<(bool, String)> {
        let low = free < LOW_DISK_BYTES;
        if low == self.low {
            return None;
        }
        self.low = low;
        let megabytes = free / 1_000_000;
        Some(if low {
            (
                true,
                format!("disk getting full: {megabytes} MB free in the data folder"),
            )
        } else {
            (
                false,
                format!("disk has room again: {megabytes} MB free in the data folder"),
            )
        })
    }
}

/// How late a tick (one a second) may come before the screen's loop
/// counts as stalled; systemd restarts the kiosk after 30 s of it.
pub const STALL_AFTER: Duration = Duration::from_secs(5);

/// The screen loop's ticks: a line when one comes late.
#[derive(Debug, Default)]
pub struct TickWatch {
    last: Option<Instant>,
}

impl TickWatch {
    pub fn tick(&mut self, now: Instant) -> Option<String> {
        let gap = self
            .last
            .replace(now)
            .map(|last| now.saturating_duration_since(last))?;
        (gap > STALL_AFTER).then(|| {
            format!(
                "the screen stalled for {} s (the watchdog's pings were late)",
                gap.as_secs()
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_getting_full_disk_is_said_once_and_its_recovery_once() {
        let mut watch = DiskWatch::default();
        assert_eq!(watch.check(10 * LOW_DISK_BYTES), None);
        let (warning, line) = watch.check(100_000_000).unwrap();
        assert!(warning && line.contains("100 MB free"), "{line}");
        assert_eq!(watch.check(90_000_000), None, "still low: no new line");
        let (warning, _) = watch.check(LOW_DISK_BYTES).unwrap();
        assert!(!warning);
        assert_eq!(watch.check(LOW_DISK_BYTES), None);
    }

    #[test]
    fn only_a_late_tick_is_news() {
        let start = Instant::now();
        let mut watch = TickWatch::default();
        assert_eq!(watch.tick(start), None);
        assert_eq!(watch.tick(start + Duration::from_secs(1)), None);
        let late = watch.tick(start + Duration::from_secs(9)).unwrap();
        assert!(late.contains("stalled for 8 s"), "{late}");
        assert_eq!(watch.tick(start + Duration::from_secs(10)), None);
    }
}
