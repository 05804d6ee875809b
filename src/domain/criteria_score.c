/*
 * criteria_score.c: answers against a sheet, and what they earn.
 *
 * Answers map criterion codes to the 1-based position of the chosen option.
 * Scoring sums points per part, bands the total with the framework's star
 * bands, then applies the sheet's rules: a knock-out option eliminates the
 * product or stops the evaluation (no rating); a mandatory criterion not met
 * caps the rating below the level it guards.  Criteria with a condition
 * ("only if the product has a story") count only when it holds.
 *
 * "What to fix first" lists, per criterion, the next option up: the cheapest
 * option worth more points than the current one.  Fixes that clear a
 * knock-out or a capping mandatory rule come first; the rest are ranked by
 * points gained per unit of effort, then by points, then in sheet order.
 * Exports criteria_answers_parse/validate, criteria_score and
 * criteria_result_to_json.  Pure: no I/O.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/criteria.h"

static int option_points(const struct criteria_set *s, const int *choice, size_t i)
{
	return choice[i] > 0 ? s->items[i].options[choice[i] - 1].points : 0;
}

static bool is_applicable(const struct criteria_set *s, const int *choice, size_t i)
{
	const struct criteria_item *it = &s->items[i];

	return !it->has_condition ||
	       (choice[it->cond_item] > 0 &&
	        option_points(s, choice, it->cond_item) >= it->cond_min_points);
}

static bool has_knockout(const struct criteria_set *s, const int *choice)
{
	for (size_t i = 0; i < s->n_items; i++)
		if (choice[i] > 0 && s->items[i].options[choice[i] - 1].knockout)
			return true;
	return false;
}

int criteria_answers_validate(const struct criteria_set *s, const int *choice, char *err,
                              size_t errlen)
{
	bool ko;

	if (s->kind != CRITERIA_SHEET) {
		snprintf(err, errlen, "set '%s' is a framework, not a criteria sheet", s->id);
		return -1;
	}
	for (size_t i = 0; i < s->n_items; i++)
		if (choice[i] < 0 || (size_t)choice[i] > s->items[i].n_options) {
			snprintf(err, errlen,
			         "answers['%s']: option %d does not exist, criterion "
			         "'%s' has %zu options",
			         s->items[i].code, choice[i], s->items[i].code,
			         s->items[i].n_options);
			return -1;
		}
	/* A knock-out ends the evaluation, so the rest may be left blank. */
	ko = has_knockout(s, choice);
	for (size_t i = 0; i < s->n_items && !ko; i++)
		if (choice[i] == 0 && is_applicable(s, choice, i)) {
			snprintf(err, errlen, "answers: criterion '%s' is not answered",
			         s->items[i].code);
			return -1;
		}
	return 0;
}

int criteria_answers_parse(struct arena *a, const struct criteria_set *s, const char *json,
                           size_t len, int **choice, char *err, size_t errlen)
{
	int *c = arena_alloc(a, (s->n_items + 1) * sizeof(*c));
	json_error_t jerr;
	const char *key;
	json_t *root, *v;
	int rc = -1;

	if (s->kind != CRITERIA_SHEET) {
		snprintf(err, errlen, "set '%s' is a framework, not a criteria sheet", s->id);
		return -1;
	}
	if (len > CRITERIA_ANSWERS_MAX) {
		snprintf(err, errlen, "answers: %zu bytes, over the limit of %u", len,
		         CRITERIA_ANSWERS_MAX);
		return -1;
	}
	root = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		snprintf(err, errlen, "answers: invalid JSON at line %d column %d: %s", jerr.line,
		         jerr.column, jerr.text);
		return -1;
	}
	if (!json_is_object(root)) {
		snprintf(err, errlen,
		         "answers: must be an object mapping criterion codes to "
		         "option positions");
		goto out;
	}
	json_object_foreach(root, key, v)
	{
		long i = criteria_set_find_item(s, key);

		if (i < 0) {
			snprintf(err, errlen, "answers: '%.40s' is not a criterion of set '%s'",
			         key, s->id);
			goto out;
		}
		if (!json_is_integer(v)) {
			snprintf(err, errlen,
			         "answers['%s']: must be an integer, the 1-based "
			         "position of an option",
			         key);
			goto out;
		}
		if (json_integer_value(v) < 1 ||
		    json_integer_value(v) > (json_int_t)s->items[i].n_options) {
			snprintf(err, errlen,
			         "answers['%s']: option %lld does not exist, criterion "
			         "'%s' has %zu options",
			         key, (long long)json_integer_value(v), key, s->items[i].n_options);
			goto out;
		}
		c[i] = (int)json_integer_value(v);
	}
	if (criteria_answers_validate(s, c, err, errlen))
		goto out;
	*choice = c;
	rc = 0;
out:
	json_decref(root);
	return rc;
}

