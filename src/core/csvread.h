/*
 * csvread.h: a CSV reader over bytes in memory (an upload, a mapped file),
 * for imports.  RFC 4180 with what spreadsheets really write: a UTF-8 BOM,
 * CRLF or LF, a comma, semicolon or tab delimiter (csvread_sniff), quoted
 * fields with "" and newlines inside.  Blank lines are rows without fields.
 *
 * Rows are counted as a spreadsheet shows them (the header is row 1; a
 * quoted newline does not start a row), so a report can say "row 17" and
 * the organiser finds it in Excel or Google Sheets.
 *
 * No allocation but from the arena given to csvread_next; no global state.
 * (Named csvread_, not csv_, so it never meets libcsv's symbols.)
 */
#ifndef OCOP_CSVREAD_H
#define OCOP_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

#define CSVREAD_MAX_FIELDS 256       /* columns kept per row; more are dropped */
#define CSVREAD_MAX_RECORD (64u << 10) /* bytes in one row */

struct csvread {
	const char *p, *end;
	char delim;
	size_t row;  /* the row last read, 1-based */
	bool had_bom;
};

enum csvread_rc {
	CSVREAD_ROW = 1,       /* a row is in fields[0..*n) */
	CSVREAD_END = 0,       /* no more rows */
	CSVREAD_UNCLOSED = -1, /* a quote opened and never closed: the rest is lost */
	CSVREAD_TOO_LONG = -2, /* a row over CSVREAD_MAX_RECORD bytes */
};

/* The delimiter of the first row: the most frequent of , ; and tab outside
 * quotes (',' when none). */
char csvread_sniff(const char *data, size_t len);
/* Starts reading data[0..len) (borrowed; must outlive the reader), skipping
 * a UTF-8 BOM. */
void csvread_init(struct csvread *c, const char *data, size_t len, char delim);
/* Reads the next row.  With an arena, fields are NUL-terminated copies
 * (quotes undone) from it; with NULL only the structure is checked and *n
 * counted.  Returns a csvread_rc. */
int csvread_next(struct csvread *c, struct arena *a, const char **fields, size_t *n);

#endif
