/*
 * pdf_cert.c: one certificate of completion, one A4 landscape PDF page, with
 * cairo and pango (see pdf_cert.h).
 *
 * The page follows the look of a Vietnamese official document: the issuing
 * body top-left and the national motto top-right (Decree 30/2020/NĐ-CP),
 * organisers' logos between them, the title, the person's name, what they
 * completed, then place and date in words above the signer on the right and
 * the QR code with the verification code and serial on the left.
 *
 * Every piece of user text goes through text_fit(): pango_layout_set_text
 * (never markup), then the font shrinks until the text fits its box, and if
 * the minimum size is reached a last cairo scale makes it fit anyway.  So a
 * long name gets smaller; it never overflows and is never cut.
 *
 * Speed: the font map, its 72 dpi resolution and the decoded PNGs live in the
 * renderer and are reused; the QR is one image.  Determinism: the PDF dates
 * come from issued_at and cairo 1.16 writes no random /ID.
 */
#include "render/pdf_cert.h"
#include "core/arena.h"
#include "render/qr.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define PAGE_W    841.89 /* A4 landscape, points */
#define PAGE_H    595.28
#define IMG_CACHE 8
#define MAX_LOGOS 6
#define TZ_OFFSET (7 * 3600) /* Asia/Ho_Chi_Minh: UTC+7, no DST */

struct rgb {
	double r, g, b;
};

static const struct rgb ink = {0.11, 0.10, 0.09};
static const struct rgb red = {0.55, 0.08, 0.07};
static const struct rgb gold = {0.72, 0.56, 0.19};
static const struct rgb grey = {0.33, 0.31, 0.29};
static const struct rgb paper = {PDF_CERT_PAPER_R, PDF_CERT_PAPER_G, PDF_CERT_PAPER_B};

/* Text styles: the page's typography as a table. */
enum style_id {
	S_ISSUER,
	S_ORGS,
	S_NATION,
	S_MOTTO,
	S_TITLE,
	S_LABEL,
	S_NAME,
	S_SERIES,
	S_COMPLETED,
	S_SECOND,
	S_DATE,
	S_SIGNER_TITLE,
	S_SIGNER_NAME,
	S_CODE,
	S_URL,
};

struct style {
	const char *family;
	PangoWeight weight;
	PangoStyle slant;
	double size, min_size; /* points */
	bool wrap;
	double align; /* 0 left, 0.5 centre */
	const struct rgb *color;
	double spacing;    /* extra letter spacing, points */
	double wrap_below; /* one-line text this small goes on two lines */
};

#define SERIF "Noto Serif"
#define B     PANGO_WEIGHT_BOLD
#define R     PANGO_WEIGHT_NORMAL
#define U     PANGO_STYLE_NORMAL
#define I     PANGO_STYLE_ITALIC

static const struct style styles[] = {
    [S_ISSUER] = {SERIF, B, U, 11.5, 8, true, 0.5, &ink, 0},
    [S_ORGS] = {SERIF, R, U, 10, 7, true, 0.5, &ink, 0},
    [S_NATION] = {SERIF, B, U, 11.5, 8, false, 0.5, &ink, 0},
    [S_MOTTO] = {SERIF, B, U, 12.5, 8, false, 0.5, &ink, 0},
    [S_TITLE] = {SERIF, B, U, 40, 24, false, 0.5, &red, 1.5},
    [S_LABEL] = {SERIF, R, I, 15, 10, false, 0.5, &ink, 0},
    [S_NAME] = {SERIF, B, U, 34, 10, false, 0.5, &red, 0, 24},
    [S_SERIES] = {SERIF, B, U, 16, 10, true, 0.5, &ink, 0},
    [S_COMPLETED] = {SERIF, R, U, 14, 9, true, 0.5, &ink, 0},
    [S_SECOND] = {SERIF, R, I, 12, 8, true, 0.5, &grey, 0},
    [S_DATE] = {SERIF, R, I, 13, 8, false, 0.5, &ink, 0},
    [S_SIGNER_TITLE] = {SERIF, B, U, 13, 8, true, 0.5, &ink, 0},
    [S_SIGNER_NAME] = {SERIF, B, U, 14, 8, false, 0.5, &ink, 0},
    [S_CODE] = {SERIF, R, U, 10, 6, false, 0, &ink, 0},
    [S_URL] = {SERIF, R, U, 6.5, 4, false, 0, &grey, 0},
};

