/*
 * test_zoom.c: domain/zoom.c, zoom_row.c and zoom_time.c.  Table-driven
 * time and zone formats; every report shape from tests/fixtures/zoom/
 * (written by tests/fixtures/gen_zoom.py), fed in chunks of several sizes;
 * broken and hostile input; and a 100,000-row report generated into a
 * temporary directory.  Run from the repository root, or set
 * OCOP_ZOOM_FIXTURES to the fixtures directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/buf.h"
#include "domain/interval.h"
#include "domain/zoom.h"

#define MAX_ROWS 64
#define TZ7      (7 * 3600)

struct got_row {
	struct zoom_row r;
	char name[128], email[128];
};

struct got {
	int begins;
	struct zoom_meeting m;
	struct got_row rows[MAX_ROWS];
	size_t n;
	struct zoom_problem pbs[MAX_ROWS];
	size_t npb;
	size_t total_rows; /* counted even past MAX_ROWS */
};

static void on_begin(const struct zoom_meeting *m, void *arg)
{
	struct got *g = arg;

	g->begins++;
	g->m = *m;
}

static void on_row(const struct zoom_row *r, void *arg)
{
	struct got *g = arg;

	g->total_rows++;
	if (g->n == MAX_ROWS)
		return;
	g->rows[g->n].r = *r;
	snprintf(g->rows[g->n].name, sizeof g->rows[g->n].name, "%s", r->name);
	snprintf(g->rows[g->n].email, sizeof g->rows[g->n].email, "%s", r->email);
	g->n++;
}

static void on_problem(const struct zoom_problem *pb, void *arg)
{
	struct got *g = arg;

	if (g->npb < MAX_ROWS)
		g->pbs[g->npb++] = *pb;
}

static int64_t utc(int y, int mo, int d, int h, int mi, int s)
{
	struct tm tm = {.tm_year = y - 1900,
	                .tm_mon = mo - 1,
	                .tm_mday = d,
	                .tm_hour = h,
	                .tm_min = mi,
	                .tm_sec = s};

	return (int64_t)timegm(&tm);
}

/* Parses bytes in chunks of `chunk`; returns zoom_finish's result, fills g and err. */
static int parse_mem(const char *p, size_t len, size_t chunk, size_t max_rows, struct got *g,
                     struct zoom_problem *err)
{
	struct zoom_opts o;
	struct zoom *z;
	size_t i;
	int rc = 0;

	memset(g, 0, sizeof *g);
	zoom_opts_init(&o);
	o.begin = on_begin;
	o.row = on_row;
	o.problem = on_problem;
	o.arg = g;
	if (max_rows)
		o.max_rows = max_rows;
	z = zoom_new(&o);
	for (i = 0; i < len && rc == 0; i += chunk)
		rc = zoom_feed(z, p + i, len - i < chunk ? len - i : chunk);
	if (rc == 0)
		rc = zoom_finish(z);
	if (err)
		*err = zoom_error(z) ? *zoom_error(z) : (struct zoom_problem){0};
	zoom_free(z);
	return rc;
}

static char *slurp(const char *name, size_t *len)
{
	const char *dir = getenv("OCOP_ZOOM_FIXTURES");
	char path[512];
	struct buf b;
	char chunk[4096];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/fixtures/zoom", name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("cannot open '%s'", path);
	buf_init(&b, 64u << 20);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	return buf_detach(&b, len);
}

/* Parses a fixture in chunks of 4096 bytes, then of 1 and 7: every split must agree. */
static int parse_fixture(const char *name, struct got *g, struct zoom_problem *err)
{
	static const size_t chunks[] = {1, 7};
	struct got *other = calloc(1, sizeof *other);
	size_t len, i, k;
	char *p = slurp(name, &len);
	int rc = parse_mem(p, len, 4096, 0, g, err);

	for (k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
		assert_int_equal(parse_mem(p, len, chunks[k], 0, other, NULL), rc);
		assert_int_equal(other->n, g->n);
		assert_int_equal(other->npb, g->npb);
		for (i = 0; i < g->n; i++) {
			assert_string_equal(other->rows[i].name, g->rows[i].name);
			assert_int_equal(other->rows[i].r.join, g->rows[i].r.join);
			assert_int_equal(other->rows[i].r.line, g->rows[i].r.line);
		}
	}
	free(other);
	free(p);
	return rc;
}

