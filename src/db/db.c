/*
 * db.c: the public functions of db.h, dispatched to the backend that opened
 * the connection (see backend.h), and the conveniences that are written once
 * for both: db_run, db_one_int, the savepoint verbs, db_sql.
 * Exports what db.h declares; no SQL dialect of its own beyond the standard
 * COMMIT / SAVEPOINT / RELEASE / ROLLBACK TO that both accept.
 */
#include "db/backend.h"

#include <string.h>

enum db_backend db_url_backend(const char *url)
{
	if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
		return DB_POSTGRES;
	return DB_SQLITE;
}

int db_open(const char *url, struct db **out, char *err, size_t errlen)
{
	const struct db_ops *ops =
	    db_url_backend(url) == DB_POSTGRES ? &db_postgres_ops : &db_sqlite_ops;

	return ops->open(url, out, err, errlen);
}

void db_close(struct db *db)
{
	if (db)
		db->ops->close(db);
}

const char *db_errmsg(struct db *db)
{
	return db->ops->errmsg(db);
}

enum db_backend db_backend(struct db *db)
{
	return db->ops->kind;
}

const char *db_sql(struct db *db, const char *sqlite_sql, const char *pg_sql)
{
	return db->ops->kind == DB_POSTGRES ? pg_sql : sqlite_sql;
}

bool db_is_broken(struct db *db)
{
	return db->ops->is_broken(db);
}

int db_reconnect(struct db *db)
{
	return db->ops->reconnect(db);
}

int db_exec(struct db *db, const char *sql)
{
	return db->ops->exec(db, sql);
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	return db->ops->prepare(db, sql);
}

void db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	st->db->ops->bind_int(st, i, v);
}

void db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (s)
		st->db->ops->bind_textn(st, i, s, strlen(s));
	else
		st->db->ops->bind_null(st, i);
}

void db_bind_textn(struct db_stmt *st, int i, const char *s, size_t len)
{
	st->db->ops->bind_textn(st, i, s, len);
}

void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t len)
{
	st->db->ops->bind_blob(st, i, p, len);
}

void db_bind_null(struct db_stmt *st, int i)
{
	st->db->ops->bind_null(st, i);
}

int db_step(struct db_stmt *st)
{
	return st->db->ops->step(st);
}

int64_t db_col_int(struct db_stmt *st, int i)
{
	return st->db->ops->col_int(st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	return st->db->ops->col_text(st, i);
}

size_t db_col_len(struct db_stmt *st, int i)
{
	return st->db->ops->col_len(st, i);
}

const void *db_col_blob(struct db_stmt *st, int i)
{
	return st->db->ops->col_blob(st, i);
}

bool db_col_is_null(struct db_stmt *st, int i)
{
	return st->db->ops->col_type(st, i) == DB_T_NULL;
}

enum db_type db_col_type(struct db_stmt *st, int i)
{
	return st->db->ops->col_type(st, i);
}

int db_col_count(struct db_stmt *st)
{
	return st->db->ops->col_count(st);
}

void db_done(struct db_stmt *st)
{
	if (st)
		st->db->ops->done(st);
}

int db_run(struct db_stmt *st)
{
	int rc = db_step(st);

	db_done(st);
	return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

int db_one_int(struct db_stmt *st, int64_t *out)
{
	int rc = db_step(st);

	if (rc == DB_ROW)
		*out = db_col_int(st, 0);
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

int db_begin(struct db *db)
{
	return db->ops->begin(db);
}

/* Transaction control.  On SQLite through cached statements: the group
 * commit runs a savepoint pair for every job, and sqlite3_exec would
 * compile them each time.  PostgreSQL gets them as plain commands. */
static int db_control(struct db *db, const char *sql)
{
	if (db->ops->kind == DB_SQLITE) {
		struct db_stmt *st = db_prepare(db, sql);
		return st ? db_run(st) : DB_ERROR;
	}
	return db_exec(db, sql);
}

int db_commit(struct db *db)
{
	return db_control(db, "COMMIT");
}

int db_rollback(struct db *db)
{
	return db->ops->rollback(db);
}

int db_savepoint(struct db *db)
{
	return db_control(db, "SAVEPOINT j");
}

int db_release(struct db *db, bool keep)
{
	if (keep)
		return db_control(db, "RELEASE j");
	if (db_control(db, "ROLLBACK TO j") != DB_OK)
		return DB_ERROR;
	return db_control(db, "RELEASE j");
}

int db_bg_checkpoint(struct db *db)
{
	return db->ops->bg_checkpoint ? db->ops->bg_checkpoint(db) : DB_OK;
}

int db_exec_schema(struct db *db, const char *sql)
{
	return db->ops->exec_schema(db, sql);
}

const char *db_dialect(struct db *db)
{
	return db->ops->kind == DB_SQLITE ? "sqlite" : "postgres";
}