#undef B
#undef R
#undef U
#undef I

struct img_slot {
	unsigned char *png; /* our copy, the cache key */
	size_t len;
	cairo_surface_t *surf;
};

struct pdf_cert_renderer {
	PangoFontMap *fontmap;
	PangoContext *pango;
	struct img_slot imgs[IMG_CACHE];
	unsigned next_img;
};

/* A laid-out piece of text, ready to paint. */
struct text {
	PangoLayout *layout;
	const struct style *st;
	double box_w; /* the width it was fitted to */
	double w, h;  /* laid-out size before scale, points */
	double scale; /* < 1 only when the minimum font size was not enough */
	bool wrapped;
};

struct pdf_cert_renderer *pdf_cert_renderer_new(void)
{
	struct pdf_cert_renderer *r = xcalloc(1, sizeof(*r));

	r->fontmap = pango_cairo_font_map_new();
	/* pango assumes 96 dpi; a PDF point is 1/72 in (PERF-NOTES). */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(r->fontmap), 72);
	r->pango = pango_font_map_create_context(r->fontmap);

	/* Unhinted metrics: sizes scale linearly, so shrink-to-fit is exact,
	 * and glyph positions do not depend on the output device. */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(r->pango, fo);
	cairo_font_options_destroy(fo);
	return r;
}

void pdf_cert_renderer_free(struct pdf_cert_renderer *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < IMG_CACHE; i++) {
		free(r->imgs[i].png);
		if (r->imgs[i].surf)
			cairo_surface_destroy(r->imgs[i].surf);
	}
	g_object_unref(r->pango);
	g_object_unref(r->fontmap);
	free(r);
}

/* ---- images ---- */

struct png_src {
	const unsigned char *p;
	size_t len, off;
};

static cairo_status_t png_read(void *closure, unsigned char *data, unsigned int n)
{
	struct png_src *s = closure;

	if (n > s->len - s->off)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, s->p + s->off, n);
	s->off += n;
	return CAIRO_STATUS_SUCCESS;
}

/* Returns the decoded image, owned by r's cache, or NULL if png is not a PNG.
 * Keyed by content, not by pointer: callers may reuse their buffers. */
static cairo_surface_t *img_get(struct pdf_cert_renderer *r, const unsigned char *png, size_t len)
{
	for (size_t i = 0; i < IMG_CACHE; i++) {
		struct img_slot *s = &r->imgs[i];
		if (s->surf && s->len == len && !memcmp(s->png, png, len))
			return s->surf;
	}
	struct png_src src = {png, len, 0};
	cairo_surface_t *surf = cairo_image_surface_create_from_png_stream(png_read, &src);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(surf);
		return NULL;
	}
	struct img_slot *s = &r->imgs[r->next_img++ % IMG_CACHE];
	free(s->png);
	if (s->surf)
		cairo_surface_destroy(s->surf);
	s->png = xmalloc(len);
	memcpy(s->png, png, len);
	s->len = len;
	s->surf = surf;
	return surf;
}

/* Paints img scaled into the box (x, y, w, h): "contain" keeps it whole and
 * centred, otherwise it covers the box and is clipped. */
static void img_paint(cairo_t *cr, cairo_surface_t *img, double x, double y, double w, double h,
                      bool contain)
{
	double iw = cairo_image_surface_get_width(img);
	double ih = cairo_image_surface_get_height(img);

	if (iw <= 0 || ih <= 0)
		return;
	double k = contain ? fmin(w / iw, h / ih) : fmax(w / iw, h / ih);
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_translate(cr, x + (w - iw * k) / 2, y + (h - ih * k) / 2);
	cairo_scale(cr, k, k);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_restore(cr);
}

/* ---- text ---- */

