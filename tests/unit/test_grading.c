/* test_grading.c: grading, windows and answer parsing
 * (src/domain/evaluation.c), on evaluations built in memory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "domain/evaluation.h"

/* q1 single (2 pts, option 11 right); q2 multiple all-or-nothing (2 pts,
 * 21 and 22 right, 23 wrong); q3 multiple partial (4 pts, 31 32 right, 33
 * 34 wrong); q4 rating; q5 text (max 10). */
static struct eval_option o1[] = {{11, "a", true}, {12, "b", false}};
static struct eval_option o2[] = {{21, "a", true}, {22, "b", true}, {23, "c", false}};
static struct eval_option o3[] = {{31, "a", true}, {32, "b", true}, {33, "c", false},
				  {34, "d", false}};
static struct eval_question qs[] = {
	{1, Q_SINGLE, "q1", "", 2, false, true, 0, o1, 2},
	{2, Q_MULTIPLE, "q2", "", 2, false, true, 0, o2, 3},
	{3, Q_MULTIPLE, "q3", "", 4, true, true, 0, o3, 4},
	{4, Q_RATING, "q4", "content", 0, false, true, 0, NULL, 0},
	{5, Q_TEXT, "q5", "", 0, false, false, 10, NULL, 0},
};
static struct eval ev = {.id = 1, .pass_mark = 50, .q = qs, .nq = 5, .opens_at = 1000,
			 .closes_at = 2000};

static int64_t pts(int qi, int64_t *opts, int n)
{
	struct eval_answer a = {.opts = opts, .nopts = n, .given = n > 0};
	return eval_question_points(&qs[qi], &a);
}

static void test_single_and_all_or_nothing(void **state)
{
	(void)state;
	assert_int_equal(pts(0, (int64_t[]){11}, 1), 200);
	assert_int_equal(pts(0, (int64_t[]){12}, 1), 0);
	assert_int_equal(pts(0, NULL, 0), 0);
	assert_int_equal(pts(1, (int64_t[]){21, 22}, 2), 200);
	assert_int_equal(pts(1, (int64_t[]){21}, 1), 0);
	assert_int_equal(pts(1, (int64_t[]){21, 22, 23}, 3), 0);
}

static void test_partial(void **state)
{
	(void)state;
	assert_int_equal(pts(2, (int64_t[]){31, 32}, 2), 400);
	assert_int_equal(pts(2, (int64_t[]){31}, 1), 200);         /* half the right ones */
	assert_int_equal(pts(2, (int64_t[]){31, 32, 33}, 3), 200); /* a wrong one costs one */
	assert_int_equal(pts(2, (int64_t[]){31, 33}, 2), 0);       /* never below zero */
	assert_int_equal(pts(2, (int64_t[]){33, 34}, 2), 0);
}

static void test_grade_and_pass(void **state)
{
	(void)state;
	struct eval_answer ans[5] = {
		{.opts = (int64_t[]){11}, .nopts = 1, .given = true},
		{.opts = (int64_t[]){21}, .nopts = 1, .given = true},
		{.opts = (int64_t[]){31}, .nopts = 1, .given = true},
		{.rating = 5, .given = true},
		{0},
	};
	struct eval_grade g;
	eval_grade(&ev, ans, &g);
	assert_int_equal(g.max, 800);
	assert_int_equal(g.score, 400); /* 2 + 0 + 2 */
	assert_true(g.passed);          /* exactly the pass mark */
	ans[0].opts = (int64_t[]){12};
	eval_grade(&ev, ans, &g);
	assert_int_equal(g.score, 200);
	assert_false(g.passed);
	/* a survey without graded points passes */
	struct eval survey = {.pass_mark = 80, .q = &qs[3], .nq = 2};
	eval_grade(&survey, &ans[3], &g);
	assert_int_equal(g.max, 0);
	assert_true(g.passed);
}

static void test_window(void **state)
{
	(void)state;
	assert_int_equal(eval_window(&ev, 999), EVAL_BEFORE);
	assert_int_equal(eval_window(&ev, 1000), EVAL_OPEN);
	assert_int_equal(eval_window(&ev, 1999), EVAL_OPEN);
	assert_int_equal(eval_window(&ev, 2000), EVAL_CLOSED);
}

static void test_json_answers(void **state)
{
	struct arena a;
	struct eval_answer ans[5];
	(void)state;
	arena_init(&a);
	json_t *good = json_loads("{\"1\": 11, \"2\": [21, 22], \"3\": [31], \"4\": 3}", 0, NULL);
	assert_null(eval_answers_from_json(&a, &ev, good, ans));
	assert_int_equal(ans[1].nopts, 2);
	assert_int_equal(ans[3].rating, 3);
	json_decref(good);

	static const char *const bad[][2] = {
		{"{\"1\": 21, \"2\": [21], \"3\": [31], \"4\": 3}", "1"},   /* option of another question */
		{"{\"1\": 11, \"2\": [21], \"3\": [31], \"4\": 7}", "4"},   /* rating of 7 */
		{"{\"1\": 11, \"2\": [21, 21], \"3\": [31], \"4\": 3}", "2"}, /* twice */
		{"{\"1\": 11, \"2\": [21], \"3\": [31], \"4\": 3, \"99\": 1}", "99"}, /* not in it */
		{"{\"1\": 11, \"2\": [21], \"3\": [31], \"4\": 3, \"5\": \"01234567890\"}", "5"},
		{"{\"1\": [11], \"2\": [21], \"3\": [31], \"4\": 3}", "1"}, /* wrong type */
		{"{\"2\": [21], \"3\": [31], \"4\": 3}", "1"},              /* required, missing */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *in = json_loads(bad[i][0], 0, NULL);
		json_t *e = eval_answers_from_json(&a, &ev, in, ans);
		assert_non_null(e);
		assert_non_null(json_object_get(e, bad[i][1]));
		json_decref(e);
		json_decref(in);
	}
	/* form fields: repeated for multiple choice */
	const char *names[] = {"csrf", "q1", "q2", "q2", "q3", "q4", "q5"};
	const char *values[] = {"x", "11", "21", "22", "31", "5", "Hay quá"};
	assert_null(eval_answers_from_form(&a, &ev, names, values, 7, ans));
	assert_int_equal(ans[1].nopts, 2);
	assert_string_equal(ans[4].text, "Hay quá");
	arena_release(&a);
}

static void test_shuffle_is_stable(void **state)
{
	(void)state;
	struct eval sh = ev;
	int a[4], b[4], c[4];
	sh.shuffle = true;
	eval_option_order(&sh, &qs[2], 42, a);
	eval_option_order(&sh, &qs[2], 42, b);
	assert_memory_equal(a, b, sizeof(a));
	int seen = 0;
	for (int i = 0; i < 4; i++)
		seen |= 1 << a[i];
	assert_int_equal(seen, 15); /* a permutation */
	int differs = 0;
	for (int reg = 1; reg < 20; reg++) {
		eval_option_order(&sh, &qs[2], reg, c);
		differs |= memcmp(a, c, sizeof(a)) != 0;
	}
	assert_true(differs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_single_and_all_or_nothing),
		cmocka_unit_test(test_partial),
		cmocka_unit_test(test_grade_and_pass),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_json_answers),
		cmocka_unit_test(test_shuffle_is_stable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
