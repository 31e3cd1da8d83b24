//! Staff access: the PIN, kept only as an argon2 hash, and the lockout
//! after five wrong tries.

use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Wrong PINs in a row that lock the PIN pad.
pub const MAX_FAILURES: u32 = 5;
pub const LOCKOUT: Duration = Duration::from_secs(5 * 60);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("a PIN is 4 to 12 digits")]
    Malformed,
    #[error("the PIN could not be hashed: {0}")]
    Hashing(String),
}

/// The argon2 hash (PHC string) of a PIN, for `staff.pin_hash`.
pub fn hash_pin(pin: &str) -> Result<String, PinError> {
    if !(4..=12).contains(&pin.len()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinError::Malformed);
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| PinError::Hashing(error.to_string()))
}

pub fn pin_matches(hash: &str, pin: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(pin.as_bytes(), &parsed)
            .is_ok()
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinOutcome {
    Accepted,
    Rejected {
        tries_left: u32,
    },
    /// No PIN is checked until then, right or wrong.
    Locked {
        until: Instant,
    },
}

/// Counts wrong PINs and locks the pad after [`MAX_FAILURES`].
#[derive(Debug, Clone, Default)]
pub struct PinGuard {
    failures: u32,
    locked_until: Option<Instant>,
}

impl PinGuard {
    pub fn try_pin(&mut self, hash: &str, pin: &str, now: Instant) -> PinOutcome {
        if let Some(until) = self.locked_until {
            if now < until {
                return PinOutcome::Locked { until };
            }
            self.locked_until = None;
            self.failures = 0;
        }
        if pin_matches(hash, pin) {
            self.failures = 0;
            return PinOutcome::Accepted;
        }
        self.failures += 1;
        if self.failures >= MAX_FAILURES {
            let until = now + LOCKOUT;
            self.locked_until = Some(until);
            return PinOutcome::Locked { until };
        }
        PinOutcome::Rejected {
            tries_left: MAX_FAILURES - self.failures,
        }
    }

    pub fn locked_until(&self, now: Instant) -> Option<Instant> {
        self.locked_until.filter(|until| now < *until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pins_are_hashed_salted_and_checked() {
        let hash = hash_pin("2468").unwrap();
        assert!(hash.starts_with("$argon2"));
        assert!(!hash.contains("2468"));
        assert_ne!(hash, hash_pin("2468").unwrap(), "salted");
        assert!(pin_matches(&hash, "2468"));
        assert!(!pin_matches(&hash, "2469"));
        assert!(!pin_matches("not a hash", "2468"));
        assert_eq!(hash_pin("12a4"), Err(PinError::Malformed));
        assert_eq!(hash_pin("123"), Err(PinError::Malformed));
    }

    #[test]
    fn five_wrong_pins_lock_the_pad_for_five_minutes() {
        let hash = hash_pin("2468").unwrap();
        let start = Instant::now();
        let mut guard = PinGuard::default();
        for left in (1..MAX_FAILURES).rev() {
            assert_eq!(
                guard.try_pin(&hash, "0000", start),
                PinOutcome::Rejected { tries_left: left }
            );
        }
        let until = start + LOCKOUT;
        assert_eq!(
            guard.try_pin(&hash, "0000", start),
            PinOutcome::Locked { until }
        );
        // Even the right PIN is refused while locked.
        let later = start + Duration::from_secs(299);
        assert_eq!(
            guard.try_pin(&hash, "2468", later),
            PinOutcome::Locked { until }
        );
        assert_eq!(guard.locked_until(later), Some(until));
        // After five minutes the pad opens again, with a fresh count.
        let after = start + LOCKOUT;
        assert_eq!(guard.try_pin(&hash, "2468", after), PinOutcome::Accepted);
        assert_eq!(
            guard.try_pin(&hash, "0000", after),
            PinOutcome::Rejected { tries_left: 4 }
        );
    }
}
