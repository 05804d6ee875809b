/*
 * zoom_time.h: the date-time and time zone texts found in Zoom reports,
 * turned into Unix seconds.  Pure functions: no locale, no TZ variable, no
 * tzdata, so they are safe on any thread.  Used by zoom.c; exported so the
 * formats can be tested one by one.
 */
#ifndef OCOP_ZOOM_TIME_H
#define OCOP_ZOOM_TIME_H

#include <stddef.h>
#include <stdint.h>

/* Asia/Ho_Chi_Minh, which has had no daylight saving time since 1975. */
#define ZOOM_TIME_TZ_DEFAULT (7 * 3600)

/*
 * Parses s[0..len) into *out (Unix seconds).  Accepted, with optional
 * seconds, fractions, AM/PM and surrounding blanks:
 *   09/28/2021 08:01:12 AM   9/28/21 8:01 PM   (month first, as Zoom writes;
 *                                               day first only when the first
 *                                               number cannot be a month)
 *   2021-09-28 08:01:12      2021-09-28T08:01:12Z   2021/09/28 08:01
 *   28.09.2021 08:01         Sep 28, 2021 08:01:12 AM
 * followed by an optional zone ("Z", "UTC", "GMT+7", "+07:00", "+0700",
 * "(GMT+07:00)", "ICT"; see zoom_time_parse_tz).  Without a zone the time is
 * local to tz_offset (seconds east of UTC).  Returns 0, or -1 when the text
 * is not one of these or names an impossible date or time.
 */
int zoom_time_parse(const char *s, size_t len, int tz_offset, int64_t *out);

/*
 * Parses a time zone as a report writes it: "GMT+07:00", "UTC+7", "+0700",
 * "Z", "(GMT+07:00) Bangkok, Hanoi, Jakarta", or a name with a fixed offset
 * ("Asia/Ho_Chi_Minh", "Asia/Bangkok", "ICT", ...).  Zones with daylight
 * saving time are refused (-1): guessing them wrong would shift every row.
 */
int zoom_time_parse_tz(const char *s, size_t len, int *offset);

/* Days from 1970-01-01 to a proleptic Gregorian date (negative before). */
int64_t zoom_time_days(int y, int m, int d);

/* Writes t, seen at tz_offset, as "dd/mm/yyyy" (NUL-terminated) into out. */
void zoom_time_format_date(int64_t t, int tz_offset, char out[static 11]);

#endif
