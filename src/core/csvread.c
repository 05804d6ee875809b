/*
 * csvread.c: see csvread.h.  One pass per row over the bytes; a field is
 * copied only when an arena is given, so a check of a large file (the
 * structure, the row count) allocates nothing.
 */
#include "core/csvread.h"
#include "core/arena.h"

#include <string.h>

char csvread_sniff(const char *data, size_t len)
{
	size_t comma = 0, semi = 0, tab = 0;
	bool quoted = false;

	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	for (size_t i = 0; i < len; i++) {
		char ch = data[i];
		if (ch == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (ch == '\n')
			break;
		else if (ch == ',')
			comma++;
		else if (ch == ';')
			semi++;
		else if (ch == '\t')
			tab++;
	}
	if (semi > comma && semi >= tab)
		return ';';
	if (tab > comma && tab > semi)
		return '\t';
	return ',';
}

void csvread_init(struct csvread *c, const char *data, size_t len, char delim)
{
	c->p = data;
	c->end = data + len;
	c->delim = delim;
	c->row = 0;
	c->had_bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
	if (c->had_bom)
		c->p += 3;
}

/* One field from *pp; stops at the delimiter or the end of the row.
 * Returns the copy (or "" without an arena), NULL for an unclosed quote. */
static const char *csvread_field(struct csvread *c, const char **pp, struct arena *a)
{
	const char *p = *pp, *end = c->end;

	if (p < end && *p == '"') {
		const char *s = ++p;
		size_t quotes = 0;
		for (;;) {
			const char *q = memchr(p, '"', (size_t)(end - p));
			if (!q)
				return NULL;
			if (q + 1 < end && q[1] == '"') {
				quotes++;
				p = q + 2;
				continue;
			}
			p = q + 1;
			break;
		}
		/* Text after the closing quote up to the delimiter is kept, as
		 * spreadsheets do with a"b"c. */
		const char *close = p - 1;
		const char *t = p;
		while (t < end && *t != c->delim && *t != '\n' && *t != '\r')
			t++;
		*pp = t;
		if (!a)
			return "";
		size_t n = (size_t)(close - s) - quotes + (size_t)(t - p);
		char *out = arena_alloc(a, n + 1), *o = out;
		for (const char *x = s; x < close; x++) {
			*o++ = *x;
			if (*x == '"')
				x++;
		}
		memcpy(o, p, (size_t)(t - p));
		o[t - p] = 0;
		return out;
	}
	const char *s = p;
	while (p < end && *p != c->delim && *p != '\n' && *p != '\r')
		p++;
	*pp = p;
	return a ? arena_strndup(a, s, (size_t)(p - s)) : "";
}

int csvread_next(struct csvread *c, struct arena *a, const char **fields, size_t *n)
{
	const char *p = c->p, *start = c->p;

	*n = 0;
	if (p >= c->end)
		return CSVREAD_END;
	c->row++;
	if (*p == '\n' || *p == '\r') { /* a blank line: a row without fields */
		p += (*p == '\r' && p + 1 < c->end && p[1] == '\n') ? 2 : 1;
		c->p = p;
		return CSVREAD_ROW;
	}
	for (;;) {
		const char *f = csvread_field(c, &p, a);
		if (!f)
			return CSVREAD_UNCLOSED;
		if ((size_t)(p - start) > CSVREAD_MAX_RECORD)
			return CSVREAD_TOO_LONG;
		if (*n < CSVREAD_MAX_FIELDS)
			fields[(*n)++] = f;
		if (p < c->end && *p == c->delim) {
			p++;
			continue;
		}
		break;
	}
	if (p < c->end && *p == '\r')
		p++;
	if (p < c->end && *p == '\n')
		p++;
	c->p = p;
	return CSVREAD_ROW;
}
