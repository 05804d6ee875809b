/*
 * eval_edit.c: see eval_edit.h.  The job's dispatch, creating an
 * evaluation (new, imported, duplicated) and saving its settings, and the
 * helpers the question and option operations (eval_edit_q.c) share.
 */
#include "domain/eval_edit.h"
#include "core/arena.h"
#include "db/db.h"
#include "domain/audit.h"

#include <sodium.h>
#include <stdio.h>

bool eval_question_answered(struct db *db, int64_t qid)
{
	struct db_stmt *st =
		db_prepare(db, "SELECT 1 FROM answers WHERE question_id = $1 LIMIT 1");
	int64_t one = 0;

	if (!st)
		return true; /* when unsure, protect the answers */
	db_bind_int(st, 1, qid);
	return db_one_int(st, &one) != DB_NOTFOUND;
}

/* The version bump the evaluation cache relies on. */
static int eval_edit_touch(struct db *db, int64_t eval_id, int64_t now)
{
	struct db_stmt *st = db_prepare(
		db, "UPDATE evaluations SET updated_at = CASE WHEN updated_at >= $2 THEN "
		    "updated_at + 1 ELSE $2 END WHERE id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, eval_id);
	db_bind_int(st, 2, now);
	return db_run(st);
}

json_t *eval_edit_question_json(struct db *db, int64_t qid)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT q.kind, q.prompt, q.points, q.partial, q.max_len, q.aspect, "
		    "q.required, q.retired, o.label, o.correct FROM questions q LEFT JOIN options "
		    "o ON o.question_id = q.id WHERE q.id = $1 ORDER BY o.position, o.id");
	json_t *q = NULL, *opts = json_array();

	if (!st)
		return opts;
	db_bind_int(st, 1, qid);
	while (db_step(st) == DB_ROW) {
		if (!q)
			q = json_pack("{s:s, s:s, s:I, s:b, s:I, s:s, s:b, s:b}", "kind",
				      db_col_text(st, 0), "prompt", db_col_text(st, 1), "points",
				      (json_int_t)db_col_int(st, 2), "partial",
				      (int)db_col_int(st, 3), "max_len",
				      (json_int_t)db_col_int(st, 4), "aspect", db_col_text(st, 5),
				      "required", (int)db_col_int(st, 6), "retired",
				      (int)db_col_int(st, 7));
		if (!db_col_is_null(st, 8))
			json_array_append_new(opts, json_pack("{s:s, s:b}", "label",
							      db_col_text(st, 8), "correct",
							      (int)db_col_int(st, 9)));
	}
	db_done(st);
	if (!q)
		return opts;
	json_object_set_new(q, "options", opts);
	return q;
}

static json_t *eval_edit_settings_json(const struct eval *e)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:I, s:i, s:b, s:b, s:b, s:b}", "session_id",
			 (json_int_t)e->session_id, "title", e->title, "instructions",
			 e->instructions, "opens_at", (json_int_t)e->opens_at, "closes_at",
			 (json_int_t)e->closes_at, "pass_mark", e->pass_mark, "allow_change",
			 e->allow_change, "show_answers", e->show_answers, "shuffle_options",
			 e->shuffle, "counts_as_presence", e->presence);
}

/* Writes the audit row; before/after are stolen. */
static int eval_edit_audit(struct db *db, const struct eval_edit *x, const char *action,
			   const char *kind, int64_t id, json_t *before, json_t *after)
{
	char object[48];

	snprintf(object, sizeof(object), "%s:%lld", kind, (long long)id);
	int rc = audit_add(db, x->who, action, object, before, after, x->now);
	json_decref(before);
	json_decref(after);
	return rc;
}

int eval_edit_insert_question(struct db *db, int64_t eval_id, int position,
			      const struct eval_question *q, bool with_options, int64_t *id)
{
	struct db_stmt *st = db_prepare(
		db, "INSERT INTO questions (evaluation_id, position, kind, prompt, points, "
		    "partial, max_len, aspect, required) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
		    "$9) RETURNING id");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, eval_id);
	db_bind_int(st, 2, position);
	db_bind_text(st, 3, eval_kind_name(q->kind));
	db_bind_text(st, 4, q->prompt);
	db_bind_int(st, 5, q->points);
	db_bind_int(st, 6, q->partial);
	db_bind_int(st, 7, q->max_len);
	db_bind_text(st, 8, q->aspect ? q->aspect : "");
	db_bind_int(st, 9, q->required);
	if (db_one_int(st, id) != DB_OK)
		return DB_ERROR;
	for (int i = 0; with_options && i < q->nopts; i++) {
		st = db_prepare(db, "INSERT INTO options (question_id, position, label, correct) "
				    "VALUES ($1, $2, $3, $4)");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, *id);
		db_bind_int(st, 2, i + 1);
		db_bind_text(st, 3, q->opts[i].label);
		db_bind_int(st, 4, q->opts[i].correct);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	return DB_OK;
}

/* The session must be one of the series' (0: the whole series). */
static bool eval_edit_session_ok(struct db *db, int64_t series_id, int64_t session_id)
{
	struct db_stmt *st;
	int64_t one = 0;

	if (session_id == 0)
		return true;
	st = db_prepare(db, "SELECT 1 FROM sessions WHERE id = $1 AND series_id = $2");
	if (!st)
		return false;
	db_bind_int(st, 1, session_id);
	db_bind_int(st, 2, series_id);
	return db_one_int(st, &one) == DB_OK;
}

/* A new short public code: 7 characters without look-alikes.  An insert
 * that meets an existing code returns no row and is tried again. */
