/*
 * evaluation.h: end-of-session evaluations: loading one with its questions,
 * its window, grading, answers from JSON or form fields, and storing a
 * submission (idempotent by form id).  Pure rules plus SQL through db/.
 *
 * Points are kept in hundredths, so partial credit needs no floating point.
 */
#ifndef OCOP_EVALUATION_H
#define OCOP_EVALUATION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;

enum eval_kind { Q_SINGLE, Q_MULTIPLE, Q_RATING, Q_TEXT };
enum eval_window { EVAL_BEFORE, EVAL_OPEN, EVAL_CLOSED };

#define EVAL_TEXT_MAX 2000   /* characters, when a question sets no limit */
#define EVAL_MAX_QUESTIONS 200
#define EVAL_MAX_OPTIONS 20

struct eval_option {
	int64_t id;
	const char *label;
	bool correct;
};

struct eval_question {
	int64_t id;
	enum eval_kind kind;
	const char *prompt, *aspect;
	int points; /* whole points */
	bool partial, required;
	int max_len;
	struct eval_option *opts;
	int nopts;
	bool retired; /* set by eval_load_all only */
};

struct eval {
	int64_t id, series_id, session_id;
	const char *code, *title, *instructions;
	int64_t opens_at, closes_at;
	int pass_mark; /* percent */
	bool allow_change, show_answers, shuffle, presence;
	struct eval_question *q;
	int nq;
};

/* One answer per question, parallel to eval.q. */
struct eval_answer {
	int64_t *opts; /* chosen option ids (single: one) */
	int nopts;
	int rating; /* 1..5, 0: none */
	const char *text;
	bool given;
};

struct eval_grade {
	int64_t score, max; /* hundredths */
	bool passed;
};

const char *eval_kind_name(enum eval_kind k);
int eval_kind_parse(const char *s); /* -1 if unknown */

/* Loads evaluation `id` with its live (not retired) questions into arena
 * memory.  DB_OK, DB_NOTFOUND, DB_ERROR. */
int eval_load(struct db *db, struct arena *a, int64_t id, struct eval *out);
/* The evaluation with the short code a participant types (any case): its
 * id, series and title (in arena memory).  DB_OK, DB_NOTFOUND, DB_ERROR. */
int eval_find_code(struct db *db, struct arena *a, const char *code, int64_t *id,
		   int64_t *series_id, const char **title);
/* The same with retired questions too (results, which keep their answers),
 * each marked `retired`, in position order. */
int eval_load_all(struct db *db, struct arena *a, int64_t id, struct eval *out);
enum eval_window eval_window(const struct eval *e, int64_t now);

/* Fills ans (e->nq entries, arena) from {"<qid>": value}.  Returns NULL when
 * valid, else {"<qid>" or "answers": message} (caller owns). */
json_t *eval_answers_from_json(struct arena *a, const struct eval *e, json_t *answers,
			       struct eval_answer *ans);
/* The same from form fields named q<qid> (repeated for multiple choice). */
json_t *eval_answers_from_form(struct arena *a, const struct eval *e, const char *const *names,
			       const char *const *values, int n, struct eval_answer *ans);

/* Grades answers: single: all points when the option is correct; multiple:
 * all-or-nothing, or partial: points * max(0, right - wrong) / correct;
 * ratings and text carry no points.  A survey (no graded points) passes. */
void eval_grade(const struct eval *e, const struct eval_answer *ans, struct eval_grade *g);
/* Points of one question, hundredths. */
int64_t eval_question_points(const struct eval_question *q, const struct eval_answer *a);

/* The write (group commit).  in: e, ans, grade, registration_id, form_id,
 * now.  DB_OK: stored, or replayed (the same form id from the same person:
 * the stored result is returned).  DB_CONFLICT: already submitted and
 * changes not allowed, or the form id belongs to another submission. */
struct eval_submit {
	const struct eval *e;
	const struct eval_answer *ans;
	struct eval_grade grade;
	int64_t registration_id, now;
	const char *form_id;
	/* out */
	int64_t submission_id, submitted_at;
	bool replayed;
	const char *conflict; /* why, on DB_CONFLICT */
	void *done_arg;       /* the caller's, untouched */
};
/* Changes nothing unless it returns DB_OK or DB_ERROR (a DB_CONFLICT is
 * decided before any write), so it may run unguarded (req_write_unguarded). */
int eval_submit(struct db *db, void *arg);

/* A participant's stored result: DB_OK (g and *at filled), DB_NOTFOUND. */
int eval_result(struct db *db, int64_t eval_id, int64_t registration_id, struct eval_grade *g,
		int64_t *at);
/* Stored answers of a participant for e, into ans (arena).  DB_OK/NOTFOUND. */
int eval_stored_answers(struct db *db, struct arena *a, const struct eval *e,
			int64_t registration_id, struct eval_answer *ans);
/* The evaluations of a series: [{id, session_id, title, code, opens_at,
 * closes_at}] in time order. */
json_t *eval_list(struct db *db, int64_t series_id);
/* A new random form id (22 characters) into out (32 bytes). */
void eval_new_form_id(char *out);
bool eval_form_id_ok(const char *s);
/* Order in which participant reg sees question q's options (stable). */
void eval_option_order(const struct eval *e, const struct eval_question *q, int64_t reg,
		       int *order);

#endif
