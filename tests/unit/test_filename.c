/* test_filename.c: cleaning uploaded file names (src/core/filename.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/arena.h"
#include "core/filename.h"

static void test_clean(void **state)
{
	struct arena a;
	(void)state;
	arena_init(&a);
	static const struct {
		const char *in, *want; /* want NULL: nothing usable */
	} cases[] = {
		{"Bài giảng 1.pdf", "Bài giảng 1.pdf"},
		{"Ba\xcc\x80i.pdf", "Bài.pdf"}, /* decomposed -> NFC */
		{"../../etc/passwd", "passwd"},
		{"C:\\Users\\Hồng\\Slide.pptx", "Slide.pptx"},
		{"a<b>c:d\"e|f?g*h.doc", "a-b-c-d-e-f-g-h.doc"},
		{"x\x01y\x1b\x7fz.pdf", "xyz.pdf"},
		{"gnp\xe2\x80\xae" "fdp.exe", "gnpfdp.exe"}, /* U+202E dropped */
		{"a\xe2\x80\x8b" "b.png", "ab.png"},          /* zero width space */
		{"  nhiều    khoảng   trắng  .pdf", "nhiều khoảng trắng .pdf"},
		{"...an.pdf", "an.pdf"},
		{"tên.", "tên"},
		{".pdf", NULL},
		{"...", NULL},
		{"", NULL},
		{"dir/", NULL},
		{"bad\xff.pdf", NULL}, /* not UTF-8 */
		{"\"'<>&", "-'--&"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = filename_clean(&a, cases[i].in);
		if (!cases[i].want)
			assert_null(got);
		else
			assert_string_equal(got, cases[i].want);
	}
	assert_null(filename_clean(&a, NULL));
	arena_release(&a);
}

static void test_length(void **state)
{
	struct arena a;
	char in[400];
	(void)state;
	arena_init(&a);
	/* 130 × "ệ" (3 bytes each) + ".pptx": cut on a character, extension kept. */
	for (int i = 0; i < 130; i++)
		memcpy(in + 3 * i, "\xe1\xbb\x87", 3);
	memcpy(in + 390, ".pptx", 6);
	const char *got = filename_clean(&a, in);
	assert_non_null(got);
	assert_true(strlen(got) <= FILENAME_MAX_BYTES);
	assert_string_equal(got + strlen(got) - 5, ".pptx");
	assert_int_equal((strlen(got) - 5) % 3, 0);
	/* Exactly at the limit stays whole; one byte over is cut. */
	memset(in, 'a', FILENAME_MAX_BYTES - 4);
	memcpy(in + FILENAME_MAX_BYTES - 4, ".pdf", 5);
	assert_string_equal(filename_clean(&a, in), in);
	memset(in, 'a', FILENAME_MAX_BYTES - 3);
	memcpy(in + FILENAME_MAX_BYTES - 3, ".pdf", 5);
	got = filename_clean(&a, in);
	assert_int_equal(strlen(got), FILENAME_MAX_BYTES);
	assert_string_equal(filename_ext(got), "pdf");
	arena_release(&a);
}

static void test_ext(void **state)
{
	(void)state;
	assert_string_equal(filename_ext("a.tar.gz"), "gz");
	assert_string_equal(filename_ext("a"), "");
	assert_string_equal(filename_ext(".bashrc"), "");
	assert_string_equal(filename_ext("a."), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clean),
		cmocka_unit_test(test_length),
		cmocka_unit_test(test_ext),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
