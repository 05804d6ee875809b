-- 0008_evaluations.sql: end-of-session evaluations (quiz and satisfaction
-- survey), their questions and options, and the submissions with their
-- answers.  Scores on a submission are the grade given when it was stored
-- (questions that have answers are never re-graded: they are retired and
-- replaced instead); every statistic is computed from the answers.

CREATE TABLE evaluations (
	id INTEGER PRIMARY KEY,
	series_id INTEGER NOT NULL REFERENCES series(id),
	session_id INTEGER REFERENCES sessions(id), -- NULL: the whole series (final test)
	code TEXT NOT NULL UNIQUE,                  -- the short public link /e/{code}
	title TEXT NOT NULL,
	instructions TEXT NOT NULL DEFAULT '',
	opens_at BIGINT NOT NULL,
	closes_at BIGINT NOT NULL,
	pass_mark INTEGER NOT NULL DEFAULT 0,       -- percent of the graded points
	allow_change INTEGER NOT NULL DEFAULT 0,
	show_answers INTEGER NOT NULL DEFAULT 1,    -- correct answers shown after closing
	shuffle_options INTEGER NOT NULL DEFAULT 0,
	counts_as_presence INTEGER NOT NULL DEFAULT 0,
	created_at BIGINT NOT NULL,
	updated_at BIGINT NOT NULL
);
CREATE INDEX evaluations_series ON evaluations (series_id);

CREATE TABLE questions (
	id INTEGER PRIMARY KEY,
	evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
	position INTEGER NOT NULL,
	kind TEXT NOT NULL CHECK (kind IN ('single', 'multiple', 'rating', 'text')),
	prompt TEXT NOT NULL,
	points INTEGER NOT NULL DEFAULT 0,
	partial INTEGER NOT NULL DEFAULT 0,  -- multiple choice graded partially
	max_len INTEGER NOT NULL DEFAULT 0,  -- free text; 0: the default limit
	aspect TEXT NOT NULL DEFAULT '',     -- rating: content, speaker, organisation, platform
	required INTEGER NOT NULL DEFAULT 1,
	retired INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX questions_evaluation ON questions (evaluation_id, position);

CREATE TABLE options (
	id INTEGER PRIMARY KEY,
	question_id INTEGER NOT NULL REFERENCES questions(id),
	position INTEGER NOT NULL,
	label TEXT NOT NULL,
	correct INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX options_question ON options (question_id, position);

CREATE TABLE submissions (
	id INTEGER PRIMARY KEY,
	evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
	registration_id INTEGER NOT NULL REFERENCES registrations(id),
	form_id TEXT NOT NULL UNIQUE,
	score INTEGER NOT NULL,     -- in hundredths of a point
	max_score INTEGER NOT NULL, -- in hundredths of a point
	passed INTEGER NOT NULL,
	submitted_at BIGINT NOT NULL,
	UNIQUE (evaluation_id, registration_id)
);
CREATE INDEX submissions_evaluation_time ON submissions (evaluation_id, submitted_at);

-- One row per chosen option (single, multiple), rating or text.
CREATE TABLE answers (
	submission_id INTEGER NOT NULL REFERENCES submissions(id),
	question_id INTEGER NOT NULL REFERENCES questions(id),
	option_id INTEGER REFERENCES options(id),
	rating INTEGER,
	text TEXT
);
CREATE INDEX answers_submission ON answers (submission_id);
CREATE INDEX answers_question ON answers (question_id, option_id);
