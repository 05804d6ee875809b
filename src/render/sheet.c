/*
 * sheet.c: see sheet.h.
 */
#include "render/sheet.h"
#include "core/arena.h"
#include "core/buf.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

void sheet_init(struct sheet *s, struct arena *a, const char *name, int ncols, int maxrows)
{
	memset(s, 0, sizeof(*s));
	s->name = name;
	s->ncols = ncols;
	s->maxrows = maxrows;
	s->head = arena_alloc(a, sizeof(char *) * (size_t)(ncols + 1));
	s->cells = arena_alloc(a, sizeof(*s->cells) * (size_t)ncols * (size_t)(maxrows + 1));
}

bool sheet_row(struct sheet *s)
{
	if (s->nrows == s->maxrows)
		return false;
	s->nrows++;
	return true;
}

static struct sheet_cell *sheet_at(struct sheet *s, int col)
{
	if (s->nrows == 0 || col < 0 || col >= s->ncols)
		return NULL;
	return &s->cells[(size_t)(s->nrows - 1) * (size_t)s->ncols + (size_t)col];
}

void sheet_text(struct sheet *s, int col, const char *text)
{
	struct sheet_cell *c = sheet_at(s, col);
	if (c)
		c->text = text;
}

void sheet_num(struct sheet *s, int col, double v)
{
	struct sheet_cell *c = sheet_at(s, col);
	if (c) {
		c->num = v;
		c->has_num = true;
	}
}

static void sheet_csv_text(struct buf *b, const char *t)
{
	bool quote = strpbrk(t, ",\"\r\n") != NULL;
	bool formula = strchr("=+-@\t", t[0]) && t[0];

	if (quote || formula)
		buf_addc(b, '"');
	if (formula)
		buf_addc(b, '\'');
	for (const char *p = t; *p; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	if (quote || formula)
		buf_addc(b, '"');
}

static void sheet_csv_num(struct buf *b, double v)
{
	char tmp[48];

	if (v == (double)(long long)v)
		snprintf(tmp, sizeof(tmp), "%lld", (long long)v);
	else
		snprintf(tmp, sizeof(tmp), "%.2f", v);
	buf_adds(b, tmp);
}

void sheet_csv(struct buf *b, const struct sheet *s)
{
	buf_adds(b, "\xEF\xBB\xBF");
	for (int c = 0; c < s->ncols; c++) {
		if (c)
			buf_addc(b, ',');
		sheet_csv_text(b, s->head[c] ? s->head[c] : "");
	}
	buf_adds(b, "\r\n");
	for (int r = 0; r < s->nrows; r++) {
		for (int c = 0; c < s->ncols; c++) {
			const struct sheet_cell *x = &s->cells[(size_t)r * (size_t)s->ncols + (size_t)c];
			if (c)
				buf_addc(b, ',');
			if (x->text)
				sheet_csv_text(b, x->text);
			else if (x->has_num)
				sheet_csv_num(b, x->num);
		}
		buf_adds(b, "\r\n");
	}
}

/* A sheet name Excel accepts: no []:*?/\, at most 31 characters (cut on
 * a code point boundary). */
static void sheet_name(char *out, size_t n, const char *name)
{
	size_t o = 0;
	int cps = 0;

	for (const char *p = name; *p && o + 5 < n; p++) {
		bool lead = ((unsigned char)*p & 0xC0) != 0x80;
		if (lead && ++cps > 31)
			break;
		out[o++] = strchr("[]:*?/\\", *p) ? '_' : *p;
	}
	out[o] = 0;
}

/* Code points of s (UTF-8), for column widths. */
static int sheet_len(const char *s)
{
	int n = 0;

	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* A width that fits column c: its longest cell, its heading's longest
 * word (headings wrap), at least 6 and at most 60 characters. */
static double sheet_width(const struct sheet *s, int c)
{
	int w = 6, word = 0;

	for (const char *h = s->head[c] ? s->head[c] : ""; ; h++) {
		if (!*h || *h == ' ') {
			w = word > w ? word : w;
			word = 0;
			if (!*h)
				break;
		} else if (((unsigned char)*h & 0xC0) != 0x80) {
			word++;
		}
	}
	for (int r = 0; r < s->nrows; r++) {
		const struct sheet_cell *x = &s->cells[(size_t)r * (size_t)s->ncols + (size_t)c];
		int len = x->text ? sheet_len(x->text) : x->has_num ? 10 : 0;
		w = len > w ? len : w;
	}
	return (w > 60 ? 60 : w) + 2;
}

int sheet_xlsx(const char *path, const struct sheet *sheets, int n)
{
	lxw_workbook *wb = workbook_new(path);
	char name[140];

	if (!wb)
		return -1;
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_text_wrap(bold);
	for (int i = 0; i < n; i++) {
		const struct sheet *s = &sheets[i];
		sheet_name(name, sizeof(name), s->name);
		lxw_worksheet *ws = workbook_add_worksheet(wb, name);
		if (!ws)
			continue;
		for (int c = 0; c < s->ncols; c++) {
			worksheet_write_string(ws, 0, (lxw_col_t)c, s->head[c] ? s->head[c] : "",
					       bold);
			worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, sheet_width(s, c), NULL);
		}
		worksheet_freeze_panes(ws, 1, 0);
		for (int r = 0; r < s->nrows; r++)
			for (int c = 0; c < s->ncols; c++) {
				const struct sheet_cell *x =
					&s->cells[(size_t)r * (size_t)s->ncols + (size_t)c];
				if (x->text)
					worksheet_write_string(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
							       x->text, NULL);
				else if (x->has_num)
					worksheet_write_number(ws, (lxw_row_t)(r + 1), (lxw_col_t)c,
							       x->num, NULL);
			}
	}
	return workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
}