static void text_set_size(struct text *t, double size)
{
	PangoFontDescription *fd = pango_font_description_new();

	pango_font_description_set_family_static(fd, t->st->family);
	pango_font_description_set_weight(fd, t->st->weight);
	pango_font_description_set_style(fd, t->st->slant);
	pango_font_description_set_size(fd, (int)(size * PANGO_SCALE));
	pango_layout_set_font_description(t->layout, fd);
	pango_font_description_free(fd);

	PangoRectangle log;
	pango_layout_get_extents(t->layout, NULL, &log);
	t->w = (double)log.width / PANGO_SCALE;
	t->h = (double)log.height / PANGO_SCALE;
}

static void text_wrap(struct text *t)
{
	t->wrapped = true;
	pango_layout_set_width(t->layout, (int)(t->box_w * PANGO_SCALE));
	pango_layout_set_wrap(t->layout, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(t->layout,
	                           t->st->align > 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
}

/* Shrinks from size until t fits box_w x max_h or the minimum is reached;
 * returns the size.  Unwrapped text scales linearly, so it jumps straight
 * to the size; wrapped text re-flows, so it steps down. */
static double text_shrink(struct text *t, double size, double max_h)
{
	text_set_size(t, size);
	for (int i = 0; i < 16 && (t->w > t->box_w || t->h > max_h) && size > t->st->min_size;
	     i++) {
		double k = t->wrapped ? 0.93 : fmin(t->box_w / t->w, max_h / t->h) * 0.999;
		size = fmax(t->st->min_size, size * k);
		text_set_size(t, size);
	}
	return size;
}

/*
 * Lays out s in style id within box_w x max_h points: wrapped styles break
 * lines at words (or inside a word longer than the box); the font shrinks
 * until the text fits; a one-line style that would shrink below wrap_below
 * goes on two lines instead; below the minimum size a scale factor takes
 * over.  The layout belongs to t; release with text_release().
 */
static void text_fit(struct pdf_cert_renderer *r, struct text *t, enum style_id id, const char *s,
                     double box_w, double max_h)
{
	const struct style *st = &styles[id];

	*t = (struct text){.layout = pango_layout_new(r->pango), .st = st, .box_w = box_w};
	t->scale = 1;
	pango_layout_set_text(t->layout, s, -1);
	pango_layout_set_single_paragraph_mode(t->layout, !st->wrap);
	if (st->wrap)
		text_wrap(t);
	if (st->spacing > 0) {
		PangoAttrList *al = pango_attr_list_new();
		pango_attr_list_insert(
		    al, pango_attr_letter_spacing_new((int)(st->spacing * PANGO_SCALE)));
		pango_layout_set_attributes(t->layout, al);
		pango_attr_list_unref(al);
	}
	double size = text_shrink(t, st->size, max_h);
	if (!t->wrapped && size < st->wrap_below) {
		text_wrap(t);
		text_shrink(t, st->wrap_below, max_h);
	}
	if (t->w > box_w || t->h > max_h)
		t->scale = fmin(box_w / t->w, max_h / t->h);
}

static void text_release(struct text *t)
{
	if (t->layout)
		g_object_unref(t->layout);
	t->layout = NULL;
}

/* Height on the page after fitting. */
static double text_height(const struct text *t)
{
	return t->h * t->scale;
}

/* Width of the ink-free box on the page: wrapped text fills its box. */
static double text_width(const struct text *t)
{
	return (t->wrapped ? t->box_w : t->w) * t->scale;
}

/* Paints t with the top-left of its box at (x, y). */
static void text_paint(cairo_t *cr, const struct text *t, double x, double y)
{
	const struct rgb *c = t->st->color;

	cairo_save(cr);
	cairo_translate(cr, x + (t->box_w - text_width(t)) * t->st->align, y);
	cairo_scale(cr, t->scale, t->scale);
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
	pango_cairo_show_layout(cr, t->layout);
	cairo_restore(cr);
}

/* Fits, paints and releases in one go; returns the height used. */
static double text_draw(struct pdf_cert_renderer *r, cairo_t *cr, enum style_id id, const char *s,
                        double x, double y, double box_w, double max_h)
{
	struct text t;

	text_fit(r, &t, id, s, box_w, max_h);
	text_paint(cr, &t, x, y);
	double h = text_height(&t);
	text_release(&t);
	return h;
}

static void hline(cairo_t *cr, double cx, double y, double w, double lw)
{
	cairo_set_source_rgb(cr, ink.r, ink.g, ink.b);
	cairo_set_line_width(cr, lw);
	cairo_move_to(cr, cx - w / 2, y);
	cairo_line_to(cr, cx + w / 2, y);
	cairo_stroke(cr);
}

static bool is_set(const char *s)
{
	return s && *s;
}

int pdf_cert_date_words(int64_t t, char *dst, size_t n)
{
	time_t tt = (time_t)(t + TZ_OFFSET);
	struct tm tm;

	if (!gmtime_r(&tt, &tm))
		return snprintf(dst, n, "ngày ... tháng ... năm ...");
	int mon = tm.tm_mon + 1;
	return snprintf(dst, n, "ngày %s%d tháng %s%d năm %d", tm.tm_mday < 10 ? "0" : "",
	                tm.tm_mday, mon < 3 ? "0" : "", mon, tm.tm_year + 1900);
}

/* ---- the page, top to bottom ---- */

static void draw_frame(cairo_t *cr)
{
	cairo_set_source_rgb(cr, paper.r, paper.g, paper.b);
	cairo_paint(cr);

	/* Outer deep-red band, a gold rule inside it, a gold hairline. */
	cairo_set_source_rgb(cr, red.r, red.g, red.b);
	cairo_set_line_width(cr, 6);
	cairo_rectangle(cr, 20, 20, PAGE_W - 40, PAGE_H - 40);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, gold.r, gold.g, gold.b);
	cairo_set_line_width(cr, 1.6);
	cairo_rectangle(cr, 27, 27, PAGE_W - 54, PAGE_H - 54);
	cairo_stroke(cr);
	cairo_set_line_width(cr, 0.6);
	cairo_rectangle(cr, 31.5, 31.5, PAGE_W - 63, PAGE_H - 63);
	cairo_stroke(cr);

	/* A gold lozenge at each corner, over the rules. */
	static const double corner[4][2] = {
	    {27, 27}, {PAGE_W - 27, 27}, {27, PAGE_H - 27}, {PAGE_W - 27, PAGE_H - 27}};
	for (int i = 0; i < 4; i++) {
		double x = corner[i][0], y = corner[i][1];
		cairo_move_to(cr, x, y - 9);
		cairo_line_to(cr, x + 9, y);
		cairo_line_to(cr, x, y + 9);
		cairo_line_to(cr, x - 9, y);
		cairo_close_path(cr);
		cairo_set_source_rgb(cr, gold.r, gold.g, gold.b);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, red.r, red.g, red.b);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
	}
}

