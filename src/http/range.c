/*
 * range.c: see range.h.  Pure functions over header text.
 */
#include "http/range.h"

#include <string.h>
#include <strings.h>

bool range_etag_in(const char *list, const char *etag)
{
	size_t n = strlen(etag);
	const char *p = list;

	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return true;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		if (*p != '"')
			return false;
		const char *end = strchr(p + 1, '"');
		if (!end)
			return false;
		if ((size_t)(end - p - 1) == n && memcmp(p + 1, etag, n) == 0)
			return true;
		p = end + 1;
	}
	return false;
}

static bool range_digits(const char **p, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = *p;

	if (*s < '0' || *s > '9')
		return false;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*p = s;
	*out = v;
	return true;
}

int range_parse(const char *h, uint64_t size, uint64_t *first, uint64_t *last)
{
	uint64_t a = 0, b = 0;
	const char *p = h;

	if (strncasecmp(p, "bytes=", 6) != 0)
		return 0;
	p += 6;
	while (*p == ' ')
		p++;
	if (*p == '-') { /* the last b bytes */
		p++;
		if (!range_digits(&p, &b))
			return 0;
		while (*p == ' ')
			p++;
		if (*p)
			return 0;
		if (b == 0 || size == 0)
			return -1;
		*first = b >= size ? 0 : size - b;
		*last = size - 1;
		return 1;
	}
	if (!range_digits(&p, &a) || *p++ != '-')
		return 0;
	bool open = !(*p >= '0' && *p <= '9');
	if (!open && !range_digits(&p, &b))
		return 0;
	while (*p == ' ')
		p++;
	if (*p || (!open && b < a))
		return 0;
	if (a >= size)
		return -1;
	*first = a;
	*last = open || b >= size ? size - 1 : b;
	return 1;
}
