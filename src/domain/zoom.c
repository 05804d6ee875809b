/*
 * zoom.c: the Zoom report parser (see zoom.h): bytes to records, the
 * parser's life cycle, and the date check.  What a record means is decided
 * in zoom_shape.c, a participant row is checked in zoom_row.c, times are
 * read by zoom_time.c.
 *
 * libcsv does the quoting.  It is fed one physical line at a time so that we
 * know the line each record starts on: the line its terminator is on, minus
 * the newlines quoted inside its fields.  A record's fields are gathered
 * into one buffer capped at ZOOM_MAX_RECORD, and forgotten once handled, so
 * memory does not grow with the file.  A BOM is dropped even when it arrives
 * split across chunks.
 */
#include "domain/zoom_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char bom[3] = {0xef, 0xbb, 0xbf};

void zoom_fail(struct zoom *z, enum zoom_kind kind, size_t line, const char *fmt, ...)
{
	va_list ap;
	int n = 0;

	if (z->failed)
		return;
	z->failed = true;
	z->err.kind = kind;
	z->err.level = ZOOM_FATAL;
	z->err.line = line;
	if (line)
		n = snprintf(z->err.msg, sizeof z->err.msg, "dòng %zu: ", line);
	va_start(ap, fmt);
	vsnprintf(z->err.msg + n, sizeof z->err.msg - (size_t)n, fmt, ap);
	va_end(ap);
}

void zoom_report(struct zoom *z, enum zoom_kind kind, enum zoom_level level, size_t line,
                 const char *fmt, ...)
{
	struct zoom_problem pb = {.kind = kind, .level = level, .line = line};
	va_list ap;
	int n = 0;

	z->stats.by_kind[kind]++;
	if (level == ZOOM_WARN)
		z->stats.warnings++;
	else if (level == ZOOM_REJECT)
		z->stats.rejected++;
	if (!z->o.problem)
		return;
	if (line)
		n = snprintf(pb.msg, sizeof pb.msg, "dòng %zu: ", line);
	va_start(ap, fmt);
	vsnprintf(pb.msg + n, sizeof pb.msg - (size_t)n, fmt, ap);
	va_end(ap);
	z->o.problem(&pb, z->o.arg);
}

struct zoom_str zoom_field(const struct zoom *z, size_t i)
{
	struct zoom_str s = {"", 0};

	if (i < z->nf) {
		s.p = z->rec.p + z->off[i];
		s.len = z->flen[i];
	}
	while (s.len && (*s.p == ' ' || *s.p == '\t'))
		s.p++, s.len--;
	while (s.len && (s.p[s.len - 1] == ' ' || s.p[s.len - 1] == '\t'))
		s.len--;
	return s;
}

static void on_field(void *s, size_t len, void *arg)
{
	struct zoom *z = arg;
	const char *p = s;
	size_t i;

	if (z->failed)
		return;
	if (z->nf == ZOOM_MAX_FIELDS) {
		zoom_fail(z, ZOOM_K_TOO_LONG, z->line, "có hơn %d cột", ZOOM_MAX_FIELDS);
		return;
	}
	z->off[z->nf] = z->rec.len;
	z->flen[z->nf] = len;
	z->nf++;
	buf_add(&z->rec, p, len);
	buf_addc(&z->rec, 0);
	/* line breaks quoted inside the field, counted as parse_lines counts them */
	for (i = 0; i < len; i++)
		if (p[i] == '\n' || (p[i] == '\r' && (i + 1 == len || p[i + 1] != '\n')))
			z->rec_nl++;
}

static bool record_is_empty(const struct zoom *z)
{
	size_t i;

	for (i = 0; i < z->nf; i++)
		if (zoom_field(z, i).len)
			return false;
	return true;
}

static void on_record(int c, void *arg)
{
	struct zoom *z = arg;

	(void)c;
	if (!z->failed && z->rec.overflow)
		zoom_fail(z, ZOOM_K_TOO_LONG, z->line, "dòng dài hơn %u byte", ZOOM_MAX_RECORD);
	if (!z->failed && !record_is_empty(z))
		zoom_shape_record(z, z->line - z->rec_nl);
	z->nf = 0;
	z->rec_nl = 0;
	z->rec_bytes = 0;
	buf_reset(&z->rec);
}

/*
 * Feeds libcsv one physical line at a time.  A line ends at LF, CR or CRLF
 * (Excel on old Macs wrote bare CR); the LF of a CRLF split across two
 * chunks is not counted twice.
 */
