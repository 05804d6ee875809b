/*
 * report_cache.c: the dashboard's cubes (see report.h), kept while nothing
 * has been written to the database since they were counted.
 *
 * A full count reads every row of a series: about 2.5 s for 300,000
 * registrations and 2,000,000 attendance rows (docs/BENCHMARKS.md), too
 * slow for a page.  A cube is exact as long as no transaction has been
 * committed since its count began, and that is cheap to ask:
 *   SQLite      PRAGMA data_version on a connection of the cache's own
 *               changes whenever any other connection, in this process or
 *               another, commits;
 *   PostgreSQL  the snapshot's xmax (the next transaction id) moves
 *               whenever any transaction that writes begins.
 * The stamp is read before a count starts, so a write during the count
 * makes the next page count again.  Any write anywhere counts as a change
 * (a login, a mail sent): the answer may be "count again" needlessly,
 * never "nothing changed" wrongly.
 *
 * While people keep writing (a live session), counting at every view
 * would keep two cores busy: a changed series is counted again at most
 * once every refresh_min seconds (REPORT_REFRESH_MIN, or
 * OCOP_REPORT_REFRESH), on a thread of its own: the page that notices,
 * and every page until the new count is in, gets the last cube with its
 * time (`stale`), so no server thread waits 2 s.  Only the first count of
 * a series makes its page (and those arriving meanwhile) wait; with
 * refresh_min 0 every count is done by the page that needs it (exact
 * answers, for tests).  Counts share the cache's two connections, one at
 * a time.
 */
#include "domain/report.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REPORT_SLOTS 8

struct report_slot {
	int64_t series_id, stamp;
	struct report_cube *cube;
	bool counting;
	time_t used;
};

struct report_cache {
	pthread_mutex_t lock, count_lock;
	pthread_cond_t counted;
	char *db_url;
	int refresh_min; /* seconds */
	int running;     /* background counts */
	bool closing;
	struct db *stamp_db, *count_db[2]; /* opened on first use, under lock */
	struct report_slot slot[REPORT_SLOTS];
};

struct report_cache *report_cache_new(const char *db_url, int refresh_min)
{
	struct report_cache *rc = xcalloc(1, sizeof(*rc));

	rc->refresh_min = refresh_min;
	pthread_mutex_init(&rc->lock, NULL);
	pthread_mutex_init(&rc->count_lock, NULL);
	pthread_cond_init(&rc->counted, NULL);
	rc->db_url = xstrdup(db_url ? db_url : "");
	return rc;
}

void report_cache_free(struct report_cache *rc)
{
	if (!rc)
		return;
	pthread_mutex_lock(&rc->lock);
	rc->closing = true;
	while (rc->running > 0)
		pthread_cond_wait(&rc->counted, &rc->lock);
	pthread_mutex_unlock(&rc->lock);
	for (int i = 0; i < REPORT_SLOTS; i++)
		report_cube_free(rc->slot[i].cube);
	db_close(rc->stamp_db);
	db_close(rc->count_db[0]);
	db_close(rc->count_db[1]);
	pthread_cond_destroy(&rc->counted);
	pthread_mutex_destroy(&rc->lock);
	pthread_mutex_destroy(&rc->count_lock);
	free(rc->db_url);
	free(rc);
}

/* The database's change stamp, or -1 when it cannot be read (then every
 * look-up counts).  Under rc->lock. */
static int64_t report_stamp(struct report_cache *rc)
{
	char err[256];
	int64_t v = -1;

	if (!rc->stamp_db && db_open(rc->db_url, &rc->stamp_db, err, sizeof(err)) != 0) {
		log_error("report: cannot open the stamp connection: %s", err);
		rc->stamp_db = NULL;
		return -1;
	}
	struct db_stmt *st =
	    db_prepare(rc->stamp_db, db_sql(rc->stamp_db, "PRAGMA data_version",
	                                    "SELECT txid_snapshot_xmax(txid_current_snapshot())"));
	if (st && db_one_int(st, &v) != DB_OK)
		v = -1;
	return v;
}

static struct report_slot *report_slot(struct report_cache *rc, int64_t series_id)
{
	struct report_slot *free_slot = &rc->slot[0];

