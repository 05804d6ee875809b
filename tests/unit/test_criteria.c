/*
 * test_criteria.c: unit tests of src/domain/criteria*.c: the shipped sheets
 * and their totals, parsing and validation with hostile input, answers,
 * scoring, star bands at every boundary, knock-outs, conditional and
 * mandatory criteria, and the "what to fix first" ranking.
 *
 * Most cases run on a synthetic 2023 sheet (parts 40/25/35, every integer
 * option from 0 to each maximum) so any total can be reached exactly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <utf8proc.h>

#include "domain/criteria.h"

#define PROCESSED                   "qd1048-2019-che-bien-rau-cu-qua-hat"
#define FRESH                       "qd1048-2019-rau-cu-qua-hat-tuoi"
#define CRITERIA_JSON_TEXT_MAX_TEST 4000 /* src/domain/criteria_json.h */

static const struct {
	const char *code, *part;
	int max;
} synth_items[] = {
    {"1.1", "A", 10}, {"1.2", "A", 10}, {"1.3", "A", 10}, {"1.4", "A", 10},
    {"2.1", "B", 10}, {"2.2", "B", 10}, {"2.3", "B", 5},  {"3.1", "C", 10},
    {"3.2", "C", 10}, {"3.3", "C", 10}, {"3.4", "C", 5},
};
#define N_SYNTH (sizeof(synth_items) / sizeof(synth_items[0]))

struct fixture {
	struct criteria_registry reg;
	struct arena arena;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	char err[256];

	if (criteria_registry_init(&f->reg, err, sizeof(err))) {
		fprintf(stderr, "registry: %s\n", err);
		free(f);
		return -1;
	}
	arena_init(&f->arena);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	criteria_registry_release(&f->reg);
	arena_release(&f->arena);
	free(f);
	return 0;
}

/* A valid 2023 sheet; option k (position k + 1) of each criterion is worth k. */
static json_t *synth_sheet(void)
{
	json_t *crit = json_array();

	for (size_t i = 0; i < N_SYNTH; i++) {
		json_t *opts = json_array();

		for (int k = 0; k <= synth_items[i].max; k++)
			json_array_append_new(
			    opts, json_pack("{s:s, s:i}", "label", "mức '<>&\"", "points", k));
		json_array_append_new(
		    crit, json_pack("{s:s, s:s, s:s, s:i, s:o, s:[s]}", "code", synth_items[i].code,
		                    "part", synth_items[i].part, "title", "Tiêu chí", "max",
		                    synth_items[i].max, "options", opts, "evidence", "Hồ sơ"));
	}
	return json_pack(
	    "{s:s, s:s, s:s, s:i, s:s, s:s, s:{s:s}, s:{s:s, s:n}, s:s, s:s, "
	    "s:[{s:s, s:s, s:i}, {s:s, s:s, s:i}, {s:s, s:s, s:i}], s:o}",
	    "format", "ocop-criteria/1", "kind", "sheet", "id", "test-2023", "version", 1, "title",
	    "Phiếu thử 2023", "framework", "qd148-2023", "legal_basis", "decision", "148/QĐ-TTg",
	    "effective", "from", "2023-02-24", "until", "product_group", "Thực phẩm", "product_set",
	    "Chế biến từ rau, củ, quả, hạt", "parts", "code", "A", "title", "A", "max", 40, "code",
	    "B", "title", "B", "max", 25, "code", "C", "title", "C", "max", 35, "criteria", crit);
}

static json_t *synth_item(json_t *sheet, size_t i)
{
	return json_array_get(json_object_get(sheet, "criteria"), i);
}

/* Adds the sheet; returns 0 or -1 with err. */
static int add_sheet(struct fixture *f, json_t *sheet, char *err, size_t errlen)
{
	char *text = json_dumps(sheet, 0);
	int rc = criteria_registry_add_json(&f->reg, text, strlen(text), err, errlen);

	free(text);
	json_decref(sheet);
	return rc;
}

static const struct criteria_set *synth(struct fixture *f, json_t *sheet)
{
	char err[256] = "";

	if (add_sheet(f, sheet, err, sizeof(err)))
		fail_msg("synthetic sheet refused: %s", err);
	return criteria_registry_find(&f->reg, "test-2023");
}

