/*
 * svg_chart.c: see svg_chart.h.  Geometry is plain arithmetic on a fixed
 * width; the SVG carries a viewBox so the browser scales it down on a
 * narrow screen.  Long labels are cut (on a code point boundary, with an
 * ellipsis) to the room they have; the full text stays in each bar's own
 * <title> (a tooltip) and in the data table.
 */
#include "render/svg_chart.h"
#include "core/buf.h"
#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define SVG_FILL "#1b6b3a"
#define SVG_MARK "#c99a2e"
#define SVG_GRID "#dcd8cc"
#define SVG_INK "#1d2521"
#define SVG_FONT "font-family=\"Noto Sans, sans-serif\" font-size=\"13\""
#define SVG_LEGEND 24 /* the legend's height above a stacked chart */

const char *const svg_colors[4] = {SVG_FILL, SVG_MARK, SVG_GRID, SVG_INK};
const char *const svg_part_colors[SVG_MAX_PARTS] = {SVG_FILL, "#6fa8c7", SVG_MARK, "#a35d7a"};

char *svg_number(char *out, size_t n, double v, int decimals)
{
	static const double scale[] = {1, 10, 100, 1000};
	char digits[40];
	size_t o = 0;

	if (decimals < 0)
		decimals = 0;
	if (decimals > 3)
		decimals = 3;
	if (!isfinite(v) || fabs(v) > 9e15)
		v = 0;
	long long units = llround(fabs(v) * scale[decimals]);
	long long whole = units / (long long)scale[decimals];
	long long frac = units % (long long)scale[decimals];
	int len = snprintf(digits, sizeof(digits), "%lld", whole);

	if (v < 0 && units != 0 && o + 1 < n)
		out[o++] = '-';
	for (int i = 0; i < len && o + 2 < n; i++) {
		if (i && (len - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = digits[i];
	}
	if (decimals && o + (size_t)decimals + 2 < n) {
		out[o++] = ',';
		snprintf(out + o, n - o, "%0*lld", decimals, frac);
		return out;
	}
	out[o] = 0;
	return out;
}

/* Parts drawn: 0 for a plain chart. */
static int svg_nparts(const struct svg_chart *c)
{
	return c->nparts >= 2 && c->nparts <= SVG_MAX_PARTS ? c->nparts : 0;
}

static void svg_text(struct buf *b, const char *s)
{
	if (s)
		buf_add_html(b, s, strlen(s));
}

/* s cut to at most max code points (the last one an ellipsis), escaped. */
static void svg_text_cut(struct buf *b, const char *s, int max)
{
	size_t i = 0, cut = 0;
	int cps = 0;

	if (!s)
		return;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) == 0x80)
			continue; /* a continuation byte */
		if (cps == max - 1)
			cut = i;
		if (++cps > max) {
			buf_add_html(b, s, cut);
			buf_adds(b, "…");
			return;
		}
	}
	buf_add_html(b, s, i);
}

static const char *svg_value(const struct svg_bar *x, int decimals, char *tmp, size_t n)
{
	return x->value_text ? x->value_text : svg_number(tmp, n, x->value, decimals);
}

static double svg_max(const struct svg_chart *c)
{
	double m = 0;

	for (int i = 0; i < c->nbars; i++)
		if (c->bars[i].value > m && isfinite(c->bars[i].value))
			m = c->bars[i].value;
	return m;
}

static double svg_clamp(double v, double max)
{
	return !isfinite(v) || v < 0 ? 0 : v > max ? max : v;
}

static void svg_open(struct buf *b, const struct svg_chart *c, int w, int h)
{
	buf_adds(b, "<figure class=\"chart\">");
	buf_addf(b,
		 "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"%d\" "
		 "height=\"%d\" viewBox=\"0 0 %d %d\" " SVG_FONT " aria-label=\"",
		 w, h, w, h);
	svg_text(b, c->title);
	buf_adds(b, "\"><title>");
	svg_text(b, c->title);
	buf_adds(b, "</title>");
}

