/*
 * audit.h: the audit log of console changes: who, what, when, before and
 * after.  Written inside the same transaction as the change itself.
 */
#ifndef OCOP_AUDIT_H
#define OCOP_AUDIT_H

#include <jansson.h>
#include <stdint.h>

struct db;
struct account;

/* before/after are borrowed, may be NULL.  DB_OK or DB_ERROR. */
int audit_add(struct db *db, const struct account *who, const char *action,
	      const char *object, json_t *before, json_t *after, int64_t now);
/* The newest entries first, `limit` of them from `offset`, as
 * [{at, actor, action, object, before, after}]. */
json_t *audit_list(struct db *db, int64_t limit, int64_t offset);

#endif
