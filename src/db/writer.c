/*
 * writer.c: the group-commit thread (see writer.h).
 *
 * Why: SQLite has one writer at a time and, with synchronous=FULL, every
 * commit costs an fsync.  Letting request threads commit on their own makes
 * them queue on the database lock with an unfair busy handler (long tails)
 * and pay one fsync each.  Here the waiting jobs of all requests share one
 * transaction and one fsync; under load batches grow by themselves, idle
 * there is no added wait.
 */
#include "db/writer.h"
#include "core/arena.h"
#include "core/log.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#define DBW_MAX_BATCH 1024

struct dbw {
	struct db *db;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t more;
	struct dbw_job *head, *tail;
	bool stopping;
	int (*hooks[DBW_MAX_HOOKS])(struct db *db);
	int nhooks;
};

/* Commits after the before-commit hooks; DB_OK or DB_ERROR. */
static int dbw_commit(struct dbw *w)
{
	for (int i = 0; i < w->nhooks; i++)
		if (w->hooks[i](w->db) != DB_OK) {
			log_error("writer: work before the commit failed: %s", db_errmsg(w->db));
			return DB_ERROR;
		}
	return db_commit(w->db);
}

static void dbw_batch(struct dbw *w, struct dbw_job *jobs)
{
	bool ok;

	for (struct dbw_job *j = jobs; j; j = j->next)
		j->lost = false;
	if (db_is_broken(w->db) && db_reconnect(w->db) != DB_OK)
		log_error("writer: database unavailable: %s", db_errmsg(w->db));
	ok = db_begin(w->db) == DB_OK;
	if (ok && jobs->alone) { /* one job, its own transaction */
		jobs->rc = jobs->fn(w->db, jobs->arg);
		if (jobs->rc != DB_OK)
			db_rollback(w->db);
		else if (dbw_commit(w) != DB_OK)
			ok = false;
		if (ok) {
			if (jobs->done)
				jobs->done(jobs);
			return;
		}
	}
	for (struct dbw_job *j = jobs; j; j = j->next) {
		if (!ok) {
			j->rc = DB_ERROR;
			continue;
		}
		/* A savepoint costs two statements and a copy of every page the
		 * job is first to touch; a job that cannot leave half its work
		 * behind on a refusal does without. */
		if (j->unguarded) {
			j->rc = j->fn(w->db, j->arg);
			if (j->rc == DB_ERROR)
				ok = false;
			continue;
		}
		if (db_savepoint(w->db) != DB_OK) {
			j->rc = DB_ERROR;
			continue;
		}
		j->rc = j->fn(w->db, j->arg);
		if (db_release(w->db, j->rc == DB_OK) == DB_OK)
			continue;
		/* PostgreSQL: a statement failed inside a job that went on and
		 * said DB_OK, so the transaction is aborted back to the job's
		 * savepoint and RELEASE fails.  Undo that job alone rather than
		 * the batch (db.h: return after a failed statement). */
		if (j->rc == DB_OK && !db_is_broken(w->db) && db_release(w->db, false) == DB_OK) {
			log_error(
			    "writer: a job returned DB_OK after a failed statement; rolled back");
			j->rc = DB_ERROR;
			continue;
		}
		ok = false;
	}
	if (ok && dbw_commit(w) != DB_OK) {
		log_error("group commit failed: %s", db_errmsg(w->db));
		ok = false;
	}
	if (!ok) {
		bool lost = db_is_broken(w->db);
		db_rollback(w->db);
		for (struct dbw_job *j = jobs; j; j = j->next) {
			j->rc = DB_ERROR;
			j->lost = lost;
		}
	}
	for (struct dbw_job *j = jobs, *next; j; j = next) {
		next = j->next; /* done() may free the job */
		if (j->done)
			j->done(j);
	}
}

static void *dbw_main(void *arg)
{
	struct dbw *w = arg;

	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (!w->head && !w->stopping)
			pthread_cond_wait(&w->more, &w->lock);
		if (!w->head)
			break;
		struct dbw_job *jobs = w->head, *last = jobs;
		int n = 1;
		/* A job that runs alone ends a batch and makes one of its own. */
		while (!jobs->alone && last->next && !last->next->alone && n < DBW_MAX_BATCH) {
			last = last->next;
			n++;
		}
		w->head = last->next;
		if (!w->head)
			w->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&w->lock);
		dbw_batch(w, jobs);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct dbw *dbw_start(const char *url, char *err, size_t errlen)
{
	struct dbw *w = xcalloc(1, sizeof(*w));

	if (db_open(url, &w->db, err, errlen) != 0) {
		free(w);
		return NULL;
	}
	db_bg_checkpoint(w->db);
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->more, NULL);
	if (pthread_create(&w->thread, NULL, dbw_main, w) != 0) {
		db_close(w->db);
		free(w);
		return NULL;
	}
	return w;
}

void dbw_stop(struct dbw *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_signal(&w->more);
	pthread_mutex_unlock(&w->lock);
	pthread_join(w->thread, NULL);
	db_close(w->db);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->more);
	free(w);
}

void dbw_before_commit(struct dbw *w, int (*fn)(struct db *db))
{
	pthread_mutex_lock(&w->lock);
	if (w->nhooks < DBW_MAX_HOOKS)
		w->hooks[w->nhooks++] = fn;
	else
		log_error("writer: too many before-commit hooks");
	pthread_mutex_unlock(&w->lock);
}

void dbw_submit(struct dbw *w, struct dbw_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&w->lock);
	if (w->tail)
		w->tail->next = job;
	else
		w->head = job;
	w->tail = job;
	pthread_cond_signal(&w->more);
	pthread_mutex_unlock(&w->lock);
}

struct dbw_wait {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	bool done;
};

static void dbw_wake(struct dbw_job *job)
{
	struct dbw_wait *wt = job->done_arg;

	pthread_mutex_lock(&wt->lock);
	wt->done = true;
	pthread_cond_signal(&wt->cond);
	pthread_mutex_unlock(&wt->lock);
}

static int dbw_run_job(struct dbw *w, int (*fn)(struct db *db, void *arg), void *arg,
		       bool alone)
{
	struct dbw_wait wt = {.done = false};
	struct dbw_job job = {.fn = fn, .arg = arg, .done = dbw_wake, .done_arg = &wt,
			      .alone = alone};

	pthread_mutex_init(&wt.lock, NULL);
	pthread_cond_init(&wt.cond, NULL);
	dbw_submit(w, &job);
	pthread_mutex_lock(&wt.lock);
	while (!wt.done)
		pthread_cond_wait(&wt.cond, &wt.lock);
	pthread_mutex_unlock(&wt.lock);
	pthread_mutex_destroy(&wt.lock);
	pthread_cond_destroy(&wt.cond);
	return job.rc;
}

int dbw_run(struct dbw *w, int (*fn)(struct db *db, void *arg), void *arg)
{
	return dbw_run_job(w, fn, arg, false);
}

int dbw_run_alone(struct dbw *w, int (*fn)(struct db *db, void *arg), void *arg)
{
	return dbw_run_job(w, fn, arg, true);
}
