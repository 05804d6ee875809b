/*
 * reg_counts.c: the counts by province and category at the top of the
 * registrants page (see reg_list.h).  They read every registration of the
 * series through an index, about 20 ms for 300,000, too slow to pay on
 * every page view, so the server keeps them for REG_COUNTS_TTL seconds.
 * Changes made through this server forget them at once; a registration
 * from the public form or another process shows within the TTL.
 */
#include "domain/reg_list.h"
#include "core/arena.h"
#include "db/db.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define REG_COUNTS_TTL 5
#define REG_COUNTS_SLOTS 16

struct reg_counts_cache {
	pthread_mutex_t lock;
	struct {
		int64_t series_id;
		time_t at;
		json_t *counts;
	} slot[REG_COUNTS_SLOTS];
};

struct reg_counts_cache *reg_counts_cache_new(void)
{
	struct reg_counts_cache *c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->lock, NULL);
	return c;
}

void reg_counts_cache_free(struct reg_counts_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < REG_COUNTS_SLOTS; i++)
		json_decref(c->slot[i].counts);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

void reg_counts_invalidate(struct reg_counts_cache *c, int64_t series_id)
{
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	for (int i = 0; i < REG_COUNTS_SLOTS; i++)
		if (c->slot[i].series_id == series_id)
			c->slot[i].at = 0;
	pthread_mutex_unlock(&c->lock);
}

static json_t *reg_counts_load(struct db *db, int64_t series_id)
{
	struct db_stmt *st = db_prepare(db, "SELECT status, province_code, category, COUNT(*) "
					    "FROM registrations WHERE series_id = $1 "
					    "GROUP BY status, province_code, category");
	json_t *prov = json_object(), *cat = json_object();
	int64_t total = 0, active = 0;
	int rc;

	if (!st)
		return NULL;
	db_bind_int(st, 1, series_id);
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t n = db_col_int(st, 3);
		total += n;
		if (strcmp(db_col_text(st, 0), "active") != 0)
			continue;
		active += n;
		const char *p = db_col_text(st, 1), *c = db_col_text(st, 2);
		json_object_set_new(prov, p, json_integer(json_integer_value(json_object_get(prov, p)) + n));
		json_object_set_new(cat, c, json_integer(json_integer_value(json_object_get(cat, c)) + n));
	}
	db_done(st);
	if (rc != DB_DONE) {
		json_decref(prov);
		json_decref(cat);
		return NULL;
	}
	return json_pack("{s:I, s:I, s:I, s:o, s:o}", "total", (json_int_t)total, "active",
			 (json_int_t)active, "withdrawn", (json_int_t)(total - active), "province",
			 prov, "category", cat);
}

json_t *reg_counts(struct db *db, struct reg_counts_cache *c, int64_t series_id)
{
	time_t now = time(NULL);
	json_t *counts = NULL;
	int oldest = 0;

	if (c) {
		pthread_mutex_lock(&c->lock);
		for (int i = 0; i < REG_COUNTS_SLOTS; i++) {
			if (c->slot[i].series_id == series_id && c->slot[i].counts &&
			    now - c->slot[i].at < REG_COUNTS_TTL)
				counts = json_deep_copy(c->slot[i].counts);
		}
		pthread_mutex_unlock(&c->lock);
		if (counts)
			return counts;
	}
	if (!(counts = reg_counts_load(db, series_id)) || !c)
		return counts;
	pthread_mutex_lock(&c->lock);
	for (int i = 0; i < REG_COUNTS_SLOTS; i++) {
		if (c->slot[i].series_id == series_id) {
			oldest = i;
			break;
		}
		if (c->slot[i].at < c->slot[oldest].at)
			oldest = i;
	}
	json_decref(c->slot[oldest].counts);
	c->slot[oldest].series_id = series_id;
	c->slot[oldest].at = now;
	c->slot[oldest].counts = json_deep_copy(counts);
	pthread_mutex_unlock(&c->lock);
	return counts;
}
