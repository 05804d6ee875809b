/*
 * multipart.h: multipart/form-data (RFC 7578) parsing of a whole body held
 * in memory.  Parts point into the body: nothing is copied, so a 50 MB
 * upload costs 50 MB once.
 */
#ifndef OCOP_MULTIPART_H
#define OCOP_MULTIPART_H

#include <stddef.h>

struct arena;

struct multipart_part {
	const char *name;         /* form field name (arena) */
	const char *filename;     /* NULL for a plain field (arena) */
	const char *content_type; /* as sent, or NULL (arena) */
	const char *data;         /* into the body */
	size_t len;
};

/* Extracts the boundary from a Content-Type header value; NULL if absent
 * or not multipart/form-data. */
const char *multipart_boundary(struct arena *a, const char *content_type);
/* Parses body into at most max parts.  Returns the number of parts, or -1
 * when the body is malformed, -2 when there are more than max parts. */
int multipart_parse(struct arena *a, const char *boundary, const char *body, size_t len,
		    struct multipart_part *parts, int max);

#endif
