/* test_utf8.c: validity, NFC and folding (src/core/utf8.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/utf8.h"

static void test_clean(void **state)
{
	(void)state;
	static const struct {
		const char *s;
		size_t len;
		int newline, want;
	} cases[] = {
		{"Nguyễn Thị Cơ", 0, 0, 1},
		{"a\xff", 2, 0, 0},           /* invalid byte */
		{"\xc3\x28", 2, 0, 0},        /* bad continuation */
		{"\xed\xa0\x80", 3, 0, 0},    /* surrogate */
		{"a\0b", 3, 0, 0},            /* NUL */
		{"a\nb", 3, 0, 0},            /* newline in a single-line field */
		{"a\nb", 3, 1, 1},
		{"a\x1b[31m", 6, 1, 0},       /* escape */
		{"tab\there", 8, 0, 1},
		{"\"'<>&", 5, 0, 1},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = cases[i].len ? cases[i].len : strlen(cases[i].s);
		assert_int_equal(utf8_is_clean(cases[i].s, len, cases[i].newline), cases[i].want);
	}
}

static void test_nfc(void **state)
{
	struct arena a;
	(void)state;
	arena_init(&a);
	/* "Nguyễn" decomposed: e + circumflex + tilde */
	const char *nfd = "Nguye\xcc\x82\xcc\x83n  Thi\xcc\xa3   Co\xcc\x9b ";
	char *s = utf8_nfc(&a, nfd, strlen(nfd), true);
	assert_non_null(s);
	assert_string_equal(s, "Nguyễn Thị Cơ");
	assert_null(utf8_nfc(&a, "a\xff", 2, true));
	s = utf8_nfc(&a, "  line one\nline two \n", 21, false);
	assert_string_equal(s, "line one\nline two");
	assert_int_equal(utf8_length("Cơ", strlen("Cơ")), 2);
	arena_release(&a);
}

static void test_fold(void **state)
{
	struct arena a;
	(void)state;
	arena_init(&a);
	static const char *const cases[][2] = {
		{"Nguyễn Thị Cơ", "nguyen thi co"},
		{"ĐẶNG Văn Đức", "dang van duc"},
		{"Tôn Nữ Thị Hoàng Quỳnh Như", "ton nu thi hoang quynh nhu"},
		{"  Hà   Nội ", "ha noi"},
		{"Nguye\xcc\x82\xcc\x83n", "nguyen"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *f = utf8_fold(&a, cases[i][0], strlen(cases[i][0]));
		assert_non_null(f);
		assert_string_equal(f, cases[i][1]);
	}
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_nfc),
		cmocka_unit_test(test_fold),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
