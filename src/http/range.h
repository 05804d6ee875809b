/*
 * range.h: the parts of HTTP conditional and range requests that are
 * plain text work (RFC 9110 13.1 and 14): matching an entity tag against
 * If-None-Match / If-Range, and reading a Range header.  No I/O, no
 * libmicrohttpd; used by stream.c.
 */
#ifndef OCOP_RANGE_H
#define OCOP_RANGE_H

#include <stdbool.h>
#include <stdint.h>

/* Whether the header value `list` (quoted tags separated by commas, weak
 * W/"..." ones compared weakly, or "*") names etag (given without quotes). */
bool range_etag_in(const char *list, const char *etag);
/* Reads one "bytes=" range (a-b, a-, -n) against an entity of size bytes.
 * Returns 1 with [*first, *last] set (last clipped to the end), 0 when the
 * header is to be ignored (malformed, another unit, several ranges), -1
 * when it cannot be satisfied (starts past the end, "-0"). */
int range_parse(const char *h, uint64_t size, uint64_t *first, uint64_t *last);

#endif
