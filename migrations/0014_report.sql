-- 0014_report.sql: what the series report (domain/report*.c) reads fast.
-- The ratings of an evaluation are read by question from this index alone
-- (about 200,000 answers per evaluation in bench/report: 60 ms -> 20 ms),
-- without visiting the 3,000,000-row answers table.  Partial: only rating
-- answers are in it, so choice and text answers cost it nothing.
CREATE INDEX answers_rating ON answers (question_id, submission_id, rating)
	WHERE rating IS NOT NULL;