static int parse_str(const char *s, struct got *g, struct zoom_problem *err)
{
	return parse_mem(s, strlen(s), 3, 0, g, err);
}

/* ---- times and zones ---- */

static const struct {
	const char *in;
	int ok;
	int y, mo, d, h, mi, s; /* UTC */
} time_cases[] = {
    {"09/28/2021 08:01:12 AM", 1, 2021, 9, 28, 1, 1, 12},
    {"2021-09-28 08:01:12", 1, 2021, 9, 28, 1, 1, 12},
    {"  2021-09-28 08:01:12  ", 1, 2021, 9, 28, 1, 1, 12},
    {"2021/09/28 08:01", 1, 2021, 9, 28, 1, 1, 0},
    {"9/28/21 8:01 PM", 1, 2021, 9, 28, 13, 1, 0},
    {"2021-09-28T08:01:12Z", 1, 2021, 9, 28, 8, 1, 12},
    {"2021-09-28 08:01:12.345", 1, 2021, 9, 28, 1, 1, 12},
    {"2021-09-28 10:01:12 +09:00", 1, 2021, 9, 28, 1, 1, 12},
    {"2021-09-28 10:01:12 +0900", 1, 2021, 9, 28, 1, 1, 12},
    {"09/28/2021 08:01:12 AM GMT+7", 1, 2021, 9, 28, 1, 1, 12},
    {"09/28/2021 01:01:12 AM UTC", 1, 2021, 9, 28, 1, 1, 12},
    {"09/28/2021 08:01:12 am (GMT+07:00)", 1, 2021, 9, 28, 1, 1, 12},
    {"09/28/2021 08:01:12 ICT", 1, 2021, 9, 28, 1, 1, 12},
    {"Sep 28, 2021 08:01:12", 1, 2021, 9, 28, 1, 1, 12},
    {"September 28, 2021 8:01 AM", 1, 2021, 9, 28, 1, 1, 0},
    {"Sept. 28, 2021 08:01", 1, 2021, 9, 28, 1, 1, 0},
    {"28.09.2021 08:01", 1, 2021, 9, 28, 1, 1, 0},
    {"28/09/2021 08:01", 1, 2021, 9, 28, 1, 1, 0}, /* 28 cannot be a month */
    {"12/28/2021 12:00:00 AM", 1, 2021, 12, 27, 17, 0, 0},
    {"12/28/2021 12:00:00 PM", 1, 2021, 12, 28, 5, 0, 0},
    {"01/01/2022 06:59:59 AM", 1, 2021, 12, 31, 23, 59, 59},
    {"02/29/2024 10:00", 1, 2024, 2, 29, 3, 0, 0},
    {"", 0, 0, 0, 0, 0, 0, 0},
    {"--", 0, 0, 0, 0, 0, 0, 0},
    {"28-09-2021 8h01", 0, 0, 0, 0, 0, 0, 0},
    {"09/28/2021", 0, 0, 0, 0, 0, 0, 0},
    {"02/29/2023 10:00", 0, 0, 0, 0, 0, 0, 0},
    {"13/13/2021 08:00", 0, 0, 0, 0, 0, 0, 0},
    {"09/28/2021 24:00", 0, 0, 0, 0, 0, 0, 0},
    {"09/28/2021 13:00 PM", 0, 0, 0, 0, 0, 0, 0},
    {"09/28/2021 00:30 AM", 0, 0, 0, 0, 0, 0, 0},
    {"09/28/2021 08:00 XM", 0, 0, 0, 0, 0, 0, 0},
    {"09/28/2021 08:61", 0, 0, 0, 0, 0, 0, 0},
    {"2021-09-28 08:01:12 Europe/Paris", 0, 0, 0, 0, 0, 0, 0},
    {"2021-09-28 08:01:12 +15:00", 0, 0, 0, 0, 0, 0, 0},
    {"2021-09-28 08:01:12 trailing", 0, 0, 0, 0, 0, 0, 0},
    {"Foo 28, 2021 08:01", 0, 0, 0, 0, 0, 0, 0},
    {"'<>&\"", 0, 0, 0, 0, 0, 0, 0},
};

