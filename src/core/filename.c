/*
 * filename.c: see filename.h.  A name goes through three passes: pick the
 * last path component, drop or replace characters one code point at a
 * time (utf8proc decodes; invalid UTF-8 ends it), then let utf8_nfc()
 * normalise and squeeze, and trim and cut what is left.
 */
#include "core/filename.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"

#include <string.h>
#include <utf8proc.h>

/* Invisible characters that can make a name read as something else
 * ("gnp.exe" shown as "exe.png") or hide part of it. */
static bool filename_invisible(utf8proc_int32_t c)
{
	return (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF || c == 0x061C;
}

const char *filename_ext(const char *name)
{
	const char *dot = strrchr(name, '.');

	return dot && dot != name ? dot + 1 : "";
}

/* Cuts s to at most max bytes on a character boundary. */
static size_t filename_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

char *filename_clean(struct arena *a, const char *name)
{
	const char *base;
	struct buf b;
	char *res = NULL;

	if (!name)
		return NULL;
	base = name;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	buf_init(&b, 4096);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)base;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(base);
	while (left > 0) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, left, &c);

		if (n < 0)
			goto out; /* not UTF-8: no guessing at the encoding */
		if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || filename_invisible(c))
			;
		else if (c < 0x80 && strchr("<>:\"|?*", (int)c))
			buf_addc(&b, '-');
		else
			buf_add(&b, p, (size_t)n);
		p += n;
		left -= n;
	}
	char *nfc = utf8_nfc(a, b.p, b.len, true);
	if (!nfc || (nfc[0] == '.' && !strchr(nfc + 1, '.')))
		goto out; /* nothing, or only an extension */
	while (*nfc == '.' || *nfc == ' ')
		nfc++;
	size_t len = strlen(nfc);
	while (len > 0 && (nfc[len - 1] == '.' || nfc[len - 1] == ' '))
		len--;
	nfc[len] = 0;
	if (len == 0)
		goto out;
	if (len > FILENAME_MAX_BYTES) {
		const char *ext = filename_ext(nfc);
		size_t elen = *ext ? strlen(ext) + 1 : 0;
		if (elen > 16)
			elen = 0; /* not an extension worth keeping */
		size_t stem = filename_cut(nfc, len - elen, FILENAME_MAX_BYTES - elen);
		while (stem > 0 && (nfc[stem - 1] == ' ' || nfc[stem - 1] == '.'))
			stem--;
		if (stem == 0)
			goto out;
		memmove(nfc + stem, nfc + len - elen, elen);
		nfc[stem + elen] = 0;
	}
	res = nfc;
out:
	buf_release(&b);
	return res;
}
