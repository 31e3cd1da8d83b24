//! The outbox's worker. It locks one due mail, talks to the SMTP server
//! while holding that lock, and commits "sent" only after the server
//! accepted the mail: a hub killed mid-send rolls back to "due" and the
//! next worker sends it (a server keeps no half-received mail), and no two
//! hubs send one mail. Refusals for good (5xx) are given up at once;
//! anything else is tried again later, each wait twice the last.

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use chrono::Utc;
use sqlx::PgPool;
use uuid::Uuid;

use super::Mailer;
use super::compose::{MailInput, compose};
use crate::db;

/// Attempts before a mail is given up: with waits doubling from a minute
/// up to six hours, about two days.
const MAX_ATTEMPTS: i32 = 16;
const LONGEST_WAIT: Duration = Duration::from_secs(6 * 3600);
/// How often unconfirmed newsletter consents are looked at.
const EXPIRY_EVERY: Duration = Duration::from_secs(3600);
/// The longest the worker sleeps without looking at the outbox (another
/// hub may have queued mail).
const IDLE_LOOK: Duration = Duration::from_secs(15);

/// What one turn of the worker did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// No mail was due.
    Idle,
    Sent(Uuid),
    /// Failed for now; due again later.
    Retry(Uuid),
    /// Failed for good.
    GaveUp(Uuid),
}

/// Sends the mail due first, if any.
pub async fn send_due(pool: &PgPool, mailer: &Mailer) -> anyhow::Result<Outcome> {
    let mut tx = pool.begin().await?;
    let Some(due) = db::mail::claim(&mut tx).await? else {
        return Ok(Outcome::Idle);
    };
    let lead_id = due.lead_id;
    let composed = async {
        let (lead, confirmed) = db::leads::with_confirmation(&mut *tx, lead_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("the lead is gone"))?;
        let pack = mailer.pack.current(pool).await?;
        let visitor_page = mailer.visitor_page(lead_id);
        let newsletter_page = mailer.newsletter_page(lead_id);
        let mail = compose(&MailInput {
            lead: &lead,
            pack: pack.as_deref(),
            public_url: &mailer.settings.public_url,
            visitor_page: &visitor_page,
            confirm_newsletter: (lead.consent_newsletter && confirmed.is_none())
                .then_some(&newsletter_page),
            today: Utc::now().date_naive(),
        });
        super::message(&mailer.settings.from, &lead, &mail)
    }
    .await;
    let message = match composed {
        Ok(message) => message,
        Err(error) => {
            // The hub's own trouble (the pack, the database): try later.
            tracing::error!(lead = %lead_id, "visitor mail cannot be composed: {error:#}");
            let next = next_attempt(mailer, due.attempts);
            db::mail::mark_failed(&mut tx, lead_id, &format!("{error:#}"), next).await?;
            tx.commit().await?;
            return Ok(Outcome::Retry(lead_id));
        }
    };
    let outcome = match mailer.send(message).await {
        Ok(()) => {
            db::mail::mark_sent(&mut tx, lead_id).await?;
            if mailer.failing.swap(false, Ordering::Relaxed) {
                tracing::info!("visitor mail sending works again");
            }
            tracing::info!(lead = %lead_id, "visitor mail sent");
            Outcome::Sent(lead_id)
        }
        Err(error) => {
            // The server's answer may quote the address: it is kept with the
            // lead (and erased with it), the log gets the code only.
            let code = error
                .status()
                .map_or_else(|| "no answer".to_string(), |code| code.to_string());
            let next = if error.is_permanent() {
                None
            } else {
                next_attempt(mailer, due.attempts)
            };
            db::mail::mark_failed(&mut tx, lead_id, &error.to_string(), next).await?;
            match next {
                Some(at) => {
                    if !mailer.failing.swap(true, Ordering::Relaxed) {
                        tracing::warn!(
                            "visitor mail sending failing ({code}): mails wait and are tried again"
                        );
                    }
                    tracing::debug!(lead = %lead_id, %code, again = %at, "visitor mail not sent");
                    Outcome::Retry(lead_id)
                }
                None => {
                    tracing::warn!(lead = %lead_id, %code, "visitor mail given up");
                    Outcome::GaveUp(lead_id)
                }
            }
        }
    };
    tx.commit().await?;
    Ok(outcome)
}

/// When to try again after `attempts` earlier failures and this one; None
/// when it is time to give up.
fn next_attempt(mailer: &Mailer, attempts: i32) -> Option<chrono::DateTime<Utc>> {
    let failures = attempts + 1;
    if failures >= MAX_ATTEMPTS {
        return None;
    }
    let wait = mailer
        .settings
        .first_retry
        .saturating_mul(1u32 << failures.clamp(1, 20).saturating_sub(1))
        .min(LONGEST_WAIT);
    Some(Utc::now() + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::hours(6)))
}

/// Spaces sends evenly, whichever sender asks: at most `per_minute` a
/// minute from all of a hub's senders together.
struct Pace {
    pause: Duration,
    next: tokio::sync::Mutex<tokio::time::Instant>,
}

impl Pace {
    fn new(per_minute: u32) -> Pace {
        Pace {
            pause: Duration::from_secs_f64(60.0 / f64::from(per_minute.max(1))),
            next: tokio::sync::Mutex::new(tokio::time::Instant::now()),
        }
    }

    /// Waits for this sender's turn.
    async fn turn(&self) {
        let slot = {
            let mut next = self.next.lock().await;
            let slot = (*next).max(tokio::time::Instant::now());
            *next = slot + self.pause;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// Sends mail as it falls due, for as long as the hub serves, with
/// `senders` SMTP conversations at once and at most `per_minute` mails a
/// minute in all; takes back expired newsletter consents hourly.
pub async fn run_worker(pool: PgPool, mailer: Arc<Mailer>) {
    let pace = Arc::new(Pace::new(mailer.settings.per_minute));
    let senders: Vec<_> = (0..mailer.settings.senders.max(1))
        .map(|number| {
            tokio::spawn(sender(
                pool.clone(),
                mailer.clone(),
                pace.clone(),
                number == 0,
            ))
        })
        .collect();
    for sender in senders {
        let _ = sender.await;
    }
}

/// One sender: takes the next due mail after its turn; the first also
/// looks after expired consents.
async fn sender(pool: PgPool, mailer: Arc<Mailer>, pace: Arc<Pace>, expires: bool) {
    let mut expired_at: Option<tokio::time::Instant> = None;
    loop {
        if expires && expired_at.is_none_or(|at| at.elapsed() >= EXPIRY_EVERY) {
            match db::mail::expire_unconfirmed(&pool, Utc::now()).await {
                Ok(0) => {}
                Ok(count) => tracing::info!("{count} unconfirmed newsletter consent(s) expired"),
                Err(error) => tracing::error!("newsletter expiry: {error}"),
            }
            expired_at = Some(tokio::time::Instant::now());
        }
        pace.turn().await;
        match send_due(&pool, &mailer).await {
            Ok(Outcome::Idle) => {
                let wait = match db::mail::next_due(&pool).await {
                    Ok(Some(at)) => (at - Utc::now())
                        .to_std()
                        .unwrap_or_default()
                        .clamp(Duration::from_millis(200), IDLE_LOOK),
                    _ => IDLE_LOOK,
                };
                let _ = tokio::time::timeout(wait, mailer.queued.notified()).await;
            }
            Ok(_) => {}
            Err(error) => {
                tracing::error!("visitor mail: {error:#}");
                tokio::time::sleep(Duration::from_secs(5)).await;
            }
        }
    }
}
