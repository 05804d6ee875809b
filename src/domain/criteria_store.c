/*
 * criteria_store.c: see criteria_store.h.  Two statements; the validation
 * is the registry's (criteria_registry_add_json), so a set that fails any
 * check is never stored and a stored one never replaces a good one.
 */
#include "domain/criteria_store.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/criteria.h"

#include <time.h>

int criteria_store_load(struct db *db, struct criteria_registry *reg)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, version, json FROM criteria_sets "
	                                    "ORDER BY loaded_at, id, version");
	char err[512];
	int n = 0, rc;

	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		if (criteria_registry_add_json(reg, db_col_text(st, 2), db_col_len(st, 2), err,
		                               sizeof(err)) == 0)
			n++;
		else
			log_error("criteria set '%s' version %lld from the database skipped: %s",
			          db_col_text(st, 0), (long long)db_col_int(st, 1), err);
	}
	db_done(st);
	return rc == DB_DONE ? n : -1;
}

int criteria_store_insert(struct db *db, const char *id, int version, const char *json, size_t len,
                          const char *loaded_by)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO criteria_sets (id, version, json, "
	                                    "loaded_at, loaded_by) VALUES ($1, $2, $3, $4, $5)");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, id);
	db_bind_int(st, 2, version);
	db_bind_textn(st, 3, json, len);
	db_bind_int(st, 4, (int64_t)time(NULL));
	db_bind_text(st, 5, loaded_by);
	return db_run(st);
}
