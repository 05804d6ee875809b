/*
 * buf.c: capped growable buffers and context escapers (see buf.h).
 */
#include "core/buf.h"
#include "core/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char buf_empty[1];

void buf_init(struct buf *b, size_t max)
{
	b->p = buf_empty;
	b->len = b->cap = 0;
	b->max = max ? max : BUF_DEFAULT_MAX;
	b->overflow = false;
}

void buf_release(struct buf *b)
{
	if (b->p != buf_empty)
		free(b->p);
	buf_init(b, b->max);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->p != buf_empty)
		b->p[0] = 0;
	b->overflow = false;
}

static bool buf_grow(struct buf *b, size_t extra)
{
	if (b->overflow || extra > b->max - b->len) {
		b->overflow = true;
		return false;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	if (b->p == buf_empty) {
		b->p = xmalloc(cap);
		b->p[0] = 0;
	} else {
		b->p = xrealloc(b->p, cap);
	}
	b->cap = cap;
	return true;
}

void buf_add(struct buf *b, const void *p, size_t n)
{
	if (!n || !buf_grow(b, n))
		return;
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = 0;
}

void buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	char small[256];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		buf_add(b, small, (size_t)n);
		return;
	}
	if (!buf_grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->p == buf_empty ? xcalloc(1, 1) : b->p;

	if (len)
		*len = b->len;
	buf_init(b, b->max);
	return p;
}

void buf_add_html(struct buf *b, const char *s, size_t n)
{
	size_t start = 0;

	for (size_t i = 0; i < n; i++) {
		const char *rep;

		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, n - start);
}

void buf_add_json(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t start = 0;

	buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		const char *rep = esc;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		switch (c) {
		case '"': rep = "\\\""; break;
		case '\\': rep = "\\\\"; break;
		case '\b': rep = "\\b"; break;
		case '\f': rep = "\\f"; break;
		case '\n': rep = "\\n"; break;
		case '\r': rep = "\\r"; break;
		case '\t': rep = "\\t"; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			esc[6] = 0;
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, n - start);
	buf_addc(b, '"');
}

void buf_add_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			buf_addc(b, (char)c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_add(b, e, 3);
		}
	}
}
