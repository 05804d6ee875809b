/* test_buf.c: the buffer's escapers (src/core/buf.c); buf_add_json against
 * what jansson writes for the same string, since the two are mixed in one
 * response. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

static void check_json(const char *s, size_t n)
{
	struct buf b;
	json_t *j = json_stringn(s, n);
	char *want;

	assert_non_null(j);
	want = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
	buf_init(&b, 0);
	buf_add_json(&b, s, n);
	assert_string_equal(b.p, want);
	free(want);
	json_decref(j);
	buf_release(&b);
}

static void test_json(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"", "plain", "Nguyễn Thị Cơ", "\"'<>&", "back\\slash", "a/b</script>",
		"line\nbreak\r\ttab\b\f", "\x01\x1f\x7f", "\xe2\x82\xac \xe2\x80\xa8 \xe2\x81\xa8",
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_json(cases[i], strlen(cases[i]));
	check_json("nul\0inside", 10);
	char all[128];
	for (int i = 0; i < 128; i++)
		all[i] = (char)(i ? i : ' ');
	check_json(all, sizeof(all));
}

static void test_html(void **state)
{
	(void)state;
	struct buf b;

	buf_init(&b, 0);
	buf_add_html(&b, "a<b>&\"'c", 8);
	assert_string_equal(b.p, "a&lt;b&gt;&amp;&quot;&#39;c");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_html),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
