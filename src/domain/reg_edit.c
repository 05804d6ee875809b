/*
 * reg_edit.c: see reg_edit.h.
 */
#include "domain/reg_edit.h"
#include "db/db.h"
#include "domain/audit.h"
#include "domain/reg_list.h"

#include <stdio.h>

/* The registration as the audit log shows it (no personal token). */
static json_t *reg_edit_snapshot(struct db *db, const struct reg_edit *e)
{
	json_t *o = reg_list_one(db, e->series_id, e->id);

	if (o)
		json_object_del(o, "token");
	return o;
}

static int reg_edit_audit(struct db *db, const struct reg_edit *e, const char *action,
			  json_t *before)
{
	json_t *after = reg_edit_snapshot(db, e);
	char object[64];
	int rc;

	snprintf(object, sizeof(object), "registration:%lld", (long long)e->id);
	rc = after ? audit_add(db, e->who, action, object, before, after, e->now) : DB_ERROR;
	json_decref(before);
	json_decref(after);
	return rc;
}

int reg_edit_update(struct db *db, void *arg)
{
	struct reg_edit *e = arg;
	const struct reg_input *in = &e->in;
	json_t *before = reg_edit_snapshot(db, e);
	struct db_stmt *st;
	int rc;

	if (!before)
		return DB_NOTFOUND;
	st = db_prepare(db, "UPDATE registrations SET full_name = $3, name_fold = $4, email = $5, "
			    "email_norm = $6, phone = $7, province_code = $8, category = $9, "
			    "organization = $10, position = $11, updated_at = $12 "
			    "WHERE id = $1 AND series_id = $2");
	if (!st) {
		json_decref(before);
		return DB_ERROR;
	}
	db_bind_int(st, 1, e->id);
	db_bind_int(st, 2, e->series_id);
	db_bind_text(st, 3, in->full_name);
	db_bind_text(st, 4, in->name_fold);
	db_bind_text(st, 5, in->email);
	db_bind_text(st, 6, in->email_norm);
	db_bind_text(st, 7, in->phone);
	db_bind_text(st, 8, in->province_code);
	db_bind_text(st, 9, in->category);
	db_bind_text(st, 10, in->organization);
	db_bind_text(st, 11, in->position);
	db_bind_int(st, 12, e->now);
	if ((rc = db_run(st)) != DB_OK) {
		json_decref(before);
		return rc;
	}
	return reg_edit_audit(db, e, "registration.update", before);
}

int reg_edit_status(struct db *db, void *arg)
{
	struct reg_edit *e = arg;
	json_t *before = reg_edit_snapshot(db, e);
	struct db_stmt *st;
	int rc;

	if (!before)
		return DB_NOTFOUND;
	st = db_prepare(db, "UPDATE registrations SET status = $3, updated_at = $4 "
			    "WHERE id = $1 AND series_id = $2");
	if (!st) {
		json_decref(before);
		return DB_ERROR;
	}
	db_bind_int(st, 1, e->id);
	db_bind_int(st, 2, e->series_id);
	db_bind_text(st, 3, e->status);
	db_bind_int(st, 4, e->now);
	if ((rc = db_run(st)) != DB_OK) {
		json_decref(before);
		return rc;
	}
	return reg_edit_audit(db, e,
			      *e->status == 'w' ? "registration.withdraw" : "registration.reactivate",
			      before);
}
