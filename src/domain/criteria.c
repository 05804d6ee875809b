/*
 * criteria.c: parse and validate an OCOP criteria set (framework or sheet)
 * from JSON into struct criteria_set.  Every refusal names the JSON path and
 * the rule, so an admin can fix the file from the message alone.  The format
 * is docs/criteria-schema.json; the rules are in docs/CRITERIA.md.
 * Exports criteria_set_parse/validate/free/to_json, criteria_set_find_item
 * and criteria_stars.  No I/O: the registry and the commands feed it bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/criteria_json.h"

/* Ids: lower-case ASCII letters, digits and '-', as in "qd148-2023". */
static bool is_id(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

/* ISO dates, possibly partial: "2019", "2019-08", "2019-08-21". */
static bool is_date(const char *s)
{
	static const char pat[] = "dddd-dd-dd";
	size_t n = strlen(s);

	if (n != 4 && n != 7 && n != 10)
		return false;
	for (size_t i = 0; i < n; i++)
		if (pat[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-')
			return false;
	return true;
}

static const char *join_strings(struct criteria_json *p, const char *first, json_t *arr)
{
	const char *out = first;
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v) if (json_is_string(v)) out =
	    arena_printf(&p->s->arena, "%s, %s", out, json_string_value(v));
	return out;
}

static int parse_basis(struct criteria_json *p, json_t *root)
{
	static const char *const lb_keys[] = {"decision", "date",    "amended_by",
	                                      "replaces", "article", NULL};
	static const char *const ef_keys[] = {"from", "until", NULL};
	json_t *lb = json_object_get(root, "legal_basis");
	json_t *ef = json_object_get(root, "effective");
	struct criteria_set *s = p->s;
	const char *dummy;

	if (criteria_json_object(p, lb, "legal_basis") ||
	    criteria_json_keys(p, lb, "legal_basis", lb_keys) ||
	    criteria_json_str(p, lb, "decision", "legal_basis", true, &s->decision) ||
	    criteria_json_str(p, lb, "date", "legal_basis", false, &dummy) ||
	    criteria_json_str(p, lb, "article", "legal_basis", false, &dummy))
		return -1;
	for (const char *const *k = lb_keys + 2; k < lb_keys + 4; k++) {
		json_t *arr = json_object_get(lb, *k);
		size_t i;
		json_t *v;

		if (arr && !json_is_array(arr))
			return criteria_json_fail(
			    p, "legal_basis: '%s' must be an array of strings", *k);
		json_array_foreach(arr, i, v) if (!json_is_string(v)) return criteria_json_fail(
		    p, "legal_basis.%s[%zu]: must be a string", *k, i);
	}
	s->legal_basis = join_strings(p, s->decision, json_object_get(lb, "amended_by"));
	if (criteria_json_object(p, ef, "effective") ||
	    criteria_json_keys(p, ef, "effective", ef_keys) ||
	    criteria_json_str(p, ef, "from", "effective", true, &s->effective_from) ||
	    criteria_json_str(p, ef, "until", "effective", false, &s->effective_until))
		return -1;
	if (!is_date(s->effective_from))
		return criteria_json_fail(
		    p, "effective: 'from' is '%s', not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
		    s->effective_from);
	if (s->effective_until && !is_date(s->effective_until))
		return criteria_json_fail(
		    p, "effective: 'until' is '%s', not a date (YYYY, YYYY-MM or YYYY-MM-DD)",
		    s->effective_until);
	if (s->effective_until && strcmp(s->effective_until, s->effective_from) < 0)
		return criteria_json_fail(p, "effective: 'until' %s is before 'from' %s",
		                          s->effective_until, s->effective_from);
	return 0;
}

static int parse_parts(struct criteria_json *p, json_t *root)
{
	static const char *const keys[] = {"code", "title", "max", "headings", NULL};
	json_t *arr = criteria_json_array(p, root, "parts", "set", 1, CRITERIA_MAX_PARTS);
	struct criteria_set *s = p->s;
	size_t i;
	json_t *v;

	if (!arr)
		return -1;
	json_array_foreach(arr, i, v)
	{
		struct criteria_part *pt = &s->parts[i];
		char path[CRITERIA_JSON_PATH_MAX];

		snprintf(path, sizeof(path), "parts[%zu]", i);
		if (criteria_json_object(p, v, path) || criteria_json_keys(p, v, path, keys) ||
		    criteria_json_str(p, v, "code", path, true, &pt->code) ||
		    criteria_json_str(p, v, "title", path, true, &pt->title) ||
		    criteria_json_int(p, v, "max", path, 1, CRITERIA_TOTAL, &pt->max))
			return -1;
		if (strlen(pt->code) > 3 ||
		    pt->code[strspn(pt->code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")])
			return criteria_json_fail(p, "%s: code '%s' must be 1 to 3 capital letters",
			                          path, pt->code);
		for (size_t j = 0; j < i; j++)
			if (strcmp(s->parts[j].code, pt->code) == 0)
				return criteria_json_fail(p, "%s: part '%s' is defined twice", path,
				                          pt->code);
	}
	s->n_parts = json_array_size(arr);
	return 0;
}

static int parse_bands(struct criteria_json *p, json_t *root)
{
	static const char *const keys[] = {"stars", "min", "label", NULL};
	json_t *arr = criteria_json_array(p, root, "bands", "set", 1, CRITERIA_MAX_STARS);
	struct criteria_set *s = p->s;
	const char *dummy;
	size_t i;
	json_t *v;

	if (!arr)
		return -1;
	json_array_foreach(arr, i, v)
	{
		struct criteria_band *b = &s->bands[i];
		char path[CRITERIA_JSON_PATH_MAX];

		snprintf(path, sizeof(path), "bands[%zu]", i);
		if (criteria_json_object(p, v, path) || criteria_json_keys(p, v, path, keys) ||
		    criteria_json_int(p, v, "stars", path, 1, CRITERIA_MAX_STARS, &b->stars) ||
		    criteria_json_int(p, v, "min", path, 0, CRITERIA_TOTAL, &b->min) ||
		    criteria_json_str(p, v, "label", path, false, &dummy))
			return -1;
		if (i > 0 && (b->stars >= b[-1].stars || b->min >= b[-1].min))
			return criteria_json_fail(
			    p,
			    "%s: bands must go from most stars to fewest, each starting "
			    "lower than the one before",
			    path);
	}
	s->n_bands = json_array_size(arr);
	if (s->bands[s->n_bands - 1].min != 0)
		return criteria_json_fail(p, "bands: the lowest band starts at %d, not 0",
		                          s->bands[s->n_bands - 1].min);
	return criteria_json_int(p, root, "certifiable_min_stars", "set", 1, CRITERIA_MAX_STARS,
	                         &s->certifiable_min_stars);
}

static int parse_groups(struct criteria_json *p, json_t *root)
{
	static const char *const gkeys[] = {"name", "product_sets", NULL};
	static const char *const pkeys[] = {"no", "name", "subgroup", "lead_ministry", NULL};
	json_t *arr = criteria_json_array(p, root, "groups", "set", 1, CRITERIA_MAX_GROUPS);
	struct criteria_set *s = p->s;
	size_t i, j, n = 0;
	json_t *g, *ps;

	if (!arr)
		return -1;
	s->psets = arena_alloc(&s->arena, CRITERIA_MAX_PSETS * sizeof(*s->psets));
	json_array_foreach(arr, i, g)
	{
		char path[CRITERIA_JSON_PATH_MAX];
		const char *name, *dummy;
		json_t *sets;

		snprintf(path, sizeof(path), "groups[%zu]", i);
		if (criteria_json_object(p, g, path) || criteria_json_keys(p, g, path, gkeys) ||
		    criteria_json_str(p, g, "name", path, true, &name) ||
		    !(sets =
		          criteria_json_array(p, g, "product_sets", path, 1, CRITERIA_MAX_PSETS)))
			return -1;
		json_array_foreach(sets, j, ps)
		{
			struct criteria_product_set *out = &s->psets[n];

			snprintf(path, sizeof(path), "groups[%zu].product_sets[%zu]", i, j);
			if (n == CRITERIA_MAX_PSETS)
				return criteria_json_fail(p, "%s: more than %d product sets", path,
				                          CRITERIA_MAX_PSETS);
			if (criteria_json_object(p, ps, path) ||
			    criteria_json_keys(p, ps, path, pkeys) ||
			    criteria_json_str(p, ps, "name", path, true, &out->name) ||
			    criteria_json_str(p, ps, "subgroup", path, false, &out->subgroup) ||
			    criteria_json_str(p, ps, "lead_ministry", path, false, &dummy))
				return -1;
			out->group = name;
			n++;
		}
	}
	s->n_psets = n;
	s->n_groups = json_array_size(arr);
	return 0;
}

static int parse_kind(struct criteria_json *p, json_t *root)
{
	static const char *const fw_keys[] = {
	    "format",      "kind",      "id",    "version", "title",
	    "legal_basis", "effective", "parts", "bands",   "certifiable_min_stars",
	    "groups",      NULL};
	static const char *const sheet_keys[] = {
	    "format",      "kind",      "id",        "version",   "title",
	    "legal_basis", "effective", "parts",     "framework", "product_group",
	    "product_set", "criteria",  "mandatory", NULL};
	struct criteria_set *s = p->s;

	if (s->kind == CRITERIA_FRAMEWORK)
		return criteria_json_keys(p, root, "set", fw_keys) || parse_parts(p, root) ||
		               parse_bands(p, root) || parse_groups(p, root)
		           ? -1
		           : 0;
	if (criteria_json_keys(p, root, "set", sheet_keys) ||
	    criteria_json_str(p, root, "framework", "set", true, &s->framework_id) ||
	    criteria_json_str(p, root, "product_group", "set", true, &s->product_group) ||
	    criteria_json_str(p, root, "product_set", "set", true, &s->product_set) ||
	    parse_parts(p, root))
		return -1;
	return criteria_items_parse(p, root);
}

static int parse_root(struct criteria_json *p, json_t *root)
{
	struct criteria_set *s = p->s;
	const char *format, *kind;

	if (criteria_json_object(p, root, "set") ||
	    criteria_json_str(p, root, "format", "set", true, &format))
		return -1;
	if (strcmp(format, CRITERIA_FORMAT) != 0)
		return criteria_json_fail(p, "format: '%s' is not '%s'", format, CRITERIA_FORMAT);
	if (criteria_json_str(p, root, "kind", "set", true, &kind))
		return -1;
	if (strcmp(kind, "sheet") == 0)
		s->kind = CRITERIA_SHEET;
	else if (strcmp(kind, "framework") == 0)
		s->kind = CRITERIA_FRAMEWORK;
	else
		return criteria_json_fail(p, "kind: '%s' is neither 'sheet' nor 'framework'", kind);
	if (criteria_json_str(p, root, "id", "set", true, &s->id) ||
	    criteria_json_int(p, root, "version", "set", 1, 1000000, &s->version) ||
	    criteria_json_str(p, root, "title", "set", true, &s->title))
		return -1;
	if (!is_id(s->id))
		return criteria_json_fail(p, "id: '%s' must be 1 to 64 of a-z, 0-9 and '-'", s->id);
	return parse_basis(p, root) || parse_kind(p, root) ? -1 : 0;
}

struct criteria_set *criteria_set_parse(const char *json, size_t len, char *err, size_t errlen)
{
	struct criteria_json p = {.err = err, .errlen = errlen};
	json_error_t jerr;
	json_t *root;

	if (len > CRITERIA_JSON_MAX) {
		snprintf(err, errlen, "criteria file is %zu bytes, over the limit of %u", len,
		         CRITERIA_JSON_MAX);
		return NULL;
	}
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		snprintf(err, errlen, "invalid JSON at line %d column %d: %s", jerr.line,
		         jerr.column, jerr.text);
		return NULL;
	}
	p.s = xcalloc(1, sizeof(*p.s));
	arena_init(&p.s->arena);
	p.s->json = root;
	if (parse_root(&p, root)) {
		criteria_set_free(p.s);
		return NULL;
	}
	return p.s;
}

static int validate_framework_parts(struct criteria_json *p, const struct criteria_set *fw)
{
	const struct criteria_set *s = p->s;

	for (size_t i = 0; i < fw->n_parts; i++) {
		const struct criteria_part *want = &fw->parts[i];
		size_t j = 0;

		while (j < s->n_parts && strcmp(s->parts[j].code, want->code) != 0)
			j++;
		if (j == s->n_parts)
			return criteria_json_fail(
			    p, "parts: part '%s' (maximum %d) of framework '%s' is missing",
			    want->code, want->max, fw->id);
		if (s->parts[j].max != want->max)
			return criteria_json_fail(
			    p, "parts[%zu]: part '%s' has maximum %d, framework '%s' says %d", j,
			    want->code, s->parts[j].max, fw->id, want->max);
	}
	if (s->n_parts != fw->n_parts)
		for (size_t j = 0; j < s->n_parts; j++) {
			size_t i = 0;

			while (i < fw->n_parts && strcmp(s->parts[j].code, fw->parts[i].code) != 0)
				i++;
			if (i == fw->n_parts)
				return criteria_json_fail(
				    p, "parts[%zu]: part '%s' is not a part of framework '%s'", j,
				    s->parts[j].code, fw->id);
		}
	return 0;
}

static int validate_product_set(struct criteria_json *p, const struct criteria_set *fw)
{
	const struct criteria_set *s = p->s;
	bool group_known = false;

	for (size_t i = 0; i < fw->n_psets; i++) {
		if (strcmp(fw->psets[i].group, s->product_group) != 0)
			continue;
		group_known = true;
		if (strcmp(fw->psets[i].name, s->product_set) == 0)
			return 0;
	}
	if (!group_known)
		return criteria_json_fail(
		    p, "product_group: '%s' is not a product group of framework '%s'",
		    s->product_group, fw->id);
	return criteria_json_fail(
	    p, "product_set: '%s' is not a product set of group '%s' in framework '%s'",
	    s->product_set, s->product_group, fw->id);
}

int criteria_set_validate(struct criteria_set *s, const struct criteria_set *framework, char *err,
                          size_t errlen)
{
	struct criteria_json p = {.s = s, .err = err, .errlen = errlen};
	int sum = 0;

	if (s->kind == CRITERIA_SHEET) {
		if (!framework || framework->kind != CRITERIA_FRAMEWORK ||
		    strcmp(framework->id, s->framework_id) != 0)
			return criteria_json_fail(
			    &p, "framework: '%s' is not a registered framework", s->framework_id);
		if (validate_framework_parts(&p, framework) || validate_product_set(&p, framework))
			return -1;
		s->framework = framework;
		return 0;
	}
	for (size_t i = 0; i < s->n_parts; i++)
		sum += s->parts[i].max;
	if (sum != CRITERIA_TOTAL)
		return criteria_json_fail(&p, "parts: maxima add up to %d, not %d", sum,
		                          CRITERIA_TOTAL);
	for (size_t i = 0; i < s->n_bands; i++)
		if (s->bands[i].stars == s->certifiable_min_stars)
			return 0;
	return criteria_json_fail(&p, "certifiable_min_stars: %d is not a band",
	                          s->certifiable_min_stars);
}

void criteria_set_free(struct criteria_set *s)
{
	if (!s)
		return;
	json_decref(s->json);
	arena_release(&s->arena);
	free(s);
}

json_t *criteria_set_to_json(const struct criteria_set *s)
{
	return json_deep_copy(s->json);
}

long criteria_set_find_item(const struct criteria_set *s, const char *code)
{
	for (size_t i = 0; i < s->n_items; i++)
		if (strcmp(s->items[i].code, code) == 0)
			return (long)i;
	return -1;
}

int criteria_stars(const struct criteria_set *s, int total)
{
	const struct criteria_set *fw = s->framework ? s->framework : s;

	for (size_t i = 0; i < fw->n_bands; i++)
		if (total >= fw->bands[i].min)
			return fw->bands[i].stars;
	return 0;
}
