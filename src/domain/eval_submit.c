/*
 * eval_submit.c: storing a submission and reading results back (see
 * evaluation.h).
 *
 * The common path is one INSERT ... ON CONFLICT DO NOTHING for the
 * submission and one INSERT per answer, all inside the group commit.  Only
 * when that insert conflicts (a replayed form id, or a second submission)
 * do we look at what is there.
 */
#include "domain/evaluation.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "db/db.h"

#include <string.h>

/*
 * Answer rows go in EVAL_ROWS at a time: one statement for a whole form of
 * up to EVAL_ROWS rows instead of one per row (a statement's own cost,
 * start, journal and reset, was most of the cost of a row).  $1 is the
 * submission; each row then takes four: question, option, rating, text.
 */
#define EVAL_ROWS 8
#define EVAL_ROW(a, b, c, d) "($1, $" #a ", $" #b ", $" #c ", $" #d ")"
static const char eval_rows_sql[] =
	"INSERT INTO answers (submission_id, question_id, option_id, rating, text) VALUES "
	EVAL_ROW(2, 3, 4, 5) ", " EVAL_ROW(6, 7, 8, 9) ", " EVAL_ROW(10, 11, 12, 13) ", "
	EVAL_ROW(14, 15, 16, 17) ", " EVAL_ROW(18, 19, 20, 21) ", " EVAL_ROW(22, 23, 24, 25) ", "
	EVAL_ROW(26, 27, 28, 29) ", " EVAL_ROW(30, 31, 32, 33);
static const char eval_row_sql[] =
	"INSERT INTO answers (submission_id, question_id, option_id, rating, text) VALUES "
	EVAL_ROW(2, 3, 4, 5);

struct eval_row {
	int64_t question_id, option_id; /* option 0: none */
	int rating;                     /* 0: none */
	const char *text;
};

static void eval_bind_row(struct db_stmt *st, int at, const struct eval_row *x)
{
	db_bind_int(st, at, x->question_id);
	if (x->option_id)
		db_bind_int(st, at + 1, x->option_id);
	else
		db_bind_null(st, at + 1);
	if (x->rating)
		db_bind_int(st, at + 2, x->rating);
	else
		db_bind_null(st, at + 2);
	db_bind_text(st, at + 3, x->text);
}

/* Inserts rows[0..n): EVAL_ROWS at a time, then one by one. */
static int eval_insert_rows(struct db *db, int64_t submission_id, const struct eval_row *rows,
			    int n)
{
	int i = 0;

	for (; n - i >= EVAL_ROWS; i += EVAL_ROWS) {
		struct db_stmt *st = db_prepare(db, eval_rows_sql);
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, submission_id);
		for (int k = 0; k < EVAL_ROWS; k++)
			eval_bind_row(st, 2 + 4 * k, &rows[i + k]);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	for (; i < n; i++) {
		struct db_stmt *st = db_prepare(db, eval_row_sql);
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, submission_id);
		eval_bind_row(st, 2, &rows[i]);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	return DB_OK;
}

static int eval_insert_answers(struct db *db, const struct eval_submit *s)
{
	struct eval_row rows[2 * EVAL_ROWS];
	int n = 0;

	for (int i = 0; i < s->e->nq; i++) {
		const struct eval_answer *a = &s->ans[i];
		int count = a->nopts ? a->nopts : a->given ? 1 : 0;

		for (int k = 0; k < count; k++) {
			if (n == (int)(sizeof(rows) / sizeof(rows[0]))) {
				if (eval_insert_rows(db, s->submission_id, rows, n) != DB_OK)
					return DB_ERROR;
				n = 0;
			}
			rows[n++] = (struct eval_row){.question_id = s->e->q[i].id,
						      .option_id = a->nopts ? a->opts[k] : 0,
						      .rating = a->rating,
						      .text = a->text};
		}
	}
	return eval_insert_rows(db, s->submission_id, rows, n);
}

