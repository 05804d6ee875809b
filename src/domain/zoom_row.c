/*
 * zoom_row.c: one participant record of a Zoom report to a struct zoom_row
 * (see zoom.h), with the checks that keep a bad row from counting: times we
 * cannot read, leave before join, a missing identity.  A duration that
 * disagrees with the times is only a warning: the times are what Zoom
 * measured, the duration is a rounded copy of them.
 *
 * Names are cleaned (control characters and NBSP to blanks, blanks
 * collapsed, invalid UTF-8 to U+FFFD) and composed to NFC, because Zoom
 * passes on whatever the participant's device typed, and macOS and some
 * Vietnamese keyboards send decomposed "Nguyễn".  Emails are trimmed and
 * lower-cased.  The texts live in z->tmp until the next row.
 */
#include "domain/zoom_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static struct zoom_str col(const struct zoom *z, enum zoom_col c)
{
	return zoom_field(z, z->col[c] >= 0 ? (size_t)z->col[c] : SIZE_MAX);
}

static bool str_eq(struct zoom_str s, const char *lit)
{
	size_t i, n = strlen(lit);

	if (s.len != n)
		return false;
	for (i = 0; i < n; i++) {
		char c = s.p[i];

		if ((c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c) != lit[i])
			return false;
	}
	return true;
}

static bool is_yes(struct zoom_str s)
{
	return str_eq(s, "yes") || str_eq(s, "true") || str_eq(s, "1") || str_eq(s, "có");
}

static bool is_blank_cp(utf8proc_int32_t cp)
{
	return cp < 0x20 || cp == ' ' || cp == 0x7f || (cp >= 0x80 && cp < 0xa0) || cp == 0xa0;
}

/* Appends s cleaned and in NFC to b (no NUL between parts). */
static void add_text(struct buf *b, struct zoom_str s, bool *bad)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s.p;
	utf8proc_ssize_t n, left = (utf8proc_ssize_t)s.len;
	utf8proc_uint8_t enc[4], *nfc;
	utf8proc_int32_t cp;
	size_t start = b->len;
	bool ascii = true, blank = true; /* blank: at start or after a blank */

	while (left > 0) {
		n = utf8proc_iterate(p, left, &cp);
		if (n < 0) {
			cp = 0xfffd;
			n = 1;
			*bad = true;
		}
		p += n;
		left -= n;
		if (is_blank_cp(cp)) {
			if (!blank)
				buf_addc(b, ' ');
			blank = true;
			continue;
		}
		blank = false;
		ascii = ascii && cp < 0x80;
		buf_add(b, enc, (size_t)utf8proc_encode_char(cp, enc));
	}
	if (b->len > start && b->p[b->len - 1] == ' ')
		b->p[--b->len] = 0;
	if (ascii || b->overflow)
		return;
	n = utf8proc_map((const utf8proc_uint8_t *)b->p + start, (utf8proc_ssize_t)(b->len - start),
	                 &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0)
		return; /* only out of memory: keep the clean, uncomposed text */
	b->len = start;
	buf_add(b, nfc, (size_t)n);
	free(nfc);
}

void zoom_copy_text(struct zoom *z, struct zoom_str s, char *out, size_t out_len)
{
	bool bad = false;
	size_t n;

	buf_reset(&z->tmp);
	add_text(&z->tmp, s, &bad);
	n = z->tmp.len < out_len - 1 ? z->tmp.len : out_len - 1;
	while (n > 0 && n < z->tmp.len && ((unsigned char)z->tmp.p[n] & 0xc0) == 0x80)
		n--; /* do not cut a character in two */
	memcpy(out, z->tmp.p, n);
	out[n] = 0;
}

void zoom_copy_id(struct zoom_str s, char *out, size_t out_len)
{
	size_t i, n = 0;
	bool numeric = true;

	for (i = 0; i < s.len; i++)
		if (!strchr("0123456789 -", s.p[i]))
			numeric = false;
	for (i = 0; i < s.len && n + 1 < out_len; i++)
		if (!numeric || (s.p[i] >= '0' && s.p[i] <= '9'))
			out[n++] = s.p[i];
	out[n] = 0;
}

int zoom_parse_int(struct zoom_str s, int *v)
{
	long x = 0;
	size_t i = 0;
	bool half = false;

	if (!s.len)
		return -1;
	for (; i < s.len && s.p[i] >= '0' && s.p[i] <= '9'; i++)
		if (x < 100000000)
			x = x * 10 + (s.p[i] - '0');
	if (i == 0)
		return -1;
	if (i < s.len && s.p[i] == '.') {
		half = i + 1 < s.len && s.p[i + 1] >= '5' && s.p[i + 1] <= '9';
		for (i++; i < s.len && s.p[i] >= '0' && s.p[i] <= '9'; i++)
			;
	}
	if (i != s.len)
		return -1;
	*v = (int)x + half;
	return 0;
}

int zoom_time_field(struct zoom_str s, int tz_offset, int64_t *t)
{
	if (!s.len || str_eq(s, "--") || str_eq(s, "-"))
		return 0;
	return zoom_time_parse(s.p, s.len, tz_offset, t) < 0 ? -1 : 1;
}

