/*
 * reg_list.h: the registrants of a series as the console lists them:
 * newest first, a page at a time (keyset: "before this id"), filtered by
 * province, category and status, and searched.  Also one registration by
 * id, and the counts by province and category (cached a few seconds: they
 * read the whole series).
 *
 * Search ignores case and Vietnamese diacritics ("nguyen thi co" finds
 * "Nguyễn Thị Cơ"): every word of the query must appear in the folded
 * name, the e-mail or the phone; a query of digits is a phone number
 * ("0912 345", "+84 912...").  On SQLite an FTS5 trigram index finds the
 * candidates (migrations/0006); elsewhere a LIKE over the same text does
 * (pg_trgm indexes it).  Both texts sit in reg_list.c.
 */
#ifndef OCOP_REG_LIST_H
#define OCOP_REG_LIST_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;

#define REG_LIST_PAGE 50

struct reg_query {
	const char *q;        /* search, or NULL */
	const char *province; /* code, or NULL */
	const char *category; /* code, or NULL */
	const char *status;   /* "active", "withdrawn", or NULL for both */
	int64_t before;       /* ids below this one; 0 for the first page */
	int limit;            /* rows per page, 1..500 */
	bool loose;           /* in and out: search short words anywhere */
};

/* A page: [{id, full_name, email, phone, province_code, category,
 * organization, position, status, created_at}], new reference; NULL on a
 * database error.  *next is the `before` of the next page, 0 when none. */
json_t *reg_list(struct db *db, struct arena *a, int64_t series_id, struct reg_query *q,
		 int64_t *next);
/* One registration of the series (same keys, with consent and token), or
 * NULL. */
json_t *reg_list_one(struct db *db, int64_t series_id, int64_t id);

struct reg_counts_cache;
/* A cache shared by the server's threads (NULL: no cache). */
struct reg_counts_cache *reg_counts_cache_new(void);
void reg_counts_cache_free(struct reg_counts_cache *c);
/* Forgets the counts of a series (after a change made through this server). */
void reg_counts_invalidate(struct reg_counts_cache *c, int64_t series_id);
/* {total, active, withdrawn, province: {code: n}, category: {code: n}} of
 * the active registrations (total counts both), new reference; NULL on a
 * database error.  From the cache when younger than 5 seconds. */
json_t *reg_counts(struct db *db, struct reg_counts_cache *c, int64_t series_id);

#endif
