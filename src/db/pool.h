/*
 * pool.h: a fixed-size pool of connections to one database, for the server
 * threads' reads.  Connections are opened on first need, handed to one
 * thread at a time, and checked on the way out: a connection found broken
 * (the PostgreSQL server restarted) is reconnected before it is handed out
 * again; if that fails the caller gets NULL and answers 503.
 *
 * A connection is held only while a request runs on its thread (never
 * across a suspension), so `size` at least the number of server threads
 * means nobody waits; a smaller pool makes threads take turns.
 */
#ifndef OCOP_DB_POOL_H
#define OCOP_DB_POOL_H

#include "db/db.h"

struct db_pool;

/* `url` is borrowed and must outlive the pool.  size >= 1. */
struct db_pool *db_pool_new(const char *url, unsigned size);
/* Closes every connection; none may be out. */
void db_pool_free(struct db_pool *p);
/* A connection for this thread, waiting up to wait_ms for one to be free;
 * NULL (logged) when none could be had or opened. */
struct db *db_pool_get(struct db_pool *p, unsigned wait_ms);
/* Gives it back.  NULL is ignored. */
void db_pool_put(struct db_pool *p, struct db *db);

#endif
