/*
 * criteria_registry.c: every criteria set the program knows.  The shipped
 * ones come from the files embedded under data/criteria/ (frameworks first,
 * so sheets can name them); an admin's sets are added at run time through
 * criteria_registry_add_json(), which validates fully before touching the
 * registry, so a malformed file never replaces a good one.
 *
 * Sets are appended to a fixed array and never freed before release: a
 * reader holding a pointer is never left dangling, and lookups need no lock
 * (the count is published after the slot is written).  No I/O besides
 * embed_find-style access to the embedded table; persistence is the caller's.
 */
#include <stdio.h>
#include <string.h>

#include "core/embed.h"
#include "domain/criteria.h"

#define SHIPPED_PREFIX "data/criteria/"

static int add(struct criteria_registry *r, const char *json, size_t len, bool is_shipped,
               char *err, size_t errlen)
{
	size_t n = atomic_load_explicit(&r->n, memory_order_relaxed);
	const struct criteria_set *old, *fw = NULL;
	struct criteria_set *s;

	if (n == CRITERIA_REGISTRY_MAX) {
		snprintf(err, errlen, "registry is full (%d sets)", CRITERIA_REGISTRY_MAX);
		return -1;
	}
	if (!(s = criteria_set_parse(json, len, err, errlen)))
		return -1;
	if (s->kind == CRITERIA_SHEET)
		fw = criteria_registry_find(r, s->framework_id);
	if (criteria_set_validate(s, fw, err, errlen))
		goto fail;
	old = criteria_registry_find(r, s->id);
	if (old && old->kind != s->kind) {
		snprintf(err, errlen, "id: '%s' is already a %s", s->id,
		         old->kind == CRITERIA_SHEET ? "sheet" : "framework");
		goto fail;
	}
	if (old && old->version >= s->version) {
		snprintf(err, errlen,
		         "version: set '%s' version %d is registered; a replacement needs a higher "
		         "version than %d",
		         s->id, old->version, old->version);
		goto fail;
	}
	s->is_shipped = is_shipped;
	r->sets[n] = s;
	atomic_store_explicit(&r->n, n + 1, memory_order_release);
	return 0;
fail:
	criteria_set_free(s);
	return -1;
}

int criteria_registry_add_json(struct criteria_registry *r, const char *json, size_t len, char *err,
                               size_t errlen)
{
	return add(r, json, len, false, err, errlen);
}

static bool is_shipped_file(const struct embed *e)
{
	size_t n = strlen(e->name);

	return strncmp(e->name, SHIPPED_PREFIX, strlen(SHIPPED_PREFIX)) == 0 && n > 5 &&
	       strcmp(e->name + n - 5, ".json") == 0;
}

/* Frameworks load first so that sheets can name them. */
static bool is_framework_file(const struct embed *e)
{
	json_t *root = json_loadb((const char *)e->data, e->len, 0, NULL);
	const char *kind = json_string_value(json_object_get(root, "kind"));
	bool is_fw = kind && strcmp(kind, "framework") == 0;

	json_decref(root);
	return is_fw;
}

int criteria_registry_init(struct criteria_registry *r, char *err, size_t errlen)
{
	char why[256];

	memset(r->sets, 0, sizeof(r->sets));
	atomic_init(&r->n, 0);
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < embed_count; i++) {
			const struct embed *e = &embed_files[i];

			if (!is_shipped_file(e) || is_framework_file(e) != (pass == 0))
				continue;
			if (add(r, (const char *)e->data, e->len, true, why, sizeof(why))) {
				snprintf(err, errlen, "'%s': %s", e->name, why);
				criteria_registry_release(r);
				return -1;
			}
		}
	return 0;
}

void criteria_registry_release(struct criteria_registry *r)
{
	size_t n = atomic_load(&r->n);

	for (size_t i = 0; i < n; i++)
		criteria_set_free(r->sets[i]);
	atomic_store(&r->n, 0);
}

size_t criteria_registry_count(const struct criteria_registry *r)
{
	return atomic_load_explicit(&r->n, memory_order_acquire);
}

const struct criteria_set *criteria_registry_get(const struct criteria_registry *r, size_t i)
{
	return i < criteria_registry_count(r) ? r->sets[i] : NULL;
}

const struct criteria_set *criteria_registry_find(const struct criteria_registry *r, const char *id)
{
	const struct criteria_set *best = NULL;
	size_t n = criteria_registry_count(r);

	for (size_t i = 0; i < n; i++)
		if (strcmp(r->sets[i]->id, id) == 0 &&
		    (!best || r->sets[i]->version > best->version))
			best = r->sets[i];
	return best;
}

const struct criteria_set *criteria_registry_find_version(const struct criteria_registry *r,
                                                          const char *id, int version)
{
	size_t n = criteria_registry_count(r);

	for (size_t i = 0; i < n; i++)
		if (strcmp(r->sets[i]->id, id) == 0 && r->sets[i]->version == version)
			return r->sets[i];
	return NULL;
}