static void test_time_formats(void **state)
{
	size_t i;
	int64_t t;
	int rc;

	(void)state;
	for (i = 0; i < sizeof time_cases / sizeof time_cases[0]; i++) {
		t = -1;
		rc = zoom_time_parse(time_cases[i].in, strlen(time_cases[i].in), TZ7, &t);
		if (rc != (time_cases[i].ok ? 0 : -1))
			fail_msg("'%s': rc %d", time_cases[i].in, rc);
		if (time_cases[i].ok &&
		    t != utc(time_cases[i].y, time_cases[i].mo, time_cases[i].d, time_cases[i].h,
		             time_cases[i].mi, time_cases[i].s))
			fail_msg("'%s': got %lld", time_cases[i].in, (long long)t);
	}
	/* the length bounds the text: no NUL needed, none read past */
	assert_int_equal(zoom_time_parse("2021-09-28 08:01:12XYZ", 19, 0, &t), 0);
	assert_int_equal(t, utc(2021, 9, 28, 8, 1, 12));
	assert_int_equal(zoom_time_parse("2021-09-28 08:01", 14, 0, &t), -1);
}

static const struct {
	const char *in;
	int ok, offset;
} tz_cases[] = {
    {"GMT+07:00", 1, TZ7},
    {"UTC+7", 1, TZ7},
    {"+0700", 1, TZ7},
    {"-03:30", 1, -(3 * 3600 + 1800)},
    {"Z", 1, 0},
    {"UTC", 1, 0},
    {" (GMT+07:00) Bangkok, Hanoi, Jakarta ", 1, TZ7},
    {"Asia/Ho_Chi_Minh", 1, TZ7},
    {"asia/saigon", 1, TZ7},
    {"Asia/Tokyo", 1, 9 * 3600},
    {"Europe/Paris", 0, 0},
    {"America/New_York", 0, 0},
    {"GMT+25", 0, 0},
    {"", 0, 0},
    {"(GMT+07:00", 0, 0},
};

static void test_time_zones(void **state)
{
	size_t i;
	int off, rc;

	(void)state;
	for (i = 0; i < sizeof tz_cases / sizeof tz_cases[0]; i++) {
		off = 12345;
		rc = zoom_time_parse_tz(tz_cases[i].in, strlen(tz_cases[i].in), &off);
		if (rc != (tz_cases[i].ok ? 0 : -1) ||
		    (tz_cases[i].ok && off != tz_cases[i].offset))
			fail_msg("'%s': rc %d offset %d", tz_cases[i].in, rc, off);
	}
}

static void test_date_check(void **state)
{
	int64_t start = utc(2021, 9, 28, 0, 58, 27), end = utc(2021, 9, 28, 4, 3, 31);
	char msg[128] = "";
	char d[11];

	(void)state;
	zoom_time_format_date(start, TZ7, d);
	assert_string_equal(d, "28/09/2021");
	zoom_time_format_date(utc(2021, 9, 27, 17, 0, 0), TZ7, d); /* local midnight */
	assert_string_equal(d, "28/09/2021");
	zoom_time_format_date(utc(2021, 9, 27, 16, 59, 59), TZ7, d);
	assert_string_equal(d, "27/09/2021");
	assert_int_equal(zoom_date_check(start, end, utc(2021, 9, 28, 1, 0, 0),
	                                 utc(2021, 9, 28, 4, 0, 0), TZ7, msg, sizeof msg),
	                 ZOOM_DATE_OK);
	assert_int_equal(zoom_date_check(start, end, utc(2021, 9, 29, 1, 0, 0),
	                                 utc(2021, 9, 29, 4, 0, 0), TZ7, msg, sizeof msg),
	                 ZOOM_DATE_MISMATCH);
	assert_string_equal(msg, "báo cáo Zoom của ngày 28/09/2021, buổi học ngày 29/09/2021");
	assert_int_equal(zoom_date_check(0, 0, start, end, TZ7, NULL, 0), ZOOM_DATE_UNKNOWN);
	/* an evening meeting running past midnight matches a session the next day */
	assert_int_equal(zoom_date_check(utc(2021, 9, 28, 16, 0, 0), utc(2021, 9, 28, 18, 0, 0),
	                                 utc(2021, 9, 29, 1, 0, 0), utc(2021, 9, 29, 2, 0, 0), TZ7,
	                                 NULL, 0),
	                 ZOOM_DATE_OK);
}

