/* test_vtime.c: Vietnamese time formats (src/core/vtime.c) and iCalendar
 * output (src/render/ics.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/buf.h"
#include "core/vtime.h"
#include "render/ics.h"

static void test_formats(void **state)
{
	(void)state;
	char b[64];
	int64_t t = vtime_local(2021, 9, 28, 8, 0);
	assert_int_equal(t, 1632790800); /* 2021-09-28T01:00:00Z */
	assert_string_equal(vtime_date(b, sizeof(b), t), "28/09/2021");
	assert_string_equal(vtime_hm(b, sizeof(b), t), "08:00");
	assert_string_equal(vtime_weekday(b, sizeof(b), t), "Thứ Ba");
	assert_string_equal(vtime_date_words(b, sizeof(b), t), "ngày 28 tháng 9 năm 2021");
	assert_string_equal(vtime_ics_utc(b, sizeof(b), t), "20210928T010000Z");
	assert_string_equal(vtime_iso(b, sizeof(b), t), "2021-09-28T08:00:00+07:00");
	/* 23:30 local is still the same local day, though UTC is the day before */
	t = vtime_local(2021, 10, 1, 0, 30);
	assert_string_equal(vtime_date(b, sizeof(b), t), "01/10/2021");
	assert_string_equal(vtime_weekday(b, sizeof(b), t), "Thứ Sáu");
	assert_int_equal(vtime_local(2021, 2, 31, 8, 0), -1);
	assert_int_equal(vtime_local(2021, 13, 1, 8, 0), -1);
	assert_string_equal(vtime_count(b, sizeof(b), 3000), "3.000");
	assert_string_equal(vtime_count(b, sizeof(b), 1234567), "1.234.567");
	assert_string_equal(vtime_count(b, sizeof(b), 999), "999");
	assert_string_equal(vtime_count(b, sizeof(b), 0), "0");
}

static void test_ics(void **state)
{
	(void)state;
	struct buf b;
	buf_init(&b, 0);
	ics_text(&b, "SUMMARY", "Buổi 1, chuyên đề; a\\b\nline");
	assert_string_equal(b.p, "SUMMARY:Buổi 1\\, chuyên đề\\; a\\\\b\\nline\r\n");
	buf_reset(&b);
	/* folding: no line over 75 octets, never inside a UTF-8 sequence */
	ics_text(&b, "DESCRIPTION",
		 "Chương trình OCOP: những điều cần biết khi tham gia; Phát triển sản phẩm từ "
		 "tiềm năng, lợi thế của địa phương; Xây dựng phương án sản xuất, kinh doanh");
	const char *line = b.p;
	while (*line) {
		const char *end = strstr(line, "\r\n");
		assert_non_null(end);
		assert_true(end - line <= 75);
		/* a continuation line starts with a space, then not a continuation byte */
		if (line != b.p) {
			assert_int_equal(line[0], ' ');
			assert_true(((unsigned char)line[1] & 0xc0) != 0x80);
		}
		line = end + 2;
	}
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_ics),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
