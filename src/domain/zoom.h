/*
 * zoom.h: a streaming parser for the CSV reports Zoom exports, the pure half
 * of attendance import.  Feed it bytes in chunks of any size; it finds the
 * shape of the report, reports the meeting block once, then hands out one
 * participant row at a time through a callback and forgets it, so memory
 * stays bounded by the longest record (capped), never by the file.
 *
 * Shapes recognised (see docs/zoom.md for examples):
 *   - meeting participants report, older style ("Meeting ID,Topic,..." block,
 *     "Name (Original Name),User Email,Join Time,Leave Time,..."), with or
 *     without the meeting block, and its "unique users" variant ("Total
 *     Duration (Minutes)", no times);
 *   - the same report, 2024 style ("Topic,ID,Host,..." block, "Name
 *     (original name),Email,Join time,...");
 *   - the webinar attendee report ("Attendee Report," preamble, webinar
 *     block, then Host / Panelist / Attendee Details and Other Attended
 *     sections, each with its own header).
 * Columns are found by name, case-insensitively; other columns are ignored.
 * A UTF-8 BOM, CRLF and quoted fields are handled.
 *
 * No SQL, no HTTP, no global state: one parser per import, any thread.
 */
#ifndef OCOP_ZOOM_H
#define OCOP_ZOOM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/zoom_time.h"

#define ZOOM_MAX_RECORD     (64u << 10) /* bytes in one CSV record */
#define ZOOM_MAX_FIELDS     512         /* columns in one record */
#define ZOOM_MAX_ROWS       500000      /* default zoom_opts.max_rows */
#define ZOOM_SCAN_RECORDS   50          /* records read looking for the header */
#define ZOOM_DURATION_SLACK 120         /* seconds a row's duration may be off */

enum zoom_shape {
	ZOOM_SHAPE_UNKNOWN,
	ZOOM_SHAPE_MEETING_OLD, /* "User Email", "Join Time" (before 2024) */
	ZOOM_SHAPE_MEETING_NEW, /* "Email", "Join time" (2024 on) */
	ZOOM_SHAPE_WEBINAR,     /* attendee report */
};

enum zoom_section {
	ZOOM_SECTION_PARTICIPANTS, /* meeting reports: the only section */
	ZOOM_SECTION_HOST,
	ZOOM_SECTION_PANELIST,
	ZOOM_SECTION_ATTENDEE,
	ZOOM_SECTION_OTHER, /* "Other Attended" */
};

/* The meeting block, as far as the report has one; 0 / "" when absent. */
struct zoom_meeting {
	enum zoom_shape shape;
	bool is_unique; /* "unique users": durations only, no join/leave */
	char topic[256];
	char id[64];        /* digits only when it is a number: "123 4567 8901" -> "12345678901" */
	int64_t start, end; /* Unix seconds; end = start + duration when not given */
	int duration_min;   /* -1 when absent */
	int participants;   /* -1 when absent */
	int tz_offset;      /* seconds east of UTC applied to times without a zone */
};

/*
 * One participant row.  The strings are borrowed: valid only during the
 * callback; copy what you keep.
 */
struct zoom_row {
	size_t line; /* 1-based line of the record in the file */
	enum zoom_section section;
	/* trimmed, blanks collapsed, NFC; may be "".  Webinar rows without a
	 * "User Name" give "Last Name First Name", the Vietnamese order. */
	const char *name;
	const char *email;   /* trimmed, ASCII lower case; may be "" */
	bool has_times;      /* false: unique-users rows, webinar "No" rows */
	int64_t join, leave; /* Unix seconds, join <= leave; 0 when !has_times */
	int duration_min;    /* as written; -1 when absent or "--" */
	bool is_guest;
	bool is_attended;     /* webinar "Attended" column; true elsewhere */
	bool is_waiting_room; /* 2024 "In waiting room" = Yes: not time in the meeting */
};