/* Closes the SVG and writes the data table behind it. */
static void svg_close(struct buf *b, const struct svg_chart *c)
{
	char tmp[48];

	buf_adds(b, "</svg><table class=\"sr-only\"><caption>");
	svg_text(b, c->title);
	buf_adds(b, "</caption><thead><tr><th scope=\"col\">");
	svg_text(b, c->label_head);
	for (int k = 0; k < svg_nparts(c); k++) {
		buf_adds(b, "</th><th scope=\"col\">");
		svg_text(b, c->part_names[k]);
	}
	buf_adds(b, "</th><th scope=\"col\">");
	svg_text(b, c->value_head);
	buf_adds(b, "</th></tr></thead><tbody>");
	for (int i = 0; i < c->nbars; i++) {
		buf_adds(b, "<tr><th scope=\"row\">");
		if (c->bars[i].href) {
			buf_adds(b, "<a href=\"");
			svg_text(b, c->bars[i].href);
			buf_adds(b, "\">");
		}
		svg_text(b, c->bars[i].label);
		buf_adds(b, c->bars[i].href ? "</a></th>" : "</th>");
		for (int k = 0; k < svg_nparts(c); k++) {
			buf_adds(b, "<td>");
			svg_text(b, svg_number(tmp, sizeof(tmp), c->bars[i].parts[k], c->decimals));
			buf_adds(b, "</td>");
		}
		buf_adds(b, "<td>");
		svg_text(b, svg_value(&c->bars[i], c->decimals, tmp, sizeof(tmp)));
		buf_adds(b, "</td></tr>");
	}
	buf_adds(b, "</tbody></table></figure>");
}

/* A chart with nothing to draw: its title and a message, still a figure. */
static int svg_empty(struct buf *b, const struct svg_chart *c, int w)
{
	if (c->nbars > 0 && svg_max(c) > 0)
		return 0;
	svg_open(b, c, w, 40);
	buf_adds(b, "<text x=\"8\" y=\"25\" fill=\"#5b665f\">");
	svg_text(b, c->empty_text ? c->empty_text : _("Chưa có dữ liệu"));
	buf_adds(b, "</text>");
	svg_close(b, c);
	return 1;
}

/* One bar's group (a link when it has one) with its tooltip:
 * "label: value".  svg_tip_end() closes it. */
static void svg_tip(struct buf *b, const struct svg_bar *x, int decimals)
{
	char tmp[48];

	if (x->href) {
		buf_adds(b, "<a href=\"");
		svg_text(b, x->href);
		buf_adds(b, "\">");
	}
	buf_adds(b, "<g><title>");
	svg_text(b, x->label);
	buf_adds(b, ": ");
	svg_text(b, svg_value(x, decimals, tmp, sizeof(tmp)));
	buf_adds(b, "</title>");
}

static void svg_tip_end(struct buf *b, const struct svg_bar *x)
{
	buf_adds(b, x->href ? "</g></a>" : "</g>");
}

/* The legend of a stacked chart, a row of swatches at the top. */
static void svg_legend(struct buf *b, const struct svg_chart *c, int x)
{
	for (int k = 0; k < svg_nparts(c); k++) {
		buf_addf(b, "<rect x=\"%d\" y=\"4\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			    "<text x=\"%d\" y=\"15\" fill=\"" SVG_INK "\">",
			 x, svg_part_colors[k], x + 16);
		svg_text(b, c->part_names[k]);
		buf_adds(b, "</text>");
		x += 28 + 7 * (int)strlen(c->part_names[k] ? c->part_names[k] : "");
	}
}

/* A bar of length len (px) from (x, y) along or up, split into its parts
 * when the chart is stacked. */
static void svg_bar_rects(struct buf *b, const struct svg_chart *c, const struct svg_bar *x,
			  double x0, double y0, double len, double thick, bool up)
{
	int n = svg_nparts(c);
	double at = 0;

	for (int k = 0; k < (n ? n : 1); k++) {
		double part = n ? (x->value > 0 ? len * svg_clamp(x->parts[k], x->value) / x->value
						: 0)
				: len;
		const char *fill = n ? svg_part_colors[k] : x->mark ? SVG_MARK : SVG_FILL;
		if (n && part <= 0)
			continue;
		if (up)
			buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				    "fill=\"%s\"/>", x0, y0 - at - part, thick, part, fill);
		else
			buf_addf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				    "rx=\"2\" fill=\"%s\"/>", x0 + at, y0, part, thick, fill);
		at += part;
	}
}

