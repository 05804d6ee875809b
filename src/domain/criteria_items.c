/*
 * criteria_items.c: the criteria of a sheet (codes, options and their
 * points, knock-out options, conditions, evidence) and its mandatory rules
 * per star level.  Checks that options stay within each criterion's maximum,
 * that some option reaches it, and that each part's criteria add up to the
 * part's maximum.  Exports criteria_items_parse() to criteria.c only.
 */
#include <stdio.h>
#include <string.h>

#include "domain/criteria_json.h"

#define DEFAULT_EFFORT 2

/* Criterion codes: "7", "1.1", "3.2.1". */
static bool is_code(const char *s)
{
	bool digit = false;

	if (strlen(s) > 16)
		return false;
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			digit = true;
		else if (*s == '.' && digit)
			digit = false;
		else
			return false;
	}
	return digit;
}

struct item_ctx {
	struct criteria_json *p;
	char path[CRITERIA_JSON_PATH_MAX]; /* "criteria[3] '1.4'" */
};

static int parse_knockout(struct item_ctx *c, json_t *ko, const char *path,
                          struct criteria_option *o)
{
	static const char *const keys[] = {"effect", "reason", NULL};
	struct criteria_json *p = c->p;
	const char *effect;

	if (criteria_json_object(p, ko, path) || criteria_json_keys(p, ko, path, keys) ||
	    criteria_json_str(p, ko, "effect", path, true, &effect) ||
	    criteria_json_str(p, ko, "reason", path, true, &o->knockout_reason))
		return -1;
	if (strcmp(effect, "eliminate") == 0)
		o->knockout = CRITERIA_KO_ELIMINATE;
	else if (strcmp(effect, "stop") == 0)
		o->knockout = CRITERIA_KO_STOP;
	else
		return criteria_json_fail(p, "%s: effect '%s' is neither 'eliminate' nor 'stop'",
		                          path, effect);
	return 0;
}

static int parse_options(struct item_ctx *c, json_t *v, struct criteria_item *it)
{
	static const char *const keys[] = {"label", "points", "knockout", NULL};
	struct criteria_json *p = c->p;
	json_t *arr = criteria_json_array(p, v, "options", c->path, 1, CRITERIA_MAX_OPTIONS);
	int best = -1;
	size_t i;
	json_t *ov;

	if (!arr)
		return -1;
	it->n_options = json_array_size(arr);
	it->options = arena_alloc(&p->s->arena, it->n_options * sizeof(*it->options));
	json_array_foreach(arr, i, ov)
	{
		struct criteria_option *o = &it->options[i];
		char path[CRITERIA_JSON_PATH_MAX + 32];
		json_t *ko;

		snprintf(path, sizeof(path), "%s: option %zu", c->path, i + 1);
		if (criteria_json_object(p, ov, path) || criteria_json_keys(p, ov, path, keys) ||
		    criteria_json_str(p, ov, "label", path, true, &o->label) ||
		    criteria_json_int(p, ov, "points", path, -1000, 1000, &o->points))
			return -1;
		if (o->points < 0)
			return criteria_json_fail(p, "%s has %d points, below 0", path, o->points);
		if (o->points > it->max)
			return criteria_json_fail(
			    p, "%s has %d points, over the criterion's maximum %d", path, o->points,
			    it->max);
		ko = json_object_get(ov, "knockout");
		if (ko && parse_knockout(c, ko, path, o))
			return -1;
		if (!o->knockout && o->points > best)
			best = o->points;
	}
	if (best < 0)
		return criteria_json_fail(p, "%s: every option is a knock-out", c->path);
	if (best != it->max)
		return criteria_json_fail(p,
		                          "%s: no option reaches the criterion's maximum %d "
		                          "(the highest gives %d)",
		                          c->path, it->max, best);
	return 0;
}

static int parse_evidence(struct item_ctx *c, json_t *v, struct criteria_item *it)
{
	json_t *arr = json_object_get(v, "evidence");
	size_t i;
	json_t *e;

	if (!arr)
		return 0;
	if (!json_is_array(arr) || json_array_size(arr) > CRITERIA_MAX_EVIDENCE)
		return criteria_json_fail(c->p,
		                          "%s: 'evidence' must be an array of up to %d strings",
		                          c->path, CRITERIA_MAX_EVIDENCE);
	it->n_evidence = json_array_size(arr);
	it->evidence = arena_alloc(&c->p->s->arena, (it->n_evidence + 1) * sizeof(char *));
	json_array_foreach(arr, i, e)
	{
		if (!json_is_string(e) || json_string_length(e) == 0 ||
		    json_string_length(e) > CRITERIA_JSON_TEXT_MAX)
			return criteria_json_fail(
			    c->p, "%s: evidence[%zu] must be a non-empty string", c->path, i);
		it->evidence[i] = arena_strdup(&c->p->s->arena, json_string_value(e));
	}
	return 0;
}

