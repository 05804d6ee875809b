/*
 * db.h: the one storage interface.  A connection prepares statements written
 * with $1-style parameters (cached per connection, keyed by the SQL text's
 * address, so callers pass string literals), binds, steps, reads columns,
 * and runs transactions.  Two backends sit behind the same functions
 * (db.c dispatches): SQLite (sqlite.c) for a path or "sqlite:PATH", and
 * PostgreSQL (postgres.c, libpq) for "postgresql://..." or "postgres://...".
 * This layer knows no domain word.
 *
 * SQL is written once, for both: $N parameters, Unix-second BIGINTs for
 * time, INTEGER 0/1 for booleans, RETURNING, ON CONFLICT.  Where the
 * dialects must differ, both texts stand side by side in a db_sql() call.
 *
 * A connection is used by one thread at a time.  Statements returned by
 * db_prepare() belong to the connection; db_done() returns one to the cache.
 *
 * One rule PostgreSQL adds: inside a transaction, a statement that fails
 * (DB_CONFLICT, DB_ERROR) aborts the transaction until it is rolled back
 * (to the savepoint).  So a write job returns at once after a failed
 * statement; to go on after a duplicate, use ON CONFLICT DO NOTHING.
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
	DB_REFERENCED, /* a foreign key said no: some row still points here */
};

enum db_backend {
	DB_SQLITE,
	DB_POSTGRES,
};

/* What a column holds in the current row (db_col_type). */
enum db_type {
	DB_T_NULL,
	DB_T_INT,
	DB_T_FLOAT,
	DB_T_TEXT,
	DB_T_BLOB,
};

struct db;
struct db_stmt;

/* Which backend a URL names: "postgresql://" and "postgres://" are
 * PostgreSQL, anything else (a path, "sqlite:PATH") SQLite. */
enum db_backend db_url_backend(const char *url);

/* Opens `url`.  Returns 0, or -1 with err filled.  SQLite connections are in
 * WAL mode with synchronous=FULL; PostgreSQL ones commit synchronously. */
int db_open(const char *url, struct db **out, char *err, size_t errlen);
void db_close(struct db *db);
const char *db_errmsg(struct db *db);
enum db_backend db_backend(struct db *db);

/* Picks the text for this connection's dialect.  Both must be string
 * literals (statements are cached by address).  The one sanctioned place
 * for SQL that only one backend understands, e.g. "FOR UPDATE SKIP LOCKED"
 * when claiming jobs. */
const char *db_sql(struct db *db, const char *sqlite_sql, const char *pg_sql);

/* True when the connection to the server was lost (PostgreSQL restarted,
 * network gone); never for SQLite.  db_reconnect() tries once to get it
 * back (prepared statements are prepared again on next use): DB_OK or
 * DB_ERROR. */
bool db_is_broken(struct db *db);
int db_reconnect(struct db *db);
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
/* DB_ROW, DB_DONE, DB_CONFLICT, DB_REFERENCED or DB_ERROR. */
int db_step(struct db_stmt *st);
/* Columns are 0-based.  Text is never NULL ("" for NULL) and lives until the
 * next step or db_done(). */
int64_t db_col_int(struct db_stmt *st, int i);
const char *db_col_text(struct db_stmt *st, int i);
size_t db_col_len(struct db_stmt *st, int i);
const void *db_col_blob(struct db_stmt *st, int i);
bool db_col_is_null(struct db_stmt *st, int i);
enum db_type db_col_type(struct db_stmt *st, int i);
int db_col_count(struct db_stmt *st);
/* Done with the statement (resets it). */
void db_done(struct db_stmt *st);

/* Single-statement conveniences: run with the bindings done, step once.
 * db_run returns DB_OK/DB_CONFLICT/DB_REFERENCED/DB_ERROR; db_one_int fills *out from
 * column 0 of the first row and returns DB_OK, DB_NOTFOUND or DB_ERROR. */
int db_run(struct db_stmt *st);
int db_one_int(struct db_stmt *st, int64_t *out);

/* Transactions.  db_begin takes the database's one write lock at once:
 * BEGIN IMMEDIATE on SQLite; on PostgreSQL, BEGIN and a transaction-level
 * advisory lock shared by every instance, so that a write transaction sees
 * the same serial order on both backends (read-then-write stays correct,
 * serial numbers stay gapless).  Reads outside transactions take no lock. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
int db_savepoint(struct db *db);         /* SAVEPOINT j */
int db_release(struct db *db, bool keep); /* RELEASE, or ROLLBACK TO and RELEASE */

/* For the one connection that writes: SQLite's checkpoints (copying the
 * WAL back into the database) move out of its commits into a thread of
 * their own, with its own connection, stopped by db_close().  DB_OK, or
 * DB_ERROR (logged) when that thread cannot start: checkpoints then stay
 * in the commits.  Nothing to do on PostgreSQL. */
int db_bg_checkpoint(struct db *db);

/* Applies the embedded migrations/NNNN_*.sql not yet recorded in
 * schema_migrations, each in its own transaction.  On PostgreSQL the whole
 * run holds a session advisory lock, so two instances migrating at once
 * take turns and the second finds nothing to do.  Returns the number
 * applied, or -1 with err filled. */
int db_migrate(struct db *db, char *err, size_t errlen);
/* The highest applied migration, 0 if none. */
int64_t db_schema_version(struct db *db);

#endif
