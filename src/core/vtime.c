/*
 * vtime.c: Vietnamese date, time and number formats (see vtime.h).
 */
#include "core/vtime.h"

#include <stdio.h>
#include <time.h>

static struct tm vtime_tm(int64_t t)
{
	struct tm tm;
	time_t local = (time_t)(t + VN_UTC_OFFSET);

	gmtime_r(&local, &tm);
	return tm;
}

char *vtime_date(char *out, size_t n, int64_t t)
{
	struct tm tm = vtime_tm(t);

	snprintf(out, n, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
	return out;
}

char *vtime_hm(char *out, size_t n, int64_t t)
{
	struct tm tm = vtime_tm(t);

	snprintf(out, n, "%02d:%02d", tm.tm_hour, tm.tm_min);
	return out;
}

char *vtime_weekday(char *out, size_t n, int64_t t)
{
	static const char *const names[] = {"Chủ Nhật", "Thứ Hai", "Thứ Ba",  "Thứ Tư",
					    "Thứ Năm",  "Thứ Sáu", "Thứ Bảy"};
	struct tm tm = vtime_tm(t);

	snprintf(out, n, "%s", names[tm.tm_wday]);
	return out;
}

char *vtime_date_words(char *out, size_t n, int64_t t)
{
	struct tm tm = vtime_tm(t);

	snprintf(out, n, "ngày %d tháng %d năm %d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
	return out;
}

char *vtime_ics_utc(char *out, size_t n, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;

	gmtime_r(&tt, &tm);
	strftime(out, n, "%Y%m%dT%H%M%SZ", &tm);
	return out;
}

char *vtime_iso(char *out, size_t n, int64_t t)
{
	struct tm tm = vtime_tm(t);

	strftime(out, n, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
	return out;
}

int64_t vtime_local(int year, int month, int day, int hour, int minute)
{
	struct tm tm = {0};

	if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 ||
	    hour < 0 || hour > 23 || minute < 0 || minute > 59)
		return -1;
	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = day;
	tm.tm_hour = hour;
	tm.tm_min = minute;
	time_t t = timegm(&tm);
	if (tm.tm_mday != day) /* 31 February */
		return -1;
	return (int64_t)t - VN_UTC_OFFSET;
}

char *vtime_count(char *out, size_t n, int64_t v)
{
	char digits[24];
	int len = snprintf(digits, sizeof(digits), "%lld", (long long)(v < 0 ? -v : v));
	size_t o = 0;

	if (v < 0 && o + 1 < n)
		out[o++] = '-';
	for (int i = 0; i < len && o + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	out[o] = 0;
	return out;
}
