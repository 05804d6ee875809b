/* test_fuzz_corpus.c: the fuzz harnesses' seed corpora as a regression test:
 * every Zoom fixture (tests/fixtures/zoom) through the Zoom harness, and a
 * few hostile multipart bodies through the multipart harness, each also cut
 * at every length.  A crash or a trap fails the run. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int fuzz_zoom_one(const uint8_t *data, size_t size);
int fuzz_multipart_one(const uint8_t *data, size_t size);

static void test_zoom_corpus(void **state)
{
	const char *dir = getenv("OCOP_ZOOM_FIXTURES") ? getenv("OCOP_ZOOM_FIXTURES")
						       : "tests/fixtures/zoom";
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;
	(void)state;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[512];
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		uint8_t buf[1 << 16];
		size_t n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		for (size_t cut = 0; cut <= n; cut += n / 64 + 1)
			fuzz_zoom_one(buf, cut);
		fuzz_zoom_one(buf, n);
		files++;
	}
	closedir(d);
	assert_true(files >= 5);
}

static void test_multipart_corpus(void **state)
{
	static const char *const seeds[] = {
		"--XX\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--XX--\r\n",
		"--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x\"\r\n\r\n\r\n--XX--",
		"--XX\r\n\r\n\r\n--XX", "--XX--", "\r\n--XX\r\nContent-Disposition: form-data; name=",
		"--XX\r\nContent-Disposition: form-data; name=\"a\"; filename=\"\r\n\r\n--XX--\r\n",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
		size_t n = strlen(seeds[i]);
		for (size_t cut = 0; cut <= n; cut++)
			fuzz_multipart_one((const uint8_t *)seeds[i], cut);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zoom_corpus),
		cmocka_unit_test(test_multipart_corpus),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