/* Name and email into z->tmp; the pointers are set once both are in. */
static void row_identity(struct zoom *z, struct zoom_row *r, size_t line)
{
	size_t name_off, email_off, i;
	bool bad = false;

	buf_reset(&z->tmp);
	name_off = z->tmp.len;
	if (col(z, ZC_NAME).len) {
		add_text(&z->tmp, col(z, ZC_NAME), &bad);
	} else {
		/* Vietnamese order: "Last Name" holds "Nguyễn Thị", "First Name" "Lan" */
		add_text(&z->tmp, col(z, ZC_LAST), &bad);
		if (z->tmp.len > name_off && col(z, ZC_FIRST).len)
			buf_addc(&z->tmp, ' ');
		add_text(&z->tmp, col(z, ZC_FIRST), &bad);
	}
	buf_addc(&z->tmp, 0);
	email_off = z->tmp.len;
	add_text(&z->tmp, col(z, ZC_EMAIL), &bad);
	for (i = email_off; i < z->tmp.len; i++)
		if (z->tmp.p[i] >= 'A' && z->tmp.p[i] <= 'Z')
			z->tmp.p[i] = (char)(z->tmp.p[i] - 'A' + 'a');
	r->name = z->tmp.p + name_off;
	r->email = z->tmp.p + email_off;
	if (bad)
		zoom_report(z, ZOOM_K_BAD_UTF8, ZOOM_WARN, line,
		            "tên hoặc email có byte không phải UTF-8, đã thay bằng '\xef\xbf\xbd'");
}

static int row_tz(struct zoom *z, size_t line)
{
	struct zoom_str s = col(z, ZC_TZ);
	int off;

	if (!s.len)
		return z->m.tz_offset;
	if (zoom_time_parse_tz(s.p, s.len, &off) == 0)
		return off;
	if (!z->tz_warned)
		zoom_report(z, ZOOM_K_TIMEZONE, ZOOM_WARN, line,
		            "không hiểu múi giờ '%.*s', dùng múi giờ của buổi học", (int)s.len,
		            s.p);
	z->tz_warned = true;
	return z->m.tz_offset;
}

/* 0 with r's times set (or absent), -1 when the row is rejected. */
static int row_times(struct zoom *z, struct zoom_row *r, size_t line)
{
	struct zoom_str js = col(z, ZC_JOIN), ls = col(z, ZC_LEAVE);
	int tz, rj, rl;
	int64_t secs, diff;

	if (z->col[ZC_JOIN] < 0)
		return 0; /* unique users: durations only */
	tz = row_tz(z, line);
	rj = zoom_time_field(js, tz, &r->join);
	rl = zoom_time_field(ls, tz, &r->leave);
	if (rj < 0 || rl < 0) {
		zoom_report(z, ZOOM_K_TIME_FORMAT, ZOOM_REJECT, line,
		            "không hiểu thời gian '%.*s' ở cột %s", (int)(rj < 0 ? js : ls).len,
		            (rj < 0 ? js : ls).p, rj < 0 ? "Join Time" : "Leave Time");
		return -1;
	}
	if (rj == 0 || rl == 0) {
		r->join = r->leave = 0;
		if (!r->is_attended)
			return 0;
		zoom_report(z, ZOOM_K_TIME_MISSING, ZOOM_REJECT, line, "thiếu %s",
		            rj == 0 ? "giờ vào (Join Time)" : "giờ ra (Leave Time)");
		return -1;
	}
	if (r->leave < r->join) {
		zoom_report(z, ZOOM_K_LEAVE_BEFORE_JOIN, ZOOM_REJECT, line,
		            "giờ ra '%.*s' trước giờ vào '%.*s'", (int)ls.len, ls.p, (int)js.len,
		            js.p);
		return -1;
	}
	r->has_times = true;
	secs = r->leave - r->join;
	diff = (int64_t)r->duration_min * 60 - secs;
	if (r->duration_min >= 0 && (diff > ZOOM_DURATION_SLACK || diff < -ZOOM_DURATION_SLACK))
		zoom_report(z, ZOOM_K_DURATION, ZOOM_WARN, line,
		            "thời lượng %d phút không khớp giờ vào và giờ ra (%lld phút)",
		            r->duration_min, (long long)((secs + 30) / 60));
	return 0;
}

static void row_duration(struct zoom *z, struct zoom_row *r, size_t line)
{
	struct zoom_str s = col(z, z->col[ZC_TOTAL] >= 0 ? ZC_TOTAL : ZC_DURATION);

	if (!s.len || str_eq(s, "--") || str_eq(s, "-"))
		return;
	if (zoom_parse_int(s, &r->duration_min) < 0) {
		r->duration_min = -1;
		zoom_report(z, ZOOM_K_DURATION_FORMAT, ZOOM_WARN, line,
		            "thời lượng '%.*s' không phải là số phút", (int)s.len, s.p);
	}
}

void zoom_row_parse(struct zoom *z, size_t line)
{
	struct zoom_row r = {.line = line, .section = z->section, .duration_min = -1};

	if (z->stats.rows + z->stats.rejected >= z->o.max_rows) {
		zoom_fail(z, ZOOM_K_TOO_MANY_ROWS, line,
		          "tệp có hơn %zu dòng người tham gia, các dòng sau bị bỏ qua",
		          z->o.max_rows);
		return;
	}
	r.is_attended = z->col[ZC_ATTENDED] < 0 || is_yes(col(z, ZC_ATTENDED));
	r.is_guest = is_yes(col(z, ZC_GUEST));
	r.is_waiting_room = is_yes(col(z, ZC_WAITING));
	row_identity(z, &r, line);
	if (!r.name[0] && !r.email[0]) {
		zoom_report(z, ZOOM_K_NO_IDENTITY, ZOOM_REJECT, line, "không có tên và email");
		return;
	}
	row_duration(z, &r, line);
	if (row_times(z, &r, line) < 0)
		return;
	if (r.has_times) {
		if (!z->stats.first_join || r.join < z->stats.first_join)
			z->stats.first_join = r.join;
		if (r.leave > z->stats.last_leave)
			z->stats.last_leave = r.leave;
	}
	z->stats.rows++;
	if (z->o.row)
		z->o.row(&r, z->o.arg);
}
