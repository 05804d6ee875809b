/*
 * vtime.h: times as Vietnamese readers expect them.  Stored times are Unix
 * seconds (UTC); shown in Asia/Ho_Chi_Minh, which is UTC+7 all year (no
 * daylight saving since 1975), so a fixed offset is exact for our dates.
 * Every function writes into the caller's buffer and returns it.
 */
#ifndef OCOP_VTIME_H
#define OCOP_VTIME_H

#include <stddef.h>
#include <stdint.h>

#define VN_UTC_OFFSET (7 * 3600)

char *vtime_date(char *out, size_t n, int64_t t);      /* 28/09/2021 */
char *vtime_hm(char *out, size_t n, int64_t t);        /* 08:00 */
char *vtime_weekday(char *out, size_t n, int64_t t);   /* Thứ Ba */
char *vtime_date_words(char *out, size_t n, int64_t t); /* ngày 28 tháng 9 năm 2021 */
char *vtime_ics_utc(char *out, size_t n, int64_t t);   /* 20210928T010000Z */
char *vtime_iso(char *out, size_t n, int64_t t);       /* 2021-09-28T08:00:00+07:00 */
/* Local (UTC+7) date and time to Unix seconds; -1 if out of range. */
int64_t vtime_local(int year, int month, int day, int hour, int minute);
/* Groups thousands with dots: 3000 -> "3.000". */
char *vtime_count(char *out, size_t n, int64_t v);

#endif
