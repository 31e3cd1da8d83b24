//! The console's people and their sessions. Passwords are kept as argon2
//! hashes; set-password links and session tokens only as SHA-256 (they are
//! random, so a fast hash suffices).

use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;

use crate::tokens::token_hash;

/// How long a set-password link works.
pub const SETUP_VALID: Duration = Duration::hours(72);
/// How long a session lasts without a new login.
pub const SESSION_VALID: Duration = Duration::hours(12);
/// Failed logins of one address within [`FAILURE_WINDOW`] before it must wait.
pub const MAX_FAILURES: i64 = 5;
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);
/// Failed logins from one network address in [`FAILURE_WINDOW`], whatever
/// the e-mail addresses tried: guessing across many accounts is stopped too.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;

/// Who may see what: one town's leads, or the whole network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Town(String),
    Network,
}

#[derive(Debug, Clone)]
struct UserRow {
    id: i64,
    email: String,
    town: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub scope: Scope,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        User {
            id: row.id,
            email: row.email,
            scope: row.town.map_or(Scope::Network, Scope::Town),
        }
    }
}

/// A signed-in user and the CSRF token of their session.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf: String,
}

/// Adds a user (or renews the link of one without a password yet) and
/// keeps the hash of `setup_token`. False when the address has an account
/// with a password already.
pub async fn add(
    pool: &PgPool,
    email: &str,
    scope: &Scope,
    setup_token: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let town = match scope {
        Scope::Town(town) => Some(town.as_str()),
        Scope::Network => None,
    };
    let result = sqlx::query!(
        "INSERT INTO console_users (email, town, setup_token_sha256, setup_expires_at) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (email) DO UPDATE SET town = excluded.town, \
             setup_token_sha256 = excluded.setup_token_sha256, \
             setup_expires_at = excluded.setup_expires_at \
         WHERE console_users.password_hash IS NULL",
        email,
        town,
        token_hash(setup_token),
        now + SETUP_VALID
    )
    .execute(pool)
    .await?;
    Ok(result.rows_affected() == 1)
}

/// The user a set-password link belongs to, while it is valid.
pub async fn by_setup_token(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<User>> {
    let row = sqlx::query_as!(
        UserRow,
        "SELECT id, email, town FROM console_users \
         WHERE setup_token_sha256 = $1 AND setup_expires_at > $2 AND NOT disabled",
        token_hash(token),
        now
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(User::from))
}

/// Sets the password and uses the link up.
pub async fn set_password(pool: &PgPool, user_id: i64, password_hash: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "UPDATE console_users SET password_hash = $2, setup_token_sha256 = NULL, \
             setup_expires_at = NULL WHERE id = $1",
        user_id,
        password_hash
    )
    .execute(pool)
    .await?;
    // A new password ends every session made with the old one.
    sqlx::query!("DELETE FROM console_sessions WHERE user_id = $1", user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The user of `email` and their password hash, if they may log in.
pub async fn for_login(pool: &PgPool, email: &str) -> sqlx::Result<Option<(User, String)>> {
    let row = sqlx::query!(
        "SELECT id, email, town, password_hash FROM console_users \
         WHERE email = $1 AND NOT disabled",
        email
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|row| {
        let hash = row.password_hash?;
        Some((
            User::from(UserRow {
                id: row.id,
                email: row.email,
                town: row.town,
            }),
            hash,
        ))
    }))
}

/// Whether logins of `email`, or from network address `ip`, are refused
/// for now: too many failed in the last [`FAILURE_WINDOW`].
pub async fn login_locked(
    pool: &PgPool,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let counts = sqlx::query!(
        r#"SELECT COUNT(*) FILTER (WHERE email = $1) AS "by_email!",
                  COUNT(*) FILTER (WHERE ip = $2) AS "by_ip!"
           FROM console_login_failures WHERE (email = $1 OR ip = $2) AND at > $3"#,
        email,
        ip,
        now - FAILURE_WINDOW
    )
    .fetch_one(pool)
    .await?;
    Ok(counts.by_email >= MAX_FAILURES || counts.by_ip >= MAX_FAILURES_PER_ADDRESS)
}

pub async fn record_failure(
    pool: &PgPool,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO console_login_failures (email, ip, at) VALUES ($1, $2, $3)",
        email,
        ip,
        now
    )
    .execute(pool)
    .await?;
    // Old failures say nothing any more.
    sqlx::query!(
        "DELETE FROM console_login_failures WHERE at < $1",
        now - FAILURE_WINDOW
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn start_session(
    pool: &PgPool,
    user_id: i64,
    token: &str,
    csrf: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "INSERT INTO console_sessions (token_sha256, user_id, csrf, expires_at) \
         VALUES ($1, $2, $3, $4)",
        token_hash(token),
        user_id,
        csrf,
        now + SESSION_VALID
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn session(
    pool: &PgPool,
    token: &str,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<Session>> {
    let row = sqlx::query!(
        "SELECT u.id, u.email, u.town, s.csrf FROM console_sessions s \
         JOIN console_users u ON u.id = s.user_id \
         WHERE s.token_sha256 = $1 AND s.expires_at > $2 AND NOT u.disabled",
        token_hash(token),
        now
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| Session {
        user: User::from(UserRow {
            id: row.id,
            email: row.email,
            town: row.town,
        }),
        csrf: row.csrf,
    }))
}

pub async fn end_session(pool: &PgPool, token: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "DELETE FROM console_sessions WHERE token_sha256 = $1",
        token_hash(token)
    )
    .execute(pool)
    .await?;
    Ok(())
}
