/*
 * schedule.c: sessions (see schedule.h); topics are in schedule_topic.c.
 * Deleting never orphans a row: foreign keys are on, so a DELETE that
 * something still points at fails with DB_REFERENCED, and this file's only
 * answer to that is to roll back and say so.  A table added later that
 * references sessions is covered without a change here.
 */
#include "domain/schedule.h"
#include "db/db.h"
#include "domain/audit.h"

#include <stdio.h>

json_t *schedule_session_load(struct db *db, int64_t series_id, int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT position, title, starts_at, ends_at, "
	                                    "zoom_url, facebook_url, youtube_url FROM sessions "
	                                    "WHERE id = $1 AND series_id = $2");
	json_t *o = NULL;

	if (!st)
		return NULL;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, series_id);
	if (db_step(st) == DB_ROW)
		o = json_pack(
		    "{s:I, s:I, s:I, s:s, s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)id,
		    "series_id", (json_int_t)series_id, "position", (json_int_t)db_col_int(st, 0),
		    "title", db_col_text(st, 1), "starts_at", (json_int_t)db_col_int(st, 2),
		    "ends_at", (json_int_t)db_col_int(st, 3), "zoom_url", db_col_text(st, 4),
		    "facebook_url", db_col_text(st, 5), "youtube_url", db_col_text(st, 6));
	db_done(st);
	return o;
}

/* The series runs from its first session's start to its last one's end.
 * Every session change passes here, so it also bumps the series' version
 * (series_touch): the public page is cached against it. */
static int schedule_span(struct db *db, int64_t series_id, int64_t now)
{
	struct db_stmt *st = db_prepare(
	    db, "UPDATE series SET starts_at = COALESCE((SELECT MIN(starts_at) FROM sessions "
	        "WHERE series_id = $1), starts_at), ends_at = COALESCE((SELECT MAX(ends_at) "
	        "FROM sessions WHERE series_id = $1), ends_at), updated_at = $2, "
	        "version = version + 1 WHERE id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	db_bind_int(st, 2, now);
	return db_run(st);
}

static int schedule_audit(struct db *db, const struct account *who, const char *action,
                          const char *kind, int64_t series_id, int64_t id, json_t *before,
                          json_t *after, int64_t now)
{
	char object[96];

	snprintf(object, sizeof(object), "series/%lld/%s/%lld", (long long)series_id, kind,
	         (long long)id);
	return audit_add(db, who, action, object, before, after, now);
}

static int schedule_session_row(struct db *db, struct session_input *in, int64_t *id)
{
	struct db_stmt *st;

	if (in->id)
		st = db_prepare(db, "UPDATE sessions SET title = $2, starts_at = $3, ends_at = $4, "
		                    "zoom_url = $5, facebook_url = $6, youtube_url = $7 "
		                    "WHERE series_id = $1 AND id = $8 RETURNING id");
	else
		st = db_prepare(db, "INSERT INTO sessions (series_id, position, title, starts_at, "
		                    "ends_at, zoom_url, facebook_url, youtube_url) VALUES ($1, "
		                    "(SELECT COALESCE(MAX(position), 0) + 1 FROM sessions WHERE "
		                    "series_id = $1), $2, $3, $4, $5, $6, $7) RETURNING id");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, in->series_id);
	db_bind_text(st, 2, in->title);
	db_bind_int(st, 3, in->starts_at);
	db_bind_int(st, 4, in->ends_at);
	db_bind_text(st, 5, in->zoom_url);
	db_bind_text(st, 6, in->facebook_url);
	db_bind_text(st, 7, in->youtube_url);
	if (in->id)
		db_bind_int(st, 8, in->id);
	return db_one_int(st, id);
}

int schedule_session_save(struct db *db, void *arg)
{
	struct session_input *in = arg;
	json_t *before = NULL, *after = NULL;
	int64_t id = 0;
	int rc = DB_NOTFOUND;

	if (in->id && !(before = schedule_session_load(db, in->series_id, in->id)))
		goto out;
	if ((rc = schedule_session_row(db, in, &id)) != DB_OK)
		goto out;
	if ((rc = schedule_span(db, in->series_id, in->now)) != DB_OK)
		goto out;
	after = schedule_session_load(db, in->series_id, id);
	rc = schedule_audit(db, in->who, in->id ? "session.update" : "session.create", "session",
	                    in->series_id, id, before, after, in->now);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

static int schedule_session_unassign(struct db *db, struct schedule_delete *j)
{
	struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM topics WHERE session_id = $1");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->id);
	if ((rc = db_one_int(st, &j->topics)) != DB_OK || j->topics == 0)
		return rc;
	st = db_prepare(db, "UPDATE topics SET session_id = NULL WHERE session_id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->id);
	return db_run(st);
}

int schedule_session_delete(struct db *db, void *arg)
{
	struct schedule_delete *j = arg;
	json_t *before = schedule_session_load(db, j->series_id, j->id);
	struct db_stmt *st;
	int rc;

	if (!before)
		return DB_NOTFOUND;
	if ((rc = schedule_session_unassign(db, j)) != DB_OK)
		goto out;
	if (!(st = db_prepare(db, "DELETE FROM sessions WHERE id = $1 AND series_id = $2"))) {
		rc = DB_ERROR;
		goto out;
	}
	db_bind_int(st, 1, j->id);
	db_bind_int(st, 2, j->series_id);
	if ((rc = db_run(st)) != DB_OK)
		goto out; /* DB_REFERENCED: something else points here */
	if (j->topics > 0 && !j->confirm) {
		rc = DB_CONFLICT; /* it would work: ask first (the writer rolls back) */
		goto out;
	}
	if ((rc = schedule_span(db, j->series_id, j->now)) != DB_OK)
		goto out;
	json_object_set_new(before, "topics_unassigned", json_integer(j->topics));
	rc = schedule_audit(db, j->who, "session.delete", "session", j->series_id, j->id, before,
	                    NULL, j->now);
out:
	json_decref(before);
	return rc;
}
