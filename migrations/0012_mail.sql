-- 0012_mail.sql: the outbox, the only way mail leaves.  A message is
-- written in the same transaction as the action that causes it (a
-- registration, a mailing), then sent by the worker.  Progress of a
-- mailing is counted from its messages' states, never kept apart.

CREATE TABLE mailings (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	kind TEXT NOT NULL,              -- 'materials', 'announcement', 'certificates'
	subject TEXT NOT NULL,
	filter TEXT NOT NULL DEFAULT '', -- JSON: the group chosen
	created_by TEXT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX mailings_series ON mailings (series_id);

CREATE TABLE outbox (
	id INTEGER PRIMARY KEY,
	mailing_id INTEGER REFERENCES mailings(id),
	registration_id INTEGER REFERENCES registrations(id),
	reason TEXT NOT NULL,            -- 'confirmation', 'link', 'materials', 'announcement', ...
	to_addr TEXT NOT NULL,
	to_name TEXT NOT NULL DEFAULT '',
	subject TEXT NOT NULL,
	body_text TEXT NOT NULL,
	body_html TEXT NOT NULL DEFAULT '',
	attachments TEXT NOT NULL DEFAULT '', -- JSON: [material ids]
	unsubscribe_url TEXT NOT NULL DEFAULT '',
	message_id TEXT NOT NULL UNIQUE,
	state TEXT NOT NULL DEFAULT 'queued', -- queued, sending, sent, failed, cancelled
	attempts INTEGER NOT NULL DEFAULT 0,
	next_attempt_at BIGINT NOT NULL,
	claimed_until BIGINT,
	last_error TEXT NOT NULL DEFAULT '',
	sent_at BIGINT,
	created_at BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_mailing ON outbox (mailing_id, state);
CREATE INDEX outbox_registration ON outbox (registration_id);

-- Participants who asked for no more announcements.
CREATE TABLE mail_optouts (
	registration_id INTEGER PRIMARY KEY REFERENCES registrations(id),
	at BIGINT NOT NULL
);
