/*
 * cert_people.c: every active participant of a series with the facts the
 * certificate rules look at, and the verdict (see certificate.h).
 *
 * A handful of queries for the whole series, not one per person: the
 * evaluations, all submissions, each session's attendance records (judged
 * by att_attended(), the one definition of attended), the hand decisions
 * and the certificates already issued.  Participants are kept sorted by
 * registration id while counting (bsearch), then put in official order.
 */
#include "domain/certificate.h"
#include "core/arena.h"
#include "core/vnsort.h"
#include "db/db.h"
#include "domain/attendance.h"

#include <stdlib.h>
#include <string.h>

struct people {
	struct cert_person *v;
	size_t n;
	const struct cert_rule *rule;
	const struct att_session *session;
	const struct att_rule *att_rule;
};

static int by_id(const void *a, const void *b)
{
	int64_t x = ((const struct cert_person *)a)->registration_id;
	int64_t y = ((const struct cert_person *)b)->registration_id;

	return x < y ? -1 : x > y;
}

static int by_name(const void *a, const void *b)
{
	const struct cert_person *x = a, *y = b;
	int c = strcmp(x->sort_key, y->sort_key);

	return c ? c : by_id(a, b);
}

static struct cert_person *find(struct people *p, int64_t reg)
{
	struct cert_person key = {.registration_id = reg};

	return bsearch(&key, p->v, p->n, sizeof(*p->v), by_id);
}

static int load_people(struct db *db, struct arena *a, int64_t series_id, struct people *p)
{
	int64_t count = 0;
	struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM registrations WHERE series_id = "
	                                    "$1 AND status = 'active'");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	if (db_one_int(st, &count) != DB_OK)
		return DB_ERROR;
	p->v = arena_alloc(a, sizeof(*p->v) * ((size_t)count + 1));
	st = db_prepare(db, "SELECT id, full_name, email FROM registrations WHERE series_id = $1 "
	                    "AND status = 'active' ORDER BY id");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	int rc;
	while ((rc = db_step(st)) == DB_ROW && p->n < (size_t)count) {
		struct cert_person *x = &p->v[p->n++];
		x->registration_id = db_col_int(st, 0);
		x->full_name = arena_strdup(a, db_col_text(st, 1));
		x->email = arena_strdup(a, db_col_text(st, 2));
		x->sort_key = vnsort_name_key(a, x->full_name);
	}
	db_done(st);
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

static int count_evaluations(struct db *db, int64_t series_id, struct people *p)
{
	int evals = 0, finals = 0, rc;
	struct db_stmt *st = db_prepare(db, "SELECT CASE WHEN session_id IS NULL THEN 1 ELSE 0 END "
	                                    "FROM evaluations WHERE series_id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	while ((rc = db_step(st)) == DB_ROW)
		*(db_col_int(st, 0) ? &finals : &evals) += 1;
	db_done(st);
	for (size_t i = 0; i < p->n; i++) {
		p->v[i].facts.evals_total = evals;
		p->v[i].facts.finals_total = finals;
	}
	if (rc != DB_DONE)
		return DB_ERROR;

	st = db_prepare(db, "SELECT s.registration_id, CASE WHEN e.session_id IS NULL THEN 1 ELSE "
	                    "0 END, s.passed, s.score, s.max_score FROM submissions s JOIN "
	                    "evaluations e ON e.id = s.evaluation_id WHERE e.series_id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	const struct cert_rule *r = p->rule;
	while ((rc = db_step(st)) == DB_ROW) {
		struct cert_person *x = find(p, db_col_int(st, 0));
		if (!x)
			continue;
		bool final = db_col_int(st, 1) != 0, passed = db_col_int(st, 2) != 0;
		int64_t score = db_col_int(st, 3), max = db_col_int(st, 4);
		if (final) {
			x->facts.finals_submitted++;
			x->facts.finals_ok += cert_submission_counts(
			    r->final_need == CERT_FINAL_PASSED, r->final_mark, passed, score, max);
		} else {
			x->facts.evals_submitted++;
			x->facts.evals_ok += cert_submission_counts(r->evals_pass, r->evals_mark,
			                                            passed, score, max);
		}
	}
	db_done(st);
	return rc == DB_DONE ? DB_OK : DB_ERROR;
}

static void count_record(const struct att_record *rec, void *arg)
{
	struct people *p = arg;
	struct cert_person *x = find(p, rec->registration_id);

	if (x && att_attended(p->session, p->att_rule, rec))
		x->facts.sessions_attended++;
}

static int count_sessions(struct db *db, int64_t series_id, struct people *p)
{
	int64_t ids[256];
	int n = 0, rc;
	struct db_stmt *st = db_prepare(db, "SELECT id FROM sessions WHERE series_id = $1 ORDER "
	                                    "BY position");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	while ((rc = db_step(st)) == DB_ROW && n < 256)
		ids[n++] = db_col_int(st, 0);
	db_done(st);
	if (rc == DB_ERROR)
		return DB_ERROR;
	for (size_t i = 0; i < p->n; i++)
		p->v[i].facts.sessions_total = n;
	for (int i = 0; i < n; i++) {
		struct att_session s;
		struct att_rule rule;
		if (att_session_load(db, ids[i], &s) != DB_OK ||
		    att_rule_load(db, ids[i], &rule) != DB_OK)
			return DB_ERROR;
		p->session = &s;
		p->att_rule = &rule;
		rc = att_session_records(db, ids[i], count_record, p);
		p->session = NULL;
		p->att_rule = NULL;
		if (rc != DB_OK)
			return DB_ERROR;
	}
	return DB_OK;
}

static int load_decisions(struct db *db, struct arena *a, int64_t series_id, struct people *p)
{
	int rc;
	struct db_stmt *st = db_prepare(db, "SELECT registration_id, decision, reason FROM "
	                                    "certificate_overrides WHERE series_id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct cert_person *x = find(p, db_col_int(st, 0));
		if (!x)
			continue;
		x->facts.override =
		    strcmp(db_col_text(st, 1), "grant") == 0 ? CERT_OV_GRANT : CERT_OV_REFUSE;
		x->facts.override_reason = arena_strdup(a, db_col_text(st, 2));
	}
	db_done(st);
	if (rc != DB_DONE)
		return DB_ERROR;
	st = db_prepare(db, "SELECT registration_id, id, serial, status FROM certificates WHERE "
	                    "series_id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct cert_person *x = find(p, db_col_int(st, 0));
		if (!x)
			continue;
		x->cert_id = db_col_int(st, 1);
		x->serial = arena_strdup(a, db_col_text(st, 2));
		x->status = arena_strdup(a, db_col_text(st, 3));
	}
	db_done(st);
	return rc == DB_DONE ? DB_OK : DB_ERROR;
}

int cert_people_load(struct db *db, struct arena *a, int64_t series_id,
                     const struct cert_rule *rule, struct cert_person **out, size_t *n)
{
	struct people p = {.rule = rule};

	*out = NULL;
	*n = 0;
	if (load_people(db, a, series_id, &p) != DB_OK ||
	    count_evaluations(db, series_id, &p) != DB_OK ||
	    count_sessions(db, series_id, &p) != DB_OK ||
	    load_decisions(db, a, series_id, &p) != DB_OK)
		return DB_ERROR;
	for (size_t i = 0; i < p.n; i++)
		p.v[i].qualifies =
		    cert_qualifies(rule, &p.v[i].facts, p.v[i].why, sizeof(p.v[i].why));
	qsort(p.v, p.n, sizeof(*p.v), by_name);
	*out = p.v;
	*n = p.n;
	return DB_OK;
}