	for (int i = 0; i < REPORT_SLOTS; i++) {
		if (rc->slot[i].series_id == series_id)
			return &rc->slot[i];
		if (!rc->slot[i].counting && rc->slot[i].used < free_slot->used)
			free_slot = &rc->slot[i];
	}
	report_cube_free(free_slot->cube);
	*free_slot = (struct report_slot){.series_id = series_id};
	return free_slot;
}

/* Counts with the cache's two connections (db when they cannot be
 * opened), called with the slot marked counting and without rc->lock.
 * Counts of different series share the connections: one at a time. */
static struct report_cube *report_count(struct report_cache *rc, struct db *db, int64_t series_id)
{
	char err[256];
	struct report_cube *c;

	pthread_mutex_lock(&rc->count_lock);
	for (int i = 0; i < 2; i++)
		if (!rc->count_db[i] &&
		    db_open(rc->db_url, &rc->count_db[i], err, sizeof(err)) != 0)
			rc->count_db[i] = NULL;
	c = rc->count_db[0] ? report_cube_load(rc->count_db[0], rc->count_db[1], series_id)
	    : db            ? report_cube_load(db, NULL, series_id)
	                    : NULL;
	pthread_mutex_unlock(&rc->count_lock);
	return c;
}

/* Stores what a count gave (c may be NULL) and wakes who waits for it. */
static void report_store(struct report_cache *rc, int64_t series_id, int64_t stamp,
                         struct report_cube *c)
{
	pthread_mutex_lock(&rc->lock);
	struct report_slot *s = report_slot(rc, series_id); /* a counting slot is never reused */
	s->counting = false;
	if (c) {
		report_cube_free(s->cube);
		s->cube = report_cube_hold(c);
		s->stamp = stamp;
	}
	pthread_cond_broadcast(&rc->counted);
	pthread_mutex_unlock(&rc->lock);
}

struct report_bg {
	struct report_cache *rc;
	int64_t series_id, stamp;
};

/* A count in the background, for a stale cube: the page that noticed was
 * already answered with the stale one, and no server thread waits. */
static void *report_bg_run(void *arg)
{
	struct report_bg *b = arg;
	struct report_cube *c = report_count(b->rc, NULL, b->series_id);

	report_store(b->rc, b->series_id, b->stamp, c);
	report_cube_free(c);
	pthread_mutex_lock(&b->rc->lock);
	b->rc->running--;
	pthread_cond_broadcast(&b->rc->counted);
	pthread_mutex_unlock(&b->rc->lock);
	free(b);
	return NULL;
}

/* Starts a background count; false when no thread could start. */
static bool report_bg_start(struct report_cache *rc, int64_t series_id, int64_t stamp)
{
	struct report_bg *b = xmalloc(sizeof(*b));
	pthread_attr_t attr;
	pthread_t t;

	*b = (struct report_bg){rc, series_id, stamp};
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	bool ok = pthread_create(&t, &attr, report_bg_run, b) == 0;
	pthread_attr_destroy(&attr);
	if (!ok)
		free(b);
	return ok;
}

struct report_cube *report_cache_get(struct report_cache *rc, struct db *db, int64_t series_id,
                                     bool *stale)
{
	time_t now = time(NULL);
	struct report_cube *c = NULL;

	*stale = false;
	if (!rc)
		return report_cube_load(db, NULL, series_id);
	pthread_mutex_lock(&rc->lock);
	int64_t stamp = report_stamp(rc);
	struct report_slot *s = report_slot(rc, series_id);
	s->used = now;
	while (!s->cube && s->counting)
		pthread_cond_wait(&rc->counted, &rc->lock);
	bool fresh = s->cube && stamp >= 0 && s->stamp == stamp;
	bool recount = s->cube && !fresh && !s->counting && !rc->closing &&
	               now - report_cube_time(s->cube) >= rc->refresh_min;
	if (recount && rc->refresh_min > 0) {
		s->counting = true;
		rc->running++;
		if (!report_bg_start(rc, series_id, stamp)) {
			s->counting = false;
			rc->running--;
		}
	}
	if (s->cube && !(recount && rc->refresh_min == 0)) {
		*stale = !fresh;
		c = report_cube_hold(s->cube);
		pthread_mutex_unlock(&rc->lock);
		return c;
	}
	/* The first count of a series (or any, with refresh_min 0): this
	 * page waits for it. */
	s->counting = true;
	pthread_mutex_unlock(&rc->lock);
	c = report_count(rc, db, series_id);
	report_store(rc, series_id, stamp, c);
	return c;
}
