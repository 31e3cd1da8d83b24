//! Staff access: the PIN, kept only as an argon2 hash of sound strength,
//! and the lockout after wrong tries, which escalates and survives a
//! restart (it lives in the store, and a try counts as wrong until the
//! PIN is known to be right, so pulling the plug mid-check gains nothing).

use argon2::password_hash::PasswordHash;
use argon2::{Algorithm, Params};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

/// Wrong PINs in a row that lock the PIN pad.
pub const MAX_FAILURES: u32 = 5;
/// How long each lock in a row lasts: with five tries per lock, guessing
/// every 4-digit PIN takes years, not a week.
pub const LOCKS_MINUTES: [i64; 5] = [5, 15, 60, 240, 1440];

/// The weakest argon2 a PIN hash may use (OWASP's minimum for argon2id:
/// 19 MiB, 2 passes); a PIN has few digits, so its hash must be slow.
pub const MIN_MEMORY_KIB: u32 = 19 * 1024;
pub const MIN_PASSES: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("a PIN is 4 to 12 digits")]
    Malformed,
    #[error("the PIN could not be hashed: {0}")]
    Hashing(String),
}

/// The argon2id hash (PHC string) of a PIN, for `staff.pin_hash`.
pub fn hash_pin(pin: &str) -> Result<String, PinError> {
    if !(4..=12).contains(&pin.len()) || !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinError::Malformed);
    }
    crate::secrets::hash_secret(pin).map_err(PinError::Hashing)
}

/// Why a PIN hash from the configuration is not acceptable, if it is not.
pub fn check_pin_hash(hash: &str) -> Result<(), String> {
    let parsed = PasswordHash::new(hash).map_err(|error| {
        format!("is not an argon2 hash made with `city-kiosk pin hash` ({error})")
    })?;
    if parsed.algorithm.as_str() != Algorithm::Argon2id.ident().as_str() {
        return Err("must be argon2id, as `city-kiosk pin hash` makes it".into());
    }
    let params = Params::try_from(&parsed)
        .map_err(|error| format!("has unreadable argon2 parameters ({error})"))?;
    if params.m_cost() < MIN_MEMORY_KIB || params.t_cost() < MIN_PASSES {
        return Err(format!(
            "is too weak (m={} KiB, t={}); at least m={MIN_MEMORY_KIB}, t={MIN_PASSES}: make it again with `city-kiosk pin hash`",
            params.m_cost(),
            params.t_cost()
        ));
    }
    let salt_ok = parsed.salt.is_some_and(|salt| salt.len() >= 16);
    let output_ok = parsed.hash.is_some_and(|output| output.len() >= 32);
    if !salt_ok || !output_ok {
        return Err(
            "has too short a salt or hash; make it again with `city-kiosk pin hash`".into(),
        );
    }
    Ok(())
}

/// Whether `pin` is the one hashed in `hash` (slow on purpose: argon2).
pub fn pin_matches(hash: &str, pin: &str) -> bool {
    crate::secrets::secret_matches(hash, pin)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinOutcome {
    Accepted,
    Rejected {
        tries_left: u32,
    },
    /// No PIN is checked until then, right or wrong.
    Locked {
        until: DateTime<Utc>,
    },
}

/// Wrong tries and locks, as kept in the store between restarts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PinLock {
    /// Wrong tries since the last lock ended (or the last right PIN).
    failures: u32,
    /// Locks in a row since the last right PIN.
    locks: u32,
    locked_until: Option<DateTime<Utc>>,
}

impl PinLock {
    /// The time the pad opens again, if it is locked at `now`. A lock
    /// longer than the longest (the clock went back) counts as the longest.
    pub fn locked_until(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let longest = now + Duration::minutes(LOCKS_MINUTES[LOCKS_MINUTES.len() - 1]);
        self.locked_until
            .filter(|until| now < *until)
            .map(|until| until.min(longest))
    }

    /// The state to store before the PIN is checked: as if it were wrong.
    pub fn assuming_wrong(&self, now: DateTime<Utc>) -> PinLock {
        let mut lock = self.clone();
        lock.record(false, now);
        lock
    }

