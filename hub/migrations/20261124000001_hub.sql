-- The hub's database: kiosks and admins (tokens stored hashed), published
-- packs, leads from every kiosk, erasures to pass on, anonymous counts.

CREATE TABLE kiosks (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    token_sha256 TEXT NOT NULL UNIQUE,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_heartbeat_at TIMESTAMPTZ,
    pack_version TEXT,
    queued_leads BIGINT,
    app_version TEXT
);

CREATE TABLE admin_tokens (
    id BIGSERIAL PRIMARY KEY,
    token_sha256 TEXT NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE packs (
    id BIGSERIAL PRIMARY KEY,
    version TEXT NOT NULL,
    manifest JSONB NOT NULL,
    manifest_sha256 TEXT NOT NULL,
    published_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The pack kiosks get; one row.
CREATE TABLE current_pack (
    singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    pack_id BIGINT NOT NULL REFERENCES packs (id)
);

CREATE TABLE leads (
    id UUID PRIMARY KEY,                      -- made on the kiosk: the idempotency key
    kiosk_id BIGINT NOT NULL REFERENCES kiosks (id),
    kiosk_name TEXT NOT NULL,
    venue TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    language TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT,
    country TEXT,
    towns TEXT[] NOT NULL,
    themes TEXT[] NOT NULL,
    family BOOLEAN NOT NULL,
    calendar TEXT,
    postal_address TEXT,
    message TEXT,
    consent_version TEXT NOT NULL,
    consent_contact BOOLEAN NOT NULL CHECK (consent_contact),
    consent_newsletter BOOLEAN NOT NULL
);
CREATE INDEX leads_towns ON leads USING GIN (towns);
CREATE INDEX leads_created_at ON leads (created_at);
CREATE INDEX leads_email ON leads (lower(email));

-- Addresses erased centrally; kiosks are told by id, address only hashed.
CREATE TABLE erasures (
    id BIGSERIAL PRIMARY KEY,
    email_sha256 TEXT NOT NULL,
    erased_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE stats (
    kiosk_id BIGINT NOT NULL REFERENCES kiosks (id),
    hour TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    count BIGINT NOT NULL,
    PRIMARY KEY (kiosk_id, hour, kind, key)
);
