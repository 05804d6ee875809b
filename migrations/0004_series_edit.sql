-- 0004_series_edit.sql: what the console's series editor adds.
-- Co-organiser logos live beside their row: the bytes (PNG or JPEG, at most
-- 1 MB, checked by content before they get here), their type, and a hash of
-- the bytes that serves as the ETag and as the cache-busting ?v= on the
-- public page.  BYTEA is PostgreSQL's binary type; SQLite accepts the name
-- and stores a bound blob as it is.
ALTER TABLE series_organizers ADD COLUMN logo BYTEA;
ALTER TABLE series_organizers ADD COLUMN logo_type TEXT NOT NULL DEFAULT '';
ALTER TABLE series_organizers ADD COLUMN logo_hash TEXT NOT NULL DEFAULT '';

-- Deleting a session asks what still points at it.
CREATE INDEX topics_session ON topics (session_id);
