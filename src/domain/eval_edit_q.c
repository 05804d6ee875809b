/*
 * eval_edit_q.c: the question and option operations of eval_edit_run()
 * (see eval_edit.h for the versioning rule they enforce).  Moves renumber
 * the live questions (or the question's options) 1..n, so positions stay
 * distinct whatever happened before (a retired question's copy takes its
 * place).
 */
#include "domain/eval_edit.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "db/db.h"

#include <stdio.h>
#include <string.h>

struct eval_qrow {
	enum eval_kind kind;
	int points, max_len;
	bool partial, required, retired;
	char aspect[32];
	int position;
};

/* The question's row, if it is evaluation x->eval_id's. */
static int eval_q_row(struct db *db, const struct eval_edit *x, struct eval_qrow *r)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT kind, points, partial, max_len, aspect, required, retired, position "
		    "FROM questions WHERE id = $1 AND evaluation_id = $2");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, x->question_id);
	db_bind_int(st, 2, x->eval_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		r->kind = (enum eval_kind)eval_kind_parse(db_col_text(st, 0));
		r->points = (int)db_col_int(st, 1);
		r->partial = db_col_int(st, 2);
		r->max_len = (int)db_col_int(st, 3);
		snprintf(r->aspect, sizeof(r->aspect), "%s", db_col_text(st, 4));
		r->required = db_col_int(st, 5);
		r->retired = db_col_int(st, 6);
		r->position = (int)db_col_int(st, 7);
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

static int eval_refuse(struct eval_edit *x, const char *why)
{
	x->refused = why;
	return DB_CONFLICT;
}

static const char *eval_locked_msg(void)
{
	return _("Câu hỏi này đã có người trả lời: chỉ sửa được nội dung câu hỏi (lỗi chính "
		 "tả). Để đổi loại, điểm hay các lựa chọn, hãy dùng “Ngừng dùng và thay thế”.");
}

/* Ids in order: the live questions of the evaluation, or the options of
 * the question; then `id` moved one place by `dir` and all renumbered. */
static int eval_renumber(struct db *db, bool options, int64_t parent, int64_t id, int dir)
{
	struct db_stmt *st =
		options ? db_prepare(db, "SELECT id FROM options WHERE question_id = $1 ORDER BY "
					 "position, id")
			: db_prepare(db, "SELECT id FROM questions WHERE evaluation_id = $1 AND "
					 "retired = 0 ORDER BY position, id");
	int64_t ids[EVAL_MAX_QUESTIONS + EVAL_MAX_OPTIONS];
	int n = 0, at = -1;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, parent);
	while (db_step(st) == DB_ROW && n < (int)(sizeof(ids) / sizeof(ids[0]))) {
		ids[n] = db_col_int(st, 0);
		if (ids[n] == id)
			at = n;
		n++;
	}
	db_done(st);
	if (at < 0)
		return DB_NOTFOUND;
	int to = at + dir;
	if (to >= 0 && to < n) {
		int64_t t = ids[at];
		ids[at] = ids[to];
		ids[to] = t;
	}
	for (int i = 0; i < n; i++) {
		st = options ? db_prepare(db, "UPDATE options SET position = $2 WHERE id = $1")
			     : db_prepare(db, "UPDATE questions SET position = $2 WHERE id = $1");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, ids[i]);
		db_bind_int(st, 2, i + 1);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	return DB_OK;
}

static int eval_next_position(struct db *db, bool options, int64_t parent, int64_t *pos)
{
	struct db_stmt *st =
		options ? db_prepare(db, "SELECT COALESCE(MAX(position), 0) + 1, COUNT(*) FROM "
					 "options WHERE question_id = $1")
			: db_prepare(db, "SELECT COALESCE(MAX(position), 0) + 1, COUNT(*) FROM "
					 "questions WHERE evaluation_id = $1 AND retired = 0");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, parent);
	rc = db_step(st);
	if (rc == DB_ROW) {
		pos[0] = db_col_int(st, 0);
		pos[1] = db_col_int(st, 1);
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : DB_ERROR;
}

static int eval_q_add(struct db *db, struct eval_edit *x)
{
	int64_t pos[2];

	if (eval_next_position(db, false, x->eval_id, pos) != DB_OK)
		return DB_ERROR;
	if (pos[1] >= EVAL_MAX_QUESTIONS)
		return eval_refuse(x, _("Một bài đánh giá có tối đa 200 câu hỏi."));
	if (eval_edit_insert_question(db, x->eval_id, (int)pos[0], &x->q, false, &x->new_id) !=
	    DB_OK)
		return DB_ERROR;
	return eval_edit_audit_q(db, x, "question.add", x->new_id, NULL,
				 eval_edit_question_json(db, x->new_id));
}

