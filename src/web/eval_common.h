/*
 * eval_common.h: what the evaluation pages and the evaluation API share:
 * finding the participant and the evaluation (same series, or 404), and
 * turning grades into display values.
 */
#ifndef OCOP_EVAL_COMMON_H
#define OCOP_EVAL_COMMON_H

#include "domain/evaluation.h"

#include <jansson.h>

struct req;

struct eval_page {
	int64_t reg_id, series_id;
	const struct eval *ev; /* shared, read-only (eval_cache) */
	struct eval e;         /* a copy of *ev's header, same questions */
};

/* Loads r->params[0] (token) and, when id_param >= 0, the evaluation of
 * r->params[id_param].  Returns 0, or -1 with the 404 answered. */
int eval_page_load(struct req *r, struct eval_page *p, int id_param);
/* "3,5" from 350 hundredths. */
const char *eval_points_text(struct req *r, int64_t hundredths);
/* {score, max_score, passed, score_text, max_text, submitted_at}. */
json_t *eval_grade_json(struct req *r, const struct eval_grade *g, int64_t at);
/* "upcoming", "open" or "closed". */
const char *eval_status_name(enum eval_window w);
/* The participant's evaluations in the series with status and results. */
json_t *eval_overview(struct req *r, int64_t series_id, int64_t reg_id);

#endif