static void parse_lines(struct zoom *z, const char *s, size_t len)
{
	size_t i, n;

	while (len && !z->failed) {
		for (i = 0; i < len && s[i] != '\n' && s[i] != '\r'; i++)
			;
		n = i < len ? i + 1 : len;
		if (i + 1 < len && s[i] == '\r' && s[i + 1] == '\n')
			n++; /* CRLF in one call: half the calls on Windows files */
		z->rec_bytes += n;
		if (z->rec_bytes > ZOOM_MAX_RECORD) {
			zoom_fail(z, ZOOM_K_TOO_LONG, z->line - z->rec_nl, "dòng dài hơn %u byte",
			          ZOOM_MAX_RECORD);
			return;
		}
		if (csv_parse(&z->csv, s, n, on_field, on_record, z) != n) {
			zoom_fail(z, ZOOM_K_CSV, z->line, "không đọc được CSV: %s",
			          csv_strerror(csv_error(&z->csv)));
			return;
		}
		if (i < len && !(s[i] == '\n' && i == 0 && z->after_cr))
			z->line++;
		z->after_cr = i < len && s[i] == '\r' && n == i + 1;
		s += n;
		len -= n;
	}
}

int zoom_feed(struct zoom *z, const void *p, size_t len)
{
	const unsigned char *s = p;

	/* A BOM may arrive split across chunks; hold its bytes until decided. */
	while (z->bom >= 0 && len) {
		if (*s != bom[z->bom]) {
			parse_lines(z, (const char *)bom, (size_t)z->bom);
			z->bom = -1;
			break;
		}
		s++;
		len--;
		if (++z->bom == 3)
			z->bom = -1;
	}
	parse_lines(z, (const char *)s, len);
	return z->failed ? -1 : 0;
}

int zoom_finish(struct zoom *z)
{
	if (z->bom > 0)
		parse_lines(z, (const char *)bom, (size_t)z->bom);
	z->bom = -1;
	if (!z->failed && csv_fini(&z->csv, on_field, on_record, z) != 0)
		zoom_fail(z, ZOOM_K_CSV, z->line, "không đọc được CSV: %s",
		          csv_strerror(csv_error(&z->csv)));
	zoom_shape_finish(z);
	return z->failed ? -1 : 0;
}

void zoom_opts_init(struct zoom_opts *o)
{
	memset(o, 0, sizeof *o);
	o->tz_offset = ZOOM_TIME_TZ_DEFAULT;
	o->max_rows = ZOOM_MAX_ROWS;
}

struct zoom *zoom_new(const struct zoom_opts *o)
{
	struct zoom *z = xcalloc(1, sizeof *z);

	z->o = *o;
	if (!z->o.max_rows)
		z->o.max_rows = ZOOM_MAX_ROWS;
	if (csv_init(&z->csv, 0) != 0)
		abort();
	buf_init(&z->rec, ZOOM_MAX_RECORD + 2 * ZOOM_MAX_FIELDS);
	buf_init(&z->tmp, ZOOM_MAX_RECORD * 4);
	z->line = 1;
	z->m.duration_min = -1;
	z->m.participants = -1;
	z->m.tz_offset = o->tz_offset;
	return z;
}

void zoom_free(struct zoom *z)
{
	if (!z)
		return;
	csv_free(&z->csv);
	buf_release(&z->rec);
	buf_release(&z->tmp);
	free(z);
}

const struct zoom_problem *zoom_error(const struct zoom *z)
{
	return z->failed ? &z->err : NULL;
}

const struct zoom_meeting *zoom_meeting(const struct zoom *z)
{
	return &z->m;
}

const struct zoom_stats *zoom_stats(const struct zoom *z)
{
	return &z->stats;
}

static int64_t local_day(int64_t t, int tz_offset)
{
	int64_t x = t + tz_offset;

	return x / 86400 - (x % 86400 < 0);
}

enum zoom_date zoom_date_check(int64_t start, int64_t end, int64_t sess_start, int64_t sess_end,
                               int tz_offset, char *msg, size_t msg_len)
{
	char a[11], b[11];

	if (!start)
		return ZOOM_DATE_UNKNOWN;
	if (end < start)
		end = start;
	if (sess_end < sess_start)
		sess_end = sess_start;
	if (local_day(start, tz_offset) <= local_day(sess_end, tz_offset) &&
	    local_day(sess_start, tz_offset) <= local_day(end, tz_offset))
		return ZOOM_DATE_OK;
	if (msg && msg_len) {
		zoom_time_format_date(start, tz_offset, a);
		zoom_time_format_date(sess_start, tz_offset, b);
		snprintf(msg, msg_len, "báo cáo Zoom của ngày %s, buổi học ngày %s", a, b);
	}
	return ZOOM_DATE_MISMATCH;
}
