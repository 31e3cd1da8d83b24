-- Leads given on this kiosk, their towns and themes, and anonymous
-- interaction counts. Times are RFC 3339 UTC text, which sorts.

CREATE TABLE leads (
    -- Order of arrival; AUTOINCREMENT never reuses a number after an
    -- erasure, so "everything up to seq N" always means the same leads.
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,                   -- UUID made on the kiosk
    kiosk_id TEXT NOT NULL,
    venue TEXT NOT NULL,
    created_at TEXT NOT NULL,
    language TEXT NOT NULL,
    email TEXT NOT NULL,
    name TEXT,
    country TEXT,
    family INTEGER NOT NULL,
    calendar TEXT,                             -- 'email', 'post' or NULL
    postal_address TEXT,
    message TEXT,
    consent_version TEXT NOT NULL,
    consent_contact INTEGER NOT NULL CHECK (consent_contact = 1),
    consent_newsletter INTEGER NOT NULL,
    synced_at TEXT,                            -- acknowledged by the hub
    exported_at TEXT                           -- written to a CSV by staff
);
CREATE INDEX leads_created_at ON leads (created_at);
CREATE INDEX leads_email ON leads (email);
CREATE INDEX leads_unsynced ON leads (synced_at) WHERE synced_at IS NULL;

CREATE TABLE lead_towns (
    lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    town_id TEXT NOT NULL,
    PRIMARY KEY (lead_id, town_id)
);

CREATE TABLE lead_themes (
    lead_id TEXT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    theme TEXT NOT NULL,
    PRIMARY KEY (lead_id, theme)
);

-- Anonymous counts per hour: no visitor can be told apart in them.
CREATE TABLE interactions (
    hour TEXT NOT NULL,                        -- 'YYYY-MM-DDTHH' UTC
    kind TEXT NOT NULL,                        -- 'town_opened', 'language', ...
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (hour, kind, key)
);

-- Small settings staff change on the kiosk (the venue name).
CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
