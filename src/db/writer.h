/*
 * writer.h: group commit.  One thread owns the write connection; callers
 * hand it jobs.  The thread takes every job waiting, runs each in its own
 * savepoint inside one transaction, commits once (one fsync for the lot),
 * then reports each job's result through its done callback.  A job that
 * returns anything but DB_OK is rolled back to its savepoint alone; an
 * `unguarded` job has no savepoint (see struct dbw_job).
 *
 * When the connection is lost (PostgreSQL restarted), the batch in flight
 * fails with every job marked `lost`; the next batch reconnects first.
 *
 * A done callback runs on the writer thread after the commit: it must be
 * short (wake a waiter, resume a connection).
 */
#ifndef OCOP_WRITER_H
#define OCOP_WRITER_H

#include "db/db.h"

#include <stdbool.h>

struct dbw;

struct dbw_job {
	int (*fn)(struct db *db, void *arg); /* runs on the writer thread */
	void *arg;
	void (*done)(struct dbw_job *job); /* after the commit; may be NULL */
	void *done_arg;
	int rc; /* fn's result; DB_ERROR if the commit failed */
	bool alone; /* dbw_run_alone: a transaction of its own, no savepoint */
	/* No savepoint of its own: fn changes nothing when it returns anything
	 * but DB_OK or DB_ERROR, and its DB_ERROR (partial work that cannot
	 * be undone alone) fails the whole batch, as a failed commit does. */
	bool unguarded;
	bool lost; /* rc is DB_ERROR because the database connection was lost:
		    * nothing of the job was committed; worth a retry (503) */
	struct dbw_job *next;
};

/* Opens its own connection to `url` and starts the thread. */
struct dbw *dbw_start(const char *url, char *err, size_t errlen);
/* Finishes the queued jobs, then stops the thread and closes. */
void dbw_stop(struct dbw *w);
/* Adds fn to what the thread runs at the end of every transaction, just
 * before its COMMIT and inside it: work cheaper once per batch than once
 * per job (indexing the rows the jobs inserted).  A failure fails the whole
 * batch, as a failed commit does.  Call before the first job; at most
 * DBW_MAX_HOOKS. */
#define DBW_MAX_HOOKS 4
void dbw_before_commit(struct dbw *w, int (*fn)(struct db *db));
/* Queues a job; `job` must live until its done callback has run. */
void dbw_submit(struct dbw *w, struct dbw_job *job);
/* Runs fn on the writer thread and waits for the commit; returns fn's rc. */
int dbw_run(struct dbw *w, int (*fn)(struct db *db, void *arg), void *arg);

/* As dbw_run, but fn gets a transaction of its own, without a savepoint:
 * for a large job (an import batch of 1,000 rows), where a savepoint makes
 * SQLite copy every page the job touches (a third of the time of a large
 * import).  Jobs queued around it commit before or after. */
int dbw_run_alone(struct dbw *w, int (*fn)(struct db *db, void *arg), void *arg);

#endif
