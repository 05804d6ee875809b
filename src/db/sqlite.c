/*
 * sqlite.c: the SQLite backend of db.h.
 *
 * Each connection keeps its prepared statements in a small open-addressed
 * table keyed by the address of the SQL text (callers pass literals), so a
 * statement is compiled once per connection.  $N parameters are rewritten
 * to SQLite's ?N once, at prepare time, outside string literals.
 *
 * Reached through db.c's dispatch (struct db_ops at the end of the file);
 * the functions here are static.  Migrations run unchanged: the schema is
 * written in SQLite's types (INTEGER PRIMARY KEY is the rowid).
 *
 * Durability: WAL with synchronous=FULL, so a COMMIT that returned is on
 * disk.  The cost of that fsync is shared by group commit (db/writer.c);
 * this file does not know about it.
 *
 * Checkpoints: SQLite copies the WAL back into the database from inside
 * the COMMIT that takes the WAL past 1,000 frames, so one commit in a few
 * pays for reading and writing back every page the others wrote, and its
 * fsync: a fifth of the group-commit thread's time under a registration
 * rush.  lite_bg_checkpoint() hands that to a thread of the connection's
 * own, with a connection of its own, which runs PASSIVE checkpoints (they
 * never block the writer, nor wait for readers) whenever the writer's
 * commits take the WAL past LITE_CKPT_FRAMES.
 *
 * A WAL starts again from its beginning only when a write transaction
 * begins with every frame checkpointed; under steady writes the thread
 * never quite catches up with the commits made while it copies.  So once
 * it is within LITE_CKPT_TAIL frames of the end, the writer copies that
 * tail itself after its commit (a few hundred pages at most), and the
 * next transaction rewinds the WAL.  Should the thread fall far behind,
 * the writer checkpoints everything itself, as SQLite would.
 */
#include "db/backend.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DB_CACHE_SIZE 256 /* power of two, more than the statements we have */

struct lite_stmt {
	struct db_stmt base;
	sqlite3_stmt *st;
	const char *key;
	bool busy;
};

#define LITE_CKPT_FRAMES 4000 /* 16 MB of WAL: hot pages copied once per 4,000 frames */
#define LITE_CKPT_TAIL 512
#define LITE_CKPT_FALLBACK_FRAMES 16000 /* ~64 MB of WAL: the writer steps in */

/* The background checkpointer of one writing connection. */
struct lite_ckpt {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	sqlite3 *h; /* its own connection */
	bool due, stopping;
	int log, done; /* frames in the WAL and checkpointed, at its last pass */
	unsigned gen;  /* bumped by the writer's own checkpoints: the WAL rewinds */
};

struct lite {
	struct db base;
	sqlite3 *h;
	char *path;
	struct lite_ckpt *ckpt;
	struct lite_stmt cache[DB_CACHE_SIZE];
};

#define LITE(d) ((struct lite *)(d))
#define LST(s) ((struct lite_stmt *)(s))

static int lite_exec(struct db *d, const char *sql);
static void lite_close(struct db *d);

/* Once per process, before the first connection: no memory statistics,
 * which SQLite otherwise keeps under one global mutex taken on every
 * allocation of every connection (~7 % of the group-commit thread's time,
 * contended by the readers).  Nothing here reads those statistics. */
static void lite_global_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int lite_open(const char *url, struct db **out, char *err, size_t errlen)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	const char *path = url;
	struct lite *db;

	pthread_once(&once, lite_global_init);
	if (strncmp(path, "sqlite:", 7) == 0)
		path += 7;
	db = xcalloc(1, sizeof(*db));
	db->base.ops = &db_sqlite_ops;
	db->path = xstrdup(path);
	if (sqlite3_open_v2(path, &db->h,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		snprintf(err, errlen, "cannot open '%s': %s", path,
			 db->h ? sqlite3_errmsg(db->h) : "out of memory");
		sqlite3_close(db->h);
		free(db->path);
		free(db);
		return -1;
	}
	sqlite3_busy_timeout(db->h, 10000);
	sqlite3_extended_result_codes(db->h, 1);
	if (lite_exec(&db->base, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
				 "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
				 "PRAGMA cache_size=-16000") != DB_OK) {
		snprintf(err, errlen, "cannot set up '%s': %s", path, sqlite3_errmsg(db->h));
		lite_close(&db->base);
		return -1;
	}
	*out = &db->base;
	return 0;
}

