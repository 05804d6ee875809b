/*
 * cert_runner.c: issue jobs in the background of `ocop serve` (see
 * certificate.h).  One thread takes job ids from a queue and runs each with
 * cert_job_run(); at start it queues every job left running, so a crash or
 * a restart resumes where the last committed batch ended.  Stopping sets a
 * flag the job looks at between certificates; the job stays running in the
 * database and resumes at the next start.
 */
#include "domain/certificate.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/writer.h"

#include <pthread.h>
#include <stdlib.h>

#define RUNNER_QUEUE 64

struct cert_runner {
	struct db *db;
	struct dbw *w;
	int threads;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t more;
	int64_t queue[RUNNER_QUEUE];
	size_t head, n;
	atomic_bool stop;
};

static void *runner_main(void *arg)
{
	struct cert_runner *r = arg;

	pthread_mutex_lock(&r->lock);
	for (;;) {
		while (!r->n && !atomic_load(&r->stop))
			pthread_cond_wait(&r->more, &r->lock);
		if (atomic_load(&r->stop))
			break;
		int64_t id = r->queue[r->head];
		r->head = (r->head + 1) % RUNNER_QUEUE;
		r->n--;
		pthread_mutex_unlock(&r->lock);
		log_info("certificate job %lld: running", (long long)id);
		if (cert_job_run(r->db, r->w, id, r->threads, &r->stop, NULL, NULL) == 0 &&
		    !atomic_load(&r->stop))
			log_info("certificate job %lld: finished", (long long)id);
		pthread_mutex_lock(&r->lock);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

void cert_runner_submit(struct cert_runner *r, int64_t job_id)
{
	if (!r)
		return;
	pthread_mutex_lock(&r->lock);
	bool queued = false;
	for (size_t i = 0; i < r->n; i++)
		queued |= r->queue[(r->head + i) % RUNNER_QUEUE] == job_id;
	if (!queued && r->n < RUNNER_QUEUE) {
		r->queue[(r->head + r->n) % RUNNER_QUEUE] = job_id;
		r->n++;
		pthread_cond_signal(&r->more);
	}
	pthread_mutex_unlock(&r->lock);
}

struct cert_runner *cert_runner_start(const char *db_url, struct dbw *w, int threads)
{
	struct cert_runner *r = xcalloc(1, sizeof(*r));
	char err[256];

	if (db_open(db_url, &r->db, err, sizeof(err)) != 0) {
		log_error("certificates: %s", err);
		free(r);
		return NULL;
	}
	r->w = w;
	r->threads = threads;
	atomic_init(&r->stop, false);
	pthread_mutex_init(&r->lock, NULL);
	pthread_cond_init(&r->more, NULL);
	/* Jobs a crash or a restart left running. */
	struct db_stmt *st = db_prepare(r->db, "SELECT id FROM cert_jobs WHERE state = 'running' "
	                                       "ORDER BY id");
	if (st) {
		while (db_step(st) == DB_ROW && r->n < RUNNER_QUEUE)
			r->queue[r->n++] = db_col_int(st, 0);
		db_done(st);
	}
	if (r->n)
		log_info("certificates: resuming %zu issue job%s", r->n, r->n == 1 ? "" : "s");
	if (pthread_create(&r->thread, NULL, runner_main, r) != 0) {
		db_close(r->db);
		free(r);
		return NULL;
	}
	return r;
}

void cert_runner_stop(struct cert_runner *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&r->lock);
	atomic_store(&r->stop, true);
	pthread_cond_broadcast(&r->more);
	pthread_mutex_unlock(&r->lock);
	pthread_join(r->thread, NULL);
	db_close(r->db);
	pthread_mutex_destroy(&r->lock);
	pthread_cond_destroy(&r->more);
	free(r);
}
