/*
 * test_zip.c: render/zip.c.  An archive of stored entries (UTF-8 names,
 * empty and binary data) written the way the streamed export writes it,
 * then read back by Info-ZIP's unzip (-t and -p), when it is installed,
 * and by walking the central directory here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "render/zip.h"

static uint32_t rd32(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (uint32_t)u[0] | (uint32_t)u[1] << 8 | (uint32_t)u[2] << 16 | (uint32_t)u[3] << 24;
}

static unsigned rd16(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	return (unsigned)u[0] | (unsigned)u[1] << 8;
}

static void test_archive(void **state)
{
	struct zip z;
	struct buf out;
	char bin[1000];
	const char *names[] = {"OCOP-2021-000001 - Nguyễn Văn An.pdf", "empty.txt",
	                       "OCOP-2021-000002 - Tôn Nữ Thị Hoàng Quỳnh Như.pdf"};

	(void)state;
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (char)(i * 31 + 7);
	zip_init(&z);
	buf_init(&out, 0);
	assert_int_equal(zip_add(&z, &out, names[0], "%PDF-1.5 one", 12, 1634083200), 0);
	assert_int_equal(zip_add(&z, &out, names[1], "", 0, 0), 0);
	assert_int_equal(zip_add(&z, &out, names[2], bin, sizeof(bin), 1634083200), 0);
	zip_finish(&z, &out);

	/* The end record points at a directory of three entries. */
	const char *end = out.p + out.len - 22;
	assert_int_equal(rd32(end), 0x06054b50);
	assert_int_equal(rd16(end + 10), 3);
	const char *cd = out.p + rd32(end + 16);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(rd32(cd), 0x02014b50);
		assert_int_equal(rd16(cd + 8) & 0x0800, 0x0800);
		size_t nlen = rd16(cd + 28);
		assert_int_equal(nlen, strlen(names[i]));
		assert_memory_equal(cd + 46, names[i], nlen);
		const char *local = out.p + rd32(cd + 42);
		assert_int_equal(rd32(local), 0x04034b50);
		assert_int_equal(rd32(local + 14), rd32(cd + 16)); /* crc */
		cd += 46 + nlen;
	}

	char path[] = "/tmp/ocop-zip-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, out.p, out.len), (ssize_t)out.len);
	close(fd);
	if (system("command -v unzip >/dev/null 2>&1") == 0) {
		char cmd[200];
		snprintf(cmd, sizeof(cmd), "unzip -tq %s >/dev/null", path);
		assert_int_equal(system(cmd), 0);
		snprintf(cmd, sizeof(cmd), "unzip -p %s empty.txt | wc -c | grep -qx 0", path);
		assert_int_equal(system(cmd), 0);
	}
	unlink(path);
	zip_release(&z);
	buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_archive),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
