/*
 * series.h: a training series with its organisers, sessions, topics and
 * channels, read for the public pages and the API.  Times stay Unix
 * seconds here; the web layer formats them.
 */
#ifndef OCOP_SERIES_H
#define OCOP_SERIES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct db;

struct series {
	int64_t id;
	char slug[64];
	int64_t starts_at, ends_at;
	int64_t reg_opens_at, reg_closes_at; /* 0: no limit */
	int64_t capacity;                    /* 0: none */
	bool legacy_units; /* series before 1 July 2025: district level allowed */
	int64_t version;   /* bumped by every change the public page shows */
};

#define SERIES_SLUG_MAX 60

/* DB_OK, DB_NOTFOUND or DB_ERROR. */
int series_find(struct db *db, const char *slug, struct series *out);
int series_find_id(struct db *db, int64_t id, struct series *out);
/* The whole series as JSON (caller owns): {id, slug, title, description,
 * starts_at, ends_at, reg_opens_at, reg_closes_at, capacity, organizers[{name,
 * short_name, url, position, logo_hash}],
 * channels[], sessions[{id, position, title, starts_at, ends_at, zoom_url,
 * facebook_url, youtube_url, topics[]}], registration_count}.  NULL on error. */
json_t *series_load(struct db *db, const struct series *s);
/* Just {slug, title}, for page headings (series_load also counts the
 * registrations, a scan of the series).  NULL on error. */
json_t *series_head(struct db *db, const struct series *s);
/* series_load without the registration count (which reads every
 * registration): for mail and calendars, written once per registration. */
json_t *series_load_schedule(struct db *db, const struct series *s);
/* Bumps series.version: every write job that changes what the public page
 * shows (the series, organisers, sessions, topics, materials) calls it in
 * its own transaction, so cached pages are checked against one column.
 * DB_OK or DB_ERROR. */
int series_touch(struct db *db, int64_t series_id);
/* Every series, newest first: [{slug, title, starts_at, ends_at}]. */
json_t *series_list(struct db *db);
/* The series an account works on (all when all is set), newest first:
 * [{id, slug, title, starts_at, ends_at, registration_count}]. */
json_t *series_list_admin(struct db *db, int64_t user_id, bool all);
/* Active registrations of a series, recounted at most every 2 s (see
 * series.c); series_count_forget drops the cached number. */
int64_t series_count_active(struct db *db, int64_t series_id);
void series_count_forget(int64_t series_id);
/* Whether registration is open at `now`, with the reason when not. */
bool series_registration_open(const struct series *s, int64_t now, const char **why);
bool series_slug_is_wellformed(const char *slug);

#endif
