/*
 * test_vnsort.c: core/vnsort.c.  Official order of Vietnamese names: by
 * given name, then the rest; đ after d, ă â after a, ơ ô after o, ư after
 * u; tones only between otherwise equal names; NFD input sorts as NFC.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/vnsort.h"

/* Each list is in official order. */
static const char *const lists[][8] = {
    {"Nguyễn Văn An", "Trần Thị Ánh", "Lê Văn Bình", NULL},
    {"Lê Văn Dũng", "Phạm Thị Duyên", "Trần Văn Đạt", "Ngô Văn Đông", NULL},
    {"Nguyễn Thị Ai", "Nguyễn Thị Ăn", "Nguyễn Thị Âu", "Nguyễn Thị Ba", NULL},
    {"A Ca", "A Cà", "A Cả", "A Cã", "A Cá", "A Cạ", "A Cao", NULL},
    {"Lê Văn Hoà", "Trần Văn Hòa", NULL}, /* same letters and tone: the rest decides */
    {"Trần Thị Oanh", "Lê Ôn", "Phạm Văn Ơn", "Nguyễn Văn Phúc", NULL},
    {"Nguyễn Văn Tú", "Lê Thị Tư", "Trần Văn Vinh", NULL},
    {"Anh", "An Bình", "Nguyễn Bình", NULL}, /* one-word names */
    {"Võ Thị Yến", "Zô Văn Zũ", NULL},
    {"Nguyễn Thị Như", "Tôn Nữ Thị Hoàng Quỳnh Như", NULL},
};

static void test_official_order(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	for (size_t l = 0; l < sizeof(lists) / sizeof(*lists); l++)
		for (size_t i = 0; lists[l][i] && lists[l][i + 1]; i++) {
			const char *x = lists[l][i], *y = lists[l][i + 1];
			if (strcmp(vnsort_name_key(&a, x), vnsort_name_key(&a, y)) >= 0)
				fail_msg("'%s' should sort before '%s'", x, y);
		}
	arena_release(&a);
}

static void test_forms_and_spaces(void **state)
{
	struct arena a;

	(void)state;
	arena_init(&a);
	/* NFD (from a Mac), extra spaces, capitals: the same key. */
	const char *nfc = vnsort_name_key(&a, "Trần Thị Bích Ngọc");
	assert_string_equal(nfc, vnsort_name_key(&a, "Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 Bi\xcc\x81"
	                                             "ch Ngo\xcc\xa3"
	                                             "c"));
	assert_string_equal(nfc, vnsort_name_key(&a, "  Trần  Thị Bích   Ngọc "));
	assert_string_equal(nfc, vnsort_name_key(&a, "TRẦN THỊ BÍCH NGỌC"));
	/* Old and new tone placement are one name. */
	assert_string_equal(vnsort_name_key(&a, "Lê Văn Hoà"), vnsort_name_key(&a, "Lê Văn Hòa"));
	/* Invalid UTF-8 sorts last, and empty names do not crash. */
	assert_true(strcmp(vnsort_name_key(&a, "\xff\xfe"), nfc) > 0);
	assert_non_null(vnsort_name_key(&a, ""));
	assert_non_null(vnsort_name_key(&a, "   "));
	assert_true(strcmp(vnsort_name_key(&a, "Lê 2"), vnsort_name_key(&a, "Lê A")) < 0);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_official_order),
	    cmocka_unit_test(test_forms_and_spaces),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
