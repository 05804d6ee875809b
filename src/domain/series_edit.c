/*
 * series_edit.c: see series_edit.h.  Co-organisers are kept by position
 * (1..SERIES_ORG_MAX): a named position is upserted, an empty one deleted,
 * so a logo stays with its row until it is replaced or removed.
 */
#include "domain/series_edit.h"
#include "core/arena.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *opt_int(int64_t v)
{
	return v ? json_integer(v) : json_null();
}

static json_t *series_edit_orgs_load(struct db *db, int64_t id)
{
	json_t *a = json_array();
	struct db_stmt *st = db_prepare(db, "SELECT position, name, short_name, url, logo_hash "
	                                    "FROM series_organizers WHERE series_id = $1 "
	                                    "ORDER BY position");

	if (!st)
		return a;
	db_bind_int(st, 1, id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s, s:s, s:s}", "position",
		                                   (json_int_t)db_col_int(st, 0), "name",
		                                   db_col_text(st, 1), "short_name",
		                                   db_col_text(st, 2), "url", db_col_text(st, 3),
		                                   "logo_hash", db_col_text(st, 4)));
	db_done(st);
	return a;
}

json_t *series_edit_snapshot(struct db *db, int64_t id)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT slug, title, description, COALESCE(reg_opens_at, 0), "
	        "COALESCE(reg_closes_at, 0), COALESCE(capacity, 0) FROM series WHERE id = $1");
	json_t *o;

	if (!st)
		return NULL;
	db_bind_int(st, 1, id);
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return NULL;
	}
	o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)id, "slug",
	              db_col_text(st, 0), "title", db_col_text(st, 1), "description",
	              db_col_text(st, 2), "reg_opens_at", opt_int(db_col_int(st, 3)),
	              "reg_closes_at", opt_int(db_col_int(st, 4)), "capacity",
	              opt_int(db_col_int(st, 5)));
	db_done(st);
	json_object_set_new(o, "organizers", series_edit_orgs_load(db, id));
	return o;
}

static void bind_opt(struct db_stmt *st, int i, int64_t v)
{
	if (v)
		db_bind_int(st, i, v);
	else
		db_bind_null(st, i);
}

/* The series row itself; fills in->new_id on create. */
static int series_edit_row(struct db *db, struct series_input *in)
{
	struct db_stmt *st;
	int rc;

	if (in->id)
		st = db_prepare(db, "UPDATE series SET slug = $1, title = $2, description = $3, "
		                    "reg_opens_at = $4, reg_closes_at = $5, capacity = $6, "
		                    "updated_at = $7, version = version + 1 WHERE id = $8 RETURNING id");
	else
		st = db_prepare(db, "INSERT INTO series (slug, title, description, reg_opens_at, "
		                    "reg_closes_at, capacity, created_at, updated_at, starts_at, "
		                    "ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7, $7) "
		                    "RETURNING id");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, in->slug);
	db_bind_text(st, 2, in->title);
	db_bind_text(st, 3, in->description);
	bind_opt(st, 4, in->reg_opens_at);
	bind_opt(st, 5, in->reg_closes_at);
	bind_opt(st, 6, in->capacity);
	db_bind_int(st, 7, in->now);
	if (in->id)
		db_bind_int(st, 8, in->id);
	rc = db_step(st);
	if (rc == DB_ROW)
		in->new_id = db_col_int(st, 0);
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : rc;
}

static int series_edit_logo(struct db *db, int64_t id, int position,
                            const struct series_org_input *o)
{
	struct db_stmt *st = db_prepare(db, "UPDATE series_organizers SET logo = $3, "
	                                    "logo_type = $4, logo_hash = $5 WHERE series_id = $1 "
	                                    "AND position = $2");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, position);
	if (o->logo)
		db_bind_blob(st, 3, o->logo, o->logo_len);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, o->logo ? o->logo_type : "");
	db_bind_text(st, 5, o->logo ? o->logo_hash : "");
	return db_run(st);
}

static int series_edit_org(struct db *db, int64_t id, int position,
                           const struct series_org_input *o)
{
	struct db_stmt *st;
	int rc;

	if (!o->name || !*o->name) {
		st = db_prepare(db, "DELETE FROM series_organizers WHERE series_id = $1 "
		                    "AND position = $2");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, position);
		return db_run(st);
	}
	st = db_prepare(db, "INSERT INTO series_organizers (series_id, position, name, "
	                    "short_name, url) VALUES ($1, $2, $3, $4, $5) "
	                    "ON CONFLICT (series_id, position) DO UPDATE SET name = excluded.name, "
	                    "short_name = excluded.short_name, url = excluded.url");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, position);
	db_bind_text(st, 3, o->name);
	db_bind_text(st, 4, o->short_name ? o->short_name : "");
	db_bind_text(st, 5, o->url ? o->url : "");
	if ((rc = db_run(st)) != DB_OK)
		return rc;
	if (o->logo || o->logo_remove)
		return series_edit_logo(db, id, position, o);
	return DB_OK;
}

static int series_edit_member(struct db *db, int64_t series_id, int64_t user_id)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO series_members (series_id, user_id) "
	                                    "VALUES ($1, $2) ON CONFLICT DO NOTHING");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	db_bind_int(st, 2, user_id);
	return db_run(st);
}

int series_edit_save(struct db *db, void *arg)
{
	struct series_input *in = arg;
	json_t *before = in->id ? series_edit_snapshot(db, in->id) : NULL, *after = NULL;
	int rc;

	if (in->id && !before)
		return DB_NOTFOUND;
	if ((rc = series_edit_row(db, in)) != DB_OK)
		goto out;
	for (int i = 0; i < SERIES_ORG_MAX; i++)
		if ((rc = series_edit_org(db, in->new_id, i + 1, &in->orgs[i])) != DB_OK)
			goto out;
	if (!in->id && in->who->role == ROLE_ORGANIZER &&
	    (rc = series_edit_member(db, in->new_id, in->who->id)) != DB_OK)
		goto out;
	after = series_edit_snapshot(db, in->new_id);
	char object[96];
	snprintf(object, sizeof(object), "series/%s", in->slug);
	rc = audit_add(db, in->who, in->id ? "series.update" : "series.create", object, before,
	               after, in->now);
out:
	json_decref(before);
	json_decref(after);
	return rc;
}

int series_logo_load(struct db *db, const char *slug, int64_t position, struct series_logo *out)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT o.logo_type, o.logo_hash, o.logo FROM series_organizers o "
	        "JOIN series s ON s.id = o.series_id WHERE s.slug = $1 AND o.position = $2 "
	        "AND o.logo IS NOT NULL");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, slug);
	db_bind_int(st, 2, position);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(out->type, sizeof(out->type), "%s", db_col_text(st, 0));
		snprintf(out->hash, sizeof(out->hash), "%s", db_col_text(st, 1));
		const void *p = db_col_blob(st, 2); /* before the length: SQLite's order */
		out->len = db_col_len(st, 2);
		if (out->len > SERIES_LOGO_MAX)
			out->len = SERIES_LOGO_MAX;
		out->data = xmalloc(out->len ? out->len : 1);
		if (out->len)
			memcpy(out->data, p, out->len);
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}