enum zoom_kind {
	/* fatal: the import stops (zoom_feed/zoom_finish return -1) */
	ZOOM_K_NOT_ZOOM,      /* no participant header; the message names missing columns */
	ZOOM_K_TOO_LONG,      /* a record longer than ZOOM_MAX_RECORD or ZOOM_MAX_FIELDS */
	ZOOM_K_TOO_MANY_ROWS, /* more rows than zoom_opts.max_rows; earlier rows were emitted */
	ZOOM_K_CSV,           /* libcsv failed (out of memory) */
	/* per row: rejected (not emitted) */
	ZOOM_K_LEAVE_BEFORE_JOIN,
	ZOOM_K_TIME_FORMAT,  /* also a warning when in the meeting block */
	ZOOM_K_TIME_MISSING, /* attended, but no join or leave time */
	ZOOM_K_NO_IDENTITY,  /* neither name nor email */
	/* per row: warnings (the row is emitted) */
	ZOOM_K_DURATION,        /* duration and times disagree by more than the slack */
	ZOOM_K_DURATION_FORMAT, /* duration is not a number; duration_min = -1 */
	ZOOM_K_BAD_UTF8,        /* invalid bytes replaced by U+FFFD */
	ZOOM_K_TIMEZONE,        /* zone not understood; zoom_opts.tz_offset used */
	ZOOM_K_SECTION_SKIPPED, /* webinar section without a usable header */
	ZOOM_K__COUNT
};

enum zoom_level {
	ZOOM_WARN,   /* row kept */
	ZOOM_REJECT, /* row dropped */
	ZOOM_FATAL,  /* import stopped */
};

struct zoom_problem {
	enum zoom_kind kind;
	enum zoom_level level;
	size_t line;   /* 0 when not about one line */
	char msg[320]; /* Vietnamese, starts with "dòng N: " when about a line */
};

struct zoom_stats {
	size_t rows;     /* emitted */
	size_t rejected; /* rows dropped */
	size_t warnings;
	size_t by_kind[ZOOM_K__COUNT];
	int64_t first_join, last_leave; /* over emitted rows with times; 0 if none */
};

struct zoom_opts {
	int tz_offset;   /* for times without a zone; default ZOOM_TIME_TZ_DEFAULT */
	size_t max_rows; /* default ZOOM_MAX_ROWS */
	/* Called once, before the first row, when the participant header is found. */
	void (*begin)(const struct zoom_meeting *m, void *arg);
	void (*row)(const struct zoom_row *r, void *arg);
	/* Warnings and rejections, in file order; fatal errors go to zoom_error(). */
	void (*problem)(const struct zoom_problem *pb, void *arg);
	void *arg;
};

struct zoom;

/* Fills o with the defaults; then set the callbacks. */
void zoom_opts_init(struct zoom_opts *o);

/* A new parser, owned by the caller (zoom_free).  o is copied.  Never NULL. */
struct zoom *zoom_new(const struct zoom_opts *o);
void zoom_free(struct zoom *z);

/*
 * Parses the next len bytes, calling the callbacks for each complete record.
 * Returns 0, or -1 once a fatal error occurred (see zoom_error); further
 * calls then do nothing and return -1.
 */
int zoom_feed(struct zoom *z, const void *p, size_t len);
/* Ends the input (a last line without newline is parsed).  0 or -1. */
int zoom_finish(struct zoom *z);

/* The fatal error, or NULL.  Owned by z. */
const struct zoom_problem *zoom_error(const struct zoom *z);
/* The meeting block so far (shape is known once the header is seen). */
const struct zoom_meeting *zoom_meeting(const struct zoom *z);
const struct zoom_stats *zoom_stats(const struct zoom *z);

enum zoom_date {
	ZOOM_DATE_OK,
	ZOOM_DATE_MISMATCH, /* the report is of another day than the session */
	ZOOM_DATE_UNKNOWN,  /* the report has no start time */
};

/*
 * Does a report that ran [start, end] belong to the session that runs
 * [sess_start, sess_end]?  Compares calendar days at tz_offset: the report
 * matches when its days and the session's days share one.  Pass the meeting
 * block's start/end, or zoom_stats() first_join/last_leave when the report
 * has no block.  On ZOOM_DATE_MISMATCH, msg (if not NULL) gets a Vietnamese
 * warning such as "báo cáo Zoom của ngày 28/09/2021, buổi học ngày
 * 29/09/2021".
 */
enum zoom_date zoom_date_check(int64_t start, int64_t end, int64_t sess_start, int64_t sess_end,
                               int tz_offset, char *msg, size_t msg_len);

#endif
