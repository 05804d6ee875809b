/*
 * criteria_result.c: a scored result as JSON, the shape printed by
 * `ocop criteria score` and later served by the web API (docs/CRITERIA.md,
 * "Score output").  Exports criteria_result_to_json(); builds values only.
 */
#include "domain/criteria.h"

static const char *outcome_name(enum criteria_outcome o)
{
	switch (o) {
	case CRITERIA_ELIMINATED:
		return "eliminated";
	case CRITERIA_STOPPED:
		return "stopped";
	case CRITERIA_RATED:
		break;
	}
	return "rated";
}

static json_t *strings(const char *const *v, size_t n)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_string(v[i]));
	return arr;
}

static json_t *parts_json(const struct criteria_result *r)
{
	const struct criteria_set *s = r->set;
	json_t *arr = json_array();

	for (size_t k = 0; k < s->n_parts; k++)
		json_array_append_new(arr,
		                      json_pack("{s:s, s:s, s:i, s:i}", "code", s->parts[k].code,
		                                "title", s->parts[k].title, "points",
		                                r->part_points[k], "max", s->parts[k].max));
	return arr;
}

static json_t *answers_json(const struct criteria_result *r)
{
	const struct criteria_set *s = r->set;
	json_t *arr = json_array();

	for (size_t i = 0; i < s->n_items; i++) {
		int c = r->choice[i];
		int pts = c > 0 && r->is_applicable[i] ? s->items[i].options[c - 1].points : 0;

		json_array_append_new(
		    arr, json_pack("{s:s, s:o, s:i, s:i, s:b}", "code", s->items[i].code, "option",
		                   c > 0 ? json_integer(c) : json_null(), "points", pts, "max",
		                   s->items[i].max, "applicable", r->is_applicable[i]));
	}
	return arr;
}

static json_t *blocks_json(const struct criteria_result *r)
{
	const struct criteria_set *s = r->set;
	json_t *arr = json_array();

	for (size_t b = 0; b < r->n_blocks; b++) {
		const struct criteria_block *bl = &r->blocks[b];
		const struct criteria_item *it = &s->items[bl->item];
		int c = r->choice[bl->item];

		if (bl->kind == CRITERIA_BLOCK_KNOCKOUT)
			json_array_append_new(
			    arr,
			    json_pack("{s:s, s:s, s:s, s:s, s:s}", "kind", "knockout", "code",
			              it->code, "title", it->title, "effect",
			              bl->effect == CRITERIA_KO_ELIMINATE ? "eliminate" : "stop",
			              "reason", bl->reason));
		else
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:i, s:i, s:i, s:b}",
			                                     "kind", "mandatory", "code", it->code,
			                                     "title", it->title, "stars", bl->stars,
			                                     "min_points", bl->min_points, "points",
			                                     c > 0 && r->is_applicable[bl->item]
			                                         ? it->options[c - 1].points
			                                         : 0,
			                                     "capping", bl->is_capping));
	}
	return arr;
}

/* Conditional criteria that the fix would bring into play. */
static json_t *unlocks_json(const struct criteria_result *r, const struct criteria_fix *f)
{
	const struct criteria_set *s = r->set;
	int to_pts = s->items[f->item].options[f->to - 1].points;
	json_t *arr = json_array();

	for (size_t j = 0; j < s->n_items; j++)
		if (s->items[j].has_condition && s->items[j].cond_item == f->item &&
		    !r->is_applicable[j] && to_pts >= s->items[j].cond_min_points)
			json_array_append_new(arr, json_string(s->items[j].code));
	return arr;
}

static json_t *fixes_json(const struct criteria_result *r)
{
	const struct criteria_set *s = r->set;
	json_t *arr = json_array();

	for (size_t k = 0; k < r->n_fixes; k++) {
		const struct criteria_fix *f = &r->fixes[k];
		const struct criteria_item *it = &s->items[f->item];

		json_array_append_new(
		    arr,
		    json_pack("{s:i, s:s, s:s, s:s, s:i, s:s, s:i, s:s, s:i, s:i, s:b, s:o, s:o}",
		              "rank", (int)k + 1, "code", it->code, "title", it->title, "part",
		              s->parts[it->part].code, "from_option", (int)f->from, "from_label",
		              it->options[f->from - 1].label, "to_option", (int)f->to, "to_label",
		              it->options[f->to - 1].label, "gain", f->gain, "effort", f->effort,
		              "unblocks", f->unblocks, "unlocks", unlocks_json(r, f), "evidence",
		              strings(it->evidence, it->n_evidence)));
	}
	return arr;
}

json_t *criteria_result_to_json(const struct criteria_result *r)
{
	const struct criteria_set *s = r->set;

	return json_pack("{s:s, s:i, s:s?, s:o, s:i, s:i, s:i, s:i, s:s, s:b, s:o, s:o, s:o}",
	                 "set", s->id, "version", s->version, "framework", s->framework_id, "parts",
	                 parts_json(r), "total", r->total, "max", CRITERIA_TOTAL, "band_stars",
	                 r->band_stars, "stars", r->stars, "outcome", outcome_name(r->outcome),
	                 "certifiable", r->is_certifiable, "blocking", blocks_json(r), "fix_first",
	                 fixes_json(r), "answers", answers_json(r));
}
