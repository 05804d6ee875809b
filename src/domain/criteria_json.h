/*
 * criteria_json.h: internal to src/domain/criteria*.c, not an API.  Checked
 * getters over jansson values that write "PATH: reason" into the caller's
 * error buffer and return -1, so parsers read as a chain of ||.
 */
#ifndef OCOP_CRITERIA_JSON_H
#define OCOP_CRITERIA_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "domain/criteria.h"

#define CRITERIA_JSON_PATH_MAX 96
#define CRITERIA_JSON_TEXT_MAX 4000 /* bytes of one label, title or guidance */

struct criteria_json {
	struct criteria_set *s; /* strings are copied into s->arena */
	char *err;
	size_t errlen;
};

/* Formats the reason into p->err; returns -1. */
int criteria_json_fail(struct criteria_json *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Refuses keys outside allowed (NULL-terminated) besides source, notes, *_source. */
int criteria_json_keys(struct criteria_json *p, json_t *obj, const char *path,
                       const char *const *allowed);
int criteria_json_object(struct criteria_json *p, json_t *v, const char *path);
/* A non-empty string without NUL, copied; NULL when absent and not required. */
int criteria_json_str(struct criteria_json *p, json_t *obj, const char *key, const char *path,
                      bool required, const char **out);
/* A required integer in lo..hi. */
int criteria_json_int(struct criteria_json *p, json_t *obj, const char *key, const char *path,
                      int lo, int hi, int *out);
/* A required array of lo..hi entries (borrowed), or NULL with p->err set. */
json_t *criteria_json_array(struct criteria_json *p, json_t *obj, const char *key, const char *path,
                            size_t lo, size_t hi);

/* criteria_items.c: a sheet's criteria and mandatory arrays, after its parts. */
int criteria_items_parse(struct criteria_json *p, json_t *root);

#endif
