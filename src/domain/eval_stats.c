/*
 * eval_stats.c: see eval_stats.h.  Two reads (submissions with their
 * participants, then answers), grouped in memory by sorted look-ups; the
 * statistics are one pass over the grouped answers.
 */
#include "domain/eval_stats.h"
#include "core/arena.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct eval_key {
	int64_t id;
	int idx;
};

static int eval_key_cmp(const void *a, const void *b)
{
	const struct eval_key *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int eval_key_find(const struct eval_key *keys, int n, int64_t id)
{
	struct eval_key k = {id, 0};
	const struct eval_key *f = bsearch(&k, keys, (size_t)n, sizeof(k), eval_key_cmp);
	return f ? f->idx : -1;
}

bool eval_answer_correct(const struct eval_question *q, const struct eval_answer *a)
{
	int right = 0, wrong = 0, correct = 0;

	if (q->kind != Q_SINGLE && q->kind != Q_MULTIPLE)
		return false;
	for (int k = 0; k < q->nopts; k++)
		correct += q->opts[k].correct;
	for (int i = 0; i < a->nopts; i++) {
		int hit = 0;
		for (int k = 0; k < q->nopts; k++)
			if (q->opts[k].id == a->opts[i])
				hit = q->opts[k].correct ? 1 : -1;
		if (hit > 0)
			right++;
		else
			wrong++;
	}
	return correct > 0 && right == correct && wrong == 0;
}

static int eval_stats_subs(struct db *db, struct arena *a, struct eval_stats *s)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT s.id, s.registration_id, s.submitted_at, s.score, s.max_score, "
		    "s.passed, r.full_name, r.email, r.phone, r.organization FROM submissions s "
		    "JOIN registrations r ON r.id = s.registration_id WHERE s.evaluation_id = $1 "
		    "ORDER BY s.submitted_at, s.id");
	int cap = 64, rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, s->e.id);
	s->subs = arena_alloc(a, sizeof(*s->subs) * (size_t)cap);
	while ((rc = db_step(st)) == DB_ROW) {
		if (s->nsubs == EVAL_STATS_MAX_SUBS) {
			s->truncated = true;
			break;
		}
		if (s->nsubs == cap) {
			struct eval_sub *more = arena_alloc(a, sizeof(*more) * (size_t)cap * 2);
			memcpy(more, s->subs, sizeof(*more) * (size_t)cap);
			s->subs = more;
			cap *= 2;
		}
		struct eval_sub *x = &s->subs[s->nsubs++];
		x->id = db_col_int(st, 0);
		x->reg_id = db_col_int(st, 1);
		x->at = db_col_int(st, 2);
		x->score = db_col_int(st, 3);
		x->max = db_col_int(st, 4);
		x->passed = db_col_int(st, 5);
		x->name = arena_strdup(a, db_col_text(st, 6));
		x->email = arena_strdup(a, db_col_text(st, 7));
		x->phone = arena_strdup(a, db_col_text(st, 8));
		x->org = arena_strdup(a, db_col_text(st, 9));
		x->ans = arena_alloc(a, sizeof(*x->ans) * (size_t)(s->e.nq + 1));
		s->passed += x->passed;
	}
	db_done(st);
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

static void eval_stats_add(struct arena *a, struct eval_answer *x, struct db_stmt *st)
{
	x->given = true;
	if (!db_col_is_null(st, 2) && x->nopts < EVAL_MAX_OPTIONS) {
		if (!x->opts)
			x->opts = arena_alloc(a, sizeof(int64_t) * EVAL_MAX_OPTIONS);
		x->opts[x->nopts++] = db_col_int(st, 2);
	}
	if (!db_col_is_null(st, 3))
		x->rating = (int)db_col_int(st, 3);
	if (!db_col_is_null(st, 4))
		x->text = arena_strdup(a, db_col_text(st, 4));
}