/* Choices reaching exactly `total` on the synthetic sheet. */
static int *choices_for(struct fixture *f, const struct criteria_set *s, int total)
{
	int *c = arena_alloc(&f->arena, s->n_items * sizeof(int));

	for (size_t i = 0; i < s->n_items; i++) {
		int take = total < s->items[i].max ? total : s->items[i].max;

		c[i] = take + 1;
		total -= take;
	}
	assert_int_equal(total, 0);
	return c;
}

static bool is_nfc(const char *s)
{
	utf8proc_uint8_t *n = utf8proc_NFC((const utf8proc_uint8_t *)s);
	bool same = n && strcmp((const char *)n, s) == 0;

	free(n);
	return same;
}

static void assert_nfc(json_t *v)
{
	const char *key;
	json_t *x;
	size_t i;

	if (json_is_string(v))
		assert_true(is_nfc(json_string_value(v)));
	json_object_foreach(v, key, x)
	{
		assert_true(is_nfc(key));
		assert_nfc(x);
	}
	json_array_foreach(v, i, x) assert_nfc(x);
}

static void test_shipped_sets(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *id;
		int a, b, c;
	} want[] = {
	    {"qd1048-2019", 35, 25, 40},
	    {"qd148-2023", 40, 25, 35},
	    {PROCESSED, 35, 25, 40},
	    {FRESH, 35, 25, 40},
	};

	assert_int_equal(criteria_registry_count(&f->reg), 4);
	for (size_t w = 0; w < 4; w++) {
		const struct criteria_set *s = criteria_registry_find(&f->reg, want[w].id);
		int sums[CRITERIA_MAX_PARTS] = {0};

		assert_non_null(s);
		assert_true(s->is_shipped);
		assert_int_equal(s->n_parts, 3);
		assert_int_equal(s->parts[0].max, want[w].a);
		assert_int_equal(s->parts[1].max, want[w].b);
		assert_int_equal(s->parts[2].max, want[w].c);
		assert_nfc(s->json);
		if (s->kind == CRITERIA_FRAMEWORK) {
			assert_int_equal(s->n_groups, 6);
			assert_int_equal(s->n_psets, 26);
			assert_int_equal(s->certifiable_min_stars, 3);
			continue;
		}
		for (size_t i = 0; i < s->n_items; i++)
			sums[s->items[i].part] += s->items[i].max;
		assert_int_equal(sums[0], want[w].a);
		assert_int_equal(sums[1], want[w].b);
		assert_int_equal(sums[2], want[w].c);
		assert_non_null(s->framework);
	}
}

static void test_bands_every_boundary(void **state)
{
	struct fixture *f = *state;
	static const int cases[][2] = {{0, 1},  {29, 1}, {30, 2}, {49, 2}, {50, 3},
	                               {69, 3}, {70, 4}, {89, 4}, {90, 5}, {100, 5}};
	const struct criteria_set *s = synth(f, synth_sheet());
	char err[256];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct criteria_result r;

		assert_int_equal(criteria_stars(s, cases[i][0]), cases[i][1]);
		assert_int_equal(criteria_score(&f->arena, s, choices_for(f, s, cases[i][0]), &r,
		                                err, sizeof(err)),
		                 0);
		assert_int_equal(r.total, cases[i][0]);
		assert_int_equal(r.stars, cases[i][1]);
		assert_int_equal(r.is_certifiable, cases[i][1] >= 3);
		assert_int_equal(r.outcome, CRITERIA_RATED);
	}
}

static void test_score_processed_sheet(void **state)
{
	struct fixture *f = *state;
	const struct criteria_set *s = criteria_registry_find(&f->reg, PROCESSED);
	int *best = arena_alloc(&f->arena, s->n_items * sizeof(int));
	struct criteria_result r;
	char err[256];

	/* The option worth the maximum, never a knock-out. */
	for (size_t i = 0; i < s->n_items; i++)
		for (size_t j = 0; j < s->items[i].n_options; j++)
			if (s->items[i].options[j].points == s->items[i].max &&
			    !s->items[i].options[j].knockout)
				best[i] = (int)j + 1;
	assert_int_equal(criteria_score(&f->arena, s, best, &r, err, sizeof(err)), 0);
	assert_int_equal(r.part_points[0], 35);
	assert_int_equal(r.part_points[1], 25);
	assert_int_equal(r.part_points[2], 40);
	assert_int_equal(r.total, 100);
	assert_int_equal(r.stars, 5);
	assert_int_equal(r.n_fixes, 0);
	assert_int_equal(r.n_blocks, 0);
}