static void lite_ckpt_stop(struct lite *db);

static void lite_close(struct db *d)
{
	struct lite *db = LITE(d);

	lite_ckpt_stop(db);
	for (int i = 0; i < DB_CACHE_SIZE; i++)
		sqlite3_finalize(db->cache[i].st);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

static void *lite_ckpt_main(void *arg)
{
	struct lite_ckpt *c = arg;

	pthread_mutex_lock(&c->lock);
	for (;;) {
		while (!c->due && !c->stopping)
			pthread_cond_wait(&c->wake, &c->lock);
		if (c->stopping)
			break;
		c->due = false;
		unsigned gen = c->gen;
		pthread_mutex_unlock(&c->lock);
		int log = 0, done = 0;
		int rc = sqlite3_wal_checkpoint_v2(c->h, NULL, SQLITE_CHECKPOINT_PASSIVE, &log,
						   &done);
		if (rc != SQLITE_OK && rc != SQLITE_BUSY)
			log_error("checkpoint failed: %s", sqlite3_errmsg(c->h));
		pthread_mutex_lock(&c->lock);
		if (gen == c->gen) { /* else about a WAL since rewound */
			c->log = log;
			c->done = done;
		}
	}
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* Called by SQLite after each commit of the writing connection, with the
 * frames now in the WAL. */
static int lite_wal_hook(void *arg, sqlite3 *h, const char *name, int frames)
{
	struct lite_ckpt *c = arg;
	bool tail = false;

	if (frames < LITE_CKPT_FRAMES)
		return SQLITE_OK;
	pthread_mutex_lock(&c->lock);
	/* The thread's last pass (on this WAL: see gen) left only a short
	 * tail: the writer finishes it. */
	tail = c->done > 0 && c->done >= frames - LITE_CKPT_TAIL;
	if (!tail) {
		c->due = true;
		pthread_cond_signal(&c->wake);
	}
	pthread_mutex_unlock(&c->lock);
	if (tail || frames >= LITE_CKPT_FALLBACK_FRAMES) {
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&c->lock);
		c->gen++;
		c->log = c->done = 0;
		pthread_mutex_unlock(&c->lock);
	}
	return SQLITE_OK;
}

static int lite_bg_checkpoint(struct db *d)
{
	struct lite *db = LITE(d);
	struct lite_ckpt *c;

	if (db->ckpt)
		return DB_OK;
	c = xcalloc(1, sizeof(*c));
	if (sqlite3_open_v2(db->path, &c->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		log_error("cannot open '%s' for checkpoints: %s", db->path,
			  c->h ? sqlite3_errmsg(c->h) : "out of memory");
		sqlite3_close(c->h);
		free(c);
		return DB_ERROR;
	}
	sqlite3_busy_timeout(c->h, 10000);
	/* A connection that has read nothing has no WAL open yet, and its
	 * checkpoints do nothing. */
	if (sqlite3_exec(c->h, "SELECT COUNT(*) FROM sqlite_master", NULL, NULL, NULL) != SQLITE_OK) {
		log_error("cannot read '%s' for checkpoints: %s", db->path, sqlite3_errmsg(c->h));
		sqlite3_close(c->h);
		free(c);
		return DB_ERROR;
	}
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->wake, NULL);
	if (pthread_create(&c->thread, NULL, lite_ckpt_main, c) != 0) {
		sqlite3_close(c->h);
		pthread_mutex_destroy(&c->lock);
		pthread_cond_destroy(&c->wake);
		free(c);
		return DB_ERROR;
	}
	db->ckpt = c;
	/* Replaces the automatic checkpoint, which is itself a WAL hook. */
	sqlite3_wal_hook(db->h, lite_wal_hook, c);
	return DB_OK;
}

static void lite_ckpt_stop(struct lite *db)
{
	struct lite_ckpt *c = db->ckpt;

	if (!c)
		return;
	sqlite3_wal_hook(db->h, NULL, NULL);
	pthread_mutex_lock(&c->lock);
	c->stopping = true;
	pthread_cond_signal(&c->wake);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread, NULL);
	sqlite3_close(c->h);
	pthread_mutex_destroy(&c->lock);
	pthread_cond_destroy(&c->wake);
	free(c);
	db->ckpt = NULL;
}

static const char *lite_errmsg(struct db *d)
{
	return sqlite3_errmsg(LITE(d)->h);
}

