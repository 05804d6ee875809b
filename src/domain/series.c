/*
 * series.c: reading a series for the public pages (see series.h).
 */
#include "domain/series.h"
#include "core/i18n.h"
#include "db/db.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <string.h>

bool series_slug_is_wellformed(const char *slug)
{
	size_t n = 0;

	for (; slug[n]; n++)
		if (n >= SERIES_SLUG_MAX ||
		    !((slug[n] >= 'a' && slug[n] <= 'z') || (slug[n] >= '0' && slug[n] <= '9') ||
		      slug[n] == '-'))
			return false;
	return n > 0;
}

static int series_fill(struct db_stmt *st, struct series *out)
{
	int rc = db_step(st);

	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		snprintf(out->slug, sizeof(out->slug), "%s", db_col_text(st, 1));
		out->starts_at = db_col_int(st, 2);
		out->ends_at = db_col_int(st, 3);
		out->reg_opens_at = db_col_int(st, 4);
		out->reg_closes_at = db_col_int(st, 5);
		out->capacity = db_col_int(st, 6);
		out->version = db_col_int(st, 7);
		out->legacy_units = out->starts_at < 1751302800; /* 2025-07-01 00:00 +07 */
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

int series_find(struct db *db, const char *slug, struct series *out)
{
	if (!series_slug_is_wellformed(slug))
		return DB_NOTFOUND;
	struct db_stmt *st = db_prepare(db, "SELECT id, slug, starts_at, ends_at, "
					    "COALESCE(reg_opens_at, 0), COALESCE(reg_closes_at, 0), "
					    "COALESCE(capacity, 0), version FROM series WHERE slug = $1");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, slug);
	return series_fill(st, out);
}

int series_find_id(struct db *db, int64_t id, struct series *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, slug, starts_at, ends_at, "
					    "COALESCE(reg_opens_at, 0), COALESCE(reg_closes_at, 0), "
					    "COALESCE(capacity, 0), version FROM series WHERE id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	return series_fill(st, out);
}