void svg_chart_hbars(struct buf *b, const struct svg_chart *c)
{
	int w = c->width > 0 ? c->width : 640;
	int lw = w * 2 / 5, vw = 90, row = 26;
	int bw = w - lw - vw - 8;
	char tmp[48];

	if (svg_empty(b, c, w))
		return;
	double max = svg_max(c);
	int top = svg_nparts(c) ? SVG_LEGEND : 0;
	svg_open(b, c, w, c->nbars * row + 8 + top);
	svg_legend(b, c, 8);
	for (int i = 0; i < c->nbars; i++) {
		const struct svg_bar *x = &c->bars[i];
		int y = top + 4 + i * row;
		double len = svg_clamp(x->value, max) / max * bw;
		svg_tip(b, x, c->decimals);
		buf_addf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"" SVG_INK "\">",
			 lw - 6, y + 17);
		svg_text_cut(b, x->label, lw / 7);
		buf_adds(b, "</text>");
		svg_bar_rects(b, c, x, lw, y + 2, len < 1 && x->value > 0 ? 1.0 : len, 20, false);
		buf_addf(b, "<text x=\"%.1f\" y=\"%d\" fill=\"" SVG_INK "\">", lw + len + 6, y + 17);
		svg_text(b, svg_value(x, c->decimals, tmp, sizeof(tmp)));
		buf_adds(b, "</text>");
		svg_tip_end(b, x);
	}
	svg_close(b, c);
}

/* A tick step of 1, 2 or 5 times a power of ten, about max/4 (at least 1
 * when values are whole numbers). */
static double svg_step(double max, int decimals)
{
	double raw = max / 4, p = pow(10, floor(log10(raw)));
	double f = raw / p;
	double step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
	return decimals == 0 && step < 1 ? 1 : step;
}

void svg_chart_columns(struct buf *b, const struct svg_chart *c)
{
	int w = c->width > 0 ? c->width : 640;
	int top = svg_nparts(c) ? 14 + SVG_LEGEND : 14, h = 226 + top, left = 52, bottom = 40;
	int plot_w = w - left - 8, plot_h = h - top - bottom;
	char tmp[48];

	if (svg_empty(b, c, w))
		return;
	double step = svg_step(svg_max(c), c->decimals);
	double max = ceil(svg_max(c) / step) * step;
	double cw = (double)plot_w / c->nbars;
	int every = (int)ceil(c->nbars * 64.0 / plot_w); /* labels ~64 px apart */
	svg_open(b, c, w, h);
	svg_legend(b, c, left);
	for (double t = 0; t <= max + step / 2; t += step) {
		double y = top + plot_h - t / max * plot_h;
		buf_addf(b,
			 "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"" SVG_GRID
			 "\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#5b665f\">%s</text>",
			 left, w - 8, y, y, left - 6, y + 4,
			 svg_number(tmp, sizeof(tmp), t, step < 1 ? c->decimals : 0));
	}
	for (int i = 0; i < c->nbars; i++) {
		const struct svg_bar *x = &c->bars[i];
		double hh = svg_clamp(x->value, max) / max * plot_h;
		double x0 = left + i * cw + cw * 0.1;
		svg_tip(b, x, c->decimals);
		svg_bar_rects(b, c, x, x0, top + plot_h, hh, cw * 0.8, true);
		if (i % every == 0) {
			buf_addf(b, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"" SVG_INK
				    "\">", left + i * cw + cw / 2, top + plot_h + 18);
			svg_text_cut(b, x->label, 10);
			buf_adds(b, "</text>");
		}
		svg_tip_end(b, x);
	}
	svg_close(b, c);
}

void svg_chart(struct buf *b, const struct svg_chart *c)
{
	if (c->columns)
		svg_chart_columns(b, c);
	else
		svg_chart_hbars(b, c);
}
