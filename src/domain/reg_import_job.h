/*
 * reg_import_job.h: the import_jobs rows that let the console follow an
 * import running in the background: created before the first batch,
 * updated with each batch (reg_import.c), finished with the report.
 */
#ifndef OCOP_REG_IMPORT_JOB_H
#define OCOP_REG_IMPORT_JOB_H

#include <jansson.h>
#include <stdint.h>

struct db;

struct reg_import_job {
	int64_t series_id, user_id, total, now;
	const char *filename;
	int64_t id; /* out */
	/* For reg_import_job_finish. */
	const char *state; /* "done" or "failed" */
	json_t *report;    /* borrowed */
};

/* Write jobs: insert the row (job->id set); finish it.  DB_OK or DB_ERROR. */
int reg_import_job_create(struct db *db, void *job);
int reg_import_job_finish(struct db *db, void *job);
/* Marks the jobs still 'running' as failed: called at start-up, when no
 * import of this server can be running. */
int reg_import_job_abandon(struct db *db, void *unused);
/* The job as {id, state, total, done, imported, merged, rejected, filename,
 * report (object or null), created_at}, or NULL if none in this series. */
json_t *reg_import_job_load(struct db *db, int64_t series_id, int64_t id);

#endif
