-- 0019_mail_bodies.sql: bodies shared by many messages, stored once.
--
-- A registration's confirmation is the same for everyone in a series but
-- for the greeting and the personal link, and it is written in the
-- registration's own transaction: stored whole it was ~2.5 KB, a database
-- page of its own per registration (a page of WAL, then of checkpoint).
-- Now such a message names a shared body (mail_bodies, keyed by the
-- SHA-256 of its text and HTML) holding markers, and keeps only the values
-- of the markers (body_vars, a JSON object); outbox_claim() puts the
-- message together again before it is sent.  Messages with a body of their
-- own (body_id NULL) are as before.
CREATE TABLE mail_bodies (
	id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL UNIQUE,
	body_text TEXT NOT NULL,
	body_html TEXT NOT NULL DEFAULT '',
	created_at BIGINT NOT NULL
);
ALTER TABLE outbox ADD COLUMN body_id INTEGER REFERENCES mail_bodies(id);
ALTER TABLE outbox ADD COLUMN body_vars TEXT NOT NULL DEFAULT '';
