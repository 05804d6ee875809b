/*
 * criteria_store.h: criteria sets kept in the database (table
 * criteria_sets), so a set loaded once with `ocop criteria load` is known to
 * every later run and to the server.  The registry (criteria.h) stays the
 * only place sets are parsed and validated; this file moves JSON text
 * between the database and the registry.
 */
#ifndef OCOP_CRITERIA_STORE_H
#define OCOP_CRITERIA_STORE_H

#include <stddef.h>

struct db;
struct criteria_registry;

/*
 * Adds every stored set to reg, in the order they were loaded.  A stored
 * set the registry now refuses (say, a shipped set overtook its version)
 * is skipped and logged; the others still load.  Returns the number of
 * sets added, or -1 if the table cannot be read.
 */
int criteria_store_load(struct db *db, struct criteria_registry *reg);

/*
 * Stores a set that the registry has just accepted: json (len bytes,
 * borrowed) under id and version, with who loaded it.  Returns DB_OK,
 * DB_CONFLICT when that id and version are stored already, or DB_ERROR.
 */
int criteria_store_insert(struct db *db, const char *id, int version, const char *json, size_t len,
                          const char *loaded_by);

#endif
