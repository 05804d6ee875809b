-- 0018_registrations_fts_pending.sql: new registrations reach the search
-- index once per transaction instead of once per row (SQLite only).
--
-- SQLite 3.40's FTS5 writes its pending terms out as a new index segment at
-- every statement and savepoint that touches it, so the AFTER INSERT
-- trigger of 0006 made each registration a segment of its own (and the
-- merges that follow): about a quarter of the group-commit thread's time.
-- Now the trigger only notes the id in registrations_fts_pending, and
-- reg_fts_flush() (domain/registration.c) indexes every noted row with one
-- INSERT ... SELECT just before the transaction commits: the writer thread
-- runs it before each COMMIT (dbw_before_commit), the command-line import
-- at the end of each batch.  Searches read committed data, which never
-- has a row left pending by those paths.
--
-- A row updated or deleted while still pending has nothing in the index
-- yet: the triggers then only touch the pending list (a 'delete' of terms
-- never indexed would damage the index).
-- @sqlite
CREATE TABLE registrations_fts_pending (id INTEGER PRIMARY KEY);
DROP TRIGGER registrations_fts_ai;
DROP TRIGGER registrations_fts_ad;
DROP TRIGGER registrations_fts_au;
CREATE TRIGGER registrations_fts_ai AFTER INSERT ON registrations BEGIN
	INSERT INTO registrations_fts_pending (id) VALUES (new.id);
END;
CREATE TRIGGER registrations_fts_ad AFTER DELETE ON registrations BEGIN
	INSERT INTO registrations_fts (registrations_fts, rowid, name_fold, email_norm, phone)
	SELECT 'delete', old.id, old.name_fold, old.email_norm, old.phone
	WHERE NOT EXISTS (SELECT 1 FROM registrations_fts_pending WHERE id = old.id);
	DELETE FROM registrations_fts_pending WHERE id = old.id;
END;
CREATE TRIGGER registrations_fts_au AFTER UPDATE OF name_fold, email_norm, phone
	ON registrations WHEN NOT EXISTS (SELECT 1 FROM registrations_fts_pending
	WHERE id = old.id) BEGIN
	INSERT INTO registrations_fts (registrations_fts, rowid, name_fold, email_norm, phone)
	VALUES ('delete', old.id, old.name_fold, old.email_norm, old.phone);
	INSERT INTO registrations_fts (rowid, name_fold, email_norm, phone)
	VALUES (new.id, new.name_fold, new.email_norm, new.phone);
END;
-- @end
