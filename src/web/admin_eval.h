/*
 * admin_eval.h: what the console's evaluation pages share (admin_eval.c):
 * loading the series and the evaluation named by the URL with the access
 * check, the page context, the session choices and windows, reading the
 * settings and question forms, and answering a finished edit job.
 *
 * URLs: /admin/series/{slug}/evaluations[/{id}[/questions/{qid}[/options/{oid}]]]
 * (r->params[0..3]).
 */
#ifndef OCOP_ADMIN_EVAL_H
#define OCOP_ADMIN_EVAL_H

#include "domain/eval_edit.h"
#include "domain/evaluation.h"
#include "domain/series.h"

#include <jansson.h>
#include <stdbool.h>

struct req;

struct admin_eval {
	struct series s;
	json_t *series; /* series_load(); owned by the request arena */
	struct eval e;  /* live questions; when loaded */
	const char *base; /* /admin/series/{slug}/evaluations */
	const char *url;  /* base/{id}, when loaded */
};

/* params[0]'s series with the access check (edit: may change it), and
 * with_eval: params[1]'s evaluation of that series.  Returns 0, or -1
 * with the 404/403 answered. */
int admin_eval_load(struct req *r, struct admin_eval *x, bool edit, bool with_eval);
/* A positive id from a path parameter or field, 0 if not one. */
int64_t admin_eval_id(const char *s);
/* admin_ctx() plus series, base, and (when loaded) the evaluation's
 * summary "ev": {id, title, code, url, session_text, window_text, status}. */
json_t *admin_eval_ctx(struct req *r, const struct admin_eval *x, bool with_eval);

/* "Buổi 2 · 30/09/2021 · title" or "Cả chuỗi (bài kiểm tra cuối khoá)". */
const char *admin_eval_session_text(struct req *r, json_t *series, int64_t session_id);
/* [{id, text, selected}] with the whole series first. */
json_t *admin_eval_session_choices(struct req *r, json_t *series, int64_t selected);
/* The default window: a session's start to a day after its end; the whole
 * series: its last session's start to a week after the series ends.
 * Returns 0, or -1 if session_id is not the series'. */
int admin_eval_default_window(json_t *series, int64_t session_id, int64_t *opens,
			      int64_t *closes);
/* "08:00 28/09/2021 – 08:00 29/09/2021". */
const char *admin_eval_window_text(struct req *r, int64_t opens, int64_t closes);

/* The settings form into out (strings in the request arena).  With
 * window_optional, empty dates take the default window.  Returns NULL,
 * or {field: message} (caller owns). */
json_t *admin_eval_settings_form(struct req *r, const struct admin_eval *x, struct eval *out,
				 bool window_optional);
/* The settings as form values (for re-display): title, instructions,
 * opens_date, opens_time, closes_date, closes_time, pass_mark, flags. */
json_t *admin_eval_settings_values(struct req *r, const struct eval *e);
/* The question form (kind, prompt, points, partial, max_len, aspect,
 * required) into q; an absent checkbox is false.  Returns NULL or
 * {field: msg} (caller owns). */
json_t *admin_eval_question_form(struct req *r, struct eval_question *q);
/* The kind choices [{value, text, selected}] and aspect choices. */
json_t *admin_eval_kind_choices(enum eval_kind selected);
json_t *admin_eval_aspect_choices(const char *selected);
const char *admin_eval_kind_text(enum eval_kind k);

/* The list page, with the import's errors (stolen, may be NULL). */
void admin_evals_page(struct req *r, const struct admin_eval *x, unsigned status,
		      json_t *import_errors);
/* Sets ctx "notice" from ?done= after a redirect (admin_evals.c). */
void admin_eval_notice(struct req *r, json_t *ctx);
/* Adds the questions list, the retired ones, and the add and duplicate
 * forms' choices to an evaluation page's ctx (admin_eval_questions.c). */
void admin_eval_questions_ctx(struct req *r, const struct admin_eval *x, json_t *ctx);

struct eval_stats;
struct sheet;
/* The results as sheets (admin_eval_tables.c), in this order: */
enum { SHEET_SUBMISSIONS, SHEET_QUESTIONS, SHEET_OPTIONS, SHEET_RATINGS, ADMIN_EVAL_SHEETS };
void admin_eval_sheets(struct req *r, const struct eval_stats *s, struct sheet *out);
/* A stored answer as text: chosen labels joined by "; ", a rating, the
 * text; "" when not answered. */
const char *admin_eval_answer_text(struct req *r, const struct eval_question *q,
				   const struct eval_answer *a);
/* Percent with one decimal, as a number (0 when d is 0). */
double admin_eval_pct(int64_t n, int64_t d);

/* A new edit job of op for the request (who, now, series, ids from the
 * path). */
struct eval_edit *admin_eval_job(struct req *r, const struct admin_eval *x, enum eval_op op);
/* After an edit job: DB_OK redirects (303) to `next`; DB_NOTFOUND 404;
 * DB_CONFLICT 409 with the job's reason; else 503.  Returns true on OK. */
bool admin_eval_answer(struct req *r, const char *next);

#endif