int series_touch(struct db *db, int64_t series_id)
{
	struct db_stmt *st =
		db_prepare(db, "UPDATE series SET version = version + 1 WHERE id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	return db_run(st);
}

static json_t *series_topics(struct db *db, int64_t session_id)
{
	json_t *a = json_array();
	struct db_stmt *st = db_prepare(db, "SELECT id, position, title, speaker, speaker_org "
					    "FROM topics WHERE session_id = $1 ORDER BY position");

	if (!st)
		return a;
	db_bind_int(st, 1, session_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			a, json_pack("{s:I, s:I, s:s, s:s, s:s}", "id", (json_int_t)db_col_int(st, 0),
				     "position", (json_int_t)db_col_int(st, 1), "title",
				     db_col_text(st, 2), "speaker", db_col_text(st, 3),
				     "speaker_org", db_col_text(st, 4)));
	db_done(st);
	return a;
}

static json_t *series_load_opt(struct db *db, const struct series *s, bool count);

json_t *series_load(struct db *db, const struct series *s)
{
	return series_load_opt(db, s, true);
}

json_t *series_load_schedule(struct db *db, const struct series *s)
{
	return series_load_opt(db, s, false);
}

static json_t *series_load_opt(struct db *db, const struct series *s, bool count)
{
	struct db_stmt *st = db_prepare(db, "SELECT title, description FROM series WHERE id = $1");
	json_t *o;

	if (!st)
		return NULL;
	db_bind_int(st, 1, s->id);
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return NULL;
	}
	o = json_pack("{s:I, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)s->id, "slug", s->slug,
		      "title", db_col_text(st, 0), "description", db_col_text(st, 1), "starts_at",
		      (json_int_t)s->starts_at, "ends_at", (json_int_t)s->ends_at);
	db_done(st);
	json_object_set_new(o, "reg_opens_at",
			    s->reg_opens_at ? json_integer(s->reg_opens_at) : json_null());
	json_object_set_new(o, "reg_closes_at",
			    s->reg_closes_at ? json_integer(s->reg_closes_at) : json_null());
	json_object_set_new(o, "capacity", s->capacity ? json_integer(s->capacity) : json_null());

	json_t *orgs = json_array();
	st = db_prepare(db, "SELECT name, short_name, url, position, logo_hash "
			    "FROM series_organizers WHERE series_id = $1 ORDER BY position");
	if (st) {
		db_bind_int(st, 1, s->id);
		while (db_step(st) == DB_ROW)
			json_array_append_new(
				orgs, json_pack("{s:s, s:s, s:s, s:I, s:s}", "name",
						db_col_text(st, 0), "short_name", db_col_text(st, 1),
						"url", db_col_text(st, 2), "position",
						(json_int_t)db_col_int(st, 3), "logo_hash",
						db_col_text(st, 4)));
		db_done(st);
	}
	json_object_set_new(o, "organizers", orgs);

	json_t *chans = json_array();
	st = db_prepare(db, "SELECT kind, label, url FROM channels WHERE series_id = $1 "
			    "ORDER BY position");
	if (st) {
		db_bind_int(st, 1, s->id);
		while (db_step(st) == DB_ROW)
			json_array_append_new(chans, json_pack("{s:s, s:s, s:s}", "kind",
							       db_col_text(st, 0), "label",
							       db_col_text(st, 1), "url",
							       db_col_text(st, 2)));
		db_done(st);
	}
	json_object_set_new(o, "channels", chans);

	json_t *sessions = json_array();
	st = db_prepare(db, "SELECT id, position, title, starts_at, ends_at, zoom_url, "
			    "facebook_url, youtube_url FROM sessions WHERE series_id = $1 "
			    "ORDER BY starts_at, position");
	if (st) {
		db_bind_int(st, 1, s->id);
		while (db_step(st) == DB_ROW) {
			json_t *x = json_pack(
				"{s:I, s:I, s:s, s:I, s:I, s:s, s:s, s:s}", "id",
				(json_int_t)db_col_int(st, 0), "position",
				(json_int_t)db_col_int(st, 1), "title", db_col_text(st, 2),
				"starts_at", (json_int_t)db_col_int(st, 3), "ends_at",
				(json_int_t)db_col_int(st, 4), "zoom_url", db_col_text(st, 5),
				"facebook_url", db_col_text(st, 6), "youtube_url",
				db_col_text(st, 7));
			json_array_append_new(sessions, x);
		}
		db_done(st);
	}
	size_t i;
	json_t *x;
	json_array_foreach(sessions, i, x)
	{
		json_object_set_new(
			x, "topics",
			series_topics(db, json_integer_value(json_object_get(x, "id"))));
	}
	json_object_set_new(o, "sessions", sessions);

	if (count)
		json_object_set_new(o, "registration_count",
				    json_integer(series_count_active(db, s->id)));
	return o;
}

json_t *series_list(struct db *db)
{
	json_t *a = json_array();
	struct db_stmt *st = db_prepare(db, "SELECT slug, title, starts_at, ends_at FROM series "
					    "ORDER BY starts_at DESC, id DESC LIMIT 200");

	if (!st)
		return a;
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s, s:s, s:I, s:I}", "slug",
						   db_col_text(st, 0), "title", db_col_text(st, 1),
						   "starts_at", (json_int_t)db_col_int(st, 2),
						   "ends_at", (json_int_t)db_col_int(st, 3)));
	db_done(st);
	return a;
}

bool series_registration_open(const struct series *s, int64_t now, const char **why)
{
	if (s->reg_opens_at && now < s->reg_opens_at) {
		*why = _("Chưa đến thời gian mở đăng ký.");
		return false;
	}
	if (s->reg_closes_at && now >= s->reg_closes_at) {
		*why = _("Đã hết thời gian đăng ký.");
		return false;
	}
	return true;
}

