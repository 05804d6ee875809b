/*
 * eval_cache.h: evaluation definitions kept in memory between requests.
 * During a closing rush every request needs the same evaluation with its
 * questions and options; reading ~50 rows and copying them per request
 * cost more than the submission itself.  An entry is used only while the
 * row's updated_at is unchanged (one primary-key look-up per request), so
 * an edit in the console (which must bump evaluations.updated_at) is seen
 * at once, on every instance.
 */
#ifndef OCOP_EVAL_CACHE_H
#define OCOP_EVAL_CACHE_H

#include <stdint.h>

struct arena;
struct db;
struct eval;
struct eval_cache;

struct eval_cache *eval_cache_new(void);
void eval_cache_free(struct eval_cache *c);
/* The evaluation `id`, shared and read-only, held until `a` is released.
 * DB_OK (*out set), DB_NOTFOUND or DB_ERROR. */
int eval_cache_get(struct eval_cache *c, struct db *db, int64_t id, struct arena *a,
		   const struct eval **out);

#endif
