//! The visitor mail's outbox and the newsletter's double opt-in.

use chrono::{DateTime, Utc};
use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

/// How long a newsletter consent waits for its confirmation.
pub const CONFIRMATION_DAYS: i64 = 30;

/// Queues one mail for each of `leads`, in the transaction that stores
/// them; a lead queued before stays as it is.
pub async fn enqueue(tx: &mut Transaction<'_, Postgres>, leads: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO mail_outbox (lead_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING",
        leads
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A mail due now, locked for this worker until its transaction ends.
#[derive(Debug)]
pub struct Due {
    pub lead_id: Uuid,
    /// Attempts before this one.
    pub attempts: i32,
}

/// The mail due first, locked in `tx` (other hubs skip it); None when no
/// mail is due.
pub async fn claim(tx: &mut Transaction<'_, Postgres>) -> sqlx::Result<Option<Due>> {
    sqlx::query_as!(
        Due,
        "SELECT lead_id, attempts FROM mail_outbox \
         WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= now() \
         ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED"
    )
    .fetch_optional(&mut **tx)
    .await
}

/// When the next mail falls due, if any waits.
pub async fn next_due(pool: &PgPool) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "SELECT min(next_attempt_at) FROM mail_outbox WHERE sent_at IS NULL AND failed_at IS NULL"
    )
    .fetch_one(pool)
    .await
}

pub async fn mark_sent(tx: &mut Transaction<'_, Postgres>, lead: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE mail_outbox SET sent_at = now(), attempts = attempts + 1, last_error = NULL \
         WHERE lead_id = $1",
        lead
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Records a failed attempt; the mail is tried again at `next`, or never
/// when `next` is None (given up).
pub async fn mark_failed(
    tx: &mut Transaction<'_, Postgres>,
    lead: Uuid,
    error: &str,
    next: Option<DateTime<Utc>>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2, \
                next_attempt_at = COALESCE($3, next_attempt_at), \
                failed_at = CASE WHEN $3::timestamptz IS NULL THEN now() END \
         WHERE lead_id = $1",
        lead,
        error,
        next
    )
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// What became of a lead's mail, for its page in the console.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailState {
    pub queued_at: DateTime<Utc>,
    pub attempts: i32,
    pub sent_at: Option<DateTime<Utc>>,
    pub failed_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
}

pub async fn state(pool: &PgPool, lead: Uuid) -> sqlx::Result<Option<MailState>> {
    sqlx::query_as!(
        MailState,
        "SELECT queued_at, attempts, sent_at, failed_at, last_error FROM mail_outbox \
         WHERE lead_id = $1",
        lead
    )
    .fetch_optional(pool)
    .await
}

/// When the visitor confirmed the newsletter of lead `lead`, if they did.
pub async fn newsletter_confirmed_at(
    pool: &PgPool,
    lead: Uuid,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "SELECT newsletter_confirmed_at FROM leads WHERE id = $1",
        lead
    )
    .fetch_optional(pool)
    .await
    .map(Option::flatten)
}

/// The visitor confirmed the newsletter by their mail's link: stored once
/// (the first time counts). False when the lead has no newsletter consent
/// to confirm (never given, taken back, or erased).
pub async fn confirm_newsletter(
    pool: &PgPool,
    lead: Uuid,
    at: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let confirmed = sqlx::query_scalar!(
        "UPDATE leads SET newsletter_confirmed_at = COALESCE(newsletter_confirmed_at, $2) \
         WHERE id = $1 AND consent_newsletter RETURNING TRUE",
        lead,
        at
    )
    .fetch_optional(pool)
    .await?;
    Ok(confirmed.is_some())
}

/// Takes back every newsletter consent whose mail was queued more than
/// [`CONFIRMATION_DAYS`] before `now` and that was never confirmed;
/// returns how many.
pub async fn expire_unconfirmed(pool: &PgPool, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let mut tx = pool.begin().await?;
    let expired = sqlx::query_scalar!(
        "UPDATE leads SET consent_newsletter = FALSE \
         WHERE consent_newsletter AND newsletter_confirmed_at IS NULL \
           AND id IN (SELECT lead_id FROM mail_outbox WHERE queued_at < $1) \
         RETURNING id",
        now - chrono::Duration::days(CONFIRMATION_DAYS)
    )
    .fetch_all(&mut *tx)
    .await?;
    sqlx::query!(
        "UPDATE lead_towns SET consent_newsletter = FALSE WHERE id = ANY($1)",
        &expired
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(expired.len() as u64)
}
