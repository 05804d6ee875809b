-- 0010_attendance.sql: who was really there.  Three sources per session:
-- Zoom reports (imports, their matched and unmatched people, and the
-- name/e-mail assignments organisers made by hand), check-in codes shown on
-- the streams, and the session's evaluation (evaluations.counts_as_presence).
-- Whether a participant attended is computed from these rows by one
-- function (domain/attendance.c), never stored.

CREATE TABLE attendance_rules (
	session_id INTEGER PRIMARY KEY REFERENCES sessions(id),
	min_percent INTEGER NOT NULL DEFAULT 60,  -- of the session's length, in Zoom
	min_checkins INTEGER NOT NULL DEFAULT 0   -- 0: check-ins alone do not count
);

-- One row per imported report file of a session.  file_key names the file
-- across corrections (the meeting id and start, or the file name); a
-- corrected file replaces the earlier import with the same key.
CREATE TABLE attendance_imports (
	id INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES sessions(id),
	file_key TEXT NOT NULL,
	file_sha256 TEXT NOT NULL,
	filename TEXT NOT NULL,
	meeting_topic TEXT NOT NULL DEFAULT '',
	meeting_start BIGINT,
	rows_read INTEGER NOT NULL,
	rows_rejected INTEGER NOT NULL,
	people INTEGER NOT NULL,
	matched INTEGER NOT NULL,
	report TEXT NOT NULL DEFAULT '',
	imported_at BIGINT NOT NULL,
	imported_by TEXT NOT NULL,
	UNIQUE (session_id, file_key)
);

-- Merged time (overlaps counted once, clipped to the session) per person.
CREATE TABLE zoom_attendance (
	import_id INTEGER NOT NULL REFERENCES attendance_imports(id),
	registration_id INTEGER NOT NULL REFERENCES registrations(id),
	seconds INTEGER NOT NULL,
	first_join BIGINT,
	last_leave BIGINT,
	PRIMARY KEY (import_id, registration_id)
);
CREATE INDEX zoom_attendance_registration ON zoom_attendance (registration_id);

-- People of a report matched to nobody, or to more than one registration.
CREATE TABLE zoom_unmatched (
	id INTEGER PRIMARY KEY,
	import_id INTEGER NOT NULL REFERENCES attendance_imports(id),
	name TEXT NOT NULL,
	name_fold TEXT NOT NULL,
	email TEXT NOT NULL,
	seconds INTEGER NOT NULL,
	reason TEXT NOT NULL,              -- 'none' or 'ambiguous'
	assigned_to INTEGER REFERENCES registrations(id)
);
CREATE INDEX zoom_unmatched_import ON zoom_unmatched (import_id);

-- A hand assignment, remembered for later sessions of the series.
CREATE TABLE zoom_aliases (
	series_id INTEGER NOT NULL REFERENCES series(id),
	key TEXT NOT NULL,                 -- 'e:' + e-mail or 'n:' + folded name
	registration_id INTEGER NOT NULL REFERENCES registrations(id),
	PRIMARY KEY (series_id, key)
);

CREATE TABLE checkins (
	id INTEGER PRIMARY KEY,
	session_id INTEGER NOT NULL REFERENCES sessions(id),
	code TEXT NOT NULL,
	opens_at BIGINT NOT NULL,
	closes_at BIGINT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX checkins_code ON checkins (code);
CREATE INDEX checkins_session ON checkins (session_id);

CREATE TABLE checkin_entries (
	checkin_id INTEGER NOT NULL REFERENCES checkins(id),
	registration_id INTEGER NOT NULL REFERENCES registrations(id),
	at BIGINT NOT NULL,
	PRIMARY KEY (checkin_id, registration_id)
);
CREATE INDEX checkin_entries_registration ON checkin_entries (registration_id);
CREATE INDEX registrations_name_fold ON registrations (series_id, name_fold);
