/*
 * pdf_flow.c: see pdf_flow.h.
 */
#include "render/pdf_flow.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>

#define SERIF "Noto Serif"
#define PAD   3.0

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct buf *out = closure;

	buf_add(out, data, n);
	return out->overflow ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* A laid-out text of width w; release with g_object_unref. */
static PangoLayout *flow_layout(struct pdf_flow *p, const char *text, double size, int style,
                                double w, PangoAlignment align)
{
	PangoLayout *l = pango_layout_new(p->pango);
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family_static(fd, SERIF);
	pango_font_description_set_weight(fd, style & PDF_FLOW_BOLD ? PANGO_WEIGHT_BOLD
	                                                            : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, style & PDF_FLOW_ITAL ? PANGO_STYLE_ITALIC
	                                                           : PANGO_STYLE_NORMAL);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	return l;
}

static double flow_height(PangoLayout *l)
{
	PangoRectangle log;

	pango_layout_get_extents(l, NULL, &log);
	return (double)log.height / PANGO_SCALE;
}

static void flow_show(struct pdf_flow *p, PangoLayout *l, double x, double y, double grey)
{
	cairo_set_source_rgb(p->cr, grey, grey, grey);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
}

/* Draws text at (x, y) and returns its height. */
double pdf_flow_text(struct pdf_flow *p, const char *t, double size, int style, double x, double y,
                     double w, PangoAlignment align)
{
	PangoLayout *l = flow_layout(p, t, size, style, w, align);
	double h = flow_height(l);

	flow_show(p, l, x, y, style & PDF_FLOW_ITAL ? 0.2 : 0.08);
	g_object_unref(l);
	return h;
}

void pdf_flow_rule(struct pdf_flow *p, double x0, double x1, double y, double lw)
{
	cairo_set_source_rgb(p->cr, 0.08, 0.08, 0.08);
	cairo_set_line_width(p->cr, lw);
	cairo_move_to(p->cr, x0, y);
	cairo_line_to(p->cr, x1, y);
	cairo_stroke(p->cr);
}

void pdf_flow_page(struct pdf_flow *p)
{
	char n[64];

	if (p->page > 0)
		cairo_show_page(p->cr);
	p->page++;
	pdf_flow_rule(p, PDF_FLOW_LEFT, PDF_FLOW_RIGHT, PDF_FLOW_BOTTOM + 14, 0.4);
	snprintf(n, sizeof(n), "Trang %d", p->page);
	pdf_flow_text(p, p->footer, 7.5, PDF_FLOW_ITAL, PDF_FLOW_LEFT, PDF_FLOW_BOTTOM + 17,
	              PDF_FLOW_WIDTH - 60, PANGO_ALIGN_LEFT);
	pdf_flow_text(p, n, 7.5, PDF_FLOW_ITAL, PDF_FLOW_RIGHT - 60, PDF_FLOW_BOTTOM + 17, 60,
	              PANGO_ALIGN_RIGHT);
	p->y = PDF_FLOW_TOP;
}

/* Starts a new page unless h more points fit on this one. */
bool pdf_flow_need(struct pdf_flow *p, double h)
{
	if (p->y + h <= PDF_FLOW_BOTTOM)
		return false;
	pdf_flow_page(p);
	return true;
}

/* A paragraph in the flow. */
void pdf_flow_para(struct pdf_flow *p, const char *t, double size, int style, double indent,
                   double gap_after)
{
	PangoLayout *l = flow_layout(p, t, size, style, PDF_FLOW_WIDTH - indent, PANGO_ALIGN_LEFT);
	double h = flow_height(l);

	pdf_flow_need(p, h);
	flow_show(p, l, PDF_FLOW_LEFT + indent, p->y, style & PDF_FLOW_ITAL ? 0.2 : 0.08);
	g_object_unref(l);
	p->y += h + gap_after;
}

void pdf_flow_heading(struct pdf_flow *p, const char *t)
{
	pdf_flow_need(p, 40); /* a heading never ends a page */
	p->y += 6;
	pdf_flow_para(p, t, 11, PDF_FLOW_BOLD, 0, 4);
}

