/*
 * eval_edit.h: the console's writes to evaluations, their questions and
 * options, as one group-commit job (eval_edit_run) with an operation code,
 * so that every write shares three rules:
 *   - the target is checked to belong to the series (and evaluation,
 *     question) named by the URL, inside the transaction: DB_NOTFOUND;
 *   - evaluations.updated_at is bumped in the same transaction (the
 *     participant side's cache compares it; it strictly increases, even
 *     for two edits within one second);
 *   - an audit_log row is written in the same transaction.
 *
 * Versioning: a question that has answers keeps its kind, points,
 * partial flag, length limit, aspect, options and correct flags, and
 * cannot be deleted (DB_CONFLICT with `refused` set).  Only its prompt may
 * be corrected (a typo), and its options reordered (display only).  To
 * change more, EQ_RETIRE marks it retired (hidden from participants, its
 * answers and the stored scores untouched) and adds an editable copy at
 * its place.
 *
 * Import and validation of whole definitions live in eval_json.c; this
 * file stores what it is given.
 */
#ifndef OCOP_EVAL_EDIT_H
#define OCOP_EVAL_EDIT_H

#include "domain/evaluation.h"

struct account;

enum eval_op {
	EQ_CREATE,   /* def (settings and questions) -> new_id; series_id */
	EQ_SETTINGS, /* def's settings onto eval_id */
	EQ_Q_ADD,    /* q onto eval_id -> new_id */
	EQ_Q_SAVE,   /* q's fields onto question_id */
	EQ_Q_UP,
	EQ_Q_DOWN,
	EQ_Q_DELETE,
	EQ_RETIRE,   /* question_id retired, a copy -> new_id */
	EQ_O_ADD,    /* o onto question_id -> new_id */
	EQ_O_SAVE,   /* o's label and correct flag onto option_id */
	EQ_O_UP,
	EQ_O_DOWN,
	EQ_O_DELETE,
};

struct eval_edit {
	enum eval_op op;
	const struct account *who; /* for the audit log */
	int64_t now;
	int64_t series_id, eval_id, question_id, option_id;
	const struct eval *def;  /* EQ_CREATE, EQ_SETTINGS (borrowed) */
	const char *source;      /* EQ_CREATE: "new", "import", "duplicate" (audit) */
	struct eval_question q;  /* EQ_Q_ADD, EQ_Q_SAVE (opts unused) */
	struct eval_option o;    /* EQ_O_ADD, EQ_O_SAVE */
	/* out */
	int64_t new_id;
	const char *refused; /* DB_CONFLICT: why, translated */
	void *done_arg;      /* the caller's, untouched */
};

/* The job (see writer.h): DB_OK, DB_NOTFOUND (not in this series or
 * evaluation), DB_CONFLICT (refused, see above), DB_ERROR. */
int eval_edit_run(struct db *db, void *arg);

/* Whether question qid has stored answers (read side, for the page). */
bool eval_question_answered(struct db *db, int64_t qid);

/* Internals shared by eval_edit.c and eval_edit_q.c. */
int eval_edit_question(struct db *db, struct eval_edit *x);
int eval_edit_option(struct db *db, struct eval_edit *x);
int eval_edit_insert_question(struct db *db, int64_t eval_id, int position,
			      const struct eval_question *q, bool with_options, int64_t *id);
/* The question's fields and options, for the audit log (caller owns). */
json_t *eval_edit_question_json(struct db *db, int64_t qid);
/* Writes an audit row about question qid; before/after are stolen. */
int eval_edit_audit_q(struct db *db, const struct eval_edit *x, const char *action, int64_t qid,
		      json_t *before, json_t *after);

#endif
