/*
 * schedule_topic.c: topics (see schedule.h).  Positions number the topics
 * of a series 1..n with no gap (the public page shows them as "Chuyên đề
 * n"); UNIQUE (series_id, position) holds after every statement, so moves
 * and the closing of a gap go through negative positions, which both
 * SQLite and PostgreSQL accept without deferred constraints.
 */
#include "domain/schedule.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/series.h"

#include <stdio.h>

static json_t *topic_row(struct db_stmt *st)
{
	return json_pack("{s:I, s:I, s:o, s:I, s:s, s:s, s:s}", "id", (json_int_t)db_col_int(st, 0),
	                 "series_id", (json_int_t)db_col_int(st, 1), "session_id",
	                 db_col_is_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)),
	                 "position", (json_int_t)db_col_int(st, 3), "title", db_col_text(st, 4),
	                 "speaker", db_col_text(st, 5), "speaker_org", db_col_text(st, 6));
}

json_t *schedule_topic_load(struct db *db, int64_t series_id, int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, series_id, session_id, position, title, "
	                                    "speaker, speaker_org FROM topics WHERE id = $1 AND "
	                                    "series_id = $2");
	json_t *o = NULL;

	if (!st)
		return NULL;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, series_id);
	if (db_step(st) == DB_ROW)
		o = topic_row(st);
	db_done(st);
	return o;
}

json_t *schedule_topics_load(struct db *db, int64_t series_id)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, series_id, session_id, position, title, "
	                                    "speaker, speaker_org FROM topics WHERE series_id = $1 "
	                                    "ORDER BY position");
	json_t *a = json_array();

	if (!st)
		return a;
	db_bind_int(st, 1, series_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, topic_row(st));
	db_done(st);
	return a;
}

static int topic_audit(struct db *db, const struct account *who, const char *action,
                       int64_t series_id, int64_t id, json_t *before, json_t *after, int64_t now)
{
	char object[96];

	snprintf(object, sizeof(object), "series/%lld/topic/%lld", (long long)series_id,
	         (long long)id);
	return audit_add(db, who, action, object, before, after, now);
}

static int topic_row_save(struct db *db, struct topic_input *in, int64_t *id)
{
	struct db_stmt *st;

	if (in->id)
		st = db_prepare(db,
		                "UPDATE topics SET session_id = $2, title = $3, speaker = $4, "
		                "speaker_org = $5 WHERE series_id = $1 AND id = $6 RETURNING id");
	else
		st = db_prepare(db,
		                "INSERT INTO topics (series_id, session_id, title, speaker, "
		                "speaker_org, position) VALUES ($1, $2, $3, $4, $5, (SELECT "
		                "COALESCE(MAX(position), 0) + 1 FROM topics WHERE series_id = $1)) "
		                "RETURNING id");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, in->series_id);
	if (in->session_id)
		db_bind_int(st, 2, in->session_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, in->title);
	db_bind_text(st, 4, in->speaker);
	db_bind_text(st, 5, in->speaker_org);
	if (in->id)
		db_bind_int(st, 6, in->id);
	return db_one_int(st, id);
}

int schedule_topic_save(struct db *db, void *arg)
{
	struct topic_input *in = arg;
	json_t *before = NULL, *after = NULL, *session = NULL;
	int64_t id = 0;
	int rc = DB_NOTFOUND;

	if (in->session_id && !(session = schedule_session_load(db, in->series_id, in->session_id)))
		goto out;
	if (in->id && !(before = schedule_topic_load(db, in->series_id, in->id)))
		goto out;
	if ((rc = topic_row_save(db, in, &id)) != DB_OK ||
	    (rc = series_touch(db, in->series_id)) != DB_OK)
		goto out;
	after = schedule_topic_load(db, in->series_id, id);
	rc = topic_audit(db, in->who, in->id ? "topic.update" : "topic.create", in->series_id, id,
	                 before, after, in->now);
out:
	json_decref(session);
	json_decref(before);
	json_decref(after);
	return rc;
}

/* Runs one of the position statements: $1 series, $2 and (when the
 * statement has it) $3 numbers. */
static int topic_positions(struct db *db, const char *sql, int64_t series_id, int64_t a, int64_t b,
                           int nparams)
{
	struct db_stmt *st = db_prepare(db, sql);

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	db_bind_int(st, 2, a);
	if (nparams == 3)
		db_bind_int(st, 3, b);
	return db_run(st);
}

int schedule_topic_delete(struct db *db, void *arg)
{
	struct schedule_delete *j = arg;
	json_t *before = schedule_topic_load(db, j->series_id, j->id);
	int64_t pos;
	int rc;

	if (!before)
		return DB_NOTFOUND;
	pos = json_integer_value(json_object_get(before, "position"));
	rc = topic_positions(db,
	                     "DELETE FROM topics WHERE series_id = $1 AND id = $2 AND "
	                     "position = $3",
	                     j->series_id, j->id, pos, 3);
	if (rc == DB_OK)
		rc = topic_positions(db,
		                     "UPDATE topics SET position = -position WHERE "
		                     "series_id = $1 AND position > $2",
		                     j->series_id, pos, 0, 2);
	if (rc == DB_OK)
		rc = topic_positions(db,
		                     "UPDATE topics SET position = -position - 1 WHERE "
		                     "series_id = $1 AND position < $2",
		                     j->series_id, 0, 0, 2);
	if (rc == DB_OK)
		rc = series_touch(db, j->series_id);
	if (rc == DB_OK)
		rc = topic_audit(db, j->who, "topic.delete", j->series_id, j->id, before, NULL,
		                 j->now);
	json_decref(before);
	return rc;
}

int schedule_topic_move(struct db *db, void *arg)
{
	struct topic_move *m = arg;
	json_t *before = schedule_topic_load(db, m->series_id, m->id);
	struct db_stmt *st;
	int64_t pos, other = 0;
	int rc;

	if (!before)
		return DB_NOTFOUND;
	pos = json_integer_value(json_object_get(before, "position"));
	st = db_prepare(db, m->dir < 0 ? "SELECT MAX(position) FROM topics WHERE series_id = $1 "
	                                 "AND position < $2 AND position > 0"
	                               : "SELECT MIN(position) FROM topics WHERE series_id = $1 "
	                                 "AND position > $2");
	if (!st) {
		rc = DB_ERROR;
		goto out;
	}
	db_bind_int(st, 1, m->series_id);
	db_bind_int(st, 2, pos);
	if ((rc = db_one_int(st, &other)) != DB_OK || other == 0)
		goto out; /* NULL reads as 0: already first or last */
	const char *swap = "UPDATE topics SET position = $3 WHERE series_id = $1 AND "
	                   "position = $2";
	if ((rc = topic_positions(db, swap, m->series_id, pos, -pos, 3)) != DB_OK ||
	    (rc = topic_positions(db, swap, m->series_id, other, pos, 3)) != DB_OK ||
	    (rc = topic_positions(db, swap, m->series_id, -pos, other, 3)) != DB_OK ||
	    (rc = series_touch(db, m->series_id)) != DB_OK)
		goto out;
	json_t *after = json_pack("{s:I}", "position", (json_int_t)other);
	json_t *was = json_pack("{s:I}", "position", (json_int_t)pos);
	rc = topic_audit(db, m->who, m->dir < 0 ? "topic.move_up" : "topic.move_down", m->series_id,
	                 m->id, was, after, m->now);
	json_decref(after);
	json_decref(was);
out:
	json_decref(before);
	return rc;
}