/* Left block: issuing body in capitals, a short rule, the organisers. */
static void draw_issuer(struct pdf_cert_renderer *r, cairo_t *cr, const struct cert_data *d)
{
	const double x = 52, w = 290, top = 50;
	double y = top;

	if (is_set(d->issuer)) {
		char *up = g_utf8_strup(d->issuer, -1);
		y += text_draw(r, cr, S_ISSUER, up, x, y, w, 34);
		g_free(up);
		hline(cr, x + w / 2, y + 4, 80, 0.7);
		y += 11;
	}
	GString *orgs = g_string_new(NULL);
	for (size_t i = 0; i < d->n_orgs; i++) {
		const char *n = d->orgs[i].name;
		if (!is_set(n) || (is_set(d->issuer) && !strcmp(n, d->issuer)))
			continue;
		if (orgs->len)
			g_string_append_c(orgs, '\n');
		g_string_append(orgs, n);
	}
	if (orgs->len)
		text_draw(r, cr, S_ORGS, orgs->str, x, y, w, 118 - y);
	g_string_free(orgs, TRUE);
}

/* Right block: the national motto (Decree 30/2020/NĐ-CP). */
static void draw_motto(struct pdf_cert_renderer *r, cairo_t *cr)
{
	const double x = 492, w = 300;
	struct text t;

	double y =
	    50 + text_draw(r, cr, S_NATION, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", x, 50, w, 20);
	text_fit(r, &t, S_MOTTO, "Độc lập – Tự do – Hạnh phúc", w, 20);
	text_paint(cr, &t, x, y);
	/* The rule under the motto is as long as the motto. */
	hline(cr, x + w / 2, y + text_height(&t) + 2, text_width(&t), 0.7);
	text_release(&t);
}

/* Organisers' logos side by side between the two header blocks. */
static int draw_logos(struct pdf_cert_renderer *r, cairo_t *cr, const struct cert_data *d)
{
	cairo_surface_t *img[MAX_LOGOS];
	double aspect[MAX_LOGOS], total = 0;
	size_t n = 0;
	const double left = 346, right = 488, top = 48, max_h = 46, gap = 8;

	for (size_t i = 0; i < d->n_orgs && n < MAX_LOGOS; i++) {
		const struct cert_org *o = &d->orgs[i];
		if (!o->logo_png || !o->logo_len)
			continue;
		img[n] = img_get(r, o->logo_png, o->logo_len);
		if (!img[n])
			return -1;
		aspect[n] = (double)cairo_image_surface_get_width(img[n]) /
		            cairo_image_surface_get_height(img[n]);
		total += fmin(aspect[n], 2.5);
		n++;
	}
	if (!n)
		return 0;
	/* Logos share a height, as large as the gap allows. */
	double h = fmin(max_h, (right - left - gap * (double)(n - 1)) / total);
	double x = left + (right - left - (total * h + gap * (double)(n - 1))) / 2;
	for (size_t i = 0; i < n; i++) {
		double w = fmin(aspect[i], 2.5) * h;
		img_paint(cr, img[i], x, top + (max_h - h) / 2, w, h, true);
		x += w + gap;
	}
	return 0;
}

enum { BODY_TITLE, BODY_LABEL, BODY_NAME, BODY_SERIES, BODY_DONE, BODY_SECOND, BODY_N };

/* Title, name and what was completed, centred as a group between header and
 * footer.  Each block has a fixed budget, so the group always fits. */
static void draw_body(struct pdf_cert_renderer *r, cairo_t *cr, const struct cert_data *d)
{
	static const struct {
		enum style_id style;
		double w, max_h, gap_after;
	} spec[BODY_N] = {
	    [BODY_TITLE] = {S_TITLE, 700, 56, 14},   [BODY_LABEL] = {S_LABEL, 600, 22, 2},
	    [BODY_NAME] = {S_NAME, 640, 66, 12},     [BODY_SERIES] = {S_SERIES, 640, 46, 6},
	    [BODY_DONE] = {S_COMPLETED, 640, 40, 8}, [BODY_SECOND] = {S_SECOND, 620, 32, 0},
	};
	const char *str[BODY_N] = {"GIẤY CHỨNG NHẬN", "Chứng nhận Ông/Bà:", d->full_name,
	                           d->series_title,   d->completed,         d->second_lang};
	struct text t[BODY_N] = {0};
	const double top = 122, bottom = 410;
	double total = 0;

	for (int i = 0; i < BODY_N; i++) {
		if (!is_set(str[i]))
			continue;
		text_fit(r, &t[i], spec[i].style, str[i], spec[i].w, spec[i].max_h);
		total += text_height(&t[i]) + spec[i].gap_after;
	}
	double y = top + fmax(0, (bottom - top - total) / 2);
	for (int i = 0; i < BODY_N; i++) {
		if (!t[i].layout)
			continue;
		text_paint(cr, &t[i], (PAGE_W - spec[i].w) / 2, y);
		y += text_height(&t[i]) + spec[i].gap_after;
		if (i == BODY_TITLE) {
			/* A short gold rule under the title. */
			cairo_set_source_rgb(cr, gold.r, gold.g, gold.b);
			cairo_set_line_width(cr, 1.2);
			cairo_move_to(cr, PAGE_W / 2 - 60, y - spec[i].gap_after / 2);
			cairo_line_to(cr, PAGE_W / 2 + 60, y - spec[i].gap_after / 2);
			cairo_stroke(cr);
		}
		text_release(&t[i]);
	}
}

/* Bottom right: "<place>, ngày .. tháng .. năm ....", title, space, name. */
static void draw_signer(struct pdf_cert_renderer *r, cairo_t *cr, const struct cert_data *d)
{
	const double x = 470, w = 320;
	char date[64], line[512];

	pdf_cert_date_words(d->issued_at, date, sizeof(date));
	if (is_set(d->place))
		snprintf(line, sizeof(line), "%s, %s", d->place, date);
	else /* no place: the date opens the line, so "Ngày" */
		snprintf(line, sizeof(line), "N%s", date + 1);
	double y = 416 + text_draw(r, cr, S_DATE, line, x, 416, w, 20) + 4;
	if (is_set(d->signer_title)) {
		char *up = g_utf8_strup(d->signer_title, -1);
		text_draw(r, cr, S_SIGNER_TITLE, up, x, y, w, 36);
		g_free(up);
	}
	if (is_set(d->signer_name))
		text_draw(r, cr, S_SIGNER_NAME, d->signer_name, x, 528, w, 20);
}

/* Bottom left: QR, the URL under it, code and serial beside it. */
static int draw_verify(struct pdf_cert_renderer *r, cairo_t *cr, const struct cert_data *d)
{
	const double x = 50, y = 424, side = 96, tx = x + side + 10, tw = 200;
	char line[512];

	cairo_surface_t *qr = qr_surface_new(d->verify_url, 4);
	if (!qr)
		return -1;
	qr_draw(cr, qr, x, y, side);
	cairo_surface_destroy(qr);
	text_draw(r, cr, S_URL, d->verify_url, x + 2, y + side + 1, 300, 10);

	double ty = y + 30;
	snprintf(line, sizeof(line), "Mã xác thực: %s", d->verify_code);
	ty += text_draw(r, cr, S_CODE, line, tx, ty, tw, 16) + 4;
	snprintf(line, sizeof(line), "Số: %s", d->serial);
	text_draw(r, cr, S_CODE, line, tx, ty, tw, 16);
	return 0;
}

/* ---- the document ---- */

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int n)
{
	struct buf *out = closure;

	buf_add(out, data, n);
	return out->overflow ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static bool cert_data_valid(const struct cert_data *d)
{
	const char *required[] = {d->full_name, d->series_title, d->serial, d->verify_url,
	                          d->verify_code};
	const char *optional[] = {d->completed,   d->second_lang,  d->place,
	                          d->signer_name, d->signer_title, d->issuer};

	for (size_t i = 0; i < sizeof(required) / sizeof(*required); i++)
		if (!is_set(required[i]) || !g_utf8_validate(required[i], -1, NULL))
			return false;
	for (size_t i = 0; i < sizeof(optional) / sizeof(*optional); i++)
		if (optional[i] && !g_utf8_validate(optional[i], -1, NULL))
			return false;
	for (size_t i = 0; i < d->n_orgs; i++)
		if (d->orgs[i].name && !g_utf8_validate(d->orgs[i].name, -1, NULL))
			return false;
	return !d->n_orgs || d->orgs;
}

static void set_metadata(cairo_surface_t *s, const struct cert_data *d)
{
	time_t tt = (time_t)(d->issued_at + TZ_OFFSET);
	struct tm tm;
	char date[40], title[256];

	if (gmtime_r(&tt, &tm)) {
		strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%S+07:00", &tm);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	}
	snprintf(title, sizeof(title), "Giấy chứng nhận %s", d->serial);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "ocop");
}

int pdf_cert_render(struct pdf_cert_renderer *r, const struct cert_data *d, struct buf *out)
{
	size_t start = out->len;
	int rc = -1;

	if (!cert_data_valid(d))
		return -1;
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
	cairo_t *cr = cairo_create(s);
	set_metadata(s, d);
	pango_cairo_update_context(cr, r->pango);

	if (d->background_png && d->background_len) {
		cairo_surface_t *bg = img_get(r, d->background_png, d->background_len);
		if (!bg)
			goto out;
		img_paint(cr, bg, 0, 0, PAGE_W, PAGE_H, false);
	} else {
		draw_frame(cr);
	}
	draw_issuer(r, cr, d);
	draw_motto(r, cr);
	if (draw_logos(r, cr, d) < 0)
		goto out;
	draw_body(r, cr, d);
	draw_signer(r, cr, d);
	if (draw_verify(r, cr, d) < 0)
		goto out;
	cairo_show_page(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || out->overflow)
		goto out;
	rc = 0;
out:
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	if (rc && out->len != start) {
		out->len = start;
		out->p[start] = 0;
	}
	return rc;
}
