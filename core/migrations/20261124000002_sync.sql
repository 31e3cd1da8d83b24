-- Counts already sent to the hub: a row is sent again only when its
-- count has grown since.
ALTER TABLE interactions ADD COLUMN sent_count INTEGER NOT NULL DEFAULT 0;
