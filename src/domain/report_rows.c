/*
 * report_rows.c: the cube's per-session, per-evaluation and mail counts
 * (see report_int.h).  Attendance is never decided here: every record
 * comes from att_session_records() and is judged by att_attended(), the
 * same pair the attendance pages and the certificate rules use.  Each
 * other query reads one table by an index and leaves the bucketing to
 * rc_bucket(), so no query joins registrations.
 */
#include "domain/attendance.h"
#include "domain/report_int.h"
#include "core/arena.h"
#include "db/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rc_att {
	struct report_cube *c;
	struct rc_session *s;
	struct att_session as;
	struct att_rule rule;
	uint8_t *attended; /* sessions attended, parallel to c->regs */
};

static void rc_att_one(const struct att_record *rec, void *arg)
{
	struct rc_att *x = arg;
	size_t i;
	int b = rc_bucket(x->c, rec->registration_id, &i);

	if (b < 0 || !x->c->regs.active[i])
		return;
	unsigned src = att_attended(&x->as, &x->rule, rec);
	x->s->att[src & (RC_SRC - 1)][b]++;
	if (src && x->attended[i] < UINT8_MAX)
		x->attended[i]++;
}

/* The speakers of a session's topics, each listed once with its sessions. */
static void rc_speakers_add(struct report_cube *c, json_t *topics, int64_t session_id)
{
	size_t i;
	json_t *t;

	json_array_foreach(topics, i, t)
	{
		const char *name = json_string_value(json_object_get(t, "speaker"));
		const char *org = json_string_value(json_object_get(t, "speaker_org"));
		int k;
		if (!name || !*name)
			continue;
		for (k = 0; k < c->nspeakers; k++)
			if (strcmp(c->speakers[k].name, name) == 0)
				break;
		if (k == c->nspeakers) {
			c->speakers = xrealloc(c->speakers, (size_t)(k + 1) * sizeof(*c->speakers));
			c->speakers[k] = (struct rc_speaker){.name = name, .org = org ? org : ""};
			c->nspeakers++;
		}
		struct rc_speaker *sp = &c->speakers[k];
		if (sp->nsessions && sp->sessions[sp->nsessions - 1] == session_id)
			continue;
		if (sp->nsessions < RC_SPEAKER_SESSIONS)
			sp->sessions[sp->nsessions++] = session_id;
	}
}

void rc_init_sessions(struct report_cube *c)
{
	json_t *list = json_object_get(c->series, "sessions"), *x;
	size_t i;

	c->nsess = (int)json_array_size(list);
	c->sess = xcalloc((size_t)c->nsess + 1, sizeof(*c->sess));
	json_array_foreach(list, i, x)
	{
		struct rc_session *s = &c->sess[i];
		s->id = json_integer_value(json_object_get(x, "id"));
		s->number = (int)i + 1;
		s->starts_at = json_integer_value(json_object_get(x, "starts_at"));
		s->title = json_string_value(json_object_get(x, "title"));
		rc_speakers_add(c, json_object_get(x, "topics"), s->id);
	}
}

int rc_load_attendance(struct db *db, struct report_cube *c, int from, int to, uint8_t *attended)
{
	for (int i = from; i < to && i < c->nsess; i++) {
		struct rc_att a = {.c = c, .s = &c->sess[i], .attended = attended};
		if (att_session_load(db, a.s->id, &a.as) != DB_OK ||
		    att_rule_load(db, a.s->id, &a.rule) != DB_OK ||
		    att_session_records(db, a.s->id, rc_att_one, &a) != DB_OK)
			return DB_ERROR;
	}
	return DB_OK;
}

static int rc_aspect(const char *a)
{
	for (int i = 0; i < 4; i++)
		if (strcmp(report_aspects[i], a) == 0)
			return i;
	return -1;
}

/* A submission's bucket, for its answers: sorted by id. */
struct rc_sub {
	int64_t id;
	int bucket;
};

static int rc_sub_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct rc_sub *)a)->id, y = ((const struct rc_sub *)b)->id;
	return x < y ? -1 : x > y;
}

/* Submissions of active participants: count, passes, score and maximum;
 * subs receives (id, bucket) of each, sorted by id (caller frees). */
static int rc_submissions(struct db *db, struct report_cube *c, struct rc_eval *e,
                          struct rc_sub **subs, size_t *nsubs)
{
	struct db_stmt *st = db_prepare(db, "SELECT registration_id, passed, score, max_score, "
	                                    "id FROM submissions WHERE evaluation_id = $1");
	size_t n = 0, cap = 0;
	int rc;

