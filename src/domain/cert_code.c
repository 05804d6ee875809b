/*
 * cert_code.c: verification codes and serial numbers (see certificate.h).
 *
 * A code is 20 characters of Crockford's base32 (0-9 and A-Z without I, L,
 * O, U): 100 random bits, unguessable by the rate-limited look-up, short
 * enough to type from paper in four groups of five.  What a person types is
 * forgiven the way Crockford says: any case, dashes and spaces, O for 0,
 * I and L for 1.
 */
#include "domain/certificate.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void cert_code_new(char out[CERT_CODE_LEN + 1])
{
	unsigned char raw[13]; /* 104 bits; 100 are used */

	randombytes_buf(raw, sizeof(raw));
	for (int i = 0; i < CERT_CODE_LEN; i++) {
		int bit = i * 5, byte = bit / 8, shift = bit % 8;
		unsigned v = ((unsigned)raw[byte] << 8 | raw[byte + 1]) >> (11 - shift);
		out[i] = crockford[v & 31];
	}
	out[CERT_CODE_LEN] = 0;
	sodium_memzero(raw, sizeof(raw));
}

/* The symbol for a typed character, or 0 if it is none. */
static char code_symbol(char c)
{
	if (c >= 'a' && c <= 'z')
		c = (char)(c - 32);
	if (c == 'O')
		return '0';
	if (c == 'I' || c == 'L')
		return '1';
	return c && strchr(crockford, c) ? c : 0;
}

bool cert_code_normalize(const char *in, char out[CERT_CODE_LEN + 1])
{
	int n = 0;

	if (!in)
		return false;
	for (const char *p = in; *p; p++) {
		if (*p == '-' || *p == ' ' || *p == '\t' || *p == '.')
			continue;
		char c = code_symbol(*p);
		if (!c || n == CERT_CODE_LEN)
			return false;
		out[n++] = c;
	}
	out[n] = 0;
	return n == CERT_CODE_LEN;
}

void cert_code_format(const char *code, char out[CERT_CODE_SHOWN + 1])
{
	int o = 0;

	for (int i = 0; i < CERT_CODE_LEN && code[i]; i++) {
		if (i && i % 5 == 0)
			out[o++] = '-';
		out[o++] = code[i];
	}
	out[o] = 0;
}

void cert_serial_format(const char *prefix, int64_t issued_at, int64_t serial_no,
                        char out[CERT_SERIAL_MAX])
{
	time_t t = (time_t)(issued_at + 7 * 3600);
	struct tm tm;
	int year = gmtime_r(&t, &tm) ? tm.tm_year + 1900 : 1970;

	snprintf(out, CERT_SERIAL_MAX, "%s-%d-%06lld", prefix, year, (long long)serial_no);
}

bool cert_serial_normalize(const char *in, char out[CERT_SERIAL_MAX])
{
	size_t n = 0;

	if (!in)
		return false;
	while (*in == ' ' || *in == '\t')
		in++;
	for (; *in; in++) {
		char c = *in;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 32);
		if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == ' '))
			return false;
		if (n + 1 >= CERT_SERIAL_MAX)
			return false;
		out[n++] = c;
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
	return n >= 8 && !strchr(out, ' ');
}

bool cert_prefix_ok(const char *p)
{
	size_t n = 0;

	for (; p && *p; p++, n++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
			return false;
	return n >= 1 && n <= CERT_PREFIX_MAX;
}
