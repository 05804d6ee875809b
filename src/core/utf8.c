/*
 * utf8.c: validation, NFC and folding (see utf8.h).  utf8proc does the
 * Unicode work; this file adds the two things it does not: white-space
 * squeezing and đ -> d, which is a letter of its own (not a d with a mark)
 * and so survives UTF8PROC_STRIPMARK.
 */
#include "core/utf8.h"
#include "core/arena.h"
#include "core/buf.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

bool utf8_is_clean(const char *s, size_t len, bool allow_newline)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)len;

	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);

		if (n < 0 || c == 0)
			return false;
		if (c == '\t' || ((c == '\n' || c == '\r') && allow_newline))
			;
		else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0))
			return false;
		p += n;
		left -= n;
	}
	return true;
}

size_t utf8_valid_len(const char *s, size_t len)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t c;
		if (p[i] < 0x80 && p[i] != 0) { /* ASCII: most of a CSV file */
			i++;
			continue;
		}
		utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
		if (n <= 0 || c == 0)
			return i;
		i += (size_t)n;
	}
	return len;
}

size_t utf8_length(const char *s, size_t len)
{
	size_t n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

static bool is_space(utf8proc_int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xa0 || c == 0x3000 ||
	       (c >= 0x2000 && c <= 0x200b) || c == 0xfeff;
}

/* Copies mapped text, trimming and (when squeeze) collapsing spaces;
 * dstroke maps đ/Đ to d. */
static char *utf8_finish(struct arena *a, const utf8proc_uint8_t *m, bool squeeze, bool dstroke)
{
	struct buf b;
	utf8proc_ssize_t len = (utf8proc_ssize_t)strlen((const char *)m);
	const utf8proc_uint8_t *p = m;
	bool pending_space = false;

	buf_init(&b, 0);
	while (len > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, len, &c);
		utf8proc_uint8_t enc[4];

		if (n <= 0)
			break;
		p += n;
		len -= n;
		if (squeeze && is_space(c)) {
			pending_space = b.len > 0;
			continue;
		}
		if (pending_space) {
			buf_addc(&b, ' ');
			pending_space = false;
		}
		if (dstroke && (c == 0x111 || c == 0x110))
			c = 'd';
		buf_add(&b, enc, (size_t)utf8proc_encode_char(c, enc));
	}
	char *out = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return out;
}

char *utf8_nfc(struct arena *a, const char *s, size_t len, bool squeeze)
{
	utf8proc_uint8_t *m = NULL;

	if (!utf8_is_clean(s, len, !squeeze))
		return NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE) < 0)
		return NULL;
	char *out = utf8_finish(a, m, squeeze, false);
	free(m);
	if (!squeeze) {
		/* Still trim both ends of multi-line text. */
		size_t n = strlen(out), i = 0;
		while (i < n && (out[i] == ' ' || out[i] == '\n' || out[i] == '\r' || out[i] == '\t'))
			i++;
		while (n > i && (out[n - 1] == ' ' || out[n - 1] == '\n' || out[n - 1] == '\r' ||
				 out[n - 1] == '\t'))
			n--;
		out = arena_strndup(a, out + i, n - i);
	}
	return out;
}

char *utf8_fold(struct arena *a, const char *s, size_t len)
{
	utf8proc_uint8_t *m = NULL;

	if (!utf8_is_clean(s, len, true))
		return NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &m,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
				 UTF8PROC_STRIPMARK) < 0)
		return NULL;
	char *out = utf8_finish(a, m, true, true);
	free(m);
	return out;
}