	*subs = NULL;
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, e->id);
	while ((rc = db_step(st)) == DB_ROW) {
		size_t i;
		int b = rc_bucket(c, db_col_int(st, 0), &i);
		if (b < 0 || !c->regs.active[i])
			continue;
		e->subs[b]++;
		e->passed[b] += db_col_int(st, 1) != 0;
		e->score[b] += db_col_int(st, 2);
		e->max[b] += db_col_int(st, 3);
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			*subs = xrealloc(*subs, cap * sizeof(**subs));
		}
		(*subs)[n++] = (struct rc_sub){db_col_int(st, 4), b};
	}
	db_done(st);
	if (n)
		qsort(*subs, n, sizeof(**subs), rc_sub_cmp);
	*nsubs = n;
	return rc == DB_DONE ? DB_OK : DB_ERROR;
}

/* Ratings (1..5) by aspect, retired questions included: their answers
 * were given.  Read from the answers_rating index alone; the submission
 * says whose they are (only active participants' were kept in subs). */
static int rc_ratings(struct db *db, struct rc_eval *e, const struct rc_sub *subs, size_t n)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT a.submission_id, q.aspect, a.rating FROM questions q "
	                   "JOIN answers a ON a.question_id = q.id "
	                   "WHERE q.evaluation_id = $1 AND q.kind = 'rating' AND q.aspect <> '' "
	                   "AND a.rating IS NOT NULL AND a.rating BETWEEN 1 AND 5");
	int rc, last = -1;
	char last_aspect[32] = "";

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, e->id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct rc_sub key = {db_col_int(st, 0), 0};
		const struct rc_sub *s =
		    n ? bsearch(&key, subs, n, sizeof(*subs), rc_sub_cmp) : NULL;
		const char *aspect = db_col_text(st, 1);
		if (strcmp(aspect, last_aspect) != 0) {
			last = rc_aspect(aspect);
			snprintf(last_aspect, sizeof(last_aspect), "%s", aspect);
		}
		if (!s || last < 0)
			continue;
		e->rsum[last][s->bucket] += db_col_int(st, 2);
		e->rcnt[last][s->bucket]++;
	}
	db_done(st);
	return rc == DB_DONE ? DB_OK : DB_ERROR;
}

int rc_load_evaluations(struct db *db, struct report_cube *c)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT id, COALESCE(session_id, 0), title FROM "
	                   "evaluations WHERE series_id = $1 ORDER BY opens_at, id");
	int rc, n = 0, cap = 0;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, c->series_id);
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			c->evals = xrealloc(c->evals, (size_t)cap * sizeof(*c->evals));
		}
		memset(&c->evals[n], 0, sizeof(c->evals[n]));
		c->evals[n].id = db_col_int(st, 0);
		c->evals[n].session_id = db_col_int(st, 1);
		snprintf(c->evals[n].title, sizeof(c->evals[n].title), "%s", db_col_text(st, 2));
		n++;
	}
	db_done(st);
	c->nevals = n;
	if (rc != DB_DONE)
		return DB_ERROR;
	for (int i = 0; i < n; i++) {
		struct rc_sub *subs;
		size_t nsubs = 0;
		rc = rc_submissions(db, c, &c->evals[i], &subs, &nsubs);
		if (rc == DB_OK)
			rc = rc_ratings(db, &c->evals[i], subs, nsubs);
		free(subs);
		if (rc != DB_OK)
			return DB_ERROR;
	}
	return DB_OK;
}

/* Mail by state, as outbox_progress() counts it (queued with attempts
 * behind it is "retrying"); messages are bucketed by their recipient. */
int rc_load_mail(struct db *db, struct report_cube *c)
{
	static const char *const states[] = {"queued", "sending", "sent", "failed", "cancelled"};
	/* The messages of the series' registrations, then those of its
	 * mailings that name no registration of the series: what
	 * outbox_progress() selects with an OR, as two index searches. */
	struct db_stmt *st = db_prepare(
	    db, "SELECT o.registration_id, o.state, o.attempts > 0 AND o.state = 'queued', "
	        "COUNT(*) FROM registrations r JOIN outbox o ON o.registration_id = r.id "
	        "WHERE r.series_id = $1 GROUP BY o.registration_id, o.state, 3 "
	        "UNION ALL SELECT 0, o.state, o.attempts > 0 AND o.state = 'queued', COUNT(*) "
	        "FROM mailings m JOIN outbox o ON o.mailing_id = m.id WHERE m.series_id = $1 "
	        "AND NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = o.registration_id "
	        "AND r.series_id = $1) GROUP BY o.state, 3");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, c->series_id);
	while ((rc = db_step(st)) == DB_ROW) {
		int b = rc_bucket(c, db_col_int(st, 0), NULL), k = -1;
		const char *state = db_col_text(st, 1);
		for (int j = 0; j < 5; j++)
			if (strcmp(states[j], state) == 0)
				k = j;
		if (db_col_int(st, 2))
			k = RC_RETRYING;
		if (k < 0)
			continue;
		c->mail[k][b < 0 ? RC_B - 1 : b] += db_col_int(st, 3);
	}
	db_done(st);
	return rc == DB_DONE ? DB_OK : DB_ERROR;
}