/* After a conflicting insert: a replay, a change, or a refusal. */
static int eval_submit_again(struct db *db, struct eval_submit *s)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, evaluation_id, registration_id, score, "
					    "max_score, passed, submitted_at FROM submissions "
					    "WHERE form_id = $1");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, s->form_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		bool mine = db_col_int(st, 1) == s->e->id && db_col_int(st, 2) == s->registration_id;
		if (mine) {
			s->submission_id = db_col_int(st, 0);
			s->grade.score = db_col_int(st, 3);
			s->grade.max = db_col_int(st, 4);
			s->grade.passed = db_col_int(st, 5);
			s->submitted_at = db_col_int(st, 6);
			s->replayed = true;
		}
		db_done(st);
		if (mine)
			return DB_OK;
		s->conflict = _("Mã biểu mẫu này đã được dùng cho một bài khác.");
		return DB_CONFLICT;
	}
	db_done(st);
	if (rc != DB_DONE)
		return DB_ERROR;
	if (!s->e->allow_change) {
		s->conflict = _("Bạn đã nộp bài đánh giá này rồi.");
		return DB_CONFLICT;
	}
	/* Changing one's answers: the same row, new answers. */
	st = db_prepare(db, "UPDATE submissions SET form_id = $3, score = $4, max_score = $5, "
			    "passed = $6, submitted_at = $7 WHERE evaluation_id = $1 AND "
			    "registration_id = $2 RETURNING id");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, s->e->id);
	db_bind_int(st, 2, s->registration_id);
	db_bind_text(st, 3, s->form_id);
	db_bind_int(st, 4, s->grade.score);
	db_bind_int(st, 5, s->grade.max);
	db_bind_int(st, 6, s->grade.passed);
	db_bind_int(st, 7, s->now);
	if (db_one_int(st, &s->submission_id) != DB_OK)
		return DB_ERROR;
	st = db_prepare(db, "DELETE FROM answers WHERE submission_id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, s->submission_id);
	if (db_run(st) != DB_OK)
		return DB_ERROR;
	s->submitted_at = s->now;
	return eval_insert_answers(db, s);
}

int eval_submit(struct db *db, void *arg)
{
	struct eval_submit *s = arg;
	struct db_stmt *st = db_prepare(
		db, "INSERT INTO submissions (evaluation_id, registration_id, form_id, score, "
		    "max_score, passed, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7) "
		    "ON CONFLICT DO NOTHING RETURNING id");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, s->e->id);
	db_bind_int(st, 2, s->registration_id);
	db_bind_text(st, 3, s->form_id);
	db_bind_int(st, 4, s->grade.score);
	db_bind_int(st, 5, s->grade.max);
	db_bind_int(st, 6, s->grade.passed);
	db_bind_int(st, 7, s->now);
	rc = db_one_int(st, &s->submission_id);
	if (rc == DB_NOTFOUND)
		return eval_submit_again(db, s);
	if (rc != DB_OK)
		return DB_ERROR;
	s->submitted_at = s->now;
	return eval_insert_answers(db, s);
}

int eval_result(struct db *db, int64_t eval_id, int64_t registration_id, struct eval_grade *g,
		int64_t *at)
{
	struct db_stmt *st = db_prepare(db, "SELECT score, max_score, passed, submitted_at FROM "
					    "submissions WHERE evaluation_id = $1 AND "
					    "registration_id = $2");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, eval_id);
	db_bind_int(st, 2, registration_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		g->score = db_col_int(st, 0);
		g->max = db_col_int(st, 1);
		g->passed = db_col_int(st, 2);
		*at = db_col_int(st, 3);
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

int eval_stored_answers(struct db *db, struct arena *a, const struct eval *e,
			int64_t registration_id, struct eval_answer *ans)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT a.question_id, a.option_id, a.rating, a.text FROM answers a "
		    "JOIN submissions s ON s.id = a.submission_id WHERE s.evaluation_id = $1 AND "
		    "s.registration_id = $2");
	int found = 0;

	if (!st)
		return DB_ERROR;
	memset(ans, 0, sizeof(*ans) * (size_t)e->nq);
	db_bind_int(st, 1, e->id);
	db_bind_int(st, 2, registration_id);
	while (db_step(st) == DB_ROW) {
		int64_t qid = db_col_int(st, 0);
		found = 1;
		for (int i = 0; i < e->nq; i++) {
			if (e->q[i].id != qid)
				continue;
			struct eval_answer *x = &ans[i];
			x->given = true;
			if (!db_col_is_null(st, 1) && x->nopts < EVAL_MAX_OPTIONS) {
				if (!x->opts)
					x->opts = arena_alloc(a, sizeof(int64_t) * EVAL_MAX_OPTIONS);
				x->opts[x->nopts++] = db_col_int(st, 1);
			}
			if (!db_col_is_null(st, 2))
				x->rating = (int)db_col_int(st, 2);
			if (!db_col_is_null(st, 3))
				x->text = arena_strdup(a, db_col_text(st, 3));
		}
	}
	db_done(st);
	return found ? DB_OK : DB_NOTFOUND;
}

json_t *eval_list(struct db *db, int64_t series_id)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(db, "SELECT id, COALESCE(session_id, 0), title, code, "
					    "opens_at, closes_at FROM evaluations WHERE series_id = "
					    "$1 ORDER BY opens_at, id");

	if (!st)
		return list;
	db_bind_int(st, 1, series_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			list, json_pack("{s:I, s:I, s:s, s:s, s:I, s:I}", "id",
					(json_int_t)db_col_int(st, 0), "session_id",
					(json_int_t)db_col_int(st, 1), "title", db_col_text(st, 2),
					"code", db_col_text(st, 3), "opens_at",
					(json_int_t)db_col_int(st, 4), "closes_at",
					(json_int_t)db_col_int(st, 5)));
	db_done(st);
	return list;
}
