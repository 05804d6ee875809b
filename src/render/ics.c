/*
 * ics.c: RFC 5545 writer (see ics.h).  Lines end in CRLF and are folded
 * so that no line is longer than 75 octets, never inside a UTF-8 sequence.
 */
#include "render/ics.h"
#include "core/buf.h"
#include "core/vtime.h"

#include <string.h>

static void ics_line(struct buf *b, const char *s, size_t n)
{
	size_t col = 0;

	for (size_t i = 0; i < n;) {
		size_t len = 1;
		unsigned char c = (unsigned char)s[i];

		if (c >= 0xf0)
			len = 4;
		else if (c >= 0xe0)
			len = 3;
		else if (c >= 0xc0)
			len = 2;
		if (i + len > n)
			len = n - i;
		if (col + len > 75) {
			buf_add(b, "\r\n ", 3);
			col = 1;
		}
		buf_add(b, s + i, len);
		col += len;
		i += len;
	}
	buf_add(b, "\r\n", 2);
}

void ics_raw(struct buf *b, const char *name, const char *value)
{
	struct buf line;

	buf_init(&line, 0);
	buf_adds(&line, name);
	buf_addc(&line, ':');
	buf_adds(&line, value);
	ics_line(b, line.p, line.len);
	buf_release(&line);
}

void ics_text(struct buf *b, const char *name, const char *value)
{
	struct buf line;

	buf_init(&line, 0);
	buf_adds(&line, name);
	buf_addc(&line, ':');
	for (const char *p = value; *p; p++) {
		switch (*p) {
		case '\\': buf_adds(&line, "\\\\"); break;
		case ';': buf_adds(&line, "\\;"); break;
		case ',': buf_adds(&line, "\\,"); break;
		case '\n': buf_adds(&line, "\\n"); break;
		case '\r': break;
		default: buf_addc(&line, *p);
		}
	}
	ics_line(b, line.p, line.len);
	buf_release(&line);
}

void ics_time(struct buf *b, const char *name, int64_t t)
{
	char v[32];

	ics_raw(b, name, vtime_ics_utc(v, sizeof(v), t));
}

void ics_begin(struct buf *b, const char *prodid, const char *calname)
{
	ics_raw(b, "BEGIN", "VCALENDAR");
	ics_raw(b, "VERSION", "2.0");
	ics_text(b, "PRODID", prodid);
	ics_raw(b, "CALSCALE", "GREGORIAN");
	ics_raw(b, "METHOD", "PUBLISH");
	ics_text(b, "X-WR-CALNAME", calname);
	ics_raw(b, "X-WR-TIMEZONE", "Asia/Ho_Chi_Minh");
}

void ics_end(struct buf *b)
{
	ics_raw(b, "END", "VCALENDAR");
}
