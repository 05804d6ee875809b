/*
 * multipart.c: see multipart.h.  The body is scanned for "\r\n--boundary";
 * each part's headers end at the first blank line.  Only the headers we
 * use are read (Content-Disposition's name and filename, Content-Type);
 * filename* (RFC 5987) is not needed by browsers that send UTF-8 names.
 */
#include "http/multipart.h"
#include "core/arena.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *multipart_boundary(struct arena *a, const char *ct)
{
	const char *b;
	size_t n;

	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return NULL;
	if (!(b = strcasestr(ct, "boundary=")))
		return NULL;
	b += 9;
	if (*b == '"') {
		const char *end = strchr(++b, '"');
		if (!end)
			return NULL;
		n = (size_t)(end - b);
	} else {
		n = strcspn(b, "; \t");
	}
	if (n == 0 || n > 70)
		return NULL;
	return arena_strndup(a, b, n);
}

/* The value of param (name= or filename=) in a Content-Disposition line. */
static const char *multipart_param(struct arena *a, const char *line, size_t len,
				   const char *param)
{
	size_t plen = strlen(param);

	for (size_t i = 0; i + plen < len; i++) {
		if ((i == 0 || line[i - 1] == ' ' || line[i - 1] == ';') &&
		    strncasecmp(line + i, param, plen) == 0 && line[i + plen] == '=') {
			const char *v = line + i + plen + 1;
			const char *end = line + len;
			if (v < end && *v == '"') {
				v++;
				const char *q = memchr(v, '"', (size_t)(end - v));
				return q ? arena_strndup(a, v, (size_t)(q - v)) : NULL;
			}
			size_t n = strcspn(v, ";\r");
			if (v + n > end)
				n = (size_t)(end - v);
			return arena_strndup(a, v, n);
		}
	}
	return NULL;
}

int multipart_parse(struct arena *a, const char *boundary, const char *body, size_t len,
		    struct multipart_part *parts, int max)
{
	char delim[80];
	size_t dlen = (size_t)snprintf(delim, sizeof(delim), "\r\n--%s", boundary);
	const char *end = body + len;
	const char *p;
	int n = 0;

	/* The first delimiter may come without the leading CRLF. */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = memmem(body, len, delim, dlen)))
		p += dlen;
	else
		return -1;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return n; /* closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return -1;
		p += 2;
		const char *hend = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return -1;
		struct multipart_part part = {0};
		for (const char *line = p; line < hend;) {
			const char *eol = memmem(line, (size_t)(hend - line) + 2, "\r\n", 2);
			size_t llen = (size_t)((eol ? eol : hend) - line);
			if (llen > 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
				part.name = multipart_param(a, line, llen, "name");
				part.filename = multipart_param(a, line, llen, "filename");
			} else if (llen > 13 && strncasecmp(line, "Content-Type:", 13) == 0) {
				const char *v = line + 13;
				while (*v == ' ')
					v++;
				part.content_type = arena_strndup(a, v, (size_t)(line + llen - v));
			}
			line += llen + 2;
		}
		const char *data = hend + 4;
		const char *next = memmem(data, (size_t)(end - data), delim, dlen);
		if (!next || !part.name)
			return -1;
		if (n == max)
			return -2;
		part.data = data;
		part.len = (size_t)(next - data);
		parts[n++] = part;
		p = next + dlen;
	}
}
