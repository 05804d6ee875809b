/*
 * ocop_view.c: the sheet choice, reading the posted form, and the form's
 * view model (see ocop_view.h).  The result's model is in
 * ocop_result_view.c.
 */
#include "web/ocop_view.h"
#include "app.h"
#include "core/i18n.h"
#include "http/req.h"
#include "web/view.h"

#include <stdio.h>
#include <string.h>

json_t *ocop_view_sets(const struct criteria_registry *reg, const char *selected)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < criteria_registry_count(reg); i++) {
		const struct criteria_set *s = criteria_registry_get(reg, i);

		if (s->kind != CRITERIA_SHEET || criteria_registry_find(reg, s->id) != s)
			continue;
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:i, s:b}", "id", s->id,
		                                     "product_set", s->product_set, "legal_basis",
		                                     s->legal_basis, "title", s->title, "version",
		                                     s->version, "selected",
		                                     selected && strcmp(selected, s->id) == 0));
	}
	return arr;
}

const struct criteria_set *ocop_view_sheet(const struct req *r, const char *id, int version)
{
	const struct criteria_set *s;

	if (!id)
		return NULL;
	s = version > 0 ? criteria_registry_find_version(r->app->criteria, id, version)
	                : criteria_registry_find(r->app->criteria, id);
	return s && s->kind == CRITERIA_SHEET ? s : NULL;
}

int ocop_view_parse(struct req *r, const struct criteria_set *s, struct ocop_form *f, char *err,
                    size_t errlen)
{
	const char *names[REQ_MAX_FIELDS], *values[REQ_MAX_FIELDS];

	for (int k = 0; k < r->nfields; k++) {
		names[k] = r->fields[k].name;
		values[k] = r->fields[k].value;
	}
	return ocop_form_parse(&r->arena, s, names, values, (size_t)r->nfields, f, err, errlen);
}

static json_t *options_json(struct req *r, const struct criteria_item *it, int chosen)
{
	json_t *arr = json_array();

	for (size_t k = 0; k < it->n_options; k++) {
		const struct criteria_option *o = &it->options[k];

		json_array_append_new(
		    arr, json_pack("{s:s, s:s, s:s, s:i, s:b, s:b}", "id",
		                   arena_printf(&r->arena, "%s:%zu", it->code, k + 1), "name",
		                   arena_printf(&r->arena, "c:%s", it->code), "label", o->label,
		                   "points", o->points, "checked", chosen == (int)k + 1, "knockout",
		                   o->knockout != CRITERIA_KO_NONE));
	}
	return arr;
}

static json_t *strings_json(const char *const *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	return arr;
}

static json_t *item_json(struct req *r, const struct criteria_set *s, size_t i, int chosen,
                         bool missing, const char *prev_heading)
{
	const struct criteria_item *it = &s->items[i];
	json_t *o =
	    json_pack("{s:s, s:s, s:i, s:o, s:b, s:o, s:s}", "code", it->code, "title", it->title,
	              "max", it->max, "options", options_json(r, it, chosen), "missing", missing,
	              "evidence", strings_json(it->evidence, it->n_evidence), "anchor",
	              arena_printf(&r->arena, "c-%s", it->code));

	if (it->guidance)
		json_object_set_new(o, "guidance", json_string(it->guidance));
	json_object_set_new(o, "has_help", json_boolean(it->guidance || it->n_evidence));
	json_object_set_new(o, "has_evidence", json_boolean(it->n_evidence > 0));
	if (it->has_condition)
		json_object_set_new(
		    o, "condition",
		    json_string(
		        it->cond_text
		            ? it->cond_text
		            : arena_printf(&r->arena, _("Chỉ tính khi tiêu chí %s đạt từ %d điểm."),
		                           s->items[it->cond_item].code, it->cond_min_points)));
	if (it->heading && (!prev_heading || strcmp(prev_heading, it->heading) != 0))
		json_object_set_new(o, "heading", json_string(it->heading));
	return o;
}

static json_t *parts_json(struct req *r, const struct criteria_set *s, const struct ocop_form *f,
                          const bool *missing)
{
	json_t *parts = json_array();

	for (size_t k = 0; k < s->n_parts; k++) {
		json_t *items = json_array();
		const char *prev = NULL;

		for (size_t i = 0; i < s->n_items; i++) {
			if (s->items[i].part != k)
				continue;
			json_array_append_new(
			    items, item_json(r, s, i, f->choice[i], missing && missing[i], prev));
			prev = s->items[i].heading;
		}
		json_array_append_new(parts, json_pack("{s:s, s:s, s:i, s:o}", "code",
		                                       s->parts[k].code, "title", s->parts[k].title,
		                                       "max", s->parts[k].max, "items", items));
	}
	return parts;
}

static json_t *docs_json(struct req *r, const struct criteria_set *s, const struct ocop_form *f)
{
	size_t n;
	const char **docs = ocop_dossier_list(&r->arena, s, &n);
	json_t *arr = json_array();

	for (size_t k = 0; k < n; k++)
		json_array_append_new(arr, json_pack("{s:i, s:s, s:b}", "n", (int)k + 1, "label",
		                                     docs[k], "checked",
		                                     k < f->n_docs && f->has_doc[k]));
	return arr;
}

json_t *ocop_view_form(struct req *r, const struct criteria_set *s, const struct ocop_form *f,
                       bool mark_missing)
{
	bool *missing = arena_alloc(&r->arena, s->n_items + 1);
	size_t n_missing = ocop_form_missing(s, f->choice, missing);
	size_t answered = 0;

	for (size_t i = 0; i < s->n_items; i++)
		answered += f->choice[i] > 0;
	json_t *ctx = json_pack(
	    "{s:{s:s, s:s, s:i, s:s, s:s}, s:{s:s, s:s, s:s, s:s}, s:o, s:o, s:o, s:i, s:i, s:i, "
	    "s:s}",
	    "set", "id", s->id, "title", s->title, "version", s->version, "product_set",
	    s->product_set, "legal_basis", s->legal_basis, "product", "name",
	    f->product_name ? f->product_name : "", "set",
	    f->product_set && *f->product_set ? f->product_set : s->product_set, "producer",
	    f->producer ? f->producer : "", "province_code",
	    f->province_code ? f->province_code : "", "parts",
	    parts_json(r, s, f, mark_missing ? missing : NULL), "docs", docs_json(r, s, f),
	    "provinces", view_provinces(f->province_code), "answered", (int)answered, "count",
	    (int)s->n_items, "n_missing", (int)n_missing, "csrf", req_csrf_token(r));
	if (mark_missing && n_missing)
		json_object_set_new(ctx, "show_missing", json_true());
	return ctx;
}
