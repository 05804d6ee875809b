/*
 * db.h: the one storage interface.  A connection prepares statements written
 * with $1-style parameters (cached per connection, keyed by the SQL text's
 * address, so callers pass string literals), binds, steps, reads columns,
 * and runs transactions.  SQLite is behind it (sqlite.c); PostgreSQL comes
 * next behind the same functions.  This layer knows no domain word.
 *
 * A connection is used by one thread at a time.  Statements returned by
 * db_prepare() belong to the connection; db_done() returns one to the cache.
 */
#ifndef OCOP_DB_H
#define OCOP_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum db_rc {
	DB_OK = 0,
	DB_ROW,      /* db_step: a row is ready */
	DB_DONE,     /* db_step: no more rows */
	DB_NOTFOUND, /* domain: nothing matched */
	DB_CONFLICT, /* a unique constraint said no */
	DB_ERROR,    /* anything else; see db_errmsg() */
};

struct db;
struct db_stmt;

/* Opens `url` (a path, or "sqlite:PATH").  Returns 0, or -1 with err filled.
 * The connection is in WAL mode with synchronous=FULL. */
int db_open(const char *url, struct db **out, char *err, size_t errlen);
void db_close(struct db *db);
const char *db_errmsg(struct db *db);
/* "sqlite" or "postgres": for the few places where both SQL texts are kept
 * side by side (migrations, search). */
const char *db_dialect(struct db *db);

/* Runs SQL without parameters, possibly several statements. */
int db_exec(struct db *db, const char *sql);

/* Returns the cached statement for `sql` (compared by address, then text),
 * reset and with bindings cleared; NULL on error (logged).  Parameters are
 * $1..$N. */
struct db_stmt *db_prepare(struct db *db, const char *sql);
void db_bind_int(struct db_stmt *st, int i, int64_t v);
void db_bind_text(struct db_stmt *st, int i, const char *s); /* NULL binds NULL */
void db_bind_textn(struct db_stmt *st, int i, const char *s, size_t len);
void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t len);
void db_bind_null(struct db_stmt *st, int i);
/* DB_ROW, DB_DONE, DB_CONFLICT or DB_ERROR. */
int db_step(struct db_stmt *st);
/* Columns are 0-based.  Text is never NULL ("" for NULL) and lives until the
 * next step or db_done(). */
int64_t db_col_int(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);
size_t db_col_len(struct db_stmt *st, int i);
const void *db_col_blob(struct db_stmt *st, int i);
bool db_col_is_null(struct db_stmt *st, int i);
/* Done with the statement (resets it). */
void db_done(struct db_stmt *st);

/* Single-statement conveniences: run with the bindings done, step once.
 * db_run returns DB_OK/DB_CONFLICT/DB_ERROR; db_one_int fills *out from
 * column 0 of the first row and returns DB_OK, DB_NOTFOUND or DB_ERROR. */
int db_run(struct db_stmt *st);
int db_one_int(struct db_stmt *st, int64_t *out);

/* Transactions.  db_begin takes the write lock at once (BEGIN IMMEDIATE). */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
int db_savepoint(struct db *db);         /* SAVEPOINT j */
int db_release(struct db *db, bool keep); /* RELEASE, or ROLLBACK TO and RELEASE */

/* Applies the embedded migrations/NNNN_*.sql not yet recorded in
 * schema_migrations, each in its own transaction.  Returns the number
 * applied, or -1 with err filled. */
int db_migrate(struct db *db, char *err, size_t errlen);
/* The highest applied migration, 0 if none. */
int64_t db_schema_version(struct db *db);

#endif