/* ---- shapes ---- */

static int64_t covered(const struct got *g, const char *email, int64_t lo, int64_t hi)
{
	struct interval_set s;
	int64_t t;
	size_t i;

	interval_set_init(&s);
	for (i = 0; i < g->n; i++)
		if (!strcmp(g->rows[i].email, email) && g->rows[i].r.has_times &&
		    !g->rows[i].r.is_waiting_room)
			interval_set_add(&s, g->rows[i].r.join, g->rows[i].r.leave);
	t = interval_set_covered(&s, lo, hi);
	interval_set_release(&s);
	return t;
}

static void test_meeting_old(void **state)
{
	static struct got g;
	int64_t lo = utc(2021, 9, 28, 1, 0, 0), hi = utc(2021, 9, 28, 4, 0, 0);

	(void)state;
	assert_int_equal(parse_fixture("meeting_old.csv", &g, NULL), 0);
	assert_int_equal(g.begins, 1);
	assert_int_equal(g.m.shape, ZOOM_SHAPE_MEETING_OLD);
	assert_false(g.m.is_unique);
	assert_string_equal(g.m.topic, "Tập huấn OCOP, buổi 1");
	assert_string_equal(g.m.id, "81234567890");
	assert_int_equal(g.m.start, utc(2021, 9, 28, 0, 58, 27));
	assert_int_equal(g.m.end, utc(2021, 9, 28, 4, 3, 31));
	assert_int_equal(g.m.participants, 6);
	assert_int_equal(g.npb, 0);
	assert_int_equal(g.n, 7);
	assert_int_equal(g.rows[0].r.line, 5);
	/* NFD in the file, NFC out; the email trimmed and lower-cased */
	assert_string_equal(g.rows[1].name, "Nguyễn Thị Lan");
	assert_string_equal(g.rows[1].email, "lan@example.com");
	assert_int_equal(g.rows[1].r.line, 6);
	assert_int_equal(g.rows[1].r.join, utc(2021, 9, 28, 1, 1, 12));
	assert_int_equal(g.rows[1].r.leave, utc(2021, 9, 28, 2, 30, 0));
	assert_int_equal(g.rows[1].r.duration_min, 89);
	assert_true(g.rows[1].r.is_attended);
	assert_string_equal(g.rows[5].name, "Lê, Hoàng Nam");
	assert_string_equal(g.rows[5].email, "");
	assert_true(g.rows[5].r.is_guest);
	assert_false(g.rows[4].r.is_guest);
	assert_string_equal(g.rows[6].name, "Minh (Đỗ Văn Minh)");
	/* reconnection: the gap is not counted; two devices: the overlap counts once */
	assert_int_equal(covered(&g, "lan@example.com", 0, INT64_MAX), 5328 + 5095);
	assert_int_equal(covered(&g, "binh@example.com", 0, INT64_MAX), 4 * 3600 + 15 * 60);
	assert_int_equal(covered(&g, "binh@example.com", lo, hi), 3 * 3600);
}

static void test_meeting_old_unique(void **state)
{
	static struct got g;

	(void)state;
	assert_int_equal(parse_fixture("meeting_old_unique.csv", &g, NULL), 0);
	assert_int_equal(g.m.shape, ZOOM_SHAPE_MEETING_OLD);
	assert_true(g.m.is_unique);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.npb, 0);
	assert_false(g.rows[1].r.has_times);
	assert_int_equal(g.rows[1].r.duration_min, 174);
	assert_string_equal(g.rows[1].name, "Nguyễn Thị Lan");
	assert_true(g.rows[2].r.is_guest);
}

