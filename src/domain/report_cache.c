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
 * would keep two cores busy: a cube is counted again at most once every
 * refresh_min seconds (REPORT_REFRESH_MIN, or OCOP_REPORT_REFRESH), and
 * meanwhile the last one is shown with its time (`stale`).  One count at a time per cache; pages that arrive during
 * a count get the last cube, or wait for the first one.
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
	struct db_stmt *st = db_prepare(
		rc->stamp_db, db_sql(rc->stamp_db, "PRAGMA data_version",
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
static struct report_cube *report_count(struct report_cache *rc, struct db *db,
					int64_t series_id)
{
	char err[256];
	struct report_cube *c;

	pthread_mutex_lock(&rc->count_lock);
	for (int i = 0; i < 2; i++)
		if (!rc->count_db[i] &&
		    db_open(rc->db_url, &rc->count_db[i], err, sizeof(err)) != 0)
			rc->count_db[i] = NULL;
	c = rc->count_db[0] ? report_cube_load(rc->count_db[0], rc->count_db[1], series_id)
			    : report_cube_load(db, NULL, series_id);
	pthread_mutex_unlock(&rc->count_lock);
	return c;
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
	if (s->cube && (fresh || s->counting ||
			now - report_cube_time(s->cube) < rc->refresh_min)) {
		*stale = !fresh;
		c = report_cube_hold(s->cube);
		pthread_mutex_unlock(&rc->lock);
		return c;
	}
	s->counting = true;
	pthread_mutex_unlock(&rc->lock);

	c = report_count(rc, db, series_id);

	pthread_mutex_lock(&rc->lock);
	s = report_slot(rc, series_id); /* the same slot: a counting one is never reused */
	s->counting = false;
	if (c) {
		report_cube_free(s->cube);
		s->cube = report_cube_hold(c);
		s->stamp = stamp;
	}
	pthread_cond_broadcast(&rc->counted);
	pthread_mutex_unlock(&rc->lock);
	return c;
}