static int eval_stats_answers(struct db *db, struct arena *a, struct eval_stats *s)
{
	struct eval_key *sk = arena_alloc(a, sizeof(*sk) * (size_t)(s->nsubs + 1));
	struct eval_key *qk = arena_alloc(a, sizeof(*qk) * (size_t)(s->e.nq + 1));
	struct db_stmt *st = db_prepare(
		db, "SELECT a.submission_id, a.question_id, a.option_id, a.rating, a.text FROM "
		    "answers a JOIN submissions s ON s.id = a.submission_id WHERE "
		    "s.evaluation_id = $1");
	int rc;

	if (!st)
		return DB_ERROR;
	for (int i = 0; i < s->nsubs; i++)
		sk[i] = (struct eval_key){s->subs[i].id, i};
	for (int i = 0; i < s->e.nq; i++)
		qk[i] = (struct eval_key){s->e.q[i].id, i};
	qsort(sk, (size_t)s->nsubs, sizeof(*sk), eval_key_cmp);
	qsort(qk, (size_t)s->e.nq, sizeof(*qk), eval_key_cmp);
	db_bind_int(st, 1, s->e.id);
	while ((rc = db_step(st)) == DB_ROW) {
		int si = eval_key_find(sk, s->nsubs, db_col_int(st, 0));
		int qi = eval_key_find(qk, s->e.nq, db_col_int(st, 1));
		if (si >= 0 && qi >= 0)
			eval_stats_add(a, &s->subs[si].ans[qi], st);
	}
	db_done(st);
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

static void eval_stats_count(struct arena *a, struct eval_stats *s)
{
	s->qs = arena_alloc(a, sizeof(*s->qs) * (size_t)(s->e.nq + 1));
	for (int i = 0; i < s->e.nq; i++) {
		const struct eval_question *q = &s->e.q[i];
		struct eval_qstat *t = &s->qs[i];
		t->chosen = arena_alloc(a, sizeof(int) * (size_t)(q->nopts + 1));
		for (int j = 0; j < s->nsubs; j++) {
			const struct eval_answer *x = &s->subs[j].ans[i];
			if (!x->given)
				continue;
			t->answered++;
			t->correct += eval_answer_correct(q, x);
			t->points += eval_question_points(q, x);
			for (int o = 0; o < x->nopts; o++)
				for (int k = 0; k < q->nopts; k++)
					t->chosen[k] += q->opts[k].id == x->opts[o];
			if (x->rating >= 1 && x->rating <= 5) {
				t->ratings[x->rating]++;
				t->rating_sum += x->rating;
			}
		}
	}
}

int eval_stats_load(struct db *db, struct arena *a, int64_t eval_id, struct eval_stats *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = eval_load_all(db, a, eval_id, &out->e)) != DB_OK)
		return rc;
	if (eval_stats_subs(db, a, out) != DB_OK || eval_stats_answers(db, a, out) != DB_OK)
		return DB_ERROR;
	eval_stats_count(a, out);
	return DB_OK;
}

const struct eval_sub *eval_stats_find(const struct eval_stats *s, int64_t reg_id)
{
	for (int i = 0; i < s->nsubs; i++)
		if (s->subs[i].reg_id == reg_id)
			return &s->subs[i];
	return NULL;
}

int eval_stats_timeline(const struct eval_stats *s, int max, int64_t *start, int64_t *width,
			int *counts)
{
	static const int64_t widths[] = {60, 300, 900, 3600, 6 * 3600, 24 * 3600};
	int n = 0;

	if (s->nsubs == 0 || max <= 0)
		return 0;
	int64_t first = s->subs[0].at, last = s->subs[s->nsubs - 1].at;
	for (size_t i = 0; i < sizeof(widths) / sizeof(widths[0]); i++) {
		*width = widths[i];
		/* Align to the width in Vietnam's time (UTC+7). */
		*start = (first + 7 * 3600) / *width * *width - 7 * 3600;
		n = (int)((last - *start) / *width) + 1;
		if (n <= max)
			break;
	}
	if (n > max) { /* longer than `max` days: widen the last step */
		*width = ((last - *start) / max + 1 + 24 * 3600 - 1) / (24 * 3600) * 24 * 3600;
		n = (int)((last - *start) / *width) + 1;
	}
	/* A few buckets only (everyone at once): show the time before them
	 * too, back to the opening, so a rush reads as a rush. */
	int want = max < 12 ? max : 12;
	while (n < want && *start > s->e.opens_at) {
		*start -= *width;
		n++;
	}
	memset(counts, 0, sizeof(int) * (size_t)max);
	for (int i = 0; i < s->nsubs; i++) {
		int64_t b = (s->subs[i].at - *start) / *width;
		if (b >= 0 && b < n)
			counts[b]++;
	}
	return n;
}

json_t *eval_stats_list(struct db *db, int64_t series_id)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(
		db, "SELECT e.id, COALESCE(e.session_id, 0), e.title, e.code, e.opens_at, "
		    "e.closes_at, COUNT(s.id), COALESCE(SUM(s.passed), 0) FROM evaluations e "
		    "LEFT JOIN submissions s ON s.evaluation_id = e.id WHERE e.series_id = $1 "
		    "GROUP BY e.id, e.session_id, e.title, e.code, e.opens_at, e.closes_at "
		    "ORDER BY e.opens_at, e.id");

	if (!st)
		return list;
	db_bind_int(st, 1, series_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			list, json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, s:I, s:I}", "id",
					(json_int_t)db_col_int(st, 0), "session_id",
					(json_int_t)db_col_int(st, 1), "title", db_col_text(st, 2),
					"code", db_col_text(st, 3), "opens_at",
					(json_int_t)db_col_int(st, 4), "closes_at",
					(json_int_t)db_col_int(st, 5), "submissions",
					(json_int_t)db_col_int(st, 6), "passed",
					(json_int_t)db_col_int(st, 7)));
	db_done(st);
	return list;
}

json_t *eval_stats_answer_counts(struct db *db, int64_t eval_id)
{
	json_t *out = json_object();
	struct db_stmt *st = db_prepare(
		db, "SELECT a.question_id, COUNT(DISTINCT a.submission_id) FROM answers a JOIN "
		    "questions q ON q.id = a.question_id WHERE q.evaluation_id = $1 GROUP BY "
		    "a.question_id");
	char key[24];

	if (!st)
		return out;
	db_bind_int(st, 1, eval_id);
	while (db_step(st) == DB_ROW) {
		snprintf(key, sizeof(key), "%lld", (long long)db_col_int(st, 0));
		json_object_set_new(out, key, json_integer(db_col_int(st, 1)));
	}
	db_done(st);
	return out;
}
