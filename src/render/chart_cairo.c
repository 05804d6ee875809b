/*
 * chart_cairo.c: see chart_cairo.h.  Mirrors svg_chart.c shape for shape
 * (horizontal bars with labels left and values right; columns on a grid
 * with a tick every 1, 2 or 5 times a power of ten; stacked parts with a
 * legend), in points.
 */
#include "render/chart_cairo.h"

#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#define CC_FONT   "Noto Sans"
#define CC_TITLE  15.0 /* the title line */
#define CC_LEGEND 13.0
#define CC_ROW    13.0 /* one horizontal bar */
#define CC_COLS_H 150.0
#define CC_TYPE   7.0

static void cc_rgb(cairo_t *cr, const char *hex)
{
	unsigned v = 0;

	for (int i = 1; i <= 6 && hex[i]; i++)
		v = v * 16 + (unsigned)(hex[i] <= '9' ? hex[i] - '0' : (hex[i] | 32) - 'a' + 10);
	cairo_set_source_rgb(cr, ((v >> 16) & 255) / 255.0, ((v >> 8) & 255) / 255.0,
	                     (v & 255) / 255.0);
}

static int cc_parts(const struct svg_chart *c)
{
	return c->nparts >= 2 && c->nparts <= SVG_MAX_PARTS ? c->nparts : 0;
}

static double cc_max(const struct svg_chart *c)
{
	double m = 0;

	for (int i = 0; i < c->nbars; i++)
		if (isfinite(c->bars[i].value) && c->bars[i].value > m)
			m = c->bars[i].value;
	return m;
}

/* Text in a box w wide at (x, y); align and weight as asked; returns the
 * width it took. */
static double cc_text(cairo_t *cr, PangoContext *pc, const char *t, double size, bool bold,
                      double x, double y, double w, PangoAlignment align, const char *color)
{
	PangoLayout *l = pango_layout_new(pc);
	PangoFontDescription *fd = pango_font_description_new();
	PangoRectangle log;

	pango_font_description_set_family_static(fd, CC_FONT);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, t ? t : "", -1);
	pango_layout_get_extents(l, NULL, &log);
	cc_rgb(cr, color);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	return (double)log.width / PANGO_SCALE;
}

static const char *cc_value(const struct svg_chart *c, const struct svg_bar *b, char *tmp, size_t n)
{
	return b->value_text ? b->value_text : svg_number(tmp, n, b->value, c->decimals);
}

static void cc_rect(cairo_t *cr, double x, double y, double w, double h, const char *color)
{
	cc_rgb(cr, color);
	cairo_rectangle(cr, x, y, w, h);
	cairo_fill(cr);
}

/* A bar of length len from (x0, y0), along or up, split into parts. */
static void cc_bar(cairo_t *cr, const struct svg_chart *c, const struct svg_bar *b, double x0,
                   double y0, double len, double thick, bool up)
{
	int n = cc_parts(c);
	double at = 0;

	for (int k = 0; k < (n ? n : 1); k++) {
		double v = n ? b->parts[k] : b->value;
		double part =
		    n ? (b->value > 0 ? len * fmin(fmax(v, 0), b->value) / b->value : 0) : len;
		const char *fill = n ? svg_part_colors[k] : b->mark ? svg_colors[1] : svg_colors[0];
		if (part <= 0)
			continue;
		if (up)
			cc_rect(cr, x0, y0 - at - part, thick, part, fill);
		else
			cc_rect(cr, x0 + at, y0, part, thick, fill);
		at += part;
	}
}

static void cc_legend(cairo_t *cr, PangoContext *pc, const struct svg_chart *c, double x, double y)
{
	for (int k = 0; k < cc_parts(c); k++) {
		cc_rect(cr, x, y + 2, 8, 8, svg_part_colors[k]);
		x += 11 +
		     cc_text(cr, pc, c->part_names[k], CC_TYPE, false, x + 11, y, 200,
		             PANGO_ALIGN_LEFT, svg_colors[3]) +
		     12;
	}
}

static bool cc_empty(const struct svg_chart *c)
{
	return c->nbars == 0 || cc_max(c) <= 0;
}

