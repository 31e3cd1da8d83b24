-- Erasures that hold, and say little.
--
-- The hub's own record of an erased address is keyed: an HMAC under the
-- database's link key (`email_key`), which a dump cannot confirm a guessed
-- address against. The plain SHA-256 (`email_sha256`) is what kiosks
-- compare their own leads with; it is kept only until every kiosk that is
-- not revoked has carried the erasure out, then cleared. Erasures made
-- before this migration have no key and keep their plain hash.
ALTER TABLE erasures ADD COLUMN email_key TEXT;
ALTER TABLE erasures ALTER COLUMN email_sha256 DROP NOT NULL;
CREATE INDEX erasures_email_key ON erasures (email_key);
CREATE INDEX erasures_email_sha256 ON erasures (email_sha256)
    WHERE email_sha256 IS NOT NULL;

-- Leads that were erased, by id only: a replayed batch or a phone link
-- used again never brings one back.
CREATE TABLE erased_leads (
    id UUID PRIMARY KEY,
    erased_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- What each kiosk was sent of the erasures (the highest id of the last
-- heartbeat's answer that held any) and what it acknowledged having done;
-- an acknowledgement above what was sent is not of this hub's history
-- (a bogus id, or a hub restored from a backup) and is not believed.
ALTER TABLE kiosks
    ADD COLUMN erasures_sent BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN erasures_acked BIGINT NOT NULL DEFAULT 0;
