/* test_range.c: Range headers and entity tags (src/http/range.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>

#include "http/range.h"

static void test_parse(void **state)
{
	(void)state;
	static const struct {
		const char *h;
		uint64_t size;
		int want;
		uint64_t first, last;
	} cases[] = {
		{"bytes=0-99", 1000, 1, 0, 99},
		{"bytes=10-", 1000, 1, 10, 999},
		{"bytes=-100", 1000, 1, 900, 999},
		{"bytes=-5000", 1000, 1, 0, 999},      /* suffix longer than the file */
		{"bytes=900-5000", 1000, 1, 900, 999}, /* end clipped */
		{"BYTES=1-1", 1000, 1, 1, 1},
		{"bytes=999-999", 1000, 1, 999, 999},
		{"bytes=1000-", 1000, -1, 0, 0},       /* starts past the end */
		{"bytes=-0", 1000, -1, 0, 0},
		{"bytes=0-", 0, -1, 0, 0},             /* nothing to give */
		{"bytes=5-4", 1000, 0, 0, 0},          /* backwards: ignored */
		{"bytes=0-1,5-6", 1000, 0, 0, 0},      /* several: ignored */
		{"items=0-1", 1000, 0, 0, 0},
		{"bytes=", 1000, 0, 0, 0},
		{"bytes=-", 1000, 0, 0, 0},
		{"bytes=a-b", 1000, 0, 0, 0},
		{"bytes=99999999999999999999-", 1000, 0, 0, 0}, /* overflow */
		{"bytes=0-1 x", 1000, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t a = 0, b = 0;
		int rc = range_parse(cases[i].h, cases[i].size, &a, &b);
		assert_int_equal(rc, cases[i].want);
		if (rc == 1) {
			assert_int_equal(a, cases[i].first);
			assert_int_equal(b, cases[i].last);
		}
	}
}

static void test_etag(void **state)
{
	(void)state;
	assert_true(range_etag_in("\"abc\"", "abc"));
	assert_true(range_etag_in("W/\"abc\"", "abc"));
	assert_true(range_etag_in("\"x\", \"abc\"", "abc"));
	assert_true(range_etag_in("*", "abc"));
	assert_false(range_etag_in("\"abcd\"", "abc"));
	assert_false(range_etag_in("\"ab\"", "abc"));
	assert_false(range_etag_in("abc", "abc")); /* unquoted */
	assert_false(range_etag_in("\"abc", "abc"));
	assert_false(range_etag_in("", "abc"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_etag),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
