/* test_sheet.c: tables written as CSV and XLSX (src/render/sheet.c):
 * quoting, formula neutralising, numbers, dropped rows past the room
 * asked for, and a workbook that is a zip file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/buf.h"
#include "render/sheet.h"

static void fill(struct sheet *s, struct arena *a)
{
	sheet_init(s, a, "Bảng: [1]/2*?", 3, 2);
	s->head[0] = "Tên";
	s->head[1] = "Ghi chú, \"trích\"";
	s->head[2] = "Điểm";
	assert_true(sheet_row(s));
	sheet_text(s, 0, "=HYPERLINK(\"x\")");
	sheet_text(s, 1, "dòng 1\ndòng 2");
	sheet_num(s, 2, 3.75);
	assert_true(sheet_row(s));
	sheet_text(s, 0, "-1+2");
	sheet_num(s, 2, 7);
	assert_false(sheet_row(s)); /* room for two rows only */
	sheet_text(s, 5, "out of range: ignored");
}

static void test_csv(void **state)
{
	struct arena a;
	struct sheet s;
	struct buf b;

	(void)state;
	arena_init(&a);
	fill(&s, &a);
	buf_init(&b, 1 << 20);
	sheet_csv(&b, &s);
	assert_string_equal(b.p, "\xEF\xBB\xBF"
				 "Tên,\"Ghi chú, \"\"trích\"\"\",Điểm\r\n"
				 "\"'=HYPERLINK(\"\"x\"\")\",\"dòng 1\ndòng 2\",3.75\r\n"
				 "\"'-1+2\",,7\r\n");
	buf_release(&b);
	arena_release(&a);
}

static void test_xlsx(void **state)
{
	struct arena a;
	struct sheet s;
	char path[] = "/tmp/ocop-test-sheet-XXXXXX";
	unsigned char magic[2] = {0};

	(void)state;
	arena_init(&a);
	fill(&s, &a);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(sheet_xlsx(path, &s, 1), 0);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(magic, 1, 2, f), 2);
	fclose(f);
	unlink(path);
	assert_memory_equal(magic, "PK", 2);
	assert_int_equal(sheet_xlsx("/nonexistent-dir/x.xlsx", &s, 1), -1);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_xlsx),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
