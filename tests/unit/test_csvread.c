/* test_csvread.c: the CSV reader of imports (src/core/csvread.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/csvread.h"

/* Reads all of src; returns the rows joined as "a|b/c|d/" (fields with |,
 * rows ending in /, row numbers checked against rows[]), or the error. */
static const char *read_all(struct arena *a, const char *src, char delim)
{
	const char *f[CSVREAD_MAX_FIELDS];
	struct csvread c;
	char out[1024] = "";
	size_t n;
	int rc;

	csvread_init(&c, src, strlen(src), delim ? delim : csvread_sniff(src, strlen(src)));
	while ((rc = csvread_next(&c, a, f, &n)) == CSVREAD_ROW) {
		for (size_t i = 0; i < n; i++) {
			strncat(out, f[i], sizeof(out) - strlen(out) - 1);
			if (i + 1 < n)
				strncat(out, "|", sizeof(out) - strlen(out) - 1);
		}
		strncat(out, "/", sizeof(out) - strlen(out) - 1);
	}
	if (rc == CSVREAD_UNCLOSED)
		return arena_printf(a, "unclosed at row %zu", c.row);
	return arena_strdup(a, out);
}

static void test_rows(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"a,b\n1,2\n", "a|b/1|2/"},
		{"\xEF\xBB\xBF" "a;b\r\n1;2", "a|b/1|2/"},
		{"a,b\n\"x, y\",\"say \"\"hi\"\"\"\n", "a|b/x, y|say \"hi\"/"},
		{"a,b\n\"two\nlines\",z\n", "a|b/two\nlines|z/"},
		{"a,b\n\n1,\n", "a|b//1|/"},
		{"a\tb\n1\t2\n", "a|b/1|2/"},
		{"a;b;c,d\n", "a|b|c,d/"},
		{"\"Họ và tên\";\"Đơn vị\"\n\"Nguyễn Thị Cơ\";\"HTX; Sen\"\n", "Họ và tên|Đơn vị/Nguyễn Thị Cơ|HTX; Sen/"},
		{"a,b\n\"open,2\n3,4\n", "unclosed at row 2"},
		{"a,\"b\"x,c\n", "a|bx|c/"},
		{"", ""},
	};
	struct arena a;
	(void)state;
	arena_init(&a);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(read_all(&a, cases[i].in, 0), cases[i].want);
	arena_release(&a);
}

static void test_row_numbers(void **state)
{
	const char *src = "h1,h2\n\"a\nb\",c\n\nd,e\n";
	const char *f[CSVREAD_MAX_FIELDS];
	struct csvread c;
	size_t n, rows[4], k = 0;
	(void)state;
	csvread_init(&c, src, strlen(src), ',');
	while (csvread_next(&c, NULL, f, &n) == CSVREAD_ROW && k < 4)
		rows[k++] = c.row;
	assert_int_equal(k, 4);
	/* A quoted newline stays in its row, a blank line is a row. */
	assert_int_equal(rows[1], 2);
	assert_int_equal(rows[2], 3);
	assert_int_equal(rows[3], 4);
}

static void test_limits(void **state)
{
	static char big[CSVREAD_MAX_RECORD + 100];
	const char *f[CSVREAD_MAX_FIELDS];
	struct csvread c;
	size_t n;
	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	csvread_init(&c, big, strlen(big), ',');
	assert_int_equal(csvread_next(&c, NULL, f, &n), CSVREAD_TOO_LONG);
	/* More columns than kept: the row still reads, the extra are dropped. */
	static char wide[CSVREAD_MAX_FIELDS * 2 + 10];
	for (size_t i = 0; i < CSVREAD_MAX_FIELDS + 3; i++)
		memcpy(wide + 2 * i, "a,", 2);
	csvread_init(&c, wide, strlen(wide), ',');
	assert_int_equal(csvread_next(&c, NULL, f, &n), CSVREAD_ROW);
	assert_int_equal(n, CSVREAD_MAX_FIELDS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_row_numbers),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