static int lite_exec(struct db *d, const char *sql)
{
	struct lite *db = LITE(d);
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

static struct db_stmt *lite_prepare(struct db *d, const char *sql)
{
	struct lite *db = LITE(d);
	size_t h = ((uintptr_t)sql >> 3) * 0x9E3779B97F4A7C15ull;
	size_t i = (h >> 32) & (DB_CACHE_SIZE - 1);

	for (int probe = 0; probe < DB_CACHE_SIZE; probe++, i = (i + 1) & (DB_CACHE_SIZE - 1)) {
		struct lite_stmt *s = &db->cache[i];

		if (s->key == sql && !s->busy) {
			s->busy = true;
			return &s->base;
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
		s->base.db = d;
		s->busy = true;
		return &s->base;
	}
	log_error("statement cache full");
	return NULL;
}

static void lite_bind_int(struct db_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(LST(st)->st, i, v);
}

static void lite_bind_textn(struct db_stmt *st, int i, const char *s, size_t len)
{
	sqlite3_bind_text64(LST(st)->st, i, s, len, SQLITE_TRANSIENT, SQLITE_UTF8);
}

static void lite_bind_blob(struct db_stmt *st, int i, const void *p, size_t len)
{
	sqlite3_bind_blob64(LST(st)->st, i, p, len, SQLITE_TRANSIENT);
}

static void lite_bind_null(struct db_stmt *st, int i)
{
	sqlite3_bind_null(LST(st)->st, i);
}

static int lite_step(struct db_stmt *st)
{
	int rc = sqlite3_step(LST(st)->st);

	switch (rc) {
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY:
		return DB_CONFLICT;
	case SQLITE_CONSTRAINT_FOREIGNKEY:
		return DB_REFERENCED; /* callers decide; not an error to log */
	default:
		log_error("sql step failed: %s", sqlite3_errmsg(LITE(st->db)->h));
		return DB_ERROR;
	}
}

static int64_t lite_col_int(struct db_stmt *st, int i)
{
	return sqlite3_column_int64(LST(st)->st, i);
}

static const char *lite_col_text(struct db_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(LST(st)->st, i);

	return t ? (const char *)t : "";
}

static size_t lite_col_len(struct db_stmt *st, int i)
{
	return (size_t)sqlite3_column_bytes(LST(st)->st, i);
}

static const void *lite_col_blob(struct db_stmt *st, int i)
{
	return sqlite3_column_blob(LST(st)->st, i);
}

static enum db_type lite_col_type(struct db_stmt *st, int i)
{
	switch (sqlite3_column_type(LST(st)->st, i)) {
	case SQLITE_INTEGER:
		return DB_T_INT;
	case SQLITE_FLOAT:
		return DB_T_FLOAT;
	case SQLITE_BLOB:
		return DB_T_BLOB;
	case SQLITE_NULL:
		return DB_T_NULL;
	default:
		return DB_T_TEXT;
	}
}

static int lite_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(LST(st)->st);
}

static void lite_done(struct db_stmt *st)
{
	sqlite3_reset(LST(st)->st);
	sqlite3_clear_bindings(LST(st)->st);
	LST(st)->busy = false;
}

static int lite_begin(struct db *db)
{
	return lite_exec(db, "BEGIN IMMEDIATE");
}

static int lite_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(LITE(db)->h))
		return DB_OK;
	return lite_exec(db, "ROLLBACK");
}

static bool lite_is_broken(struct db *db)
{
	(void)db;
	return false;
}

static int lite_reconnect(struct db *db)
{
	(void)db;
	return DB_OK;
}

const struct db_ops db_sqlite_ops = {
	.kind = DB_SQLITE,
	.open = lite_open,
	.close = lite_close,
	.errmsg = lite_errmsg,
	.exec = lite_exec,
	.exec_schema = lite_exec,
	.prepare = lite_prepare,
	.bind_int = lite_bind_int,
	.bind_textn = lite_bind_textn,
	.bind_blob = lite_bind_blob,
	.bind_null = lite_bind_null,
	.step = lite_step,
	.col_int = lite_col_int,
	.col_text = lite_col_text,
	.col_len = lite_col_len,
	.col_blob = lite_col_blob,
	.col_type = lite_col_type,
	.col_count = lite_col_count,
	.done = lite_done,
	.begin = lite_begin,
	.rollback = lite_rollback,
	.is_broken = lite_is_broken,
	.reconnect = lite_reconnect,
	.bg_checkpoint = lite_bg_checkpoint,
};
