//! What the sync loop tells the log: a line when syncing starts to fail
//! (with the reason), another when the reason changes, and one when it
//! works again (after how many failed tries); nothing for each retry, so
//! a kiosk whose venue has no network for a day writes two lines, not a
//! thousand.

use super::SyncError;

#[derive(Debug, Default)]
pub struct SyncLog {
    /// Failed tries in a row.
    failures: u32,
    /// The kind of the last failure, while failing.
    failing: Option<&'static str>,
}

impl SyncLog {
    /// A sync failed: the line to log, if this is news.
    pub fn failed(&mut self, error: &SyncError) -> Option<String> {
        self.failures += 1;
        let kind = error.kind();
        let news = self.failing != Some(kind);
        self.failing = Some(kind);
        news.then(|| format!("sync failing (retrying with back-off): {error}"))
    }

    /// A sync went through: the line to log, if it failed before.
    pub fn succeeded(&mut self) -> Option<String> {
        let failures = std::mem::take(&mut self.failures);
        self.failing = None;
        (failures > 0).then(|| format!("sync works again after {failures} failed tries"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_then_a_success_make_two_lines() {
        let mut log = SyncLog::default();
        let unreachable = SyncError::Network("connection refused".into());
        let mut lines: Vec<String> = (0..5).filter_map(|_| log.failed(&unreachable)).collect();
        lines.extend(log.succeeded());
        assert_eq!(
            lines,
            [
                "sync failing (retrying with back-off): the hub cannot be reached: connection refused",
                "sync works again after 5 failed tries",
            ]
        );
        // Working, it says nothing; a new kind of failure is news.
        assert_eq!(log.succeeded(), None);
        assert!(log.failed(&unreachable).is_some());
        assert!(log.failed(&SyncError::Unauthorized).is_some());
        assert_eq!(log.failed(&SyncError::Unauthorized), None);
    }
}
