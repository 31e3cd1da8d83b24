//! When an unattended kiosk gives up on the visitor: after the idle timeout
//! it returns to its films and forgets everything the visitor did, with a
//! visible countdown over the last seconds that any touch cancels.

use std::time::{Duration, Instant};

/// How long the "Still there?" countdown shows before the timeout.
pub const WARNING: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdleState {
    Active,
    /// Whole seconds left, counting down to 1.
    Warning {
        seconds_left: u64,
    },
    Expired,
}

#[derive(Debug, Clone, Copy)]
pub struct IdleTimer {
    timeout: Duration,
    last_touch: Instant,
}

impl IdleTimer {
    pub fn new(timeout: Duration, now: Instant) -> IdleTimer {
        IdleTimer {
            timeout,
            last_touch: now,
        }
    }

    pub fn touch(&mut self, now: Instant) {
        self.last_touch = self.last_touch.max(now);
    }

    pub fn state(&self, now: Instant) -> IdleState {
        let idle = now.saturating_duration_since(self.last_touch);
        if idle >= self.timeout {
            return IdleState::Expired;
        }
        let left = self.timeout - idle;
        if left <= WARNING {
            IdleState::Warning {
                seconds_left: left.as_secs_f64().ceil() as u64,
            }
        } else {
            IdleState::Active
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warns_over_the_last_ten_seconds_then_expires_and_a_touch_resets() {
        let start = Instant::now();
        let mut timer = IdleTimer::new(Duration::from_secs(90), start);
        let at = |secs: f64| start + Duration::from_secs_f64(secs);
        assert_eq!(timer.state(at(79.9)), IdleState::Active);
        assert_eq!(
            timer.state(at(80.0)),
            IdleState::Warning { seconds_left: 10 }
        );
        assert_eq!(
            timer.state(at(85.5)),
            IdleState::Warning { seconds_left: 5 }
        );
        assert_eq!(
            timer.state(at(89.9)),
            IdleState::Warning { seconds_left: 1 }
        );
        assert_eq!(timer.state(at(90.0)), IdleState::Expired);
        timer.touch(at(85.0));
        assert_eq!(timer.state(at(90.0)), IdleState::Active);
        assert_eq!(timer.state(at(175.0)), IdleState::Expired);
    }
}
