-- 0011_certificates.sql: certificates of completion.  Per series: the rules
-- that say who earns one, the settings of the page (wording, signer, place,
-- images), hand-made decisions (grant or refuse, with the reason and who);
-- the issued certificates, numbered without gaps within their series; the
-- issue jobs (a crash or restart resumes them); and the failed look-ups
-- that rate-limit guessing verification codes.
--
-- PDFs are not stored: the same inputs give the same bytes, so a
-- certificate is rendered again on demand from its row and its frozen
-- template (certificate_templates), and its SHA-256, computed once at
-- issue, is kept to check a copy against.

CREATE TABLE certificate_rules (
	series_id INTEGER PRIMARY KEY REFERENCES series(id),
	evals_min INTEGER NOT NULL DEFAULT 0,      -- session evaluations that must count; -1: all
	evals_pass INTEGER NOT NULL DEFAULT 0,     -- 1: they count only when passed
	evals_mark INTEGER NOT NULL DEFAULT 0,     -- and with at least this percent (0: any)
	final_need INTEGER NOT NULL DEFAULT 0,     -- the final test: 0 no, 1 submitted, 2 passed
	final_mark INTEGER NOT NULL DEFAULT 0,     -- percent, when passed is asked (0: its pass mark)
	sessions_min INTEGER NOT NULL DEFAULT 0,   -- sessions attended (att_attended); -1: all
	updated_at BIGINT NOT NULL
);

-- Images by content: a template names them by id, and they never change.
CREATE TABLE certificate_images (
	id INTEGER PRIMARY KEY,
	sha256 TEXT NOT NULL UNIQUE,
	png BLOB NOT NULL,                         -- BYTEA on PostgreSQL (see 0005)
	created_at BIGINT NOT NULL
);

CREATE TABLE certificate_settings (
	series_id INTEGER PRIMARY KEY REFERENCES series(id),
	prefix TEXT NOT NULL DEFAULT 'CN',
	place TEXT NOT NULL DEFAULT '',
	issuer TEXT NOT NULL DEFAULT '',
	signer_name TEXT NOT NULL DEFAULT '',
	signer_title TEXT NOT NULL DEFAULT '',
	wording TEXT NOT NULL DEFAULT '',          -- what was completed; '' = from the series
	second_lang TEXT NOT NULL DEFAULT '',
	issue_date BIGINT,                         -- the date printed; NULL = the day of issue
	background_id INTEGER REFERENCES certificate_images(id),
	logos TEXT NOT NULL DEFAULT '[]',          -- JSON array of certificate_images ids, in order
	updated_at BIGINT NOT NULL
);

-- The settings as they were when a job began, with the series' own words
-- and the verification base URL: everything the PDF is made from, apart
-- from the certificate's row.  Never changed once written.
CREATE TABLE certificate_templates (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	data TEXT NOT NULL,
	created_at BIGINT NOT NULL
);

CREATE TABLE certificate_overrides (
	series_id INTEGER NOT NULL REFERENCES series(id),
	registration_id INTEGER NOT NULL REFERENCES registrations(id),
	decision TEXT NOT NULL CHECK (decision IN ('grant', 'refuse')),
	reason TEXT NOT NULL,
	decided_by TEXT NOT NULL,
	decided_at BIGINT NOT NULL,
	PRIMARY KEY (series_id, registration_id)
);

CREATE TABLE cert_jobs (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	template_id INTEGER NOT NULL REFERENCES certificate_templates(id),
	issued_at BIGINT NOT NULL,                 -- the date printed on this job's certificates
	state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
	total INTEGER NOT NULL DEFAULT 0,
	done INTEGER NOT NULL DEFAULT 0,
	error TEXT NOT NULL DEFAULT '',
	started_by TEXT NOT NULL,
	started_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
-- One running job per series at a time.
CREATE UNIQUE INDEX cert_jobs_running ON cert_jobs (series_id) WHERE state = 'running';

CREATE TABLE certificates (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	registration_id INTEGER NOT NULL REFERENCES registrations(id),
	job_id INTEGER NOT NULL REFERENCES cert_jobs(id),
	template_id INTEGER NOT NULL REFERENCES certificate_templates(id),
	serial_no INTEGER NOT NULL,                -- 1, 2, 3 ... within the series
	serial TEXT NOT NULL UNIQUE,               -- {prefix}-{year}-{000123}
	code TEXT NOT NULL UNIQUE,                 -- 20 Crockford base32 characters, normalised
	full_name TEXT NOT NULL,                   -- as registered, when issued
	issued_at BIGINT NOT NULL,
	sha256 TEXT NOT NULL,
	status TEXT NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'revoked')),
	revoked_at BIGINT,
	revoke_reason TEXT,
	revoked_by TEXT,
	UNIQUE (series_id, registration_id),
	UNIQUE (series_id, serial_no)
);
CREATE INDEX certificates_job ON certificates (job_id);

-- key is 'a:' + client address.
CREATE TABLE verify_failures (
	id INTEGER PRIMARY KEY,
	key TEXT NOT NULL,
	at BIGINT NOT NULL
);
CREATE INDEX verify_failures_key ON verify_failures (key, at);
