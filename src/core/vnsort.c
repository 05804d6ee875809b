/*
 * vnsort.c: Vietnamese name order (see vnsort.h).
 *
 * A key is built from the decomposed name (NFD, lower case): each base
 * letter with its shape marks (breve, circumflex, horn; đ is a letter of
 * its own) becomes one primary byte, its rank in the extended alphabet;
 * each syllable's tone one secondary byte.  For one part of a name the key is
 * primary bytes, 0x02, secondary bytes; the given name's part and the
 * rest's are joined by 0x01.  Primary bytes are >= 0x03, so a prefix
 * sorts first, and the whole given name decides before the rest.
 */
#include "core/vnsort.h"
#include "core/arena.h"
#include "core/buf.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

enum shape { SH_NONE, SH_BREVE, SH_HAT, SH_HORN };

/* The extended alphabet in order (đ is a letter of its own, below); index
 * + RANK_BASE is the primary byte. */
static const struct {
	char base;
	enum shape shape;
} letters[] = {
    {'a', SH_NONE}, {'a', SH_BREVE},      {'a', SH_HAT},  {'b', SH_NONE}, {'c', SH_NONE},
    {'d', SH_NONE}, {0, SH_NONE} /* đ */, {'e', SH_NONE}, {'e', SH_HAT},  {'f', SH_NONE},
    {'g', SH_NONE}, {'h', SH_NONE},       {'i', SH_NONE}, {'j', SH_NONE}, {'k', SH_NONE},
    {'l', SH_NONE}, {'m', SH_NONE},       {'n', SH_NONE}, {'o', SH_NONE}, {'o', SH_HAT},
    {'o', SH_HORN}, {'p', SH_NONE},       {'q', SH_NONE}, {'r', SH_NONE}, {'s', SH_NONE},
    {'t', SH_NONE}, {'u', SH_NONE},       {'u', SH_HORN}, {'v', SH_NONE}, {'w', SH_NONE},
    {'x', SH_NONE}, {'y', SH_NONE},       {'z', SH_NONE},
};

#define RANK_SPACE 0x03
#define RANK_DIGIT 0x04 /* .. 0x0d */
#define RANK_BASE  0x10
#define RANK_DD    (RANK_BASE + 6)
#define RANK_OTHER 0x40 /* anything else, then its code point's bytes */

static int tone_of(utf8proc_int32_t c)
{
	switch (c) {
	case 0x300:
		return 1; /* huyền */
	case 0x309:
		return 2; /* hỏi */
	case 0x303:
		return 3; /* ngã */
	case 0x301:
		return 4; /* sắc */
	case 0x323:
		return 5; /* nặng */
	default:
		return 0;
	}
}

static int shape_of(utf8proc_int32_t c)
{
	return c == 0x306 ? SH_BREVE : c == 0x302 ? SH_HAT : c == 0x31b ? SH_HORN : -1;
}

/* The primary byte of base letter c with shape sh, or 0 if not a letter.
 * A shape the letter does not take (a foreign mark) gives the plain one. */
static int rank_of(utf8proc_int32_t c, int sh)
{
	if (c == 0x111)
		return RANK_DD;
	if (c < 'a' || c > 'z')
		return 0;
	int plain = 0;
	for (size_t i = 0; i < sizeof(letters) / sizeof(*letters); i++) {
		if (letters[i].base != c)
			continue;
		if ((int)letters[i].shape == sh)
			return RANK_BASE + (int)i;
		if (letters[i].shape == SH_NONE)
			plain = RANK_BASE + (int)i;
	}
	return plain;
}

/* Appends the key of one part (decomposed code points cp[0..n)): a primary
 * byte per letter, a tone byte per syllable (old and new tone placement,
 * "hoà" and "hòa", are the same name). */
static void part_key(struct buf *prim, struct buf *sec, const utf8proc_int32_t *cp, size_t n)
{
	int tone = 0;

	for (size_t i = 0; i < n;) {
		utf8proc_int32_t c = cp[i++];
		int sh = SH_NONE;

		while (i < n && utf8proc_get_property(cp[i])->combining_class != 0) {
			if (shape_of(cp[i]) >= 0)
				sh = shape_of(cp[i]);
			else if (tone_of(cp[i]))
				tone = tone_of(cp[i]);
			i++;
		}
		int rank = rank_of(c, sh);
		if (c == ' ') {
			buf_addc(prim, RANK_SPACE);
			buf_addc(sec, (char)('0' + tone));
			tone = 0;
		} else if (c >= '0' && c <= '9') {
			buf_addc(prim, (char)(RANK_DIGIT + (c - '0')));
		} else if (rank) {
			buf_addc(prim, (char)rank);
		} else {
			utf8proc_uint8_t u[4];
			buf_addc(prim, RANK_OTHER);
			buf_add(prim, u, (size_t)utf8proc_encode_char(c, u));
		}
	}
	buf_addc(sec, (char)('0' + tone));
}

char *vnsort_name_key(struct arena *a, const char *full_name)
{
	utf8proc_int32_t *cp = NULL;
	utf8proc_ssize_t n =
	    utf8proc_map((const utf8proc_uint8_t *)full_name, 0, (utf8proc_uint8_t **)&cp,
	                 UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD);
	if (n < 0)
		return arena_strdup(a, "\x7f");
	/* utf8proc_map returns UTF-8; decode it to code points in place. */
	const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)cp;
	utf8proc_int32_t *v = arena_alloc(a, sizeof(*v) * ((size_t)n + 1));
	size_t len = 0, start = 0, end;
	for (utf8proc_ssize_t off = 0; off < n;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(s + off, n - off, &c);
		if (k <= 0)
			break;
		off += k;
		if (utf8proc_category(c) == UTF8PROC_CATEGORY_ZS || c == '\t')
			c = ' ';
		if (c == ' ' && (len == 0 || v[len - 1] == ' '))
			continue;
		v[len++] = c;
	}
	free(cp);
	while (len && v[len - 1] == ' ')
		len--;
	/* The given name is the last word. */
	for (end = len; end > 0 && v[end - 1] != ' '; end--)
		;
	start = end;
	struct buf prim, sec, out;
	buf_init(&prim, 0);
	buf_init(&sec, 0);
	buf_init(&out, 0);
	part_key(&prim, &sec, v + start, len - start);
	buf_add(&out, prim.p, prim.len);
	buf_addc(&out, 0x02);
	buf_add(&out, sec.p, sec.len);
	buf_addc(&out, 0x01);
	buf_reset(&prim);
	buf_reset(&sec);
	part_key(&prim, &sec, v, start ? start - 1 : 0);
	buf_add(&out, prim.p, prim.len);
	buf_addc(&out, 0x02);
	buf_add(&out, sec.p, sec.len);
	char *key = arena_strndup(a, out.p, out.len);
	buf_release(&prim);
	buf_release(&sec);
	buf_release(&out);
	return key;
}
