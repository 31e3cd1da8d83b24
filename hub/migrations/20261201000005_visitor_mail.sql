-- The visitor's mail: one per lead, queued in the lead's own transaction
-- (a transactional outbox), and the newsletter's double opt-in.

-- When the visitor confirmed the newsletter by the link in their mail;
-- NULL while pending (or never asked). An unconfirmed consent is taken
-- back 30 days after the mail was queued.
ALTER TABLE leads ADD COLUMN newsletter_confirmed_at TIMESTAMPTZ;

-- One row per lead that gets a mail; goes with its lead when erased.
-- Sent: sent_at. Given up (a permanent refusal, or too many attempts):
-- failed_at. Otherwise due at next_attempt_at. A worker holds a row's
-- lock while it talks to the SMTP server and commits after the server's
-- acceptance: a hub killed mid-send leaves the row due, never sent twice
-- by two hubs.
CREATE TABLE mail_outbox (
    lead_id UUID PRIMARY KEY REFERENCES leads (id) ON DELETE CASCADE,
    queued_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at TIMESTAMPTZ,
    failed_at TIMESTAMPTZ,
    -- The SMTP server's last answer or the connection's error.
    last_error TEXT
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at)
    WHERE sent_at IS NULL AND failed_at IS NULL;
CREATE INDEX mail_outbox_pending_newsletter ON mail_outbox (queued_at);

-- Keys the hub signs links with (the visitor's own page); shared by every
-- hub of one database, made once at the first start.
CREATE TABLE hub_keys (
    purpose TEXT PRIMARY KEY,
    key BYTEA NOT NULL CHECK (length(key) = 32)
);
