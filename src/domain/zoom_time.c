/*
 * zoom_time.c: date-time texts of Zoom reports to Unix seconds (see
 * zoom_time.h).
 *
 * Zoom writes times in the account's locale and time zone, and people open
 * and re-save the CSV in Excel, which drops seconds and may rewrite the date.
 * So the parser is a small hand-written scanner over a (ptr, len) view that
 * accepts the handful of shapes seen in practice and nothing else: a text
 * it does not recognise is an error for the caller to report, never a guess.
 * Civil dates are converted with Howard Hinnant's days_from_civil, so no libc
 * time function (mktime, timegm, strptime) and no TZ variable is involved.
 */
#include "domain/zoom_time.h"

#include <stdbool.h>
#include <string.h>

struct cur {
	const char *s, *e;
};

/* Zones with a fixed offset only: DST zones need tzdata and are refused. */
static const struct {
	const char *name;
	int offset;
} fixed_zones[] = {
    {"asia/ho_chi_minh", 7 * 3600},
    {"asia/saigon", 7 * 3600},
    {"asia/bangkok", 7 * 3600},
    {"asia/jakarta", 7 * 3600},
    {"asia/phnom_penh", 7 * 3600},
    {"asia/vientiane", 7 * 3600},
    {"ict", 7 * 3600},
    {"wib", 7 * 3600},
    {"asia/singapore", 8 * 3600},
    {"asia/kuala_lumpur", 8 * 3600},
    {"asia/shanghai", 8 * 3600},
    {"asia/hong_kong", 8 * 3600},
    {"asia/taipei", 8 * 3600},
    {"asia/manila", 8 * 3600},
    {"sgt", 8 * 3600},
    {"asia/tokyo", 9 * 3600},
    {"asia/seoul", 9 * 3600},
    {"jst", 9 * 3600},
    {"kst", 9 * 3600},
    {"etc/utc", 0},
};

static const char months[12][4] = {"jan", "feb", "mar", "apr", "may", "jun",
                                   "jul", "aug", "sep", "oct", "nov", "dec"};

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_alpha(char c)
{
	c = lower(c);
	return c >= 'a' && c <= 'z';
}

static void skip_blank(struct cur *c)
{
	while (c->s < c->e && (*c->s == ' ' || *c->s == '\t'))
		c->s++;
}

static bool eat(struct cur *c, char ch)
{
	if (c->s < c->e && *c->s == ch) {
		c->s++;
		return true;
	}
	return false;
}

/* Eats a whole word, case-insensitively: "am" matches "AM" but not "AMx". */
static bool eat_word(struct cur *c, const char *w)
{
	size_t n = strlen(w), i;

	if ((size_t)(c->e - c->s) < n)
		return false;
	for (i = 0; i < n; i++)
		if (lower(c->s[i]) != w[i])
			return false;
	if (c->s + n < c->e && is_alpha(c->s[n]))
		return false;
	c->s += n;
	return true;
}

