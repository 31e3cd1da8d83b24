-- The console's fleet and content pages, and login limits per address:
-- where a kiosk stands and the last problem its sync had (from its
-- heartbeat), the size of each published pack, and the network address
-- of each failed login.

ALTER TABLE kiosks ADD COLUMN venue TEXT;
ALTER TABLE kiosks ADD COLUMN last_error TEXT;

ALTER TABLE packs ADD COLUMN files INTEGER;
ALTER TABLE packs ADD COLUMN bytes BIGINT;
UPDATE packs SET
    files = jsonb_array_length(manifest -> 'files'),
    bytes = (SELECT COALESCE(SUM((f ->> 'size')::bigint), 0)
             FROM jsonb_array_elements(manifest -> 'files') AS f);
ALTER TABLE packs ALTER COLUMN files SET NOT NULL;
ALTER TABLE packs ALTER COLUMN bytes SET NOT NULL;

ALTER TABLE console_login_failures ADD COLUMN ip TEXT;
CREATE INDEX console_login_failures_ip ON console_login_failures (ip, at);

-- The console's list pages a town's leads newest first.
CREATE INDEX leads_created_at_id ON leads (created_at DESC, id DESC);

-- Packs uploaded in the console, and what became of each: published (its
-- version), refused (the path:line problems), or failed (why). Unfinished
-- while its check runs.
CREATE TABLE pack_uploads (
    id BIGSERIAL PRIMARY KEY,
    user_id BIGINT REFERENCES console_users (id) ON DELETE SET NULL,
    file_name TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at TIMESTAMPTZ,
    version TEXT,
    problems TEXT[] NOT NULL DEFAULT '{}',
    error TEXT
);

-- The console's figures read counts of one kind over a range of hours.
CREATE INDEX stats_kind_hour ON stats (kind, hour);

-- The venues each town's leads came from, for the console's venue filter
-- (kept as leads arrive, not looked up among a million leads per page).
CREATE TABLE lead_venues (
    town TEXT NOT NULL,
    venue TEXT NOT NULL,
    PRIMARY KEY (town, venue)
);
INSERT INTO lead_venues (town, venue)
SELECT DISTINCT town, venue FROM leads, unnest(towns) AS town
ON CONFLICT DO NOTHING;

-- Each lead under each of its towns, in time order, with the columns the
-- console filters by: a town's list page is a short walk down one index,
-- however rare the town among a million leads, and its count never reads
-- the wide lead rows. Erasure and retention delete leads; these go along.
CREATE TABLE lead_towns (
    town TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    id UUID NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    venue TEXT NOT NULL,
    language TEXT NOT NULL,
    themes TEXT[] NOT NULL,
    consent_newsletter BOOLEAN NOT NULL,
    PRIMARY KEY (town, created_at, id)
);
CREATE INDEX lead_towns_lead ON lead_towns (id);
-- A town's leads of one venue, in one language, or with newsletter
-- consent: combined, they find a rare filter's few leads (and count
-- them) without walking all of the town's.
CREATE INDEX lead_towns_venue ON lead_towns (town, venue, created_at);
CREATE INDEX lead_towns_language ON lead_towns (town, language, created_at);
CREATE INDEX lead_towns_newsletter ON lead_towns (town, created_at) WHERE consent_newsletter;
INSERT INTO lead_towns (town, created_at, id, venue, language, themes, consent_newsletter)
SELECT town, created_at, id, venue, language, themes, consent_newsletter
FROM leads, unnest(towns) AS town;