static int eval_q_save(struct db *db, struct eval_edit *x, const struct eval_qrow *r)
{
	const struct eval_question *q = &x->q;
	bool locked = eval_question_answered(db, x->question_id);

	if (locked && (q->kind != r->kind || q->points != r->points || q->partial != r->partial ||
		       q->max_len != r->max_len || strcmp(q->aspect, r->aspect) != 0))
		return eval_refuse(x, eval_locked_msg());
	json_t *before = eval_edit_question_json(db, x->question_id);
	struct db_stmt *st = db_prepare(
		db, "UPDATE questions SET kind = $2, prompt = $3, points = $4, partial = $5, "
		    "max_len = $6, aspect = $7, required = $8 WHERE id = $1");
	if (!st) {
		json_decref(before);
		return DB_ERROR;
	}
	db_bind_int(st, 1, x->question_id);
	db_bind_text(st, 2, eval_kind_name(q->kind));
	db_bind_text(st, 3, q->prompt);
	db_bind_int(st, 4, q->points);
	db_bind_int(st, 5, q->partial);
	db_bind_int(st, 6, q->max_len);
	db_bind_text(st, 7, q->aspect);
	db_bind_int(st, 8, q->required);
	int rc = db_run(st);
	/* A rating or a text has no options: those of a former choice go. */
	if (rc == DB_OK && (q->kind == Q_RATING || q->kind == Q_TEXT)) {
		st = db_prepare(db, "DELETE FROM options WHERE question_id = $1");
		if (!st)
			rc = DB_ERROR;
		else {
			db_bind_int(st, 1, x->question_id);
			rc = db_run(st);
		}
	}
	if (rc != DB_OK) {
		json_decref(before);
		return DB_ERROR;
	}
	return eval_edit_audit_q(db, x, "question.update", x->question_id, before,
				 eval_edit_question_json(db, x->question_id));
}

static int eval_q_delete(struct db *db, struct eval_edit *x)
{
	if (eval_question_answered(db, x->question_id))
		return eval_refuse(x, _("Câu hỏi này đã có người trả lời nên không xoá được. Hãy "
					"dùng “Ngừng dùng và thay thế” nếu cần sửa."));
	json_t *before = eval_edit_question_json(db, x->question_id);
	struct db_stmt *st = db_prepare(db, "DELETE FROM options WHERE question_id = $1");
	int rc = DB_ERROR;
	if (st) {
		db_bind_int(st, 1, x->question_id);
		rc = db_run(st);
	}
	if (rc == DB_OK && (st = db_prepare(db, "DELETE FROM questions WHERE id = $1"))) {
		db_bind_int(st, 1, x->question_id);
		rc = db_run(st);
	}
	if (rc != DB_OK) {
		json_decref(before);
		return DB_ERROR;
	}
	return eval_edit_audit_q(db, x, "question.delete", x->question_id, before, NULL);
}

/* Retires the question and adds a copy (with its options) at its place. */
static int eval_q_retire(struct db *db, struct eval_edit *x, const struct eval_qrow *r)
{
	struct arena a;
	struct eval e;
	int rc;

	arena_init(&a);
	rc = eval_load(db, &a, x->eval_id, &e);
	const struct eval_question *q = NULL;
	for (int i = 0; rc == DB_OK && i < e.nq; i++)
		if (e.q[i].id == x->question_id)
			q = &e.q[i];
	if (rc == DB_OK && q) {
		struct db_stmt *st = db_prepare(db, "UPDATE questions SET retired = 1 WHERE id = $1");
		rc = DB_ERROR;
		if (st) {
			db_bind_int(st, 1, x->question_id);
			rc = db_run(st);
		}
		if (rc == DB_OK)
			rc = eval_edit_insert_question(db, x->eval_id, r->position, q, true,
						       &x->new_id);
	} else if (rc == DB_OK) {
		rc = DB_NOTFOUND;
	}
	arena_release(&a);
	if (rc != DB_OK)
		return rc;
	return eval_edit_audit_q(db, x, "question.retire", x->question_id, NULL,
				 json_pack("{s:I}", "replaced_by", (json_int_t)x->new_id));
}

