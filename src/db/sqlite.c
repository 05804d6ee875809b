/*
 * sqlite.c: the SQLite backend of db.h.
 *
 * Each connection keeps its prepared statements in a small open-addressed
 * table keyed by the address of the SQL text (callers pass literals), so a
 * statement is compiled once per connection.  $N parameters are rewritten
 * to SQLite's ?N once, at prepare time, outside string literals.
 *
 * Durability: WAL with synchronous=FULL, so a COMMIT that returned is on
 * disk.  The cost of that fsync is shared by group commit (db/writer.c);
 * this file does not know about it.
 */
#include "db/db.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_CACHE_SIZE 256 /* power of two, more than the statements we have */

struct db_stmt {
	sqlite3_stmt *st;
	struct db *db;
	const char *key;
	bool busy;
};

struct db {
	sqlite3 *h;
	struct db_stmt cache[DB_CACHE_SIZE];
};

int db_open(const char *url, struct db **out, char *err, size_t errlen)
{
	const char *path = url;
	struct db *db;

	if (strncmp(path, "sqlite:", 7) == 0)
		path += 7;
	db = xcalloc(1, sizeof(*db));
	if (sqlite3_open_v2(path, &db->h,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
			 db->h ? sqlite3_errmsg(db->h) : "out of memory");
		sqlite3_close(db->h);
		free(db);
		return -1;
	}
	sqlite3_busy_timeout(db->h, 10000);
	sqlite3_extended_result_codes(db->h, 1);
	if (db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
			"PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
			"PRAGMA cache_size=-16000") != DB_OK) {
		snprintf(err, errlen, "cannot set up '%s': %s", path, sqlite3_errmsg(db->h));
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < DB_CACHE_SIZE; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h);
	free(db);
}

const char *db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->h);
}

const char *db_dialect(struct db *db)
{
	(void)db;
	return "sqlite";
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		log_error("sql failed: %s", msg ? msg : sqlite3_errmsg(db->h));
		sqlite3_free(msg);
		return DB_ERROR;
	}
	return DB_OK;
}

/* $N -> ?N outside quotes. */
static char *sqlite_rewrite(const char *sql)
{
	struct buf b;
	char quote = 0;

	buf_init(&b, 0);
	for (const char *p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '$' && p[1] >= '0' && p[1] <= '9') {
			buf_addc(&b, '?');
			continue;
		}
		buf_addc(&b, *p);
	}
	return buf_detach(&b, NULL);
}

struct db_stmt *db_prepare(struct db *db, const char *sql)
{
	size_t h = ((uintptr_t)sql >> 3) * 0x9E3779B97F4A7C15ull;
	size_t i = (h >> 32) & (DB_CACHE_SIZE - 1);

	for (int probe = 0; probe < DB_CACHE_SIZE; probe++, i = (i + 1) & (DB_CACHE_SIZE - 1)) {
		struct db_stmt *s = &db->cache[i];

		if (s->key == sql && !s->busy) {
			s->busy = true;
			return s;
		}
		if (s->key)
			continue;
		char *text = sqlite_rewrite(sql);
		int rc = sqlite3_prepare_v3(db->h, text, -1, SQLITE_PREPARE_PERSISTENT, &s->st,
					    NULL);
		free(text);
		if (rc != SQLITE_OK) {
			log_error("cannot prepare: %s: %.120s", sqlite3_errmsg(db->h), sql);
			s->st = NULL;
			return NULL;
		}
		s->key = sql;
		s->db = db;
		s->busy = true;
		return s;
	}
	log_error("statement cache full");
	return NULL;
}

void db_bind_int(struct db_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(st->st, i, v);
}

void db_bind_text(struct db_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st->st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st->st, i);
}

void db_bind_textn(struct db_stmt *st, int i, const char *s, size_t len)
{
	sqlite3_bind_text64(st->st, i, s, len, SQLITE_TRANSIENT, SQLITE_UTF8);
}

void db_bind_blob(struct db_stmt *st, int i, const void *p, size_t len)
{
	sqlite3_bind_blob64(st->st, i, p, len, SQLITE_TRANSIENT);
}

void db_bind_null(struct db_stmt *st, int i)
{
	sqlite3_bind_null(st->st, i);
}

int db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(st->st);

	switch (rc) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return DB_CONFLICT;
	default:
		log_error("sql step failed: %s", sqlite3_errmsg(st->db->h));
		return DB_ERROR;
	}
}

int64_t db_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(st->st, i);
}

const char *db_col_text(struct db_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st->st, i);

	return t ? (const char *)t : "";
}

size_t db_col_len(struct db_stmt *st, int i)
{
	return (size_t)sqlite3_column_bytes(st->st, i);
}

const void *db_col_blob(struct db_stmt *st, int i)
{
	return sqlite3_column_blob(st->st, i);
}

bool db_col_is_null(struct db_stmt *st, int i)
{
	return sqlite3_column_type(st->st, i) == SQLITE_NULL;
}

void db_done(struct db_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
	st->busy = false;
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
	return db_exec(db, "BEGIN IMMEDIATE");
}

int db_commit(struct db *db)
{
	return db_exec(db, "COMMIT");
}

int db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->h))
		return DB_OK;
	return db_exec(db, "ROLLBACK");
}

int db_savepoint(struct db *db)
{
	return db_exec(db, "SAVEPOINT j");
}

int db_release(struct db *db, bool keep)
{
	if (keep)
		return db_exec(db, "RELEASE j");
	if (db_exec(db, "ROLLBACK TO j") != DB_OK)
		return DB_ERROR;
	return db_exec(db, "RELEASE j");
}
