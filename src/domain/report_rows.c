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
#include <string.h>

struct rc_att {
	struct report_cube *c;
	struct rc_session *s;
	struct att_session as;
	struct att_rule rule;
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
	if (src && x->c->regs.attended[i] < UINT8_MAX)
		x->c->regs.attended[i]++;
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

int rc_load_sessions(struct db *db, struct report_cube *c)
{
	json_t *list = json_object_get(c->series, "sessions"), *x;
	size_t i;

	c->nsess = (int)json_array_size(list);
	c->sess = xcalloc((size_t)c->nsess + 1, sizeof(*c->sess));
	json_array_foreach(list, i, x)
	{
		struct rc_session *s = &c->sess[i];
		struct rc_att a = {.c = c, .s = s};
		s->id = json_integer_value(json_object_get(x, "id"));
		s->number = (int)i + 1;
		s->starts_at = json_integer_value(json_object_get(x, "starts_at"));
		s->title = json_string_value(json_object_get(x, "title"));
		if (att_session_load(db, s->id, &a.as) != DB_OK ||
		    att_rule_load(db, s->id, &a.rule) != DB_OK ||
		    att_session_records(db, s->id, rc_att_one, &a) != DB_OK)
			return DB_ERROR;
		rc_speakers_add(c, json_object_get(x, "topics"), s->id);
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

/* Submissions of active participants: count, passes, score and maximum. */
static int rc_submissions(struct db *db, struct report_cube *c, struct rc_eval *e)
{
	struct db_stmt *st = db_prepare(db, "SELECT registration_id, passed, score, max_score "
					    "FROM submissions WHERE evaluation_id = $1");
	int rc;

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
	}
	db_done(st);
	return rc == DB_DONE ? DB_OK : DB_ERROR;
}

/* Ratings (1..5) by aspect, retired questions included: their answers
 * were given. */
static int rc_ratings(struct db *db, struct report_cube *c, struct rc_eval *e)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT s.registration_id, q.aspect, a.rating FROM questions q "
		    "JOIN answers a ON a.question_id = q.id "
		    "JOIN submissions s ON s.id = a.submission_id "
		    "WHERE q.evaluation_id = $1 AND q.kind = 'rating' AND q.aspect <> '' "
		    "AND a.rating BETWEEN 1 AND 5");
	int rc, last = -1;
	char last_aspect[32] = "";

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, e->id);
	while ((rc = db_step(st)) == DB_ROW) {
		size_t i;
		int b = rc_bucket(c, db_col_int(st, 0), &i);
		const char *aspect = db_col_text(st, 1);
		if (strcmp(aspect, last_aspect) != 0) {
			last = rc_aspect(aspect);
			snprintf(last_aspect, sizeof(last_aspect), "%s", aspect);
		}
		if (b < 0 || last < 0 || !c->regs.active[i])
			continue;
		e->rsum[last][b] += db_col_int(st, 2);
		e->rcnt[last][b]++;
	}
	db_done(st);
	return rc == DB_DONE ? DB_OK : DB_ERROR;
}

int rc_load_evaluations(struct db *db, struct report_cube *c)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, COALESCE(session_id, 0), title FROM "
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
	for (int i = 0; i < n; i++)
		if (rc_submissions(db, c, &c->evals[i]) != DB_OK ||
		    rc_ratings(db, c, &c->evals[i]) != DB_OK)
			return DB_ERROR;
	return DB_OK;
}

/* Mail by state, as outbox_progress() counts it (queued with attempts
 * behind it is "retrying"); messages are bucketed by their recipient. */
int rc_load_mail(struct db *db, struct report_cube *c)
{
	static const char *const states[] = {"queued", "sending", "sent", "failed", "cancelled"};
	struct db_stmt *st = db_prepare(
		db, "SELECT COALESCE(o.registration_id, 0), o.state, "
		    "o.attempts > 0 AND o.state = 'queued', COUNT(*) FROM outbox o "
		    "LEFT JOIN registrations r ON r.id = o.registration_id LEFT JOIN mailings m "
		    "ON m.id = o.mailing_id WHERE r.series_id = $1 OR m.series_id = $1 "
		    "GROUP BY o.registration_id, o.state, 3");
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
