-- 0006_registrants.sql: what the console's registrants pages need: the
-- time of the last change to a registration, indexes for the filters and
-- the counts, the search index, and the import jobs with their progress.
--
-- Search.  The portable form is a LIKE '%word%' over name_fold, email_norm
-- and phone (domain/reg_search.c), a scan: about 45 ms for 300,000 rows on
-- SQLite.  Each backend gets a trigram index that answers the same
-- question in a few milliseconds; the lines between "-- @sqlite" and
-- "-- @end" (or "-- @postgres" ... "-- @end") run only on that backend
-- (db/migrate.c).  Both texts sit here side by side.

ALTER TABLE registrations ADD COLUMN updated_at BIGINT;
-- Pages list newest first (id order), with or without a province.
CREATE INDEX registrations_series_id ON registrations (series_id, id);
CREATE INDEX registrations_series_province ON registrations (series_id, province_code, id);
-- The counts at the top of the page read only this index.
CREATE INDEX registrations_series_counts ON registrations (series_id, status, province_code,
	category);

-- @sqlite
-- FTS5 with the trigram tokenizer (SQLite 3.34+): substring match on the
-- folded name, the e-mail and the phone, kept in step by triggers.
-- columnsize=0: no ranking, so no per-row size table to keep.  automerge 16
-- and crisismerge 64 merge segments less often: a 100,000-row import is
-- about a third faster (bench/registrants), searches as fast.
CREATE VIRTUAL TABLE registrations_fts USING fts5(name_fold, email_norm, phone,
	content='registrations', content_rowid='id', tokenize='trigram', columnsize=0);
INSERT INTO registrations_fts (registrations_fts, rank) VALUES ('automerge', 16);
INSERT INTO registrations_fts (registrations_fts, rank) VALUES ('crisismerge', 64);
INSERT INTO registrations_fts (registrations_fts) VALUES ('rebuild');
CREATE TRIGGER registrations_fts_ai AFTER INSERT ON registrations BEGIN
	INSERT INTO registrations_fts (rowid, name_fold, email_norm, phone)
	VALUES (new.id, new.name_fold, new.email_norm, new.phone);
END;
CREATE TRIGGER registrations_fts_ad AFTER DELETE ON registrations BEGIN
	INSERT INTO registrations_fts (registrations_fts, rowid, name_fold, email_norm, phone)
	VALUES ('delete', old.id, old.name_fold, old.email_norm, old.phone);
END;
CREATE TRIGGER registrations_fts_au AFTER UPDATE OF name_fold, email_norm, phone
	ON registrations BEGIN
	INSERT INTO registrations_fts (registrations_fts, rowid, name_fold, email_norm, phone)
	VALUES ('delete', old.id, old.name_fold, old.email_norm, old.phone);
	INSERT INTO registrations_fts (rowid, name_fold, email_norm, phone)
	VALUES (new.id, new.name_fold, new.email_norm, new.phone);
END;
-- @end

-- @postgres
-- pg_trgm makes the portable LIKE query use an index.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX registrations_search ON registrations
	USING gin ((name_fold || ' ' || email_norm || ' ' || phone) gin_trgm_ops);
-- @end

-- One import of a CSV file: its progress while it runs (total, done and
-- the counts so far, updated in the same transaction as each batch) and
-- its report when it ends (state 'done' or 'failed').
CREATE TABLE import_jobs (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	user_id INTEGER REFERENCES users(id),
	filename TEXT NOT NULL DEFAULT '',
	state TEXT NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed')),
	total INTEGER NOT NULL DEFAULT 0,
	done INTEGER NOT NULL DEFAULT 0,
	imported INTEGER NOT NULL DEFAULT 0,
	merged INTEGER NOT NULL DEFAULT 0,
	rejected INTEGER NOT NULL DEFAULT 0,
	report_json TEXT,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX import_jobs_series ON import_jobs (series_id, id);
