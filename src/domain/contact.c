/*
 * contact.c: e-mail and phone canonical forms (see contact.h).
 *
 * E-mail: deliberately simple syntax (what real mail servers accept for
 * registrations), no IDN; the domain part is lower-cased by the standard
 * and the local part too, since every provider these participants use
 * treats it case-insensitively.  Phones: the 2018 numbering plan.
 */
#include "domain/contact.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool email_local_char(int c)
{
	return isalnum(c) || strchr("!#$%&'*+/=?^_`{|}~.-", c) != NULL;
}

bool email_canonical(const char *in, char *out)
{
	size_t start = 0, end = strlen(in);

	while (start < end && isspace((unsigned char)in[start]))
		start++;
	while (end > start && isspace((unsigned char)in[end - 1]))
		end--;
	size_t len = end - start;
	if (len < 3 || len > EMAIL_MAX)
		return false;
	const char *s = in + start;
	const char *at = memchr(s, '@', len);
	if (!at || at == s || memchr(at + 1, '@', (size_t)(s + len - at - 1)))
		return false;
	size_t local = (size_t)(at - s), dom = len - local - 1;
	if (local > 64 || dom < 3 || s[0] == '.' || at[-1] == '.')
		return false;
	for (size_t i = 0; i < local; i++)
		if (!email_local_char((unsigned char)s[i]) || (s[i] == '.' && s[i + 1] == '.'))
			return false;
	bool dot = false;
	for (size_t i = 0; i < dom; i++) {
		int c = (unsigned char)at[1 + i];
		if (c == '.') {
			if (i == 0 || i == dom - 1 || at[i] == '.')
				return false;
			dot = true;
		} else if (!isalnum(c) && c != '-') {
			return false;
		}
	}
	if (!dot)
		return false;
	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[len] = 0;
	return true;
}

bool phone_canonical(const char *in, char *out)
{
	char d[PHONE_MAX];
	size_t n = 0;
	bool plus = false;

	for (const char *p = in; *p; p++) {
		if (isdigit((unsigned char)*p)) {
			if (n + 1 >= sizeof(d))
				return false;
			d[n++] = *p;
		} else if (*p == '+' && n == 0 && !plus) {
			plus = true;
		} else if (!strchr(" .-()\t", *p)) {
			return false;
		}
	}
	d[n] = 0;
	const char *national; /* without the leading 0 */
	if (n == 11 && strncmp(d, "84", 2) == 0 && d[2] != '0')
		national = d + 2; /* +84 912 345 678 or 84912345678 */
	else if (n == 12 && strncmp(d, "84", 2) == 0 && d[2] == '2')
		national = d + 2; /* +84 28 3822 1234 */
	else if (!plus && n >= 10 && d[0] == '0')
		national = d + 1;
	else
		return false;
	size_t len = strlen(national);
	bool mobile = len == 9 && strchr("35789", national[0]);
	bool fixed = len == 10 && national[0] == '2';
	if (!mobile && !fixed)
		return false;
	memcpy(out, "+84", 3);
	memcpy(out + 3, national, len + 1);
	return true;
}

void phone_local(const char *e164, char *out)
{
	const char *nat = strncmp(e164, "+84", 3) == 0 ? e164 + 3 : e164;
	size_t len = strlen(nat);

	if (len == 9)
		snprintf(out, PHONE_MAX, "0%.3s %.3s %.3s", nat, nat + 3, nat + 6);
	else if (len == 10)
		snprintf(out, PHONE_MAX, "0%.3s %.3s %.4s", nat, nat + 3, nat + 6);
	else
		snprintf(out, PHONE_MAX, "%.*s", PHONE_MAX - 1, e164);
}
