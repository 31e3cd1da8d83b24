-- Films and audio guides that passed the media check, by their bytes and
-- the rules they passed: publishing the same files again (a pack with one
-- text changed) does not decode them again. New rules check everything anew.
CREATE TABLE media_checks (
    sha256 TEXT NOT NULL,
    rules INTEGER NOT NULL,
    checked_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sha256, rules)
);