    /// Records a try whose PIN was `right` (or not) at `now`.
    pub fn record(&mut self, right: bool, now: DateTime<Utc>) -> PinOutcome {
        if let Some(until) = self.locked_until(now) {
            return PinOutcome::Locked { until };
        }
        if self.locked_until.take().is_some() {
            self.failures = 0;
        }
        if right {
            *self = PinLock::default();
            return PinOutcome::Accepted;
        }
        self.failures += 1;
        if self.failures >= MAX_FAILURES {
            let step = (self.locks as usize).min(LOCKS_MINUTES.len() - 1);
            let until = now + Duration::minutes(LOCKS_MINUTES[step]);
            self.locks = self.locks.saturating_add(1);
            self.locked_until = Some(until);
            return PinOutcome::Locked { until };
        }
        PinOutcome::Rejected {
            tries_left: MAX_FAILURES - self.failures,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use argon2::Argon2;
    use argon2::password_hash::rand_core::OsRng;
    use argon2::password_hash::{PasswordHasher, SaltString};

    #[test]
    fn pins_are_hashed_salted_and_checked() {
        let hash = hash_pin("2468").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(!hash.contains("2468"));
        assert_ne!(hash, hash_pin("2468").unwrap(), "salted");
        assert!(pin_matches(&hash, "2468"));
        assert!(!pin_matches(&hash, "2469"));
        assert!(!pin_matches("not a hash", "2468"));
        assert_eq!(hash_pin("12a4"), Err(PinError::Malformed));
        assert_eq!(hash_pin("123"), Err(PinError::Malformed));
        check_pin_hash(&hash).unwrap();
    }

    #[test]
    fn weak_or_foreign_hashes_are_refused() {
        let weak = |m, t| {
            let params = Params::new(m, t, 1, None).unwrap();
            Argon2::new(Algorithm::Argon2id, argon2::Version::V0x13, params)
                .hash_password(b"2468", &SaltString::generate(&mut OsRng))
                .unwrap()
                .to_string()
        };
        assert!(
            check_pin_hash(&weak(8, 1))
                .unwrap_err()
                .contains("too weak")
        );
        assert!(check_pin_hash(&weak(MIN_MEMORY_KIB, 1)).is_err());
        assert!(check_pin_hash(&weak(MIN_MEMORY_KIB, MIN_PASSES)).is_ok());
        let argon2i = Argon2::new(
            Algorithm::Argon2i,
            argon2::Version::V0x13,
            Params::default(),
        )
        .hash_password(b"2468", &SaltString::generate(&mut OsRng))
        .unwrap()
        .to_string();
        assert!(check_pin_hash(&argon2i).unwrap_err().contains("argon2id"));
        assert!(check_pin_hash("$argon2id$v=19$m=1,t=1,p=1$x$y").is_err());
        assert!(check_pin_hash("2468").is_err());
    }

    fn at(minutes: i64) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2027-02-03T10:00:00Z")
            .unwrap()
            .to_utc()
            + Duration::minutes(minutes)
    }

    #[test]
    fn locks_escalate_and_only_the_right_pin_ends_them() {
        let mut lock = PinLock::default();
        let mut now = 0;
        for (round, minutes) in LOCKS_MINUTES.iter().chain(&[1440, 1440]).enumerate() {
            for left in (1..MAX_FAILURES).rev() {
                assert_eq!(
                    lock.record(false, at(now)),
                    PinOutcome::Rejected { tries_left: left },
                    "round {round}"
                );
            }
            let until = at(now + minutes);
            assert_eq!(lock.record(false, at(now)), PinOutcome::Locked { until });
            // Even the right PIN is refused while locked.
            assert_eq!(
                lock.record(true, at(now + minutes - 1)),
                PinOutcome::Locked { until }
            );
            now += minutes;
        }
        assert_eq!(lock.record(true, at(now)), PinOutcome::Accepted);
        assert_eq!(lock, PinLock::default(), "a right PIN starts afresh");
    }

    #[test]
    fn a_try_counts_as_wrong_until_known_right_and_the_state_survives_a_restart() {
        let mut lock = PinLock::default();
        for _ in 0..4 {
            lock.record(false, at(0));
        }
        // The plug is pulled while the fifth is checked: stored as wrong.
        let stored = serde_json::to_string(&lock.assuming_wrong(at(0))).unwrap();
        let restarted: PinLock = serde_json::from_str(&stored).unwrap();
        assert_eq!(
            restarted.locked_until(at(1)),
            Some(at(LOCKS_MINUTES[0])),
            "locked after the restart"
        );
        // A clock set back a year does not lock the pad for a year.
        let back = at(-525_600);
        assert_eq!(
            restarted.locked_until(back),
            Some(back + Duration::minutes(1440))
        );
    }
}
