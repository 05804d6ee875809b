-- 0005_materials.sql: files the organisers hand out (slides, documents,
-- images), for a whole series or one topic.  The bytes live in the
-- database, not on a disk of one machine, so every instance serves them;
-- they are cut into chunks of 256 KB so that a download reads one chunk
-- at a time and never holds a whole file in memory.  The material row and
-- all its chunks are written in one transaction: a file is there whole or
-- not at all.
--
-- material_chunks.data is written BLOB here (SQLite); the PostgreSQL
-- backend maps BLOB to BYTEA when it applies the migration.

CREATE TABLE materials (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	topic_id INTEGER REFERENCES topics(id),
	title TEXT NOT NULL,
	filename TEXT NOT NULL,     -- sanitised, with the extension of its type
	content_type TEXT NOT NULL, -- from the content (libmagic), never the name
	size BIGINT NOT NULL,
	sha256 TEXT NOT NULL,       -- hex; also the ETag
	is_public INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	uploaded_by INTEGER REFERENCES users(id)
);
CREATE INDEX materials_series ON materials (series_id, created_at);

CREATE TABLE material_chunks (
	material_id INTEGER NOT NULL REFERENCES materials(id),
	seq INTEGER NOT NULL,
	data BLOB NOT NULL,
	PRIMARY KEY (material_id, seq)
);