static int parse_item(struct criteria_json *p, json_t *v, size_t idx)
{
	static const char *const keys[] = {"code",     "part",     "heading", "title",
	                                   "guidance", "max",      "effort",  "condition",
	                                   "options",  "evidence", NULL};
	struct criteria_set *s = p->s;
	struct criteria_item *it = &s->items[idx];
	struct item_ctx c = {.p = p};
	const char *part;
	size_t k;

	snprintf(c.path, sizeof(c.path), "criteria[%zu]", idx);
	if (criteria_json_object(p, v, c.path) || criteria_json_keys(p, v, c.path, keys) ||
	    criteria_json_str(p, v, "code", c.path, true, &it->code))
		return -1;
	if (!is_code(it->code))
		return criteria_json_fail(p,
		                          "%s: code '%.20s' must be numbers joined by dots, as "
		                          "'1.1'",
		                          c.path, it->code);
	snprintf(c.path, sizeof(c.path), "criteria[%zu] '%s'", idx, it->code);
	for (size_t j = 0; j < idx; j++)
		if (strcmp(s->items[j].code, it->code) == 0)
			return criteria_json_fail(p, "%s: code is used twice", c.path);
	if (criteria_json_str(p, v, "part", c.path, true, &part) ||
	    criteria_json_str(p, v, "title", c.path, true, &it->title) ||
	    criteria_json_str(p, v, "heading", c.path, false, &it->heading) ||
	    criteria_json_str(p, v, "guidance", c.path, false, &it->guidance) ||
	    criteria_json_int(p, v, "max", c.path, 0, CRITERIA_TOTAL, &it->max))
		return -1;
	for (k = 0; k < s->n_parts && strcmp(s->parts[k].code, part) != 0; k++)
		;
	if (k == s->n_parts)
		return criteria_json_fail(p, "%s: part '%s' is not one of the set's parts", c.path,
		                          part);
	it->part = k;
	it->effort = DEFAULT_EFFORT;
	if (json_object_get(v, "effort") &&
	    criteria_json_int(p, v, "effort", c.path, 1, 3, &it->effort))
		return -1;
	return parse_options(&c, v, it) || parse_evidence(&c, v, it) ? -1 : 0;
}

/* Conditions refer to codes, so they are resolved once every item is known. */
static int parse_condition(struct criteria_json *p, json_t *v, size_t idx)
{
	static const char *const keys[] = {"criterion", "min_points", "description", NULL};
	struct criteria_set *s = p->s;
	struct criteria_item *it = &s->items[idx];
	json_t *cv = json_object_get(v, "condition");
	char path[CRITERIA_JSON_PATH_MAX];
	const char *code;
	long ref;

	if (!cv)
		return 0;
	snprintf(path, sizeof(path), "criteria[%zu] '%s': condition", idx, it->code);
	if (criteria_json_object(p, cv, path) || criteria_json_keys(p, cv, path, keys) ||
	    criteria_json_str(p, cv, "criterion", path, true, &code) ||
	    criteria_json_str(p, cv, "description", path, false, &it->cond_text))
		return -1;
	ref = criteria_set_find_item(s, code);
	if (ref < 0)
		return criteria_json_fail(p, "%s: criterion '%s' does not exist", path, code);
	if ((size_t)ref == idx ||
	    json_object_get(json_array_get(json_object_get(s->json, "criteria"), (size_t)ref),
	                    "condition"))
		return criteria_json_fail(p,
		                          "%s: criterion '%s' must be another, unconditional "
		                          "criterion",
		                          path, code);
	if (criteria_json_int(p, cv, "min_points", path, 1, s->items[ref].max,
	                      &it->cond_min_points))
		return -1;
	it->has_condition = true;
	it->cond_item = (size_t)ref;
	return 0;
}

static int parse_mandatory(struct criteria_json *p, json_t *root)
{
	static const char *const keys[] = {"stars", "criterion", "min_points", NULL};
	struct criteria_set *s = p->s;
	json_t *arr = json_object_get(root, "mandatory");
	size_t i;
	json_t *v;

	if (!arr)
		return 0;
	if (!(arr = criteria_json_array(p, root, "mandatory", "set", 0, CRITERIA_MAX_MANDATORY)))
		return -1;
	s->n_mandatory = json_array_size(arr);
	s->mandatory = arena_alloc(&s->arena, (s->n_mandatory + 1) * sizeof(*s->mandatory));
	json_array_foreach(arr, i, v)
	{
		struct criteria_mandatory *m = &s->mandatory[i];
		char path[CRITERIA_JSON_PATH_MAX];
		const char *code;
		long ref;

		snprintf(path, sizeof(path), "mandatory[%zu]", i);
		if (criteria_json_object(p, v, path) || criteria_json_keys(p, v, path, keys) ||
		    criteria_json_int(p, v, "stars", path, 1, CRITERIA_MAX_STARS, &m->stars) ||
		    criteria_json_str(p, v, "criterion", path, true, &code))
			return -1;
		if ((ref = criteria_set_find_item(s, code)) < 0)
			return criteria_json_fail(p, "%s: criterion '%s' does not exist", path,
			                          code);
		m->item = (size_t)ref;
		if (criteria_json_int(p, v, "min_points", path, 1, s->items[ref].max,
		                      &m->min_points))
			return -1;
	}
	return 0;
}

static int check_part_totals(struct criteria_json *p)
{
	const struct criteria_set *s = p->s;

	for (size_t k = 0; k < s->n_parts; k++) {
		int sum = 0;

		for (size_t i = 0; i < s->n_items; i++)
			if (s->items[i].part == k)
				sum += s->items[i].max;
		if (sum != s->parts[k].max)
			return criteria_json_fail(p,
			                          "part '%s': criteria add up to %d points, the "
			                          "part's maximum is %d",
			                          s->parts[k].code, sum, s->parts[k].max);
	}
	return 0;
}

int criteria_items_parse(struct criteria_json *p, json_t *root)
{
	struct criteria_set *s = p->s;
	json_t *arr = criteria_json_array(p, root, "criteria", "set", 1, CRITERIA_MAX_ITEMS);
	size_t i;
	json_t *v;

	if (!arr)
		return -1;
	s->items = arena_alloc(&s->arena, json_array_size(arr) * sizeof(*s->items));
	json_array_foreach(arr, i, v)
	{
		if (parse_item(p, v, i))
			return -1;
		s->n_items = i + 1;
	}
	json_array_foreach(arr, i, v) if (parse_condition(p, v, i)) return -1;
	return parse_mandatory(p, root) || check_part_totals(p) ? -1 : 0;
}
