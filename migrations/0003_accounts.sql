-- 0003_accounts.sql: organiser accounts, their login sessions, the login
-- failures that rate-limit guessing, the series an organiser may edit, and
-- the audit log of every change made in the console.

CREATE TABLE users (
	id INTEGER PRIMARY KEY,
	email TEXT NOT NULL UNIQUE,
	name TEXT NOT NULL DEFAULT '',
	role TEXT NOT NULL CHECK (role IN ('admin', 'organizer', 'viewer')),
	password_hash TEXT NOT NULL,
	disabled INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL
);

-- The series an organizer (or viewer) works on; admins see every series.
CREATE TABLE series_members (
	series_id INTEGER NOT NULL REFERENCES series(id),
	user_id INTEGER NOT NULL REFERENCES users(id),
	PRIMARY KEY (series_id, user_id)
);

-- Only a hash of the cookie's token is stored.
CREATE TABLE login_sessions (
	id INTEGER PRIMARY KEY,
	token_hash TEXT NOT NULL UNIQUE,
	user_id INTEGER NOT NULL REFERENCES users(id),
	created_at BIGINT NOT NULL,
	last_seen BIGINT NOT NULL,
	expires_at BIGINT NOT NULL
);
CREATE INDEX login_sessions_user ON login_sessions (user_id);

-- key is 'e:' + folded e-mail or 'a:' + client address.
CREATE TABLE login_failures (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

CREATE TABLE audit_log (
	id INTEGER PRIMARY KEY,
	at BIGINT NOT NULL,
	user_id INTEGER REFERENCES users(id),
	actor TEXT NOT NULL,
	action TEXT NOT NULL,
	object TEXT NOT NULL,
	before_json TEXT,
	after_json TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
