-- The web console: people of the towns and of the network, their sessions,
-- failed logins (for rate limiting), and which leads a town has handled.

CREATE TABLE console_users (
    id BIGSERIAL PRIMARY KEY,
    -- Folded (lower case) so one person cannot hold two accounts.
    email TEXT NOT NULL UNIQUE,
    -- NULL: the network's coordinator, who sees every town.
    town TEXT,
    password_hash TEXT,
    -- A one-time link to set the password, stored hashed.
    setup_token_sha256 TEXT UNIQUE,
    setup_expires_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    disabled BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE console_sessions (
    token_sha256 TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES console_users (id) ON DELETE CASCADE,
    -- The token every form of this session carries (CSRF).
    csrf TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX console_sessions_user ON console_sessions (user_id);

CREATE TABLE console_login_failures (
    email TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX console_login_failures_email ON console_login_failures (email, at);

-- A town marks a lead handled; per town, as several towns share a lead.
CREATE TABLE lead_handled (
    lead_id UUID NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    town TEXT NOT NULL,
    handled_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (lead_id, town)
);
