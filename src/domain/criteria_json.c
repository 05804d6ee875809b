/*
 * criteria_json.c: the checked jansson getters shared by the criteria
 * parsers (criteria.c, criteria_items.c, criteria_score.c).  Exports the
 * criteria_json_* functions of criteria_json.h; each failure writes
 * "PATH: reason" and returns -1.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/criteria_json.h"

int criteria_json_fail(struct criteria_json *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(p->err, p->errlen, fmt, ap);
	va_end(ap);
	return -1;
}

/* Keys every object may carry: provenance and remarks, never interpreted. */
static bool is_free_key(const char *key)
{
	size_t n = strlen(key);

	return strcmp(key, "source") == 0 || strcmp(key, "notes") == 0 ||
	       (n > 7 && strcmp(key + n - 7, "_source") == 0);
}

int criteria_json_keys(struct criteria_json *p, json_t *obj, const char *path,
                       const char *const *allowed)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v)
	{
		bool ok = is_free_key(key);

		for (const char *const *a = allowed; !ok && *a; a++)
			ok = strcmp(key, *a) == 0;
		if (!ok)
			return criteria_json_fail(p, "%s: unknown key '%s'", path, key);
	}
	return 0;
}

int criteria_json_str(struct criteria_json *p, json_t *obj, const char *key, const char *path,
                      bool required, const char **out)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (required)
			return criteria_json_fail(p, "%s: '%s' is missing", path, key);
		return 0;
	}
	if (!json_is_string(v))
		return criteria_json_fail(p, "%s: '%s' must be a string", path, key);
	if (json_string_length(v) == 0 || json_string_length(v) > CRITERIA_JSON_TEXT_MAX)
		return criteria_json_fail(p, "%s: '%s' must have 1 to %d bytes", path, key,
		                          CRITERIA_JSON_TEXT_MAX);
	if (strlen(json_string_value(v)) != json_string_length(v))
		return criteria_json_fail(p, "%s: '%s' contains a NUL byte", path, key);
	*out = arena_strdup(&p->s->arena, json_string_value(v));
	return 0;
}

int criteria_json_int(struct criteria_json *p, json_t *obj, const char *key, const char *path,
                      int lo, int hi, int *out)
{
	json_t *v = json_object_get(obj, key);

	if (!v)
		return criteria_json_fail(p, "%s: '%s' is missing", path, key);
	if (!json_is_integer(v))
		return criteria_json_fail(p, "%s: '%s' must be an integer", path, key);
	if (json_integer_value(v) < lo || json_integer_value(v) > hi)
		return criteria_json_fail(p, "%s: '%s' is %lld, outside %d..%d", path, key,
		                          (long long)json_integer_value(v), lo, hi);
	*out = (int)json_integer_value(v);
	return 0;
}

json_t *criteria_json_array(struct criteria_json *p, json_t *obj, const char *key, const char *path,
                            size_t lo, size_t hi)
{
	json_t *v = json_object_get(obj, key);

	if (!json_is_array(v)) {
		criteria_json_fail(p, "%s: '%s' must be an array", path, key);
		return NULL;
	}
	if (json_array_size(v) < lo || json_array_size(v) > hi) {
		criteria_json_fail(p, "%s: '%s' must have %zu to %zu entries", path, key, lo, hi);
		return NULL;
	}
	return v;
}

int criteria_json_object(struct criteria_json *p, json_t *v, const char *path)
{
	return json_is_object(v) ? 0 : criteria_json_fail(p, "%s: must be an object", path);
}
