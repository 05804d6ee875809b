/*
 * backend.h: what db.c dispatches to.  Private to src/db/: each backend
 * (sqlite.c, postgres.c) embeds `struct db` as the first member of its own
 * connection struct, and `struct db_stmt` first in its statement struct,
 * and fills one `struct db_ops` table.  db.c holds the public functions of
 * db.h and the conveniences that are the same for every backend.
 */
#ifndef OCOP_DB_BACKEND_H
#define OCOP_DB_BACKEND_H

#include "db/db.h"

struct db_ops {
	enum db_backend kind;
	int (*open)(const char *url, struct db **out, char *err, size_t errlen);
	void (*close)(struct db *db);
	const char *(*errmsg)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	/* Runs a migration's text, rewritten to the backend's dialect. */
	int (*exec_schema)(struct db *db, const char *sql);
	struct db_stmt *(*prepare)(struct db *db, const char *sql);
	void (*bind_int)(struct db_stmt *st, int i, int64_t v);
	void (*bind_textn)(struct db_stmt *st, int i, const char *s, size_t len);
	void (*bind_blob)(struct db_stmt *st, int i, const void *p, size_t len);
	void (*bind_null)(struct db_stmt *st, int i);
	int (*step)(struct db_stmt *st);
	int64_t (*col_int)(struct db_stmt *st, int i);
	const char *(*col_text)(struct db_stmt *st, int i);
	size_t (*col_len)(struct db_stmt *st, int i);
	const void *(*col_blob)(struct db_stmt *st, int i);
	enum db_type (*col_type)(struct db_stmt *st, int i);
	int (*col_count)(struct db_stmt *st);
	void (*done)(struct db_stmt *st);
	int (*begin)(struct db *db);
	int (*rollback)(struct db *db);
	bool (*is_broken)(struct db *db);
	int (*reconnect)(struct db *db);
	int (*bg_checkpoint)(struct db *db); /* NULL: nothing to do */
};

struct db {
	const struct db_ops *ops;
};

struct db_stmt {
	struct db *db;
};

/* For migrate.c: runs a migration's text in the connection's dialect. */
int db_exec_schema(struct db *db, const char *sql);

/* postgres.c, exported for its unit test: the schema rewrite (rules at the
 * top of postgres.c; the result is malloc'd) and the highest $N of a text. */
char *postgres_rewrite_schema(const char *sql);
int postgres_count_params(const char *sql);

extern const struct db_ops db_sqlite_ops;
extern const struct db_ops db_postgres_ops;

#endif
