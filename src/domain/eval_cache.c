/*
 * eval_cache.c: see eval_cache.h.  A small table of entries, each an
 * evaluation loaded into its own arena, reference-counted so that an entry
 * replaced while requests still use it is freed by the last of them.
 */
#include "domain/eval_cache.h"
#include "core/arena.h"
#include "db/db.h"
#include "domain/evaluation.h"

#include <pthread.h>
#include <stdlib.h>

#define EVAL_CACHE_SLOTS 64

struct eval_entry {
	int64_t id, updated_at;
	struct arena arena;
	struct eval e;
	int refs; /* the cache's own reference counts as one */
};

struct eval_cache {
	pthread_mutex_t lock;
	struct eval_entry *slot[EVAL_CACHE_SLOTS];
};

struct eval_hold {
	struct eval_cache *c;
	struct eval_entry *x;
};

struct eval_cache *eval_cache_new(void)
{
	struct eval_cache *c = xcalloc(1, sizeof(*c));

	pthread_mutex_init(&c->lock, NULL);
	return c;
}

static void eval_entry_unref(struct eval_entry *x)
{
	if (--x->refs == 0) {
		arena_release(&x->arena);
		free(x);
	}
}

void eval_cache_free(struct eval_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < EVAL_CACHE_SLOTS; i++)
		if (c->slot[i])
			eval_entry_unref(c->slot[i]);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static void eval_cache_release(void *p)
{
	struct eval_hold *h = p;

	pthread_mutex_lock(&h->c->lock);
	eval_entry_unref(h->x);
	pthread_mutex_unlock(&h->c->lock);
}

static int eval_version(struct db *db, int64_t id, int64_t *updated_at)
{
	struct db_stmt *st = db_prepare(db, "SELECT updated_at FROM evaluations WHERE id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	return db_one_int(st, updated_at);
}

int eval_cache_get(struct eval_cache *c, struct db *db, int64_t id, struct arena *a,
		   const struct eval **out)
{
	int64_t version;
	int rc = eval_version(db, id, &version);
	unsigned i = (unsigned)((uint64_t)id % EVAL_CACHE_SLOTS);
	struct eval_hold *h;

	if (rc != DB_OK)
		return rc;
	pthread_mutex_lock(&c->lock);
	struct eval_entry *x = c->slot[i];
	if (x && x->id == id && x->updated_at == version) {
		x->refs++;
		pthread_mutex_unlock(&c->lock);
		goto hold;
	}
	pthread_mutex_unlock(&c->lock);

	/* Load outside the lock; two threads may both load, one wins. */
	x = xcalloc(1, sizeof(*x));
	arena_init(&x->arena);
	x->id = id;
	x->updated_at = version;
	if ((rc = eval_load(db, &x->arena, id, &x->e)) != DB_OK) {
		arena_release(&x->arena);
		free(x);
		return rc;
	}
	x->refs = 2; /* the cache's and this request's */
	pthread_mutex_lock(&c->lock);
	if (c->slot[i])
		eval_entry_unref(c->slot[i]);
	c->slot[i] = x;
	pthread_mutex_unlock(&c->lock);
hold:
	h = arena_alloc(a, sizeof(*h));
	h->c = c;
	h->x = x;
	arena_defer(a, eval_cache_release, h);
	*out = &x->e;
	return DB_OK;
}