static void test_meeting_new(void **state)
{
	static struct got g;

	(void)state;
	assert_int_equal(parse_fixture("meeting_new.csv", &g, NULL), 0);
	assert_int_equal(g.m.shape, ZOOM_SHAPE_MEETING_NEW);
	assert_string_equal(g.m.id, "81234567891");
	assert_int_equal(g.m.start, utc(2024, 3, 5, 1, 0, 0));
	assert_int_equal(g.m.end, utc(2024, 3, 5, 3, 0, 0));
	assert_int_equal(g.m.duration_min, 120);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.npb, 0);
	assert_true(g.rows[0].r.is_waiting_room);
	assert_false(g.rows[1].r.is_waiting_room);
	assert_string_equal(g.rows[0].name, "Phạm Thị Hoa");
	assert_int_equal(covered(&g, "hoa@example.com", 0, INT64_MAX), 7200 + 30);
	assert_true(g.rows[2].r.is_guest);
}

static void test_meeting_tz(void **state)
{
	static struct got g;
	size_t i;

	(void)state;
	assert_int_equal(parse_fixture("meeting_tz.csv", &g, NULL), 0);
	assert_int_equal(g.m.shape, ZOOM_SHAPE_MEETING_OLD);
	assert_int_equal(g.m.start, 0);
	assert_int_equal(g.n, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(g.rows[i].r.join, utc(2021, 9, 28, 1, 1, 12));
		assert_int_equal(g.rows[i].r.line, i + 2);
	}
}

static void test_webinar(void **state)
{
	static struct got g;

	(void)state;
	assert_int_equal(parse_fixture("webinar.csv", &g, NULL), 0);
	assert_int_equal(g.m.shape, ZOOM_SHAPE_WEBINAR);
	assert_string_equal(g.m.topic, "Hội thảo OCOP, 2021");
	assert_string_equal(g.m.id, "98765432100");
	assert_int_equal(g.m.start, utc(2021, 9, 28, 0, 58, 27));
	assert_int_equal(g.m.end, g.m.start + 125 * 60);
	assert_int_equal(g.npb, 0);
	assert_int_equal(g.n, 6);
	assert_int_equal(g.rows[0].r.section, ZOOM_SECTION_HOST);
	assert_int_equal(g.rows[1].r.section, ZOOM_SECTION_PANELIST);
	assert_int_equal(g.rows[2].r.section, ZOOM_SECTION_ATTENDEE);
	assert_string_equal(g.rows[2].name, "Nguyễn Thị Lan");
	assert_int_equal(covered(&g, "lan@example.com", 0, INT64_MAX), 5328 + 1800);
	/* registered, never joined */
	assert_string_equal(g.rows[4].name, "Trần Văn Bình");
	assert_false(g.rows[4].r.is_attended);
	assert_false(g.rows[4].r.has_times);
	assert_int_equal(g.rows[4].r.duration_min, -1);
	assert_int_equal(g.rows[4].r.line, 15);
	assert_int_equal(g.rows[5].r.section, ZOOM_SECTION_OTHER);
	assert_true(g.rows[5].r.is_guest);
}

static void test_webinar_old(void **state)
{
	static struct got g;

	(void)state;
	assert_int_equal(parse_fixture("webinar_old.csv", &g, NULL), 0);
	assert_int_equal(g.m.shape, ZOOM_SHAPE_WEBINAR);
	assert_int_equal(g.n, 3);
	assert_int_equal(g.npb, 0);
	assert_string_equal(g.rows[0].name, "OCOP Host");
	assert_string_equal(g.rows[1].name, "Nguyễn Thị Lan");
	assert_int_equal(g.rows[1].r.join, utc(2021, 9, 28, 1, 1, 12));
	assert_false(g.rows[2].r.is_attended);
}

/* ---- bad input ---- */