static void add_blocks(struct arena *a, const struct criteria_set *s, struct criteria_result *r)
{
	const int *choice = r->choice;
	int cap = CRITERIA_MAX_STARS;

	r->blocks = arena_alloc(a, (s->n_items + s->n_mandatory + 1) * sizeof(*r->blocks));
	r->outcome = CRITERIA_RATED;
	for (size_t i = 0; i < s->n_items; i++) {
		const struct criteria_option *o;

		if (choice[i] == 0 || !(o = &s->items[i].options[choice[i] - 1])->knockout)
			continue;
		r->blocks[r->n_blocks++] = (struct criteria_block){
		    .kind = CRITERIA_BLOCK_KNOCKOUT,
		    .item = i,
		    .effect = o->knockout,
		    .reason = o->knockout_reason,
		};
		if (o->knockout == CRITERIA_KO_ELIMINATE)
			r->outcome = CRITERIA_ELIMINATED;
		else if (r->outcome == CRITERIA_RATED)
			r->outcome = CRITERIA_STOPPED;
	}
	for (size_t k = 0; k < s->n_mandatory; k++) {
		const struct criteria_mandatory *m = &s->mandatory[k];
		bool is_met =
		    r->is_applicable[m->item] && option_points(s, choice, m->item) >= m->min_points;

		if (is_met)
			continue;
		if (m->stars <= r->band_stars && m->stars - 1 < cap)
			cap = m->stars - 1;
		r->blocks[r->n_blocks++] = (struct criteria_block){
		    .kind = CRITERIA_BLOCK_MANDATORY,
		    .item = m->item,
		    .stars = m->stars,
		    .min_points = m->min_points,
		    .is_capping = m->stars <= r->band_stars,
		};
	}
	r->stars = r->outcome == CRITERIA_RATED ? (r->band_stars < cap ? r->band_stars : cap) : 0;
}

/* The cheapest non-knock-out option giving at least `need` points (or more
 * than `need` when strict), first in sheet order among equals; 0 if none. */
static size_t cheapest_option(const struct criteria_item *it, int need, bool strict)
{
	size_t best = 0;

	for (size_t j = 0; j < it->n_options; j++) {
		const struct criteria_option *o = &it->options[j];

		if (o->knockout || o->points < need || (strict && o->points == need))
			continue;
		if (!best || o->points < it->options[best - 1].points)
			best = j + 1;
	}
	return best;
}

static int fix_cmp(const void *pa, const void *pb)
{
	const struct criteria_fix *a = pa, *b = pb;
	long ra = (long)a->gain * b->effort, rb = (long)b->gain * a->effort;

	if (a->unblocks != b->unblocks)
		return a->unblocks ? -1 : 1;
	if (ra != rb)
		return ra > rb ? -1 : 1;
	if (a->gain != b->gain)
		return a->gain > b->gain ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

static void add_fixes(struct arena *a, const struct criteria_set *s, struct criteria_result *r)
{
	r->fixes = arena_alloc(a, (s->n_items + 1) * sizeof(*r->fixes));
	for (size_t i = 0; i < s->n_items; i++) {
		const struct criteria_item *it = &s->items[i];
		int cur = option_points(s, r->choice, i), need = -1;
		bool is_ko = r->choice[i] > 0 && it->options[r->choice[i] - 1].knockout;
		size_t to;

		if (!r->is_applicable[i] || r->choice[i] == 0)
			continue;
		for (size_t b = 0; b < r->n_blocks; b++)
			if (r->blocks[b].kind == CRITERIA_BLOCK_MANDATORY &&
			    r->blocks[b].item == i && r->blocks[b].is_capping &&
			    r->blocks[b].min_points > need)
				need = r->blocks[b].min_points;
		if (is_ko)
			to = cheapest_option(it, cur, false);
		else if (need > cur)
			to = cheapest_option(it, need, false);
		else
			to = cheapest_option(it, cur, true);
		if (!to)
			continue;
		r->fixes[r->n_fixes++] = (struct criteria_fix){
		    .item = i,
		    .from = (size_t)r->choice[i],
		    .to = to,
		    .gain = it->options[to - 1].points - cur,
		    .effort = it->effort,
		    .unblocks = is_ko || need > cur,
		};
	}
	qsort(r->fixes, r->n_fixes, sizeof(*r->fixes), fix_cmp);
}

int criteria_score(struct arena *a, const struct criteria_set *s, const int *choice,
                   struct criteria_result *r, char *err, size_t errlen)
{
	const struct criteria_set *fw = s->framework ? s->framework : s;

	if (criteria_answers_validate(s, choice, err, errlen))
		return -1;
	memset(r, 0, sizeof(*r));
	r->set = s;
	r->choice = choice;
	r->is_applicable = arena_alloc(a, (s->n_items + 1) * sizeof(bool));
	for (size_t i = 0; i < s->n_items; i++) {
		r->is_applicable[i] = is_applicable(s, choice, i);
		if (r->is_applicable[i]) {
			r->part_points[s->items[i].part] += option_points(s, choice, i);
			r->total += option_points(s, choice, i);
		}
	}
	r->band_stars = criteria_stars(s, r->total);
	add_blocks(a, s, r);
	r->is_certifiable = r->stars >= fw->certifiable_min_stars;
	add_fixes(a, s, r);
	return 0;
}
