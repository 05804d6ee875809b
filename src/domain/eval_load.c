/*
 * eval_load.c: reading an evaluation with its questions and options (see
 * evaluation.h: eval_load for participants, live questions only;
 * eval_load_all for results, retired questions too).
 */
#include "domain/evaluation.h"
#include "core/arena.h"
#include "db/db.h"

#include <string.h>

/* Moves question q's options from the scratch array into the arena. */
static void eval_keep_options(struct arena *a, struct eval_question *q, struct eval_option *os)
{
	if (!q || q->opts != os)
		return;
	q->opts = arena_alloc(a, sizeof(*os) * (size_t)(q->nopts + 1));
	memcpy(q->opts, os, sizeof(*os) * (size_t)q->nopts);
}

static int eval_load_row(struct db *db, struct arena *a, int64_t id, struct eval *e);
static int eval_load_questions(struct db *db, struct arena *a, struct eval *e, bool all);

int eval_load(struct db *db, struct arena *a, int64_t id, struct eval *e)
{
	int rc = eval_load_row(db, a, id, e);
	return rc == DB_OK ? eval_load_questions(db, a, e, false) : rc;
}

int eval_load_all(struct db *db, struct arena *a, int64_t id, struct eval *e)
{
	int rc = eval_load_row(db, a, id, e);
	return rc == DB_OK ? eval_load_questions(db, a, e, true) : rc;
}

static int eval_load_row(struct db *db, struct arena *a, int64_t id, struct eval *e)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT id, series_id, COALESCE(session_id, 0), code, title, instructions, "
		    "opens_at, closes_at, pass_mark, allow_change, show_answers, shuffle_options, "
		    "counts_as_presence FROM evaluations WHERE id = $1");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_done(st);
		return rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
	}
	memset(e, 0, sizeof(*e));
	e->id = db_col_int(st, 0);
	e->series_id = db_col_int(st, 1);
	e->session_id = db_col_int(st, 2);
	e->code = arena_strdup(a, db_col_text(st, 3));
	e->title = arena_strdup(a, db_col_text(st, 4));
	e->instructions = arena_strdup(a, db_col_text(st, 5));
	e->opens_at = db_col_int(st, 6);
	e->closes_at = db_col_int(st, 7);
	e->pass_mark = (int)db_col_int(st, 8);
	e->allow_change = db_col_int(st, 9);
	e->show_answers = db_col_int(st, 10);
	e->shuffle = db_col_int(st, 11);
	e->presence = db_col_int(st, 12);
	db_done(st);
	return DB_OK;
}

/* Questions and their options in one pass, ordered. */
static int eval_load_questions(struct db *db, struct arena *a, struct eval *e, bool all)
{
	struct db_stmt *st =
		all ? db_prepare(db, "SELECT q.id, q.kind, q.prompt, q.points, q.partial, "
				     "q.max_len, q.aspect, q.required, o.id, o.label, o.correct, "
				     "q.retired FROM questions q LEFT JOIN options o ON "
				     "o.question_id = q.id WHERE q.evaluation_id = $1 ORDER BY "
				     "q.position, q.id, o.position, o.id")
		    : db_prepare(db, "SELECT q.id, q.kind, q.prompt, q.points, q.partial, "
				     "q.max_len, q.aspect, q.required, o.id, o.label, o.correct, "
				     "q.retired FROM questions q LEFT JOIN options o ON "
				     "o.question_id = q.id WHERE q.evaluation_id = $1 AND "
				     "q.retired = 0 ORDER BY q.position, q.id, o.position, o.id");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, e->id);
	/* Collected on the stack, then copied at their real size. */
	/* Retired questions come on top of the live ones (results only). */
	struct eval_question qs[2 * EVAL_MAX_QUESTIONS];
	struct eval_option os[EVAL_MAX_OPTIONS];
	struct eval_question *q = NULL;
	e->q = qs;
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t qid = db_col_int(st, 0);
		if (!q || q->id != qid) {
			if (e->nq == (all ? 2 : 1) * EVAL_MAX_QUESTIONS)
				break;
			eval_keep_options(a, q, os);
			q = &e->q[e->nq++];
			memset(q, 0, sizeof(*q));
			q->id = qid;
			q->kind = (enum eval_kind)eval_kind_parse(db_col_text(st, 1));
			q->prompt = arena_strdup(a, db_col_text(st, 2));
			q->points = (int)db_col_int(st, 3);
			q->partial = db_col_int(st, 4);
			q->max_len = (int)db_col_int(st, 5);
			q->aspect = arena_strdup(a, db_col_text(st, 6));
			q->required = db_col_int(st, 7);
			q->retired = db_col_int(st, 11);
			q->opts = os;
		}
		if (!db_col_is_null(st, 8) && q->nopts < EVAL_MAX_OPTIONS) {
			struct eval_option *o = &q->opts[q->nopts++];
			o->id = db_col_int(st, 8);
			o->label = arena_strdup(a, db_col_text(st, 9));
			o->correct = db_col_int(st, 10);
		}
	}
	db_done(st);
	eval_keep_options(a, q, os);
	e->q = arena_alloc(a, sizeof(*e->q) * (size_t)(e->nq + 1));
	memcpy(e->q, qs, sizeof(*e->q) * (size_t)e->nq);
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

int eval_find_code(struct db *db, struct arena *a, const char *code, int64_t *id,
		   int64_t *series_id, const char **title)
{
	char low[16];
	size_t n = strlen(code);
	struct db_stmt *st;
	int rc;

	if (n < 4 || n >= sizeof(low))
		return DB_NOTFOUND;
	for (size_t i = 0; i <= n; i++)
		low[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] + 32 : code[i]);
	st = db_prepare(db, "SELECT id, series_id, title FROM evaluations WHERE code = $1");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, low);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		*series_id = db_col_int(st, 1);
		*title = arena_strdup(a, db_col_text(st, 2));
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}
