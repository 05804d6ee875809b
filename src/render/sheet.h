/*
 * sheet.h: a table of text and number cells, built once and written as
 * CSV or as one sheet of an XLSX workbook (libxlsxwriter), so an export
 * offers the same numbers in both.
 *
 * CSV: UTF-8 with a BOM (so Excel reads Vietnamese right), comma
 * separated, CRLF, fields quoted when needed; numbers with a '.' decimal
 * point (for programs); a text cell that starts with = + - @ or a tab is
 * prefixed with ' so a spreadsheet does not run it as a formula.
 * XLSX: numbers are numbers, the first row bold and frozen, each column as
 * wide as its longest cell (headings wrap at their longest word).
 *
 * Memory: cells live in the arena given to sheet_init; texts are
 * borrowed and must outlive the writing.
 */
#ifndef OCOP_SHEET_H
#define OCOP_SHEET_H

#include <stdbool.h>

struct arena;
struct buf;

struct sheet_cell {
	const char *text; /* NULL: a number (or empty when !has_num) */
	double num;
	bool has_num;
};

struct sheet {
	const char *name; /* the XLSX sheet's name (cut to 31 characters) */
	int ncols, nrows, maxrows;
	const char **head;       /* ncols headings */
	struct sheet_cell *cells; /* maxrows * ncols */
};

/* ncols columns, room for maxrows data rows (more are dropped). */
void sheet_init(struct sheet *s, struct arena *a, const char *name, int ncols, int maxrows);
/* Starts a new row; later sets fill it.  false when full. */
bool sheet_row(struct sheet *s);
void sheet_text(struct sheet *s, int col, const char *text);
void sheet_num(struct sheet *s, int col, double v);

/* Appends s as CSV to out. */
void sheet_csv(struct buf *out, const struct sheet *s);
/* Writes the sheets into a new workbook at path.  0, or -1. */
int sheet_xlsx(const char *path, const struct sheet *sheets, int n);

#endif
