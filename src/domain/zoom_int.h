/*
 * zoom_int.h: what zoom.c (bytes to records), zoom_shape.c (what a record
 * is) and zoom_row.c (one participant row) share.  Not part of the API: include domain/zoom.h
 * instead.
 */
#ifndef OCOP_ZOOM_INT_H
#define OCOP_ZOOM_INT_H

#include <csv.h>
#include <stdarg.h>

#include "core/arena.h"
#include "core/buf.h"
#include "domain/zoom.h"

/* Participant columns. */
enum zoom_col {
	ZC_NAME,
	ZC_FIRST,
	ZC_LAST,
	ZC_EMAIL,
	ZC_JOIN,
	ZC_LEAVE,
	ZC_DURATION,
	ZC_TOTAL,
	ZC_GUEST,
	ZC_ATTENDED,
	ZC_WAITING,
	ZC_TZ,
	ZC__COUNT
};

/* Meeting block columns. */
enum zoom_bcol {
	ZB_TOPIC,
	ZB_ID,
	ZB_START,
	ZB_END,
	ZB_DURATION,
	ZB_PARTICIPANTS,
	ZB_TZ,
	ZB__COUNT
};

struct zoom_alias {
	const char *name; /* canonical: lower case, single blanks */
	int col;
};

enum zoom_state {
	ZS_SCAN,   /* looking for the meeting block or a header */
	ZS_BLOCK,  /* the next record holds the meeting block's values */
	ZS_HEADER, /* after a section title: the next record is its header */
	ZS_DATA,   /* participant rows */
	ZS_SKIP,   /* a section we cannot read, until the next title */
};

/* A borrowed, trimmed field. */
struct zoom_str {
	const char *p;
	size_t len;
};

struct zoom {
	struct zoom_opts o;
	struct csv_parser csv;
	/* the record being gathered: NUL-terminated fields at off[i] in rec */
	struct buf rec;
	size_t off[ZOOM_MAX_FIELDS], flen[ZOOM_MAX_FIELDS], nf;
	size_t rec_nl, rec_bytes; /* newlines quoted inside it; its bytes so far */
	size_t line;              /* physical line being fed, 1-based */
	int bom;                  /* BOM bytes matched so far, -1 once decided */
	bool after_cr;            /* the last line fed ended with CR */
	struct buf tmp;           /* scratch for one row's name and email */

	enum zoom_state state;
	enum zoom_section section;
	int col[ZC__COUNT], bcol[ZB__COUNT];
	bool has_header, is_webinar, block_old, failed, tz_warned;
	size_t scanned;
	int missing_hits; /* the most header-like record so far, for the error */
	char missing[128];

	struct zoom_meeting m;
	struct zoom_stats stats;
	struct zoom_problem err;
};

/* zoom.c */
struct zoom_str zoom_field(const struct zoom *z, size_t i);
void zoom_fail(struct zoom *z, enum zoom_kind kind, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void zoom_report(struct zoom *z, enum zoom_kind kind, enum zoom_level level, size_t line,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* zoom_shape.c */
void zoom_shape_record(struct zoom *z, size_t line);
/* At end of input: fails with ZOOM_K_NOT_ZOOM if no header was found. */
void zoom_shape_finish(struct zoom *z);

/* zoom_row.c */
void zoom_row_parse(struct zoom *z, size_t line);
/* 1: parsed into *t, 0: empty or "--", -1: not a time we know. */
int zoom_time_field(struct zoom_str s, int tz_offset, int64_t *t);
/* 0, or -1 when s is not a number (decimals are rounded). */
int zoom_parse_int(struct zoom_str s, int *v);
/* Normalised text (see zoom_row.name) truncated on a character boundary. */
void zoom_copy_text(struct zoom *z, struct zoom_str s, char *out, size_t out_len);
void zoom_copy_id(struct zoom_str s, char *out, size_t out_len);

#endif
