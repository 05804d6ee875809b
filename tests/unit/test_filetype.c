/* test_filetype.c: file types from content (src/domain/filetype.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "domain/filetype.h"

static const char pdf[] = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
static const unsigned char png[] = {0x89, 'P',  'N',  'G',  0x0d, 0x0a, 0x1a, 0x0a, 0,   0,
				    0,    0x0d, 'I',  'H',  'D',  'R',  0,    0,    0,   1,
				    0,    0,    0,    1,    8,    6,    0,    0,    0,   0x1f,
				    0x15, 0xc4, 0x89, 0,    0,    0,    0,    'I',  'E', 'N',
				    'D',  0xae, 0x42, 0x60, 0x82};

static void test_sniff(void **state)
{
	const char *sniffed;
	(void)state;
	const struct filetype *t = filetype_sniff(pdf, sizeof(pdf) - 1, &sniffed);
	assert_non_null(t);
	assert_string_equal(t->mime, "application/pdf");
	assert_true(t->is_inline);
	t = filetype_sniff(png, sizeof(png), NULL);
	assert_non_null(t);
	assert_string_equal(t->mime, "image/png");
	/* Text, HTML, an executable, an empty file, a plain zip: refused. */
	assert_null(filetype_sniff("Xin chào\n", 10, &sniffed));
	assert_string_equal(sniffed, "text/plain");
	assert_null(filetype_sniff("<html><script>x</script></html>", 31, NULL));
	static const char mz[128] = "MZ\x90";
	assert_null(filetype_sniff(mz, sizeof(mz), NULL));
	assert_null(filetype_sniff("", 0, NULL));
	static const char zip[] = "PK\3\4\24\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\5\0\0\0"
				  "a.txt";
	assert_null(filetype_sniff(zip, sizeof(zip) - 1, NULL));
}

static void test_name(void **state)
{
	struct arena a;
	(void)state;
	arena_init(&a);
	const struct filetype *t = filetype_find("application/pdf");
	assert_string_equal(filetype_name(&a, t, "Slide.PDF"), "Slide.PDF");
	assert_string_equal(filetype_name(&a, t, "Slide"), "Slide.pdf");
	assert_string_equal(filetype_name(&a, t, "virus.exe"), "virus.exe.pdf");
	assert_string_equal(filetype_name(&a, t, NULL), "tai-lieu.pdf");
	t = filetype_find("image/jpeg");
	assert_string_equal(filetype_name(&a, t, "anh.jpeg"), "anh.jpeg");
	assert_string_equal(filetype_name(&a, t, "anh"), "anh.jpg");
	assert_null(filetype_find("text/plain"));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
