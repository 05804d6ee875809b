-- 0007_ocop.sql: OCOP criteria sets loaded at run time (`ocop criteria
-- load`), and participants' self-assessments of their products.
--
-- criteria_sets keeps every accepted version of a set as given: the
-- registry is rebuilt from it at start-up, and old assessments keep the
-- version they were made with.  ocop_assessments.registration_id is NULL
-- for nothing today (the public demo saves nothing) but stays nullable so a
-- saved anonymous assessment needs no migration.  answers holds the
-- engine's format, {"1.1": 3, ...} (1-based option positions); dossier is a
-- JSON array of the 1-based positions of the documents ticked in the set's
-- dossier list.  total and stars are NULL until every applicable criterion
-- is answered.

CREATE TABLE criteria_sets (
	id TEXT NOT NULL,
	version INTEGER NOT NULL,
	json TEXT NOT NULL,
	loaded_at BIGINT NOT NULL,
	loaded_by TEXT NOT NULL,
	PRIMARY KEY (id, version)
);

CREATE TABLE ocop_assessments (
	id INTEGER PRIMARY KEY,
	registration_id INTEGER REFERENCES registrations(id),
	set_id TEXT NOT NULL,
	set_version INTEGER NOT NULL,
	product_name TEXT NOT NULL DEFAULT '',
	product_set TEXT NOT NULL DEFAULT '',
	producer TEXT NOT NULL DEFAULT '',
	province_code TEXT NOT NULL DEFAULT '',
	answers TEXT NOT NULL DEFAULT '{}',
	dossier TEXT NOT NULL DEFAULT '[]',
	total INTEGER,
	stars INTEGER,
	updated_at BIGINT NOT NULL,
	created_at BIGINT NOT NULL
);
CREATE INDEX ocop_assessments_registration ON ocop_assessments (registration_id, id);