static void test_not_zoom(void **state)
{
	static struct got g;
	struct zoom_problem err;

	(void)state;
	assert_int_equal(parse_fixture("bad_missing.csv", &g, &err), -1);
	assert_int_equal(err.kind, ZOOM_K_NOT_ZOOM);
	assert_int_equal(err.level, ZOOM_FATAL);
	assert_string_equal(err.msg, "tệp không phải báo cáo người tham gia của Zoom, "
	                             "thiếu cột: Join Time, Leave Time");
	assert_int_equal(g.n, 0);
	assert_int_equal(parse_fixture("not_zoom.csv", &g, &err), -1);
	assert_int_equal(err.kind, ZOOM_K_NOT_ZOOM);
	assert_non_null(strstr(err.msg, "thiếu cột: Name (Original Name), Email, Join Time, "
	                                "Leave Time"));
	assert_int_equal(parse_str("", &g, &err), -1);
	assert_int_equal(err.kind, ZOOM_K_NOT_ZOOM);
}

static void test_bad_rows(void **state)
{
	static struct got g;
	static const struct {
		size_t line;
		enum zoom_kind kind;
		enum zoom_level level;
		const char *msg;
	} want[] = {
	    {3, ZOOM_K_LEAVE_BEFORE_JOIN, ZOOM_REJECT,
	     "dòng 3: giờ ra '09/28/2021 08:00:00 AM' trước giờ vào '09/28/2021 09:00:00 AM'"},
	    {4, ZOOM_K_TIME_FORMAT, ZOOM_REJECT,
	     "dòng 4: không hiểu thời gian '28-09-2021 8h01' ở cột Join Time"},
	    {5, ZOOM_K_DURATION, ZOOM_WARN,
	     "dòng 5: thời lượng 10 phút không khớp giờ vào và giờ ra (60 phút)"},
	    {6, ZOOM_K_TIME_MISSING, ZOOM_REJECT, "dòng 6: thiếu giờ ra (Leave Time)"},
	    {7, ZOOM_K_NO_IDENTITY, ZOOM_REJECT, "dòng 7: không có tên và email"},
	    {8, ZOOM_K_DURATION_FORMAT, ZOOM_WARN,
	     "dòng 8: thời lượng 'sixty' không phải là số phút"},
	    {10, ZOOM_K_BAD_UTF8, ZOOM_WARN, NULL},
	};
	size_t i;

	(void)state;
	assert_int_equal(parse_fixture("bad_rows.csv", &g, NULL), 0);
	assert_int_equal(g.npb, sizeof want / sizeof want[0]);
	for (i = 0; i < g.npb; i++) {
		assert_int_equal(g.pbs[i].line, want[i].line);
		assert_int_equal(g.pbs[i].kind, want[i].kind);
		assert_int_equal(g.pbs[i].level, want[i].level);
		if (want[i].msg)
			assert_string_equal(g.pbs[i].msg, want[i].msg);
	}
	/* the good rows are kept, the warned ones too */
	assert_int_equal(g.n, 5);
	assert_string_equal(g.rows[0].name, "Good One");
	assert_string_equal(g.rows[1].name, "Wrong Duration");
	assert_int_equal(g.rows[2].r.duration_min, -1);
	assert_string_equal(g.rows[3].name, "Good Two");
	assert_string_equal(g.rows[4].name, "Bad\xef\xbf\xbd Byte Name");
}