static int *parse_answers(struct fixture *f, const struct criteria_set *s, const char *json,
                          char *err, size_t errlen)
{
	int *c = NULL;

	if (criteria_answers_parse(&f->arena, s, json, strlen(json), &c, err, errlen))
		return NULL;
	return c;
}

static void test_knockouts(void **state)
{
	struct fixture *f = *state;
	const struct criteria_set *s = criteria_registry_find(&f->reg, PROCESSED);
	struct criteria_result r;
	char err[256];
	int *c;

	/* Raw material of unknown origin: eliminated; the rest may stay blank. */
	c = parse_answers(f, s, "{\"1.1\": 1, \"4.2\": 1}", err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(criteria_score(&f->arena, s, c, &r, err, sizeof(err)), 0);
	assert_int_equal(r.outcome, CRITERIA_ELIMINATED);
	assert_int_equal(r.stars, 0);
	assert_false(r.is_certifiable);
	assert_int_equal(r.n_blocks, 1);
	assert_string_equal(s->items[r.blocks[0].item].code, "1.1");
	assert_string_equal(s->items[r.fixes[0].item].code, "1.1");
	assert_true(r.fixes[0].unblocks);
	assert_int_equal(r.fixes[0].to, 2);

	/* Foreign matter at 0 points and an invalid food-safety certificate stop it. */
	c = parse_answers(f, s, "{\"6.1\": 1, \"9\": 1}", err, sizeof(err));
	assert_non_null(c);
	assert_int_equal(criteria_score(&f->arena, s, c, &r, err, sizeof(err)), 0);
	assert_int_equal(r.outcome, CRITERIA_STOPPED);
	assert_int_equal(r.n_blocks, 2);
	assert_true(r.fixes[0].unblocks && r.fixes[1].unblocks);
	/* Option 2 of criterion 9 (no quality control, 0 points) clears the stop. */
	assert_int_equal(r.fixes[1].to, 2);
	assert_int_equal(r.fixes[1].gain, 0);
}

static const char *full_answers(struct fixture *f, const struct criteria_set *s, const char *over)
{
	json_t *a = json_loads(over, 0, NULL);
	char *text, *copy;

	for (size_t i = 0; i < s->n_items; i++)
		if (!json_object_get(a, s->items[i].code))
			json_object_set_new(a, s->items[i].code,
			                    json_integer(s->items[i].options[0].knockout ? 2 : 1));
	text = json_dumps(a, 0);
	copy = arena_strdup(&f->arena, text);
	free(text);
	json_decref(a);
	return copy;
}

static void test_conditional_criteria(void **state)
{
	struct fixture *f = *state;
	const struct criteria_set *s = criteria_registry_find(&f->reg, PROCESSED);
	size_t i51 = (size_t)criteria_set_find_item(s, "5.1");
	size_t i52 = (size_t)criteria_set_find_item(s, "5.2");
	struct criteria_result r, r2;
	char err[256];
	json_t *j, *fixes;
	int *c;

	/* No story: 5.2 and 5.3 need no answer, and answers given do not count. */
	json_t *a = json_loads(full_answers(f, s, "{}"), 0, NULL);

	json_object_del(a, "5.2");
	json_object_del(a, "5.3");
	{
		char *t = json_dumps(a, 0);

		c = parse_answers(f, s, t, err, sizeof(err));
		free(t);
	}
	json_decref(a);
	assert_non_null(c);
	assert_int_equal(criteria_score(&f->arena, s, c, &r, err, sizeof(err)), 0);
	assert_false(r.is_applicable[i52]);
	c = parse_answers(f, s, full_answers(f, s, "{\"5.2\": 4, \"5.3\": 2}"), err, sizeof(err));
	assert_int_equal(criteria_score(&f->arena, s, c, &r2, err, sizeof(err)), 0);
	assert_int_equal(r2.total, r.total);

	/* The fix for 5.1 says it brings 5.2 and 5.3 into play. */
	j = criteria_result_to_json(&r2);
	fixes = json_object_get(j, "fix_first");
	for (size_t k = 0; k < json_array_size(fixes); k++) {
		json_t *fx = json_array_get(fixes, k);

		if (strcmp(json_string_value(json_object_get(fx, "code")), "5.1") == 0)
			assert_int_equal(json_array_size(json_object_get(fx, "unlocks")), 0);
	}
	json_decref(j);

	/* A documented story (5.1 option 3): 5.2 and 5.3 count and must be answered. */
	c = parse_answers(f, s, full_answers(f, s, "{\"5.1\": 3, \"5.2\": 4, \"5.3\": 2}"), err,
	                  sizeof(err));
	assert_int_equal(criteria_score(&f->arena, s, c, &r2, err, sizeof(err)), 0);
	assert_int_equal(r2.total, r.total + 2 + 3 + 2);
	assert_true(r2.is_applicable[i52]);
	a = json_loads(full_answers(f, s, "{\"5.1\": 3}"), 0, NULL);
	json_object_del(a, "5.3");
	{
		char *t = json_dumps(a, 0);

		assert_null(parse_answers(f, s, t, err, sizeof(err)));
		free(t);
	}
	json_decref(a);
	assert_string_equal(err, "answers: criterion '5.3' is not answered");
	(void)i51;
}

static void test_unlocks(void **state)
{
	struct fixture *f = *state;
	const struct criteria_set *s = criteria_registry_find(&f->reg, PROCESSED);
	struct criteria_result r;
	char err[256];
	int *c = parse_answers(f, s, full_answers(f, s, "{\"5.1\": 2}"), err, sizeof(err));
	json_t *j, *fixes;
	bool seen = false;

	assert_int_equal(criteria_score(&f->arena, s, c, &r, err, sizeof(err)), 0);
	j = criteria_result_to_json(&r);
	fixes = json_object_get(j, "fix_first");
	for (size_t k = 0; k < json_array_size(fixes); k++) {
		json_t *fx = json_array_get(fixes, k);

		if (strcmp(json_string_value(json_object_get(fx, "code")), "5.1") != 0)
			continue;
		seen = true;
		assert_int_equal(json_array_size(json_object_get(fx, "unlocks")), 2);
		assert_string_equal(
		    json_string_value(json_array_get(json_object_get(fx, "unlocks"), 0)), "5.2");
	}
	assert_true(seen);
	json_decref(j);
}

static void test_mandatory_caps(void **state)
{
	struct fixture *f = *state;
	json_t *sheet = synth_sheet();
	const struct criteria_set *s;
	struct criteria_result r;
	char err[256];
	int *c;

	json_object_set_new(sheet, "mandatory",
	                    json_pack("[{s:i, s:s, s:i}, {s:i, s:s, s:i}]", "stars", 4, "criterion",
	                              "3.4", "min_points", 5, "stars", 3, "criterion", "1.1",
	                              "min_points", 1));
	s = synth(f, sheet);
	c = choices_for(f, s, 100);
	c[s->n_items - 1] = 1; /* 3.4 at 0 points: total 95, 5 stars by points */
	assert_int_equal(criteria_score(&f->arena, s, c, &r, err, sizeof(err)), 0);
	assert_int_equal(r.total, 95);
	assert_int_equal(r.band_stars, 5);
	assert_int_equal(r.stars, 3);
	assert_true(r.is_certifiable);
	assert_int_equal(r.n_blocks, 1);
	assert_int_equal(r.blocks[0].kind, CRITERIA_BLOCK_MANDATORY);
	assert_true(r.blocks[0].is_capping);
	assert_string_equal(s->items[r.fixes[0].item].code, "3.4");
	assert_true(r.fixes[0].unblocks);
	assert_int_equal(r.fixes[0].gain, 5);

	/* Below the band a failed rule is reported but caps nothing. */
	c = choices_for(f, s, 60);
	assert_int_equal(criteria_score(&f->arena, s, c, &r, err, sizeof(err)), 0);
	assert_int_equal(r.stars, 3);
	assert_int_equal(r.n_blocks, 1);
	assert_false(r.blocks[0].is_capping);
	assert_false(r.fixes[0].unblocks);
}

static void test_fix_ranking(void **state)
{
	struct fixture *f = *state;
	json_t *sheet = synth_sheet();
	const struct criteria_set *s;
	struct criteria_result r;
	char err[256];
	int *c;

	/* 1.1 effort 3, 1.2 effort 1, others effort 2 (the default). */
	json_object_set_new(synth_item(sheet, 0), "effort", json_integer(3));
	json_object_set_new(synth_item(sheet, 1), "effort", json_integer(1));
	/* 2.1 jumps from 0 to 4 points in one step. */
	json_array_remove(json_object_get(synth_item(sheet, 4), "options"), 1);
	json_array_remove(json_object_get(synth_item(sheet, 4), "options"), 1);
	json_array_remove(json_object_get(synth_item(sheet, 4), "options"), 1);
	s = synth(f, sheet);
	c = arena_alloc(&f->arena, s->n_items * sizeof(int));
	for (size_t i = 0; i < s->n_items; i++)
		c[i] = (int)s->items[i].n_options; /* everything at its maximum */
	c[0] = 1;                                  /* 1.1: +1 for effort 3 */
	c[1] = 1;                                  /* 1.2: +1 for effort 1 */
	c[4] = 1;                                  /* 2.1: +4 for effort 2 */
	c[7] = 1;                                  /* 3.1: +1 for effort 2 */
	assert_int_equal(criteria_score(&f->arena, s, c, &r, err, sizeof(err)), 0);
	assert_int_equal(r.n_fixes, 4);
	assert_string_equal(s->items[r.fixes[0].item].code, "2.1");
	assert_int_equal(r.fixes[0].gain, 4);
	assert_int_equal(r.fixes[0].to, 2);
	assert_string_equal(s->items[r.fixes[1].item].code, "1.2");
	assert_string_equal(s->items[r.fixes[2].item].code, "3.1");
	assert_string_equal(s->items[r.fixes[3].item].code, "1.1");
}

/* Each mutation of the synthetic sheet, and the exact reason it is refused. */
static void mutate(json_t *sheet, int which)
{
	json_t *parts = json_object_get(sheet, "parts");

	switch (which) {
	case 0:
		json_object_set_new(
		    json_array_get(json_object_get(synth_item(sheet, 3), "options"), 1), "points",
		    json_integer(11));
		break;
	case 1: /* part C gone, with its criteria */
		json_array_remove(parts, 2);
		for (int i = 0; i < 4; i++)
			json_array_remove(json_object_get(sheet, "criteria"), 7);
		break;
	case 2:
		json_array_remove(parts, 2);
		break;
	case 3:
		json_object_set_new(synth_item(sheet, 6), "max", json_integer(4));
		json_array_remove(json_object_get(synth_item(sheet, 6), "options"), 5);
		break;
	case 4:
		json_object_set_new(sheet, "product_group", json_string("Đồ gốm"));
		break;
	case 5:
		json_object_set_new(sheet, "product_set", json_string("Rau, củ, quả, hạt"));
		break;
	case 6:
		json_object_set_new(synth_item(sheet, 1), "code", json_string("1.1"));
		break;
	case 7:
		json_object_set_new(synth_item(sheet, 0), "maxx", json_integer(1));
		break;
	case 8:
		json_object_set_new(sheet, "framework", json_string("qd2026"));
		break;
	case 9:
		json_object_set_new(
		    json_array_get(json_object_get(synth_item(sheet, 0), "options"), 0), "knockout",
		    json_pack("{s:s, s:s}", "effect", "cap", "reason", "x"));
		break;
	case 10:
		json_array_remove(json_object_get(synth_item(sheet, 0), "options"), 10);
		break;
	case 11:
		json_object_set_new(json_array_get(parts, 0), "max", json_integer(35));
		break;
	case 12: {
		char big[CRITERIA_JSON_TEXT_MAX_TEST + 2];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		json_object_set_new(synth_item(sheet, 0), "title", json_string(big));
	} break;
	case 13:
		json_object_set_new(synth_item(sheet, 5), "condition",
		                    json_pack("{s:s, s:i}", "criterion", "9.9", "min_points", 1));
		break;
	case 14:
		json_object_set_new(sheet, "mandatory",
		                    json_pack("[{s:i, s:s, s:i}]", "stars", 3, "criterion", "2.3",
		                              "min_points", 6));
		break;
	case 15:
		json_object_set_new(synth_item(sheet, 2), "code", json_string("1..3"));
		break;
	}
}

static void test_bad_sets(void **state)
{
	struct fixture *f = *state;
	static const char *const want[] = {
	    "criteria[3] '1.4': option 2 has 11 points, over the criterion's maximum 10",
	    "parts: part 'C' (maximum 35) of framework 'qd148-2023' is missing",
	    "criteria[7] '3.1': part 'C' is not one of the set's parts",
	    "part 'B': criteria add up to 24 points, the part's maximum is 25",
	    "product_group: 'Đồ gốm' is not a product group of framework 'qd148-2023'",
	    "product_set: 'Rau, củ, quả, hạt' is not a product set of group 'Thực phẩm' in "
	    "framework 'qd148-2023'",
	    "criteria[1] '1.1': code is used twice",
	    "criteria[0]: unknown key 'maxx'",
	    "framework: 'qd2026' is not a registered framework",
	    "criteria[0] '1.1': option 1: effect 'cap' is neither 'eliminate' nor 'stop'",
	    "criteria[0] '1.1': no option reaches the criterion's maximum 10 (the highest gives "
	    "9)",
	    "part 'A': criteria add up to 40 points, the part's maximum is 35",
	    "criteria[0] '1.1': 'title' must have 1 to 4000 bytes",
	    "criteria[5] '2.2': condition: criterion '9.9' does not exist",
	    "mandatory[0]: 'min_points' is 6, outside 1..5",
	    "criteria[2]: code '1..3' must be numbers joined by dots, as '1.1'",
	};

	for (int i = 0; i < (int)(sizeof(want) / sizeof(want[0])); i++) {
		json_t *sheet = synth_sheet();
		char err[256] = "";

		mutate(sheet, i);
		assert_int_equal(add_sheet(f, sheet, err, sizeof(err)), -1);
		if (strcmp(err, want[i]) != 0)
			fail_msg("case %d: got \"%s\"", i, err);
		assert_null(criteria_registry_find(&f->reg, "test-2023"));
	}
}

static void test_bad_bytes(void **state)
{
	struct fixture *f = *state;
	static const char *const bad[] = {
	    "",
	    "{",
	    "[]",
	    "{\"format\": \"ocop-criteria/1\", \"format\": \"x\"}",
	    "{\"format\": \"ocop-criteria/2\"}",
	    "{\"format\": \"ocop-criteria/1\", \"kind\": \"x\"}",
	    "{\"title\": \"\xff\xfe\"}",
	    "null",
	    "{\"format\": \"ocop\\u0000criteria/1\"}",
	};
	char err[256];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(
		    criteria_registry_add_json(&f->reg, bad[i], strlen(bad[i]), err, sizeof(err)),
		    -1);
		assert_true(strlen(err) > 0);
	}
	assert_int_equal(
	    criteria_registry_add_json(&f->reg, "{}", CRITERIA_JSON_MAX + 1, err, sizeof(err)), -1);
	assert_string_equal(err, "criteria file is 1048577 bytes, over the limit of 1048576");
	assert_int_equal(criteria_registry_count(&f->reg), 4);
}