int eval_edit_question(struct db *db, struct eval_edit *x)
{
	struct eval_qrow r;
	int rc;

	if (x->op == EQ_Q_ADD)
		return eval_q_add(db, x);
	if ((rc = eval_q_row(db, x, &r)) != DB_OK)
		return rc;
	if (r.retired)
		return eval_refuse(x, _("Câu hỏi này đã ngừng dùng; hãy sửa bản thay thế của nó."));
	switch (x->op) {
	case EQ_Q_SAVE:
		return eval_q_save(db, x, &r);
	case EQ_Q_UP:
	case EQ_Q_DOWN:
		rc = eval_renumber(db, false, x->eval_id, x->question_id, x->op == EQ_Q_UP ? -1 : 1);
		return rc != DB_OK ? rc
				   : eval_edit_audit_q(db, x, x->op == EQ_Q_UP ? "question.up"
										: "question.down",
						       x->question_id, NULL, NULL);
	case EQ_Q_DELETE:
		return eval_q_delete(db, x);
	case EQ_RETIRE:
		return eval_q_retire(db, x, &r);
	default:
		return DB_ERROR;
	}
}

/* A single choice has one correct option: marking one unmarks the rest. */
static int eval_o_single(struct db *db, const struct eval_edit *x, int64_t keep)
{
	struct db_stmt *st = db_prepare(db, "UPDATE options SET correct = 0 WHERE question_id = "
					    "$1 AND id <> $2");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, x->question_id);
	db_bind_int(st, 2, keep);
	return db_run(st);
}

static int eval_o_write(struct db *db, struct eval_edit *x, const struct eval_qrow *r)
{
	struct db_stmt *st;
	int64_t pos[2];

	if (x->op == EQ_O_ADD) {
		if (eval_next_position(db, true, x->question_id, pos) != DB_OK)
			return DB_ERROR;
		if (pos[1] >= EVAL_MAX_OPTIONS)
			return eval_refuse(x, _("Một câu hỏi có tối đa 20 lựa chọn."));
		st = db_prepare(db, "INSERT INTO options (question_id, position, label, correct) "
				    "VALUES ($1, $2, $3, $4) RETURNING id");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, x->question_id);
		db_bind_int(st, 2, pos[0]);
		db_bind_text(st, 3, x->o.label);
		db_bind_int(st, 4, x->o.correct);
		if (db_one_int(st, &x->new_id) != DB_OK)
			return DB_ERROR;
		x->option_id = x->new_id;
	} else if (x->op == EQ_O_SAVE) {
		st = db_prepare(db, "UPDATE options SET label = $3, correct = $4 WHERE id = $1 AND "
				    "question_id = $2");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, x->option_id);
		db_bind_int(st, 2, x->question_id);
		db_bind_text(st, 3, x->o.label);
		db_bind_int(st, 4, x->o.correct);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	} else {
		st = db_prepare(db, "DELETE FROM options WHERE id = $1 AND question_id = $2");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, x->option_id);
		db_bind_int(st, 2, x->question_id);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	if (x->op != EQ_O_DELETE && r->kind == Q_SINGLE && x->o.correct)
		return eval_o_single(db, x, x->option_id);
	return DB_OK;
}

static bool eval_o_owned(struct db *db, const struct eval_edit *x)
{
	struct db_stmt *st =
		db_prepare(db, "SELECT 1 FROM options WHERE id = $1 AND question_id = $2");
	int64_t one;

	if (!st)
		return false;
	db_bind_int(st, 1, x->option_id);
	db_bind_int(st, 2, x->question_id);
	return db_one_int(st, &one) == DB_OK;
}

int eval_edit_option(struct db *db, struct eval_edit *x)
{
	struct eval_qrow r;
	int rc;

	if ((rc = eval_q_row(db, x, &r)) != DB_OK)
		return rc;
	if (x->op != EQ_O_ADD && !eval_o_owned(db, x))
		return DB_NOTFOUND;
	if (r.retired)
		return eval_refuse(x, _("Câu hỏi này đã ngừng dùng; hãy sửa bản thay thế của nó."));
	if (r.kind != Q_SINGLE && r.kind != Q_MULTIPLE)
		return eval_refuse(x, _("Câu hỏi loại này không có lựa chọn."));
	if (x->op == EQ_O_UP || x->op == EQ_O_DOWN) {
		/* Display order only: allowed even with answers. */
		rc = eval_renumber(db, true, x->question_id, x->option_id,
				   x->op == EQ_O_UP ? -1 : 1);
		return rc != DB_OK ? rc
				   : eval_edit_audit_q(db, x, "option.move", x->question_id, NULL,
						       NULL);
	}
	if (eval_question_answered(db, x->question_id))
		return eval_refuse(x, eval_locked_msg());
	json_t *before = eval_edit_question_json(db, x->question_id);
	if ((rc = eval_o_write(db, x, &r)) != DB_OK) {
		json_decref(before);
		return rc;
	}
	static const char *const actions[] = {"option.add", "option.update", "", "",
					      "option.delete"};
	return eval_edit_audit_q(db, x, actions[x->op - EQ_O_ADD], x->question_id, before,
				 eval_edit_question_json(db, x->question_id));
}
