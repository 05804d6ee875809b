/* test_contact.c: e-mail and phone canonical forms (src/domain/contact.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "domain/contact.h"

static void test_phone(void **state)
{
	(void)state;
	static const char *const good[][2] = {
		{"0912 345 678", "+84912345678"},   {"0912.345.678", "+84912345678"},
		{"0912-345-678", "+84912345678"},   {"+84 912 345 678", "+84912345678"},
		{"+84912345678", "+84912345678"},   {"84912345678", "+84912345678"},
		{"0386 123 456", "+84386123456"},   {"(028) 3822 1234", "+842838221234"},
		{"+84 28 3822 1234", "+842838221234"},
	};
	static const char *const bad[] = {
		"", "123", "0112345678", "091234567", "09123456789", "+1 415 555 0100",
		"0912a45678", "+0912345678", "0612345678", "++84912345678",
		"0912345678901234567890123456789012345",
	};
	char out[PHONE_MAX];
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_true(phone_canonical(good[i][0], out));
		assert_string_equal(out, good[i][1]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(phone_canonical(bad[i], out));
	phone_local("+84912345678", out);
	assert_string_equal(out, "0912 345 678");
	phone_local("+842838221234", out);
	assert_string_equal(out, "0283 822 1234");
}

static void test_email(void **state)
{
	(void)state;
	char out[EMAIL_MAX + 1];
	static const char *const good[][2] = {
		{"Co.Nguyen@Example.com", "co.nguyen@example.com"},
		{"  a@b.vn ", "a@b.vn"},
		{"htx.rau+ocop@gmail.com", "htx.rau+ocop@gmail.com"},
	};
	static const char *const bad[] = {"", "a", "a@b", "@b.vn", "a@.vn", "a@b.",
					  "a b@c.vn", "a@@b.vn", "a..b@c.vn", ".a@b.vn",
					  "a.@b.vn", "cơ@b.vn", "a@b..vn", "<a>@b.vn"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		assert_true(email_canonical(good[i][0], out));
		assert_string_equal(out, good[i][1]);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(email_canonical(bad[i], out));
	/* exactly the maximum length, and one over */
	char longest[300];
	memset(longest, 'a', 64);
	longest[64] = '@';
	size_t n = 65;
	while (n < EMAIL_MAX - 3) {
		longest[n] = n % 60 ? 'b' : '.';
		n++;
	}
	memcpy(longest + n, ".vn", 4);
	assert_int_equal(strlen(longest), EMAIL_MAX);
	assert_true(email_canonical(longest, out));
	memcpy(longest + n, "x.vn", 5);
	assert_false(email_canonical(longest, out));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_email),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
