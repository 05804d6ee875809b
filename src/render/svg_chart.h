/*
 * svg_chart.h: small bar charts drawn on the server as inline SVG, for
 * pages that work without JavaScript (evaluation results, the dashboard).
 *
 * Two shapes from one description:
 *   svg_chart_hbars()   horizontal bars, a label on the left of each
 *                       (options chosen, a score distribution, ratings);
 *   svg_chart_columns() vertical columns in order, labels under them
 *                       (submissions per minute over time).
 *
 * What is written is a <figure class="chart"> holding the <svg> (role=img,
 * with a <title>) and, after it, a <table class="sr-only"> with the same
 * numbers for screen readers and for copying.  Every text that comes from
 * the caller is HTML-escaped here, so the result may be placed raw
 * ({{{chart}}}) in a template.  No inline style attributes: colours are
 * presentation attributes or classes (static/admin.css), so the strict
 * Content-Security-Policy holds.  Numbers are written the Vietnamese way:
 * dots between thousands, a comma before decimals (1.234,5).
 */
#ifndef OCOP_SVG_CHART_H
#define OCOP_SVG_CHART_H

#include <stdbool.h>
#include <stddef.h>

struct buf;

#define SVG_MAX_PARTS 4

struct svg_bar {
	const char *label;      /* any text (escaped); NULL is "" */
	double value;           /* >= 0; negative values are drawn as 0 */
	const char *value_text; /* shown instead of the formatted value; may be NULL */
	bool mark;              /* drawn in the accent colour (a correct option) */
	const char *href;       /* the list behind the bar (escaped), or NULL */
	double parts[SVG_MAX_PARTS]; /* stacked charts: value split in order */
};

struct svg_chart {
	const char *title;      /* the <title>, and the data table's caption */
	const char *label_head; /* data table column headings; NULL: "" */
	const char *value_head;
	const struct svg_bar *bars; /* borrowed */
	int nbars;
	int width;             /* in px (the SVG scales down); 0: 640 */
	int decimals;          /* of values in text, 0..3 */
	const char *empty_text; /* shown when there is no bar or every value is 0;
				   NULL: a default message */
	int nparts;             /* 0: plain bars; 2..SVG_MAX_PARTS: each bar is
				   stacked from parts[], with a legend and a
				   table column per part */
	const char *part_names[SVG_MAX_PARTS];
	bool columns;           /* the shape svg_chart() draws */
};

/* The colours of the shapes, as "#rrggbb", shared with the cairo renderer
 * (render/chart_cairo.c): the plain fill, the accent, the grid, the ink,
 * and one per stacked part. */
extern const char *const svg_colors[4];
extern const char *const svg_part_colors[SVG_MAX_PARTS];

/* Appends the chart to out.  Borrowed arguments only; never fails (buf's
 * cap applies). */
void svg_chart_hbars(struct buf *out, const struct svg_chart *c);
void svg_chart_columns(struct buf *out, const struct svg_chart *c);
/* Either, as c->columns says. */
void svg_chart(struct buf *out, const struct svg_chart *c);

/* v with `decimals` decimals (0..3), dots between thousands and a comma
 * before decimals: 1234.5 -> "1.234,5".  Writes into out (n >= 32 is
 * always enough) and returns it. */
char *svg_number(char *out, size_t n, double v, int decimals);

#endif
