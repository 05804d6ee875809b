/*
 * audit.c: see audit.h.
 */
#include "domain/audit.h"
#include "db/db.h"
#include "domain/account.h"

#include <stdlib.h>

int audit_add(struct db *db, const struct account *who, const char *action,
	      const char *object, json_t *before, json_t *after, int64_t now)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO audit_log (at, user_id, actor, action, "
					    "object, before_json, after_json) VALUES ($1, $2, $3, "
					    "$4, $5, $6, $7)");
	char *b = before ? json_dumps(before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char *a = after ? json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;

	if (!st) {
		free(b);
		free(a);
		return DB_ERROR;
	}
	db_bind_int(st, 1, now);
	if (who && who->id)
		db_bind_int(st, 2, who->id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, who ? who->email : "system");
	db_bind_text(st, 4, action);
	db_bind_text(st, 5, object);
	db_bind_text(st, 6, b);
	db_bind_text(st, 7, a);
	int rc = db_run(st);
	free(b);
	free(a);
	return rc;
}

json_t *audit_list(struct db *db, int64_t limit, int64_t offset)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(db, "SELECT at, actor, action, object, "
					    "COALESCE(before_json, ''), COALESCE(after_json, '') "
					    "FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2");

	if (!st)
		return list;
	db_bind_int(st, 1, limit);
	db_bind_int(st, 2, offset);
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			list, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "at",
					(json_int_t)db_col_int(st, 0), "actor", db_col_text(st, 1),
					"action", db_col_text(st, 2), "object", db_col_text(st, 3),
					"before", db_col_text(st, 4), "after", db_col_text(st, 5)));
	db_done(st);
	return list;
}
