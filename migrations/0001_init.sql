-- 0001_init.sql: series, their organisers, sessions, topics and channels;
-- registrations; settings.  Times are Unix seconds (UTC).  SQL that SQLite
-- and PostgreSQL both accept: INTEGER/BIGINT ids come from the backends'
-- own sequences (SQLite's rowid, PostgreSQL's identity, see db/).

CREATE TABLE settings (
	key TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

CREATE TABLE series (
	id INTEGER PRIMARY KEY,
	slug TEXT NOT NULL UNIQUE,
	title TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	starts_at BIGINT NOT NULL,
	ends_at BIGINT NOT NULL,
	reg_opens_at BIGINT,
	reg_closes_at BIGINT,
	capacity INTEGER,
	province_list TEXT NOT NULL DEFAULT '2025',
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);

CREATE TABLE series_organizers (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	position INTEGER NOT NULL,
	name TEXT NOT NULL,
	short_name TEXT NOT NULL DEFAULT '',
	url TEXT NOT NULL DEFAULT '',
	UNIQUE (series_id, position)
);

CREATE TABLE channels (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	position INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('zoom', 'facebook', 'youtube', 'other')),
	label TEXT NOT NULL,
	url TEXT NOT NULL,
	UNIQUE (series_id, position)
);

CREATE TABLE sessions (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	position INTEGER NOT NULL,
	title TEXT NOT NULL DEFAULT '',
	starts_at BIGINT NOT NULL,
	ends_at BIGINT NOT NULL,
	zoom_url TEXT NOT NULL DEFAULT '',
	facebook_url TEXT NOT NULL DEFAULT '',
	youtube_url TEXT NOT NULL DEFAULT '',
	UNIQUE (series_id, position)
);

CREATE TABLE topics (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	session_id INTEGER REFERENCES sessions(id),
	position INTEGER NOT NULL,
	title TEXT NOT NULL,
	speaker TEXT NOT NULL DEFAULT '',
	speaker_org TEXT NOT NULL DEFAULT '',
	UNIQUE (series_id, position)
);

CREATE TABLE registrations (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	token TEXT NOT NULL UNIQUE,
	full_name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	email TEXT NOT NULL,
	email_norm TEXT NOT NULL,
	phone TEXT NOT NULL,
	province_code TEXT NOT NULL,
	category TEXT NOT NULL,
	organization TEXT NOT NULL DEFAULT '',
	position TEXT NOT NULL DEFAULT '',
	consent INTEGER NOT NULL DEFAULT 0,
	consent_at BIGINT,
	status TEXT NOT NULL DEFAULT 'active',
	source TEXT NOT NULL DEFAULT 'web',
	created_at BIGINT NOT NULL,
	UNIQUE (series_id, email_norm)
);
CREATE INDEX registrations_series_created ON registrations (series_id, created_at);
