/*
 * test_interval.c: domain/interval.c.  Table-driven merges and clips, and a
 * randomised comparison of interval_set against a per-second bitmap.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "domain/interval.h"

#define MAXN 8

static const struct {
	const char *what;
	size_t n;
	struct interval in[MAXN];
	size_t n_out;
	struct interval out[MAXN];
} merge_cases[] = {
    {"empty", 0, {{0, 0}}, 0, {{0, 0}}},
    {"one", 1, {{10, 20}}, 1, {{10, 20}}},
    {"disjoint, unsorted", 3, {{50, 60}, {10, 20}, {30, 40}}, 3, {{10, 20}, {30, 40}, {50, 60}}},
    {"overlap", 2, {{10, 30}, {20, 40}}, 1, {{10, 40}}},
    {"nested (two devices)", 2, {{10, 100}, {30, 40}}, 1, {{10, 100}}},
    {"touching (reconnect at once)", 2, {{20, 30}, {10, 20}}, 1, {{10, 30}}},
    {"same start", 3, {{10, 15}, {10, 40}, {10, 20}}, 1, {{10, 40}}},
    {"chain", 4, {{1, 3}, {2, 5}, {4, 8}, {9, 10}}, 2, {{1, 8}, {9, 10}}},
    {"empty and reversed dropped", 4, {{5, 5}, {9, 3}, {10, 20}, {0, -1}}, 1, {{10, 20}}},
    {"negative times", 2, {{-50, -10}, {-20, 0}}, 1, {{-50, 0}}},
};

static void test_merge(void **state)
{
	struct interval iv[MAXN];
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof merge_cases / sizeof merge_cases[0]; i++) {
		memcpy(iv, merge_cases[i].in, sizeof iv);
		n = interval_merge(iv, merge_cases[i].n);
		if (n != merge_cases[i].n_out ||
		    memcmp(iv, merge_cases[i].out, n * sizeof iv[0]) != 0)
			fail_msg("%s: got %zu intervals", merge_cases[i].what, n);
		/* merging is idempotent */
		assert_int_equal(interval_merge(iv, n), n);
	}
}

static void test_total_and_clip(void **state)
{
	struct interval iv[] = {{0, 100}, {50, 150}, {200, 300}, {400, 500}};
	struct interval b[] = {{0, 100}, {50, 150}, {200, 300}, {400, 500}};
	size_t n;

	(void)state;
	/* unmerged, overlaps count twice; that is what merge is for */
	assert_int_equal(interval_total(iv, 4), 100 + 100 + 100 + 100);
	n = interval_merge(iv, 4);
	assert_int_equal(interval_total(iv, n), 150 + 100 + 100);
	n = interval_clip(iv, n, 120, 450);
	assert_int_equal(n, 3);
	assert_int_equal(iv[0].start, 120);
	assert_int_equal(iv[2].end, 450);
	assert_int_equal(interval_total(iv, n), 30 + 100 + 50);
	assert_int_equal(interval_clip(iv, n, 1000, 2000), 0);
	assert_int_equal(interval_covered(b, 4, 120, 450), 180);
	assert_int_equal(interval_covered(b, 0, 0, 10), 0);
	assert_int_equal(interval_covered(NULL, 0, 0, 10), 0);
}

static void test_set(void **state)
{
	struct interval_set s;
	int i;

	(void)state;
	interval_set_init(&s);
	assert_int_equal(interval_set_covered(&s, 0, 100), 0);
	/* a flapping connection: 10,000 rows, all inside one hour */
	for (i = 0; i < 10000; i++)
		interval_set_add(&s, 3600 + i % 3000, 3600 + i % 3000 + 600);
	assert_true(s.cap <= 16);
	assert_int_equal(interval_set_covered(&s, 0, INT64_MAX), 3599);
	assert_int_equal(interval_set_covered(&s, 0, 3600 + 60), 60);
	/* asking with a window leaves the set whole */
	assert_int_equal(interval_set_covered(&s, 0, INT64_MAX), 3599);
	interval_set_add(&s, 100, 50); /* reversed: ignored */
	assert_int_equal(interval_set_covered(&s, 0, INT64_MAX), 3599);
	interval_set_release(&s);
	assert_null(s.v);
}

/* interval_set against a bitmap of seconds, on random input. */
static void test_random(void **state)
{
	enum { SPAN = 2000 };
	unsigned char seen[SPAN];
	struct interval_set s;
	int64_t want, lo, hi, a, b, t;
	int round, k, n;

	(void)state;
	srand(42);
	for (round = 0; round < 300; round++) {
		memset(seen, 0, sizeof seen);
		interval_set_init(&s);
		n = rand() % 40;
		for (k = 0; k < n; k++) {
			a = rand() % SPAN;
			b = a + rand() % 300 - 20;
			if (b > SPAN)
				b = SPAN;
			interval_set_add(&s, a, b);
			for (t = a; t < b; t++)
				seen[t] = 1;
		}
		lo = rand() % SPAN;
		hi = lo + rand() % SPAN;
		for (want = 0, t = lo; t < hi && t < SPAN; t++)
			want += seen[t];
		assert_int_equal(interval_set_covered(&s, lo, hi), want);
		interval_set_release(&s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_merge),
	    cmocka_unit_test(test_total_and_clip),
	    cmocka_unit_test(test_set),
	    cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