static void test_hostile(void **state)
{
	static const char odd[] = "Name,Email,Join Time,Leave Time\n"
	                          "\"A\0B\",a@x,2021-09-28 08:00,2021-09-28 09:00\n"
	                          "\"two\nlines\",b@x,2021-09-28 08:00,2021-09-28 09:00\n"
	                          "'<>&\"\",c@x,2021-09-28 08:00,2021-09-28 09:00\n";
	static struct got g;
	struct zoom_problem err;
	const char *s;
	int i;

	(void)state;
	/* header only: not an error, no rows */
	assert_int_equal(parse_str("Name,Email,Join Time,Leave Time\n", &g, &err), 0);
	assert_int_equal(g.begins, 1);
	assert_int_equal(g.n, 0);
	/* NUL, quoted newline, markup: kept as text; line numbers follow physical lines */
	assert_int_equal(parse_mem(odd, sizeof odd - 1, 5, 0, &g, &err), 0);
	assert_int_equal(g.n, 3);
	assert_string_equal(g.rows[0].name, "A B");
	assert_string_equal(g.rows[1].name, "two lines");
	assert_int_equal(g.rows[1].r.line, 3);
	assert_string_equal(g.rows[2].name, "'<>&\"\"");
	assert_int_equal(g.rows[2].r.line, 5);
	/* bare CR line ends, and CRLF split across chunks: same lines */
	s = "Name,Email,Join Time,Leave Time\r"
	    "a,a@x,2021-09-28 08:00,2021-09-28 09:00\r"
	    "\"b\rb\",b@x,2021-09-28 08:00,2021-09-28 09:00\r"
	    "c,c@x,2021-09-28 08:00,2021-09-28 09:00";
	for (i = 1; i < 6; i++) {
		assert_int_equal(parse_mem(s, strlen(s), (size_t)i, 0, &g, &err), 0);
		assert_int_equal(g.n, 3);
		assert_string_equal(g.rows[1].name, "b b");
		assert_int_equal(g.rows[2].r.line, 5);
	}
	s = "Name,Email,Join Time,Leave Time\r\n"
	    "\"a\r\na\",a@x,2021-09-28 08:00,2021-09-28 09:00\r\n"
	    "c,c@x,2021-09-28 08:00,2021-09-28 09:00\r\n";
	for (i = 1; i < 6; i++) {
		assert_int_equal(parse_mem(s, strlen(s), (size_t)i, 0, &g, &err), 0);
		assert_int_equal(g.rows[0].r.line, 2);
		assert_int_equal(g.rows[1].r.line, 4);
	}
}

static void test_limits(void **state)
{
	static struct got g;
	struct zoom_problem err;
	struct buf b;
	const char *s;
	int i;

	(void)state;
	/* a record over the cap */
	buf_init(&b, 1u << 20);
	buf_adds(&b, "Name,Email,Join Time,Leave Time\n\"");
	for (i = 0; i < 70000; i++)
		buf_addc(&b, 'x');
	buf_adds(&b, "\",a@x,2021-09-28 08:00,2021-09-28 09:00\n");
	assert_int_equal(parse_mem(b.p, b.len, 4096, 0, &g, &err), -1);
	assert_int_equal(err.kind, ZOOM_K_TOO_LONG);
	/* too many columns */
	buf_reset(&b);
	for (i = 0; i < ZOOM_MAX_FIELDS + 1; i++)
		buf_adds(&b, "x,");
	assert_int_equal(parse_mem(b.p, b.len, 4096, 0, &g, &err), -1);
	assert_int_equal(err.kind, ZOOM_K_TOO_LONG);
	/* junk before any header: gives up after ZOOM_SCAN_RECORDS */
	buf_reset(&b);
	for (i = 0; i < ZOOM_SCAN_RECORDS + 5; i++)
		buf_adds(&b, "a,b,c\n");
	buf_adds(&b, "Name,Email,Join Time,Leave Time\n");
	assert_int_equal(parse_mem(b.p, b.len, 4096, 0, &g, &err), -1);
	assert_int_equal(err.kind, ZOOM_K_NOT_ZOOM);
	buf_release(&b);
	/* the row cap: rows before it are kept */
	s = "Name,Email,Join Time,Leave Time\n"
	    "a,a@x,2021-09-28 08:00,2021-09-28 09:00\n"
	    "b,b@x,2021-09-28 08:00,2021-09-28 09:00\n"
	    "c,c@x,2021-09-28 08:00,2021-09-28 09:00\n";
	assert_int_equal(parse_mem(s, strlen(s), 4096, 2, &g, &err), -1);
	assert_int_equal(err.kind, ZOOM_K_TOO_MANY_ROWS);
	assert_int_equal(err.line, 4);
	assert_int_equal(g.n, 2);
}

