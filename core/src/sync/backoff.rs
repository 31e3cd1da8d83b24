//! When to try the hub again: a fixed interval while all is well,
//! exponential backoff with jitter while it is not, so that twenty kiosks
//! coming back onto fair Wi-Fi do not knock on the hub at the same second.

use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Backoff {
    /// Between syncs that went well.
    pub interval: Duration,
    /// The first wait after a failure; doubled for each one after.
    pub first: Duration,
    pub max: Duration,
    failures: u32,
}

impl Backoff {
    pub fn new(interval: Duration, first: Duration, max: Duration) -> Backoff {
        Backoff {
            interval,
            first,
            max,
            failures: 0,
        }
    }

    /// The waits of a kiosk: every 5 minutes, after failures 10 s, 20 s …
    /// up to 15 minutes.
    pub fn kiosk() -> Backoff {
        Backoff::new(
            Duration::from_secs(300),
            Duration::from_secs(10),
            Duration::from_secs(900),
        )
    }

    pub fn failures(&self) -> u32 {
        self.failures
    }

    /// The wait after a sync that went well.
    pub fn succeeded(&mut self) -> Duration {
        self.failures = 0;
        self.interval
    }

    /// The wait after a failure; `random` in `0.0..1.0` spreads it over
    /// its upper half ("equal jitter").
    pub fn failed(&mut self, random: f64) -> Duration {
        let doubling = 2u32.saturating_pow(self.failures.min(20));
        self.failures = self.failures.saturating_add(1);
        let ceiling = self.first.saturating_mul(doubling).min(self.max);
        ceiling.mul_f64(0.5 + 0.5 * random.clamp(0.0, 1.0))
    }
}

/// A number in `0.0..1.0` from the operating system's randomness.
pub fn random_fraction() -> f64 {
    let mut bytes = [0u8; 8];
    if getrandom(&mut bytes).is_err() {
        return 0.5;
    }
    (u64::from_le_bytes(bytes) >> 11) as f64 / (1u64 << 53) as f64
}

fn getrandom(bytes: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read;
    std::fs::File::open("/dev/urandom")?.read_exact(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_double_up_to_the_maximum_with_jitter_and_reset_on_success() {
        let mut backoff = Backoff::new(
            Duration::from_secs(300),
            Duration::from_secs(10),
            Duration::from_secs(120),
        );
        assert_eq!(backoff.failed(1.0), Duration::from_secs(10));
        assert_eq!(backoff.failed(1.0), Duration::from_secs(20));
        assert_eq!(
            backoff.failed(0.0),
            Duration::from_secs(20),
            "jitter halves at most"
        );
        assert_eq!(backoff.failed(1.0), Duration::from_secs(80));
        assert_eq!(backoff.failed(1.0), Duration::from_secs(120), "capped");
        for _ in 0..100 {
            assert!(backoff.failed(1.0) <= Duration::from_secs(120));
        }
        assert_eq!(backoff.succeeded(), Duration::from_secs(300));
        assert_eq!(backoff.failures(), 0);
        let fraction = random_fraction();
        assert!((0.0..1.0).contains(&fraction));
    }
}
