/*
 * eval_stats.h: the results of an evaluation, computed on demand from the
 * stored submissions and answers (no counters are kept that could drift).
 * One load reads every submission with its participant and every answer;
 * the console's results page, its exports and the per-participant page
 * all derive from it.
 *
 * "Correct" for a choice question means the chosen options are exactly
 * the correct ones (what all-or-nothing grading gives full points for).
 * Scores are those stored with each submission, so a retired question
 * keeps counting for the submissions graded with it.
 */
#ifndef OCOP_EVAL_STATS_H
#define OCOP_EVAL_STATS_H

#include "domain/evaluation.h"

#define EVAL_STATS_MAX_SUBS 20000

struct eval_qstat {
	int answered;   /* submissions with an answer to the question */
	int correct;    /* choice: exactly the correct options */
	int64_t points; /* graded: hundredths given, summed */
	int *chosen;    /* choice: times each option (q->opts[k]) was chosen */
	int ratings[6]; /* rating: [1..5] */
	int64_t rating_sum;
};

struct eval_sub {
	int64_t id, reg_id, at;
	int64_t score, max; /* hundredths, as stored */
	bool passed;
	const char *name, *email, *phone, *org;
	struct eval_answer *ans; /* parallel to stats.e.q */
};

struct eval_stats {
	struct eval e;          /* every question, retired ones included */
	struct eval_qstat *qs;  /* parallel to e.q */
	struct eval_sub *subs;  /* in submission time order */
	int nsubs, passed;
	bool truncated;         /* more than EVAL_STATS_MAX_SUBS submissions */
};

/* Loads and computes, everything in arena a.  DB_OK, DB_NOTFOUND,
 * DB_ERROR. */
int eval_stats_load(struct db *db, struct arena *a, int64_t eval_id, struct eval_stats *out);

/* Whether answer a gives exactly q's correct options (choice questions
 * with at least one correct option). */
bool eval_answer_correct(const struct eval_question *q, const struct eval_answer *a);

/* The submission of a registration, or NULL. */
const struct eval_sub *eval_stats_find(const struct eval_stats *s, int64_t reg_id);

/* Buckets for a "submissions over time" chart: a width out of 1, 5, 15,
 * 60 minutes, 6 hours, a day, so that there are at most `max` buckets
 * from the first to the last submission.  Fills *start (aligned), *width
 * (seconds) and returns the number of buckets; counts (max entries)
 * receives the submissions per bucket.  0 when there is none. */
int eval_stats_timeline(const struct eval_stats *s, int max, int64_t *start, int64_t *width,
			int *counts);

/* The evaluations of a series for the console's list, in time order:
 * [{id, session_id, title, code, opens_at, closes_at, submissions,
 * passed}] (caller owns; empty on error). */
json_t *eval_stats_list(struct db *db, int64_t series_id);
/* {"<question id>": submissions that answered it} for an evaluation's
 * questions (caller owns). */
json_t *eval_stats_answer_counts(struct db *db, int64_t eval_id);

#endif