static void test_zone_column_and_sections(void **state)
{
	static struct got g;
	struct zoom_problem err;
	const char *s;

	(void)state;
	/* an unknown zone: one warning, the default offset */
	s = "Name,Email,Join Time,Leave Time,Time Zone\n"
	    "a,a@x,2021-09-28 08:00,2021-09-28 09:00,Europe/Paris\n"
	    "b,b@x,2021-09-28 08:00,2021-09-28 09:00,Europe/Paris\n";
	assert_int_equal(parse_str(s, &g, &err), 0);
	assert_int_equal(g.n, 2);
	assert_int_equal(g.npb, 1);
	assert_int_equal(g.pbs[0].kind, ZOOM_K_TIMEZONE);
	assert_int_equal(g.rows[1].r.join, utc(2021, 9, 28, 1, 0, 0));
	/* a webinar section with an unusable header is skipped, the next one read */
	s = "Attendee Report,\n"
	    "Panelist Details,\n"
	    "Attended,Email,Join Time,Leave Time\n"
	    "Yes,p@x,2021-09-28 08:00,2021-09-28 09:00\n"
	    "Attendee Details,\n"
	    "Attended,Name,Email,Join Time\n"
	    "Yes,X,x@x,2021-09-28 08:00\n"
	    "Other Attended,\n"
	    "Attended,Name,Email,Join Time,Leave Time\n"
	    "Yes,Y,y@x,2021-09-28 08:00,2021-09-28 09:00\n";
	assert_int_equal(parse_str(s, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.rows[0].name, "Y");
	assert_int_equal(g.npb, 2);
	assert_string_equal(g.pbs[0].msg, "dòng 3: bỏ qua phần 'Panelist Details': không có dòng "
	                                  "tiêu đề dùng được, thiếu cột: Name (Original Name)");
	assert_string_equal(g.pbs[1].msg, "dòng 6: bỏ qua phần 'Attendee Details': không có dòng "
	                                  "tiêu đề dùng được, thiếu cột: Leave Time");
	s = "Attendee Report,\n"
	    "Attendee Details,\n"
	    "Attended,Name,Email,Join Time,Leave Time\n"
	    "Yes,A,a@x,2021-09-28 08:00,2021-09-28 09:00\n"
	    "Other Attended,\n"
	    "Attended,Name,Email,Join Time\n"
	    "Yes,X,x@x,2021-09-28 08:00\n";
	assert_int_equal(parse_str(s, &g, &err), 0);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.npb, 1);
	assert_int_equal(g.pbs[0].kind, ZOOM_K_SECTION_SKIPPED);
	assert_string_equal(g.pbs[0].msg, "dòng 6: bỏ qua phần 'Other Attended': không có dòng "
	                                  "tiêu đề dùng được, thiếu cột: Leave Time");
}

/* ---- size ---- */

static void test_big(void **state)
{
	char dir[] = "/tmp/ocop-zoom-XXXXXX", cmd[256], path[128];
	static struct got g;
	struct zoom_problem err;
	struct timespec t0, t1;
	size_t len;
	char *p;

	(void)state;
	if (!mkdtemp(dir))
		fail_msg("mkdtemp failed");
	snprintf(cmd, sizeof cmd,
	         "/usr/bin/python3 tests/fixtures/gen_zoom.py --big 100000 %s >/dev/null", dir);
	if (system(cmd) != 0) {
		rmdir(dir);
		skip();
	}
	snprintf(path, sizeof path, "%s/big.csv", dir);
	setenv("OCOP_ZOOM_FIXTURES", dir, 1);
	p = slurp("big.csv", &len);
	unsetenv("OCOP_ZOOM_FIXTURES");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(parse_mem(p, len, 65536, 0, &g, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_int_equal(g.total_rows, 100000);
	assert_int_equal(g.npb, 0);
	print_message("100000 rows, %zu bytes: %.3f s\n", len,
	              (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	free(p);
	unlink(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_time_formats),
	    cmocka_unit_test(test_time_zones),
	    cmocka_unit_test(test_date_check),
	    cmocka_unit_test(test_meeting_old),
	    cmocka_unit_test(test_meeting_old_unique),
	    cmocka_unit_test(test_meeting_new),
	    cmocka_unit_test(test_meeting_tz),
	    cmocka_unit_test(test_webinar),
	    cmocka_unit_test(test_webinar_old),
	    cmocka_unit_test(test_not_zoom),
	    cmocka_unit_test(test_bad_rows),
	    cmocka_unit_test(test_hostile),
	    cmocka_unit_test(test_limits),
	    cmocka_unit_test(test_zone_column_and_sections),
	    cmocka_unit_test(test_big),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
