-- gen.sql: the report benchmark's series: the demo series 'ocop-2021'
-- (8 sessions, a closing evaluation per session with 3 choice questions and
-- the 4 satisfaction ratings) filled straight in SQL, in big transactions:
--   300,000 registrations over 28 days in the 34 provinces and 9 categories
--     (1 in 50 withdrawn);
--   2,000,000 attendance rows: per session one Zoom import of 200,000
--     people (time spread over the session's length, so the 60 % rule keeps
--     about 40 % of them) and one check-in code entered by 50,000;
--   428,568 submissions (53,571 per session evaluation, in its window) with
--     7 answers each: 2,999,976 answers;
--   300,000 confirmation messages in the outbox (1 in 40 failed).
-- Usage: sqlite3 DB < gen.sql   (after `ocop demo --db DB`)
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -200000;
CREATE TEMP TABLE s AS SELECT id FROM series WHERE slug = 'ocop-2021';
CREATE TEMP TABLE prov AS SELECT row_number() OVER (ORDER BY code) AS i, code
 FROM provinces WHERE list = '2025';
CREATE TEMP TABLE cat (i INTEGER PRIMARY KEY, c TEXT);
INSERT INTO cat (c) VALUES ('province_official'),('commune_official'),('enterprise'),
 ('cooperative'),('cooperative_group'),('household'),('other'),('enterprise'),('household');

BEGIN;
WITH RECURSIVE seq(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM seq WHERE k < 300000)
INSERT INTO registrations (series_id, token, full_name, name_fold, email, email_norm, phone,
  province_code, category, organization, position, consent, consent_at, status, source,
  created_at)
SELECT (SELECT id FROM s), 'rep' || printf('%019d', k), 'Người Thứ ' || k, 'nguoi thu ' || k,
  'rep' || k || '@example.vn', 'rep' || k || '@example.vn',
  '+849' || printf('%08d', k * 7919 % 100000000), prov.code, cat.c, 'HTX số ' || (k % 5000), '',
  1, 1630000000 + k * 8, CASE WHEN k % 50 = 0 THEN 'withdrawn' ELSE 'active' END, 'bench',
  1630000000 + k * 8
FROM seq
JOIN prov ON prov.i = 1 + (k * 40692 % 2147483399) % 34
JOIN cat ON cat.i = 1 + (k * 39373 % 2147483563 / 7) % 9;
COMMIT;

CREATE TEMP TABLE ses AS SELECT row_number() OVER (ORDER BY position) AS i, id, starts_at,
 ends_at FROM sessions WHERE series_id = (SELECT id FROM s);
CREATE TEMP TABLE regs AS SELECT id FROM registrations WHERE series_id = (SELECT id FROM s);

BEGIN;
INSERT INTO attendance_imports (session_id, file_key, file_sha256, filename, meeting_topic,
  meeting_start, rows_read, rows_rejected, people, matched, imported_at, imported_by)
SELECT id, 'bench-' || i, 'bench', 'zoom-' || i || '.csv', 'OCOP', starts_at, 200000, 0,
  200000, 200000, starts_at + 86400, 'bench' FROM ses;
INSERT INTO zoom_attendance (import_id, registration_id, seconds, first_join, last_leave)
SELECT ai.id, r.id, (r.id * 7919 + ses.i * 104729) % (ses.ends_at - ses.starts_at),
  ses.starts_at, ses.ends_at
FROM ses JOIN attendance_imports ai ON ai.session_id = ses.id AND ai.file_key = 'bench-' || ses.i
JOIN regs r ON (r.id + ses.i) % 3 <> 0;
INSERT INTO checkins (session_id, code, opens_at, closes_at, created_at)
SELECT id, 'BENCH' || i, starts_at, ends_at, starts_at FROM ses;
INSERT INTO checkin_entries (checkin_id, registration_id, at)
SELECT c.id, r.id, ses.starts_at + 600
FROM ses JOIN checkins c ON c.session_id = ses.id AND c.code = 'BENCH' || ses.i
JOIN regs r ON r.id % 6 = ses.i % 6;
COMMIT;

CREATE TEMP TABLE ev AS SELECT e.id, e.opens_at FROM evaluations e
 WHERE e.series_id = (SELECT id FROM s) AND e.session_id IS NOT NULL;
BEGIN;
INSERT INTO submissions (evaluation_id, registration_id, form_id, score, max_score, passed,
  submitted_at)
SELECT ev.id, r.id, 'bench-' || ev.id || '-' || r.id, (r.id * 31 % 5) * 100, 400,
  (r.id * 31 % 5) >= 2, ev.opens_at + r.id % 3600
FROM ev JOIN regs r ON (r.id + ev.id) % 56 < 10;
INSERT INTO answers (submission_id, question_id, option_id, rating, text)
SELECT sub.id, q.id,
  CASE WHEN q.kind = 'rating' THEN NULL
       ELSE (SELECT o.id FROM options o WHERE o.question_id = q.id ORDER BY o.position LIMIT 1) END,
  CASE WHEN q.kind = 'rating' THEN 1 + (sub.id * 7 + q.id) % 5 END, NULL
FROM submissions sub JOIN ev ON ev.id = sub.evaluation_id
JOIN questions q ON q.evaluation_id = ev.id AND q.kind <> 'text'
WHERE sub.form_id LIKE 'bench-%';
COMMIT;

BEGIN;
INSERT INTO outbox (registration_id, reason, to_addr, subject, body_text, message_id, state,
  attempts, next_attempt_at, created_at)
SELECT r.id, 'confirmation', 'rep' || r.id || '@example.vn', 'Xác nhận đăng ký', '',
  'bench-' || r.id || '@ocop.local', CASE WHEN r.id % 40 = 0 THEN 'failed' ELSE 'sent' END,
  1, 0, 1630000000
FROM regs r;
COMMIT;
ANALYZE;
