/*
 * ics.h: iCalendar (RFC 5545) output: text escaping and 75-octet line
 * folding done here, so callers add properties by name and value.
 */
#ifndef OCOP_ICS_H
#define OCOP_ICS_H

#include <stdint.h>

struct buf;

void ics_begin(struct buf *b, const char *prodid, const char *calname);
void ics_end(struct buf *b);
/* A property with a TEXT value (escaped: \\ ; , newline). */
void ics_text(struct buf *b, const char *name, const char *value);
/* A property written as is (URIs, dates). */
void ics_raw(struct buf *b, const char *name, const char *value);
void ics_time(struct buf *b, const char *name, int64_t t); /* UTC, ...Z */

#endif