static void test_bad_answers(void **state)
{
	struct fixture *f = *state;
	const struct criteria_set *s = synth(f, synth_sheet());
	static const char *const cases[][2] = {
	    {"{\"1.1\": 1, \"1.1\": 2}",
	     "answers: invalid JSON at line 1 column 16: duplicate object key near '\"1.1\"'"},
	    {"{\"1.1\": 12}", "answers['1.1']: option 12 does not exist, criterion '1.1' has 11 "
	                      "options"},
	    {"{\"1.1\": 0}", "answers['1.1']: option 0 does not exist, criterion '1.1' has 11 "
	                     "options"},
	    {"{\"1.1\": -1}", "answers['1.1']: option -1 does not exist, criterion '1.1' has 11 "
	                      "options"},
	    {"{\"1.1\": \"2\"}", "answers['1.1']: must be an integer, the 1-based position of an "
	                         "option"},
	    {"{\"1.1\": 1.5}", "answers['1.1']: must be an integer, the 1-based position of an "
	                       "option"},
	    {"{\"<script>\": 1}", "answers: '<script>' is not a criterion of set 'test-2023'"},
	    {"[1, 2]", "answers: must be an object mapping criterion codes to option positions"},
	    {"{\"1.1\": 1}", "answers: criterion '1.2' is not answered"},
	};
	char err[256];
	int *c;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(criteria_answers_parse(&f->arena, s, cases[i][0],
		                                        strlen(cases[i][0]), &c, err, sizeof(err)),
		                 -1);
		if (strcmp(err, cases[i][1]) != 0)
			fail_msg("case %zu: got \"%s\"", i, err);
	}
	c = choices_for(f, s, 50);
	c[0] = 12;
	assert_int_equal(criteria_answers_validate(s, c, err, sizeof(err)), -1);
	assert_int_equal(criteria_answers_parse(&f->arena,
	                                        criteria_registry_find(&f->reg, "qd148-2023"), "{}",
	                                        2, &c, err, sizeof(err)),
	                 -1);
	assert_string_equal(err, "set 'qd148-2023' is a framework, not a criteria sheet");
}

