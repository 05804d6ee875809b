/*
 * migrate.c: applies the numbered SQL files embedded from migrations/
 * (NNNN_name.sql), in order, each in its own transaction together with its
 * row in schema_migrations, so a crash leaves either all of a migration or
 * none of it.
 *
 * A migration is applied when its version is not recorded yet, not when it
 * is above the highest recorded one: numbers are handed out to branches
 * developed side by side (0007 may land before 0004), and a database that
 * already has 0007 must still get 0004 when it arrives.  Migrations are
 * therefore written to be independent of the ones numbered between them.
 * The text goes through the backend (db_exec_schema), which
 * on PostgreSQL rewrites SQLite's types (see postgres.c).
 *
 * On PostgreSQL the run holds a session advisory lock: instances started
 * together apply each migration once, the others wait and find it done.
 *
 * Where a backend needs its own text (a search index), the file holds both
 * side by side: lines from "-- @sqlite" or "-- @postgres" to "-- @end" run
 * only on that backend (db_dialect()); the rest runs on both.
 */
#include "db/backend.h"
#include "core/buf.h"
#include "core/embed.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int migrate_cmp(const void *a, const void *b)
{
	const struct embed *x = *(const struct embed *const *)a;
	const struct embed *y = *(const struct embed *const *)b;

	return strcmp(x->name, y->name);
}

int64_t db_schema_version(struct db *db)
{
	int64_t v = 0;
	struct db_stmt *st = db_prepare(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");

	if (!st || db_one_int(st, &v) != DB_OK)
		return 0;
	return v;
}

static int migrate_run(struct db *db, char *err, size_t errlen);

/* Any constant will do; every ocop instance uses this one. */
#define MIGRATE_LOCK "SELECT pg_advisory_lock(7262773001)"
#define MIGRATE_UNLOCK "SELECT pg_advisory_unlock(7262773001)"

/* The text of a migration for this backend: the other dialects' blocks
 * dropped.  Owned by the caller (free). */
static char *migrate_text(struct db *db, const char *sql, size_t len)
{
	const char *dialect = db_dialect(db), *end = sql + len;
	struct buf b;
	bool skip = false;

	buf_init(&b, 0);
	for (const char *p = sql; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);

		if (n >= 5 && strncmp(p, "-- @", 4) == 0) {
			size_t w = strcspn(p + 4, " \r\n");
			skip = !(w == 3 && strncmp(p + 4, "end", 3) == 0) &&
			       !(w == strlen(dialect) && strncmp(p + 4, dialect, w) == 0);
		} else if (!skip) {
			buf_add(&b, p, n);
		}
		p += n;
	}
	return buf_detach(&b, NULL);
}

int db_migrate(struct db *db, char *err, size_t errlen)
{
	int rc;

	if (db_exec(db, db_sql(db, "SELECT 1", MIGRATE_LOCK)) != DB_OK) {
		snprintf(err, errlen, "cannot take the migration lock: %s", db_errmsg(db));
		return -1;
	}
	rc = migrate_run(db, err, errlen);
	db_exec(db, db_sql(db, "SELECT 1", MIGRATE_UNLOCK));
	return rc;
}

static int migrate_run(struct db *db, char *err, size_t errlen)
{
	const struct embed *files[256];
	size_t n = 0;
	int applied = 0;

	/* version is given explicitly: BIGINT, not the rowid/identity. */
	if (db_exec(db, "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY "
			"KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)") != DB_OK) {
		snprintf(err, errlen, "cannot create schema_migrations: %s", db_errmsg(db));
		return -1;
	}
	for (size_t i = 0; i < embed_count && n < 256; i++)
		if (strncmp(embed_files[i].name, "migrations/", 11) == 0)
			files[n++] = &embed_files[i];
	qsort(files, n, sizeof(files[0]), migrate_cmp);

	for (size_t i = 0; i < n; i++) {
		const char *base = files[i]->name + 11;
		int64_t version = strtoll(base, NULL, 10), one = 0;
		struct db_stmt *seen =
			db_prepare(db, "SELECT 1 FROM schema_migrations WHERE version = $1");

		if (!seen) {
			snprintf(err, errlen, "cannot read schema_migrations: %s", db_errmsg(db));
			return -1;
		}
		db_bind_int(seen, 1, version);
		if (db_one_int(seen, &one) == DB_OK)
			continue;
		char *text = migrate_text(db, (const char *)files[i]->data, files[i]->len);
		if (db_begin(db) != DB_OK || db_exec_schema(db, text) != DB_OK) {
			snprintf(err, errlen, "migration '%s' failed: %s", base, db_errmsg(db));
			free(text);
			db_rollback(db);
			return -1;
		}
		free(text);
		struct db_stmt *st = db_prepare(db, "INSERT INTO schema_migrations (version, name, "
						    "applied_at) VALUES ($1, $2, $3)");
		if (!st) {
			db_rollback(db);
			snprintf(err, errlen, "cannot record migration '%s'", base);
			return -1;
		}
		db_bind_int(st, 1, version);
		db_bind_text(st, 2, base);
		db_bind_int(st, 3, (int64_t)time(NULL));
		if (db_run(st) != DB_OK || db_commit(db) != DB_OK) {
			snprintf(err, errlen, "cannot record migration '%s': %s", base,
				 db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		applied++;
	}
	return applied;
}
