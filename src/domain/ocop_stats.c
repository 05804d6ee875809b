/*
 * ocop_stats.c: the series summary of self-assessments (see ocop_stats.h).
 * Reads every assessment of the series once (ocop_assess_series) and
 * counts in memory: a series has hundreds of participants, not millions,
 * and the answers are JSON that only the criteria engine can read.
 */
#include "domain/ocop_stats.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "domain/criteria.h"
#include "domain/ocop_assess.h"
#include "domain/ocop_form.h"
#include "domain/province.h"
#include "domain/registration.h"

#include <stdlib.h>
#include <string.h>

/* Adds one to group name's counts[stars] in arr (an array of groups). */
static void bump(json_t *arr, const char *name, int stars)
{
	json_t *g = NULL, *x;
	size_t i;

	json_array_foreach(arr, i, x)
	{
		if (strcmp(json_string_value(json_object_get(x, "name")), name) == 0) {
			g = x;
			break;
		}
	}
	if (!g) {
		g = json_pack("{s:s, s:[iiiiii], s:i}", "name", name, "counts", 0, 0, 0, 0, 0, 0,
		              "total", 0);
		json_array_append_new(arr, g);
	}
	json_t *c = json_array_get(json_object_get(g, "counts"), (size_t)stars);
	json_integer_set(c, json_integer_value(c) + 1);
	json_object_set_new(g, "total",
	                    json_integer(json_integer_value(json_object_get(g, "total")) + 1));
}

static int by_count(const void *a, const void *b)
{
	json_int_t x = json_integer_value(json_object_get(*(json_t *const *)a, "total"));
	json_int_t y = json_integer_value(json_object_get(*(json_t *const *)b, "total"));

	return x < y ? 1 : x > y ? -1 : 0;
}

/* Most often low first; ties by share, then by set and code, so the
 * order does not depend on qsort or on hashing. */
static int by_low(const void *a, const void *b)
{
	const json_t *p = *(json_t *const *)a, *q = *(json_t *const *)b;
	static const char *const keys[] = {"low", "percent"};
	int c;

	for (size_t k = 0; k < 2; k++) {
		json_int_t x = json_integer_value(json_object_get(p, keys[k]));
		json_int_t y = json_integer_value(json_object_get(q, keys[k]));
		if (x != y)
			return x < y ? 1 : -1;
	}
	if ((c = strcmp(json_string_value(json_object_get(p, "set")),
	                json_string_value(json_object_get(q, "set")))))
		return c;
	return strverscmp(json_string_value(json_object_get(p, "code")),
	                  json_string_value(json_object_get(q, "code")));
}

/* Sorts arr in place with cmp (jansson arrays have no sort). */
static json_t *sorted(json_t *arr, int (*cmp)(const void *, const void *), size_t keep)
{
	size_t n = json_array_size(arr);
	json_t **v = xcalloc(n + 1, sizeof(*v));
	json_t *out = json_array();

	for (size_t i = 0; i < n; i++)
		v[i] = json_array_get(arr, i);
	qsort(v, n, sizeof(*v), cmp);
	for (size_t i = 0; i < n && i < keep; i++)
		json_array_append(out, v[i]);
	free(v);
	json_decref(arr);
	return out;
}

/* Counts the criteria of one complete assessment scored under half. */
static void count_low(json_t *low, const struct criteria_set *s, const struct ocop_form *f)
{
	for (size_t i = 0; i < s->n_items; i++) {
		const struct criteria_item *it = &s->items[i];
		char key[300];

		if (f->choice[i] <= 0)
			continue;
		snprintf(key, sizeof(key), "%s\n%s", s->id, it->code);
		json_t *e = json_object_get(low, key);
		if (!e) {
			e = json_pack("{s:s, s:s, s:s, s:i, s:i}", "set", s->product_set, "code",
			              it->code, "title", it->title, "low", 0, "answered", 0);
			json_object_set_new(low, key, e);
		}
		json_object_set_new(
		    e, "answered",
		    json_integer(json_integer_value(json_object_get(e, "answered")) + 1));
		if (it->options[f->choice[i] - 1].points * 2 < it->max)
			json_object_set_new(
			    e, "low",
			    json_integer(json_integer_value(json_object_get(e, "low")) + 1));
	}
}

static json_t *low_list(json_t *low)
{
	json_t *arr = json_array(), *e;
	const char *key;

	json_object_foreach(low, key, e)
	{
		json_int_t n = json_integer_value(json_object_get(e, "low"));
		json_int_t of = json_integer_value(json_object_get(e, "answered"));

		if (n == 0)
			continue;
		json_object_set_new(e, "percent", json_integer(of ? (n * 100 + of / 2) / of : 0));
		json_array_append(arr, e);
	}
	json_decref(low);
	return sorted(arr, by_low, OCOP_STATS_LOW_SHOWN);
}

json_t *ocop_stats_series(struct db *db, const struct criteria_registry *reg, int64_t series_id)
{
	json_t *rows = ocop_assess_series(db, series_id);
	json_t *prov = json_array(), *sets = json_array(), *cats = json_array();
	json_t *low = json_object(), *people = json_object(), *x;
	int stars[6] = {0}, complete = 0;
	struct arena a;
	size_t i;

	if (!rows) {
		json_decref(prov);
		json_decref(sets);
		json_decref(cats);
		json_decref(low);
		json_decref(people);
		return NULL;
	}
	arena_init(&a);
	json_array_foreach(rows, i, x)
	{
		char rid[32];
		json_t *st = json_object_get(x, "stars");

		snprintf(rid, sizeof(rid), "%lld",
		         (long long)json_integer_value(json_object_get(x, "registration_id")));
		json_object_set_new(people, rid, json_true());
		const struct criteria_set *s = criteria_registry_find_version(
		    reg, json_string_value(json_object_get(x, "set_id")),
		    (int)json_integer_value(json_object_get(x, "set_version")));
		if (!json_is_integer(st) || !s)
			continue;
		int n = (int)json_integer_value(st);
		n = n < 0 ? 0 : n > 5 ? 5 : n;
		complete++;
		stars[n]++;
		const char *pc = json_string_value(json_object_get(x, "province_code"));
		const struct province *p =
		    province_find(*pc ? pc : json_string_value(json_object_get(x, "reg_province")));
		const struct reg_category *c =
		    reg_category_find(json_string_value(json_object_get(x, "reg_category")));
		bump(prov, p ? p->name : _("Không rõ"), n);
		bump(sets, json_string_value(json_object_get(x, "product_set")), n);
		bump(cats, c ? _(c->label) : _("Không rõ"), n);
		struct ocop_form f = {0};
		ocop_form_load(&a, s, json_string_value(json_object_get(x, "answers")), NULL, &f);
		count_low(low, s, &f);
	}
	json_t *out =
	    json_pack("{s:i, s:i, s:i, s:[iiiiii], s:o, s:o, s:o, s:o}", "participants",
	              (int)json_object_size(people), "assessments", (int)json_array_size(rows),
	              "complete", complete, "stars", stars[0], stars[1], stars[2], stars[3],
	              stars[4], stars[5], "by_province", sorted(prov, by_count, SIZE_MAX), "by_set",
	              sorted(sets, by_count, SIZE_MAX), "by_category",
	              sorted(cats, by_count, SIZE_MAX), "low", low_list(low));
	json_decref(people);
	json_decref(rows);
	arena_release(&a);
	return out;
}