static void test_versions_and_replacement(void **state)
{
	struct fixture *f = *state;
	const struct criteria_set *v1 = synth(f, synth_sheet());
	json_t *bad = synth_sheet(), *good = synth_sheet();
	char err[256];

	json_object_set_new(bad, "version", json_integer(2));
	mutate(bad, 0);
	assert_int_equal(add_sheet(f, bad, err, sizeof(err)), -1);
	assert_ptr_equal(criteria_registry_find(&f->reg, "test-2023"), v1);
	assert_int_equal(add_sheet(f, synth_sheet(), err, sizeof(err)), -1);
	assert_string_equal(err, "version: set 'test-2023' version 1 is registered; a replacement "
	                         "needs a higher version than 1");
	json_object_set_new(good, "version", json_integer(2));
	assert_int_equal(add_sheet(f, good, err, sizeof(err)), 0);
	assert_int_equal(criteria_registry_find(&f->reg, "test-2023")->version, 2);
	assert_ptr_equal(criteria_registry_find_version(&f->reg, "test-2023", 1), v1);
}

static void test_show_loads_back(void **state)
{
	struct fixture *f = *state;
	char err[256];

	for (size_t i = 0; i < 4; i++) {
		json_t *j = criteria_set_to_json(criteria_registry_get(&f->reg, i));

		json_object_set_new(j, "version", json_integer(2));
		if (add_sheet(f, j, err, sizeof(err)))
			fail_msg("set %zu: %s", i, err);
	}
	assert_int_equal(criteria_registry_count(&f->reg), 8);
}

static void test_result_json(void **state)
{
	struct fixture *f = *state;
	const struct criteria_set *s = synth(f, synth_sheet());
	struct criteria_result r;
	char err[256];
	json_t *j;

	assert_int_equal(criteria_score(&f->arena, s, choices_for(f, s, 69), &r, err, sizeof(err)),
	                 0);
	j = criteria_result_to_json(&r);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 69);
	assert_int_equal(json_integer_value(json_object_get(j, "stars")), 3);
	assert_string_equal(json_string_value(json_object_get(j, "outcome")), "rated");
	assert_true(json_is_true(json_object_get(j, "certifiable")));
	assert_int_equal(json_array_size(json_object_get(j, "parts")), 3);
	assert_int_equal(json_integer_value(json_object_get(
	                     json_array_get(json_object_get(j, "parts"), 0), "points")),
	                 40);
	assert_true(json_array_size(json_object_get(j, "fix_first")) > 0);
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_shipped_sets, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bands_every_boundary, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_score_processed_sheet, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_knockouts, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_conditional_criteria, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unlocks, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_mandatory_caps, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fix_ranking, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_sets, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_bytes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_answers, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_versions_and_replacement, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_show_loads_back, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_result_json, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
