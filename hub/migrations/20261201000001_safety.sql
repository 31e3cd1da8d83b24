-- Erasure compares addresses folded in full Unicode (done by the hub in
-- Rust: lower() in the C locale only knows ASCII); admin tokens can be
-- named and revoked.

ALTER TABLE leads ADD COLUMN email_fold TEXT;
UPDATE leads SET email_fold = lower(btrim(email));
ALTER TABLE leads ALTER COLUMN email_fold SET NOT NULL;
DROP INDEX leads_email;
CREATE INDEX leads_email_fold ON leads (email_fold);

ALTER TABLE admin_tokens ADD COLUMN label TEXT NOT NULL DEFAULT '';
ALTER TABLE admin_tokens ADD COLUMN revoked_at TIMESTAMPTZ;