/* Five-pointed star centred at (cx, cy), outer radius r. */
void pdf_flow_star(struct pdf_flow *p, double cx, double cy, double r, bool filled)
{
	cairo_t *cr = p->cr;

	for (int k = 0; k < 10; k++) {
		double a = -M_PI / 2 + k * M_PI / 5, rr = k % 2 ? r * 0.42 : r;
		if (k == 0)
			cairo_move_to(cr, cx + rr * cos(a), cy + rr * sin(a));
		else
			cairo_line_to(cr, cx + rr * cos(a), cy + rr * sin(a));
	}
	cairo_close_path(cr);
	cairo_set_source_rgb(cr, 0.72, 0.53, 0.04);
	cairo_set_line_width(cr, 0.8);
	if (filled)
		cairo_fill_preserve(cr);
	cairo_stroke(cr);
}

/* ---- tables ---- */

static void row_draw(struct pdf_flow *p, const struct pdf_flow_table *t, const char *const *cells,
                     double shade, PangoLayout **l, double h)
{
	double x = PDF_FLOW_LEFT;

	if (shade < 1) {
		cairo_set_source_rgb(p->cr, shade, shade, shade * 0.97);
		cairo_rectangle(p->cr, PDF_FLOW_LEFT, p->y, PDF_FLOW_WIDTH, h);
		cairo_fill(p->cr);
	}
	cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
	cairo_set_line_width(p->cr, 0.5);
	for (int c = 0; c < t->n; c++) {
		cairo_rectangle(p->cr, x, p->y, t->w[c], h);
		cairo_stroke(p->cr);
		if (cells[c])
			flow_show(p, l[c], x + PAD, p->y + PAD, 0.08);
		x += t->w[c];
	}
}

/* One row that never splits; a page break repeats the table's header. */
void pdf_flow_row(struct pdf_flow *p, const struct pdf_flow_table *t, const char *const *cells,
                  int style, double shade)
{
	PangoLayout *l[PDF_FLOW_MAX_COLS] = {0};
	double h = 0;

	for (int c = 0; c < t->n; c++) {
		if (!cells[c])
			continue;
		l[c] = flow_layout(p, cells[c], t->size > 0 ? t->size : 9, style, t->w[c] - 2 * PAD,
				   t->align[c]);
		h = fmax(h, flow_height(l[c]));
	}
	h += 2 * PAD;
	if (pdf_flow_need(p, h) && cells != t->head)
		pdf_flow_row(p, t, t->head, PDF_FLOW_BOLD, 0.92);
	row_draw(p, t, cells, shade, l, h);
	p->y += h;
	for (int c = 0; c < t->n; c++)
		if (l[c])
			g_object_unref(l[c]);
}

void pdf_flow_begin(struct pdf_flow *p, struct buf *out, const char *footer)
{
	*p = (struct pdf_flow){.out = out, .start = out->len, .footer = footer};
	p->fontmap = pango_cairo_font_map_new();
	/* pango assumes 96 dpi; a PDF point is 1/72 in. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(p->fontmap), 72);
	p->surf =
	    cairo_pdf_surface_create_for_stream(pdf_write, out, PDF_FLOW_PAGE_W, PDF_FLOW_PAGE_H);
	p->cr = cairo_create(p->surf);
	p->pango = pango_font_map_create_context(p->fontmap);
	/* Unhinted metrics: positions do not depend on the output device. */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(p->pango, fo);
	cairo_font_options_destroy(fo);
	pango_cairo_update_context(p->cr, p->pango);
	pdf_flow_page(p);
}

int pdf_flow_end(struct pdf_flow *p)
{
	int rc = -1;

	cairo_show_page(p->cr);
	cairo_surface_finish(p->surf);
	if (cairo_surface_status(p->surf) == CAIRO_STATUS_SUCCESS && !p->out->overflow)
		rc = 0;
	cairo_destroy(p->cr);
	cairo_surface_destroy(p->surf);
	g_object_unref(p->pango);
	g_object_unref(p->fontmap);
	if (rc && p->out->len != p->start) {
		p->out->len = p->start;
		p->out->p[p->start] = 0;
	}
	return rc;
}
