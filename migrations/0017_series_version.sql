-- 0017_series_version.sql: a counter bumped in the same transaction as every
-- change to what a series' public page shows (the series row, its
-- organisers and logos, sessions, topics, materials), so that the server
-- can keep the rendered page and check it with the one read of the series
-- row that every request makes anyway (web/series.c).  updated_at stays the
-- time of the last edit of the row; two edits in one second need a counter.
ALTER TABLE series ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
