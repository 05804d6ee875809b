/* test_multipart.c: multipart/form-data parsing (src/http/multipart.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "http/multipart.h"

static void test_boundary(void **state)
{
	struct arena a;
	(void)state;
	arena_init(&a);
	assert_string_equal(multipart_boundary(&a, "multipart/form-data; boundary=abc123"), "abc123");
	assert_string_equal(multipart_boundary(&a, "multipart/form-data; boundary=\"a b\""), "a b");
	assert_null(multipart_boundary(&a, "application/json"));
	assert_null(multipart_boundary(&a, "multipart/form-data"));
	assert_null(multipart_boundary(&a, NULL));
	arena_release(&a);
}

static void test_parse(void **state)
{
	struct arena a;
	struct multipart_part p[4];
	(void)state;
	arena_init(&a);
	static const char body[] = "--XX\r\n"
				   "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
				   "tok\r\n"
				   "--XX\r\n"
				   "Content-Disposition: form-data; name=\"file\"; filename=\"Tài liệu.pdf\"\r\n"
				   "Content-Type: application/pdf\r\n\r\n"
				   "%PDF-1.4\r\n\0binary\r\n"
				   "--XX--\r\n";
	int n = multipart_parse(&a, "XX", body, sizeof(body) - 1, p, 4);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "csrf");
	assert_null(p[0].filename);
	assert_int_equal(p[0].len, 3);
	assert_string_equal(p[1].filename, "Tài liệu.pdf");
	assert_string_equal(p[1].content_type, "application/pdf");
	assert_int_equal(p[1].len, 17);
	assert_memory_equal(p[1].data, "%PDF-1.4\r\n\0binary", 17);
	assert_int_equal(multipart_parse(&a, "XX", body, sizeof(body) - 1, p, 1), -2);
	/* truncated, no closing delimiter, garbage */
	assert_int_equal(multipart_parse(&a, "XX", body, 60, p, 4), -1);
	assert_int_equal(multipart_parse(&a, "YY", body, sizeof(body) - 1, p, 4), -1);
	assert_int_equal(multipart_parse(&a, "XX", "", 0, p, 4), -1);
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