/* Reads 1 to max digits; *nd gets how many.  -1 when there is none. */
static int num(struct cur *c, int max, int *v, int *nd)
{
	int n = 0, x = 0;

	while (n < max && c->s < c->e && *c->s >= '0' && *c->s <= '9') {
		x = x * 10 + (*c->s - '0');
		c->s++;
		n++;
	}
	if (nd)
		*nd = n;
	*v = x;
	return n ? 0 : -1;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

int64_t zoom_time_days(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void zoom_time_format_date(int64_t t, int tz_offset, char out[static 11])
{
	int64_t z = t + tz_offset, days = z / 86400;
	int64_t era, doe, yoe, doy, mp, d, m, y;

	if (z % 86400 < 0)
		days--;
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	if (y < 0 || y > 9999)
		y = 0; /* only for absurd t; keeps the text 10 characters */
	out[0] = (char)('0' + d / 10);
	out[1] = (char)('0' + d % 10);
	out[2] = '/';
	out[3] = (char)('0' + m / 10);
	out[4] = (char)('0' + m % 10);
	out[5] = '/';
	out[6] = (char)('0' + y / 1000);
	out[7] = (char)('0' + y / 100 % 10);
	out[8] = (char)('0' + y / 10 % 10);
	out[9] = (char)('0' + y % 10);
	out[10] = 0;
}

/* "+7", "+07", "+0700", "+07:00", "-3:30". */
static int parse_offset(struct cur *c, int *offset)
{
	int sign, v, nd, h, m = 0;

	if (eat(c, '+'))
		sign = 1;
	else if (eat(c, '-'))
		sign = -1;
	else
		return -1;
	if (num(c, 4, &v, &nd) < 0)
		return -1;
	if (nd <= 2) {
		h = v;
		if (eat(c, ':') && num(c, 2, &m, NULL) < 0)
			return -1;
	} else {
		h = v / 100;
		m = v % 100;
	}
	if (h > 14 || m > 59)
		return -1;
	*offset = sign * (h * 3600 + m * 60);
	return 0;
}

static int parse_zone(struct cur *c, int *offset)
{
	bool paren = eat(c, '(');
	size_t i;

	skip_blank(c);
	if (eat_word(c, "gmt") || eat_word(c, "utc") || eat_word(c, "z")) {
		*offset = 0;
		skip_blank(c);
		if (c->s < c->e && (*c->s == '+' || *c->s == '-') && parse_offset(c, offset) < 0)
			return -1;
	} else if (c->s < c->e && (*c->s == '+' || *c->s == '-')) {
		if (parse_offset(c, offset) < 0)
			return -1;
	} else {
		for (i = 0; i < sizeof fixed_zones / sizeof fixed_zones[0]; i++)
			if (eat_word(c, fixed_zones[i].name))
				break;
		if (i == sizeof fixed_zones / sizeof fixed_zones[0])
			return -1;
		*offset = fixed_zones[i].offset;
	}
	skip_blank(c);
	if (paren) {
		/* "(GMT+07:00) Bangkok, Hanoi, Jakarta": the city list is prose */
		if (!eat(c, ')'))
			return -1;
		c->s = c->e;
	}
	return 0;
}

int zoom_time_parse_tz(const char *s, size_t len, int *offset)
{
	struct cur c = {s, s + len};

	skip_blank(&c);
	if (parse_zone(&c, offset) < 0)
		return -1;
	skip_blank(&c);
	return c.s == c.e ? 0 : -1;
}

static int parse_month_name(struct cur *c, int *m)
{
	const char *w = c->s;
	size_t n;
	int i;

	while (c->s < c->e && is_alpha(*c->s))
		c->s++;
	n = (size_t)(c->s - w);
	if (n < 3 || n > 9)
		return -1;
	for (i = 0; i < 12; i++)
		if (lower(w[0]) == months[i][0] && lower(w[1]) == months[i][1] &&
		    lower(w[2]) == months[i][2])
			break;
	if (i == 12)
		return -1;
	*m = i + 1;
	eat(c, '.');
	return 0;
}

/* The date part; the order of fields follows the separator. */
static int parse_date(struct cur *c, int *y, int *m, int *d)
{
	int a, b, x, na, nx, t;

	if (c->s < c->e && is_alpha(*c->s)) {
		if (parse_month_name(c, m) < 0)
			return -1;
		skip_blank(c);
		if (num(c, 2, d, NULL) < 0)
			return -1;
		eat(c, ',');
		skip_blank(c);
		if (num(c, 4, y, &nx) < 0 || nx != 4)
			return -1;
		goto check;
	}
	if (num(c, 4, &a, &na) < 0)
		return -1;
	if (na == 4 && (eat(c, '-') || eat(c, '/'))) {
		*y = a;
		if (num(c, 2, m, NULL) < 0 || !(eat(c, '-') || eat(c, '/')) ||
		    num(c, 2, d, NULL) < 0)
			return -1;
		goto check;
	}
	if (na > 2)
		return -1;
	if (eat(c, '/')) {
		if (num(c, 2, &b, NULL) < 0 || !eat(c, '/'))
			return -1;
		*m = a;
		*d = b;
		if (a > 12 && b <= 12) {
			*m = b;
			*d = a;
		}
	} else if (eat(c, '.')) {
		if (num(c, 2, &b, NULL) < 0 || !eat(c, '.'))
			return -1;
		*d = a;
		*m = b;
	} else {
		return -1;
	}
	if (num(c, 4, &x, &nx) < 0 || (nx != 4 && nx != 2))
		return -1;
	*y = nx == 2 ? 2000 + x : x;
check:
	t = *m >= 1 && *m <= 12 && *y >= 1970 && *y <= 2200;
	return t && *d >= 1 && *d <= days_in_month(*y, *m) ? 0 : -1;
}

static int parse_clock(struct cur *c, int *secs)
{
	int h, mi, s = 0, frac;

	if (num(c, 2, &h, NULL) < 0 || !eat(c, ':') || num(c, 2, &mi, NULL) < 0)
		return -1;
	if (eat(c, ':') && num(c, 2, &s, NULL) < 0)
		return -1;
	if (eat(c, '.') && num(c, 9, &frac, NULL) < 0)
		return -1;
	skip_blank(c);
	if (eat_word(c, "am") || eat_word(c, "a.m.")) {
		if (h < 1 || h > 12)
			return -1;
		h %= 12;
	} else if (eat_word(c, "pm") || eat_word(c, "p.m.")) {
		if (h < 1 || h > 12)
			return -1;
		h = h % 12 + 12;
	}
	if (h > 23 || mi > 59 || s > 60)
		return -1;
	*secs = h * 3600 + mi * 60 + (s == 60 ? 59 : s);
	return 0;
}

int zoom_time_parse(const char *s, size_t len, int tz_offset, int64_t *out)
{
	struct cur c = {s, s + len};
	int y, m, d, secs, offset = tz_offset;

	skip_blank(&c);
	if (parse_date(&c, &y, &m, &d) < 0)
		return -1;
	if (!eat(&c, 'T')) {
		eat(&c, ',');
		skip_blank(&c);
	}
	if (parse_clock(&c, &secs) < 0)
		return -1;
	skip_blank(&c);
	if (c.s < c.e && parse_zone(&c, &offset) < 0)
		return -1;
	skip_blank(&c);
	if (c.s != c.e)
		return -1;
	*out = zoom_time_days(y, m, d) * 86400 + secs - offset;
	return 0;
}
