/*
 * series_member.c: who works on a series (series_members), declared in
 * series_edit.h.  Admins see every series without being members; this
 * table gives organizers and viewers their series.
 */
#include "domain/series_edit.h"
#include "db/db.h"
#include "domain/audit.h"

#include <stdio.h>

json_t *series_members_load(struct db *db, int64_t series_id)
{
	json_t *a = json_array();
	struct db_stmt *st =
	    db_prepare(db, "SELECT u.id, u.email, u.role FROM series_members m "
	                   "JOIN users u ON u.id = m.user_id WHERE m.series_id = $1 "
	                   "ORDER BY u.email");

	if (!st)
		return a;
	db_bind_int(st, 1, series_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:I, s:s, s:s}", "user_id",
		                                   (json_int_t)db_col_int(st, 0), "email",
		                                   db_col_text(st, 1), "role", db_col_text(st, 2)));
	db_done(st);
	return a;
}

static int series_member_user(struct db *db, const char *email, int64_t *id)
{
	struct db_stmt *st = db_prepare(db, "SELECT id FROM users WHERE lower(email) = lower($1)");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, email);
	return db_one_int(st, id);
}

int series_member_save(struct db *db, void *arg)
{
	struct series_member_job *j = arg;
	int64_t user_id = 0, n = 0;
	int rc = series_member_user(db, j->email, &user_id);
	struct db_stmt *st;

	if (rc != DB_OK)
		return rc;
	if (j->add)
		st = db_prepare(db,
		                "INSERT INTO series_members (series_id, user_id) VALUES ($1, $2) "
		                "ON CONFLICT DO NOTHING RETURNING user_id");
	else
		st = db_prepare(db, "DELETE FROM series_members WHERE series_id = $1 AND "
		                    "user_id = $2 RETURNING user_id");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->series_id);
	db_bind_int(st, 2, user_id);
	rc = db_one_int(st, &n);
	if (rc == DB_NOTFOUND)
		return j->add ? DB_CONFLICT : DB_NOTFOUND;
	if (rc != DB_OK)
		return rc;
	char object[64];
	snprintf(object, sizeof(object), "series/%lld/members", (long long)j->series_id);
	json_t *who = json_pack("{s:s}", "email", j->email);
	rc = audit_add(db, j->who, j->add ? "member.add" : "member.remove", object,
	               j->add ? NULL : who, j->add ? who : NULL, j->now);
	json_decref(who);
	return rc;
}
