/*
 * reg_import_job.c: see reg_import_job.h.
 */
#include "domain/reg_import_job.h"
#include "db/db.h"

#include <stdlib.h>
#include <time.h>

int reg_import_job_create(struct db *db, void *arg)
{
	struct reg_import_job *j = arg;
	struct db_stmt *st = db_prepare(db, "INSERT INTO import_jobs (series_id, user_id, "
					    "filename, total, created_at, updated_at) VALUES ($1, "
					    "$2, $3, $4, $5, $5) RETURNING id");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->series_id);
	if (j->user_id)
		db_bind_int(st, 2, j->user_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, j->filename ? j->filename : "");
	db_bind_int(st, 4, j->total);
	db_bind_int(st, 5, j->now);
	rc = db_step(st);
	if (rc == DB_ROW)
		j->id = db_col_int(st, 0);
	db_done(st);
	return rc == DB_ROW ? DB_OK : DB_ERROR;
}

int reg_import_job_finish(struct db *db, void *arg)
{
	struct reg_import_job *j = arg;
	struct db_stmt *st = db_prepare(db, "UPDATE import_jobs SET state = $2, report_json = $3, "
					    "updated_at = $4, done = $5, imported = $6, merged = $7, "
					    "rejected = $8 WHERE id = $1");
	char *report = json_dumps(j->report, JSON_COMPACT);
	int rc;

	if (!st) {
		free(report);
		return DB_ERROR;
	}
	db_bind_int(st, 1, j->id);
	db_bind_text(st, 2, j->state);
	db_bind_text(st, 3, report);
	db_bind_int(st, 4, j->now);
	db_bind_int(st, 5, json_integer_value(json_object_get(j->report, "done")));
	db_bind_int(st, 6, json_integer_value(json_object_get(j->report, "imported")));
	db_bind_int(st, 7, json_integer_value(json_object_get(j->report, "merged")));
	db_bind_int(st, 8, json_integer_value(json_object_get(j->report, "rejected")));
	rc = db_run(st);
	free(report);
	return rc;
}

int reg_import_job_abandon(struct db *db, void *unused)
{
	struct db_stmt *st = db_prepare(db, "UPDATE import_jobs SET state = 'failed', "
					    "updated_at = $1 WHERE state = 'running'");

	(void)unused;
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, (int64_t)time(NULL));
	return db_run(st);
}

json_t *reg_import_job_load(struct db *db, int64_t series_id, int64_t id)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, state, total, done, imported, merged, "
					    "rejected, filename, COALESCE(report_json, ''), "
					    "created_at FROM import_jobs WHERE id = $1 AND "
					    "series_id = $2");
	json_t *o = NULL;

	if (!st)
		return NULL;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, series_id);
	if (db_step(st) == DB_ROW) {
		json_t *report = json_loads(db_col_text(st, 8), 0, NULL);
		o = json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:s, s:o, s:I}", "id",
			      (json_int_t)db_col_int(st, 0), "state", db_col_text(st, 1), "total",
			      (json_int_t)db_col_int(st, 2), "done", (json_int_t)db_col_int(st, 3),
			      "imported", (json_int_t)db_col_int(st, 4), "merged",
			      (json_int_t)db_col_int(st, 5), "rejected",
			      (json_int_t)db_col_int(st, 6), "filename", db_col_text(st, 7),
			      "report", report ? report : json_null(), "created_at",
			      (json_int_t)db_col_int(st, 9));
	}
	db_done(st);
	return o;
}
