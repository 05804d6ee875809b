/*
 * pool.c: the read connection pool (see pool.h).  A stack of idle
 * connections under a mutex; `opened` counts those that exist, idle or
 * out.  Opening and reconnecting happen outside the lock, so a slow
 * server does not stall the threads that already hold a connection.
 */
#include "db/pool.h"
#include "core/arena.h"
#include "core/log.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#define DB_POOL_CACHE_KB "4000" /* SQLite page cache per read connection */

struct db_pool {
	const char *url;
	pthread_mutex_t lock;
	pthread_cond_t freed;
	unsigned size, opened, nidle;
	struct db **idle;
};

struct db_pool *db_pool_new(const char *url, unsigned size)
{
	struct db_pool *p = xcalloc(1, sizeof(*p));

	p->url = url;
	p->size = size ? size : 1;
	p->idle = xcalloc(p->size, sizeof(*p->idle));
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->freed, NULL);
	return p;
}

void db_pool_free(struct db_pool *p)
{
	if (!p)
		return;
	for (unsigned i = 0; i < p->nidle; i++)
		db_close(p->idle[i]);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->freed);
	free(p->idle);
	free(p);
}

struct db *db_pool_get(struct db_pool *p, unsigned wait_ms)
{
	struct timespec until;
	struct db *db = NULL;
	bool open_new = false;
	char err[512];

	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += wait_ms / 1000;
	until.tv_nsec += (long)(wait_ms % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&p->lock);
	while (!p->nidle && p->opened >= p->size) {
		if (pthread_cond_timedwait(&p->freed, &p->lock, &until) == ETIMEDOUT)
			break;
	}
	if (p->nidle) {
		db = p->idle[--p->nidle];
	} else if (p->opened < p->size) {
		p->opened++;
		open_new = true;
	}
	pthread_mutex_unlock(&p->lock);
	if (open_new && db_open(p->url, &db, err, sizeof(err)) != 0) {
		log_error("%s", err);
		pthread_mutex_lock(&p->lock);
		p->opened--;
		pthread_cond_signal(&p->freed);
		pthread_mutex_unlock(&p->lock);
		return NULL;
	}
	/* A read connection needs little of its own page cache: the pages are
	 * in the kernel's cache anyway, and each connection's SQLite cache
	 * (16 MB as opened, for the writer) counts in the server's RSS once
	 * per thread. */
	if (open_new && db_backend(db) == DB_SQLITE)
		db_exec(db, "PRAGMA cache_size=-" DB_POOL_CACHE_KB);
	if (!db) {
		log_error("no database connection free after %u ms (pool of %u)", wait_ms, p->size);
		return NULL;
	}
	if (db_is_broken(db) && db_reconnect(db) != DB_OK) {
		log_error("database unavailable: %s", db_errmsg(db));
		db_pool_put(p, db);
		return NULL;
	}
	return db;
}

void db_pool_put(struct db_pool *p, struct db *db)
{
	if (!db)
		return;
	pthread_mutex_lock(&p->lock);
	p->idle[p->nidle++] = db;
	pthread_cond_signal(&p->freed);
	pthread_mutex_unlock(&p->lock);
}