json_t *series_list_admin(struct db *db, int64_t user_id, bool all)
{
	json_t *a = json_array();
	struct db_stmt *st = db_prepare(
		db, "SELECT s.id, s.slug, s.title, s.starts_at, s.ends_at, "
		    "(SELECT COUNT(*) FROM registrations r WHERE r.series_id = s.id "
		    "AND r.status = 'active') FROM series s WHERE $2 = 1 OR EXISTS (SELECT 1 FROM "
		    "series_members m WHERE m.series_id = s.id AND m.user_id = $1) "
		    "ORDER BY s.starts_at DESC, s.id DESC");

	if (!st)
		return a;
	db_bind_int(st, 1, user_id);
	db_bind_int(st, 2, all ? 1 : 0);
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			a, json_pack("{s:I, s:s, s:s, s:I, s:I, s:I}", "id",
				     (json_int_t)db_col_int(st, 0), "slug", db_col_text(st, 1),
				     "title", db_col_text(st, 2), "starts_at",
				     (json_int_t)db_col_int(st, 3), "ends_at",
				     (json_int_t)db_col_int(st, 4), "registration_count",
				     (json_int_t)db_col_int(st, 5)));
	db_done(st);
	return a;
}

json_t *series_head(struct db *db, const struct series *s)
{
	struct db_stmt *st = db_prepare(db, "SELECT slug, title FROM series WHERE id = $1");
	json_t *o = NULL;

	if (!st)
		return NULL;
	db_bind_int(st, 1, s->id);
	if (db_step(st) == DB_ROW)
		o = json_pack("{s:s, s:s}", "slug", db_col_text(st, 0), "title", db_col_text(st, 1));
	db_done(st);
	return o;
}

/*
 * The number registered, shown on every series page, is a COUNT over all of
 * a series' registrations: with 300,000 of them that is tens of
 * milliseconds.  It is kept here for SERIES_COUNT_TTL_MS; this process's own
 * registrations forget it at once (series_count_forget), others' show
 * within the TTL.  A cache, not a counter: it is always a recount.
 */
#define SERIES_COUNT_SLOTS 64
#define SERIES_COUNT_TTL_MS 2000

static struct {
	int64_t series_id, count, at_ms;
} series_counts[SERIES_COUNT_SLOTS];
static pthread_mutex_t series_count_lock = PTHREAD_MUTEX_INITIALIZER;

static int64_t series_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t series_count_active(struct db *db, int64_t series_id)
{
	unsigned slot = (unsigned)((uint64_t)series_id % SERIES_COUNT_SLOTS);
	int64_t now = series_now_ms(), n = 0;

	pthread_mutex_lock(&series_count_lock);
	if (series_counts[slot].series_id == series_id &&
	    now - series_counts[slot].at_ms < SERIES_COUNT_TTL_MS) {
		n = series_counts[slot].count;
		pthread_mutex_unlock(&series_count_lock);
		return n;
	}
	pthread_mutex_unlock(&series_count_lock);
	struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM registrations WHERE "
					    "series_id = $1 AND status = 'active'");
	if (!st)
		return 0;
	db_bind_int(st, 1, series_id);
	if (db_one_int(st, &n) != DB_OK)
		return 0;
	pthread_mutex_lock(&series_count_lock);
	series_counts[slot].series_id = series_id;
	series_counts[slot].count = n;
	series_counts[slot].at_ms = now;
	pthread_mutex_unlock(&series_count_lock);
	return n;
}

void series_count_forget(int64_t series_id)
{
	unsigned slot = (unsigned)((uint64_t)series_id % SERIES_COUNT_SLOTS);

	pthread_mutex_lock(&series_count_lock);
	if (series_counts[slot].series_id == series_id)
		series_counts[slot].series_id = 0;
	pthread_mutex_unlock(&series_count_lock);
}
