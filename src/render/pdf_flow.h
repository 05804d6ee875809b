/*
 * pdf_flow.h: a small writer of flowing A4 portrait PDF documents with
 * cairo and pango: a cursor moves down the page, blocks ask for their
 * height first and start a new page when they would not fit, table rows
 * never split and repeat their table's header on a new page, and every
 * page gets a footer line and its number.  Text goes through
 * pango_layout_set_text only (never markup), in Noto Serif, with a font
 * map at 72 dpi so that a pango point is a PDF point.
 *
 * Used by pdf_assessment.c and pdf_report.c.  Not thread-safe per document; documents on
 * different threads share nothing (each has its own font map).
 */
#ifndef OCOP_PDF_FLOW_H
#define OCOP_PDF_FLOW_H

#include <cairo.h>
#include <pango/pango.h>
#include <stdbool.h>

#include "core/buf.h"

#define PDF_FLOW_PAGE_W   595.28
#define PDF_FLOW_PAGE_H   841.89
#define PDF_FLOW_LEFT     56.0
#define PDF_FLOW_RIGHT    (PDF_FLOW_PAGE_W - 42.0)
#define PDF_FLOW_TOP      46.0
#define PDF_FLOW_BOTTOM   (PDF_FLOW_PAGE_H - 54.0)
#define PDF_FLOW_WIDTH    (PDF_FLOW_RIGHT - PDF_FLOW_LEFT)
#define PDF_FLOW_MAX_COLS 12

/* Text styles, combined with |. */
enum { PDF_FLOW_REG = 0, PDF_FLOW_BOLD = 1, PDF_FLOW_ITAL = 2 };

struct pdf_flow {
	cairo_surface_t *surf;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *pango;
	double y; /* the cursor, points from the top */
	int page;
	const char *footer; /* borrowed; printed on every page */
	struct buf *out;
	size_t start;
};

struct pdf_flow_table {
	int n;
	double w[PDF_FLOW_MAX_COLS];
	PangoAlignment align[PDF_FLOW_MAX_COLS];
	const char *head[PDF_FLOW_MAX_COLS];
	double size; /* type size of the cells, points; 0: 9 */
};

/* Starts a document appended to out, on its first page.  footer is
 * borrowed until pdf_flow_end. */
void pdf_flow_begin(struct pdf_flow *p, struct buf *out, const char *footer);
/* Finishes and frees the document.  0, or -1 (out as it was) if cairo
 * failed or out reached its cap. */
int pdf_flow_end(struct pdf_flow *p);

/* Starts a new page (footer and number drawn, cursor at the top). */
void pdf_flow_page(struct pdf_flow *p);
/* Starts a new page unless h more points fit; true if it did. */
bool pdf_flow_need(struct pdf_flow *p, double h);
/* Text at (x, y) in a box w wide, not moving the cursor; returns its height. */
double pdf_flow_text(struct pdf_flow *p, const char *t, double size, int style, double x, double y,
                     double w, PangoAlignment align);
/* A paragraph at the cursor, indented, then gap_after points. */
void pdf_flow_para(struct pdf_flow *p, const char *t, double size, int style, double indent,
                   double gap_after);
/* A section heading that never ends a page. */
void pdf_flow_heading(struct pdf_flow *p, const char *t);
/* A horizontal rule from x0 to x1 at y. */
void pdf_flow_rule(struct pdf_flow *p, double x0, double x1, double y, double lw);
/* A five-pointed star centred at (cx, cy), outer radius r, filled or outlined. */
void pdf_flow_star(struct pdf_flow *p, double cx, double cy, double r, bool filled);
/* One table row at the cursor (NULL cells are left empty); shade < 1 fills
 * the row grey.  Passing t->head draws the header. */
void pdf_flow_row(struct pdf_flow *p, const struct pdf_flow_table *t, const char *const *cells,
                  int style, double shade);

#endif