double chart_cairo_height(const struct svg_chart *c, double w)
{
	(void)w;
	if (cc_empty(c))
		return CC_TITLE + 16;
	double legend = cc_parts(c) ? CC_LEGEND : 0;
	return CC_TITLE + legend + (c->columns ? CC_COLS_H : c->nbars * CC_ROW + 4);
}

static void cc_hbars(cairo_t *cr, PangoContext *pc, const struct svg_chart *c, double x, double y,
                     double w)
{
	double lw = w * 0.36, vw = 46, bw = w - lw - vw - 6, max = cc_max(c);
	char tmp[48];

	for (int i = 0; i < c->nbars; i++) {
		const struct svg_bar *b = &c->bars[i];
		double yy = y + i * CC_ROW, len = fmax(fmin(b->value, max), 0) / max * bw;
		if (len < 0.5 && b->value > 0)
			len = 0.5;
		cc_text(cr, pc, b->label, CC_TYPE, false, x, yy + 1, lw - 5, PANGO_ALIGN_RIGHT,
		        svg_colors[3]);
		cc_bar(cr, c, b, x + lw, yy + 2, len, CC_ROW - 4, false);
		cc_text(cr, pc, cc_value(c, b, tmp, sizeof(tmp)), CC_TYPE, false, x + lw + len + 4,
		        yy + 1, vw + 40, PANGO_ALIGN_LEFT, svg_colors[3]);
	}
}

static double cc_step(double max, int decimals)
{
	double raw = max / 4, p = pow(10, floor(log10(raw)));
	double f = raw / p;
	double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
	return decimals == 0 && step < 1 ? 1 : step;
}

static void cc_columns(cairo_t *cr, PangoContext *pc, const struct svg_chart *c, double x, double y,
                       double w)
{
	double left = 34, top = 6, bottom = 20, plot_w = w - left - 4;
	double plot_h = CC_COLS_H - top - bottom;
	double step = cc_step(cc_max(c), c->decimals), max = ceil(cc_max(c) / step) * step;
	double cw = plot_w / c->nbars;
	int every = (int)ceil(c->nbars * 36.0 / plot_w); /* labels ~36 pt apart */
	char tmp[48];

	for (double t = 0; t <= max + step / 2; t += step) {
		double yy = y + top + plot_h - t / max * plot_h;
		cc_rgb(cr, svg_colors[2]);
		cairo_set_line_width(cr, 0.4);
		cairo_move_to(cr, x + left, yy);
		cairo_line_to(cr, x + w - 4, yy);
		cairo_stroke(cr);
		cc_text(cr, pc, svg_number(tmp, sizeof(tmp), t, step < 1 ? c->decimals : 0),
		        CC_TYPE, false, x, yy - 5, left - 4, PANGO_ALIGN_RIGHT, "#5b665f");
	}
	for (int i = 0; i < c->nbars; i++) {
		const struct svg_bar *b = &c->bars[i];
		double hh = fmax(fmin(b->value, max), 0) / max * plot_h;
		cc_bar(cr, c, b, x + left + i * cw + cw * 0.1, y + top + plot_h, hh, cw * 0.8,
		       true);
		if (i % every == 0)
			cc_text(cr, pc, b->label, CC_TYPE, false, x + left + i * cw + cw / 2 - 18,
			        y + top + plot_h + 4, 36, PANGO_ALIGN_CENTER, svg_colors[3]);
	}
}

double chart_cairo_draw(cairo_t *cr, PangoContext *pc, const struct svg_chart *c, double x,
                        double y, double w)
{
	double h = chart_cairo_height(c, w);

	cairo_save(cr);
	cc_text(cr, pc, c->title, 8.5, true, x, y, w, PANGO_ALIGN_LEFT, svg_colors[3]);
	y += CC_TITLE;
	if (cc_empty(c)) {
		cc_text(cr, pc, c->empty_text ? c->empty_text : "Chưa có dữ liệu", CC_TYPE, false,
		        x + 6, y, w - 12, PANGO_ALIGN_LEFT, "#5b665f");
	} else {
		if (cc_parts(c)) {
			cc_legend(cr, pc, c, x + (c->columns ? 34 : w * 0.36), y);
			y += CC_LEGEND;
		}
		if (c->columns)
			cc_columns(cr, pc, c, x, y, w);
		else
			cc_hbars(cr, pc, c, x, y, w);
	}
	cairo_restore(cr);
	return h;
}