static void eval_edit_code(char *code)
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	unsigned char raw[7];

	randombytes_buf(raw, sizeof(raw));
	for (int i = 0; i < 7; i++)
		code[i] = alphabet[raw[i] % (sizeof(alphabet) - 1)];
	code[7] = 0;
}

static int eval_edit_create(struct db *db, struct eval_edit *x)
{
	const struct eval *d = x->def;
	char code[8];
	int rc = DB_NOTFOUND;

	if (!eval_edit_session_ok(db, x->series_id, d->session_id))
		return DB_NOTFOUND;
	for (int tries = 0; tries < 5 && rc == DB_NOTFOUND; tries++) {
		struct db_stmt *st = db_prepare(
			db, "INSERT INTO evaluations (series_id, session_id, code, title, "
			    "instructions, opens_at, closes_at, pass_mark, allow_change, "
			    "show_answers, shuffle_options, counts_as_presence, created_at, "
			    "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, "
			    "$13, $13) ON CONFLICT DO NOTHING RETURNING id");
		if (!st)
			return DB_ERROR;
		eval_edit_code(code);
		db_bind_int(st, 1, x->series_id);
		if (d->session_id)
			db_bind_int(st, 2, d->session_id);
		else
			db_bind_null(st, 2);
		db_bind_text(st, 3, code);
		db_bind_text(st, 4, d->title);
		db_bind_text(st, 5, d->instructions);
		db_bind_int(st, 6, d->opens_at);
		db_bind_int(st, 7, d->closes_at);
		db_bind_int(st, 8, d->pass_mark);
		db_bind_int(st, 9, d->allow_change);
		db_bind_int(st, 10, d->show_answers);
		db_bind_int(st, 11, d->shuffle);
		db_bind_int(st, 12, d->presence);
		db_bind_int(st, 13, x->now);
		rc = db_one_int(st, &x->new_id);
	}
	if (rc != DB_OK)
		return DB_ERROR;
	for (int i = 0; i < d->nq; i++) {
		int64_t qid;
		if (eval_edit_insert_question(db, x->new_id, i + 1, &d->q[i], true, &qid) != DB_OK)
			return DB_ERROR;
	}
	json_t *after = eval_edit_settings_json(d);
	json_object_set_new(after, "questions", json_integer(d->nq));
	json_object_set_new(after, "source", json_string(x->source ? x->source : "new"));
	json_object_set_new(after, "code", json_string(code));
	return eval_edit_audit(db, x, "evaluation.create", "evaluation", x->new_id, NULL, after);
}

static int eval_edit_settings(struct db *db, struct eval_edit *x)
{
	struct eval old;
	struct arena a;
	int rc;

	arena_init(&a);
	rc = eval_load(db, &a, x->eval_id, &old);
	if (rc != DB_OK || old.series_id != x->series_id ||
	    !eval_edit_session_ok(db, x->series_id, x->def->session_id)) {
		arena_release(&a);
		return rc == DB_ERROR ? DB_ERROR : DB_NOTFOUND;
	}
	json_t *before = eval_edit_settings_json(&old);
	arena_release(&a);
	const struct eval *d = x->def;
	struct db_stmt *st = db_prepare(
		db, "UPDATE evaluations SET session_id = $2, title = $3, instructions = $4, "
		    "opens_at = $5, closes_at = $6, pass_mark = $7, allow_change = $8, "
		    "show_answers = $9, shuffle_options = $10, counts_as_presence = $11 WHERE id = $1");
	if (!st) {
		json_decref(before);
		return DB_ERROR;
	}
	db_bind_int(st, 1, x->eval_id);
	if (d->session_id)
		db_bind_int(st, 2, d->session_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, d->title);
	db_bind_text(st, 4, d->instructions);
	db_bind_int(st, 5, d->opens_at);
	db_bind_int(st, 6, d->closes_at);
	db_bind_int(st, 7, d->pass_mark);
	db_bind_int(st, 8, d->allow_change);
	db_bind_int(st, 9, d->show_answers);
	db_bind_int(st, 10, d->shuffle);
	db_bind_int(st, 11, d->presence);
	if (db_run(st) != DB_OK) {
		json_decref(before);
		return DB_ERROR;
	}
	return eval_edit_audit(db, x, "evaluation.update", "evaluation", x->eval_id, before,
			       eval_edit_settings_json(d));
}

/* The evaluation must be the series'. */
static int eval_edit_owned(struct db *db, const struct eval_edit *x)
{
	struct db_stmt *st =
		db_prepare(db, "SELECT 1 FROM evaluations WHERE id = $1 AND series_id = $2");
	int64_t one;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, x->eval_id);
	db_bind_int(st, 2, x->series_id);
	return db_one_int(st, &one);
}

int eval_edit_run(struct db *db, void *arg)
{
	struct eval_edit *x = arg;
	int rc;

	if (x->op == EQ_CREATE) {
		rc = eval_edit_create(db, x);
		return rc == DB_OK ? eval_edit_touch(db, x->new_id, x->now) : rc;
	}
	if ((rc = eval_edit_owned(db, x)) != DB_OK)
		return rc;
	if (x->op == EQ_SETTINGS)
		rc = eval_edit_settings(db, x);
	else if (x->op >= EQ_O_ADD)
		rc = eval_edit_option(db, x);
	else
		rc = eval_edit_question(db, x);
	if (rc != DB_OK)
		return rc;
	return eval_edit_touch(db, x->eval_id, x->now);
}

int eval_edit_audit_q(struct db *db, const struct eval_edit *x, const char *action, int64_t qid,
		      json_t *before, json_t *after)
{
	return eval_edit_audit(db, x, action, "question", qid, before, after);
}
