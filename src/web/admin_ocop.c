/*
 * admin_ocop.c: GET /admin/series/{slug}/ocop, what the series'
 * participants learnt from assessing their own products: how many did,
 * their predicted stars by province, product set and participant category,
 * and the criteria most often scored low; GET /admin/series/{slug}/ocop.xlsx,
 * the same as a workbook.  Any console role that may see the series.
 *
 * The bars are an SVG drawn by the template from numbers computed here
 * (no raw output).  The workbook is built in a temporary file and copied
 * into the response buffer: src/http has no file or streaming response yet,
 * and a summary is a few kilobytes.  Exports page_admin_ocop and
 * page_admin_ocop_xlsx; no SQL here.
 */
#include "http/req.h"
#include "app.h"
#include "core/i18n.h"
#include "domain/ocop_stats.h"
#include "domain/series.h"
#include "render/xlsx_ocop.h"
#include "web/admin.h"
#include "web/pages.h"

#define BAR_W 260 /* px of the longest bar */

static const char *const star_labels[] = {N_("Không xếp hạng"), N_("1 sao"), N_("2 sao"),
                                          N_("3 sao"),          N_("4 sao"), N_("5 sao")};

/* counts [n0..n5] as cells shown 5★ first. */
static void groups_view(json_t *groups)
{
	size_t i;
	json_t *g;

	json_array_foreach(groups, i, g)
	{
		json_t *c = json_object_get(g, "counts"), *cells = json_array();

		for (int k = 5; k >= 0; k--)
			json_array_append(cells, json_array_get(c, (size_t)k));
		json_object_set_new(g, "cells", cells);
	}
}

static json_t *bars_view(const json_t *stars)
{
	json_t *bars = json_array();
	json_int_t max = 1;

	for (size_t k = 0; k < 6; k++)
		if (json_integer_value(json_array_get(stars, k)) > max)
			max = json_integer_value(json_array_get(stars, k));
	for (int k = 5; k >= 0; k--) {
		json_int_t n = json_integer_value(json_array_get(stars, (size_t)k));
		int row = 5 - k;

		json_array_append_new(
		    bars, json_pack("{s:s, s:I, s:I, s:i, s:i, s:i}", "label", _(star_labels[k]),
		                    "count", n, "w", n * BAR_W / max, "y", row * 28, "ty",
		                    row * 28 + 17, "tx", (int)(124 + n * BAR_W / max + 6)));
	}
	return bars;
}

/* The series' title, an arena copy ("" if it cannot be read). */
static const char *series_title(struct req *r, const struct series *s)
{
	json_t *sj = series_load(r->db, s);
	const char *title = json_string_value(json_object_get(sj, "title"));
	const char *t = arena_strdup(&r->arena, title ? title : "");

	json_decref(sj);
	return t;
}

static json_t *stats_load(struct req *r, struct series *s)
{
	json_t *st;

	if (admin_series(r, s, false) != 0)
		return NULL;
	if (!(st = ocop_stats_series(r->db, r->app->criteria, s->id)))
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
	return st;
}

void page_admin_ocop(struct req *r)
{
	struct series s;
	json_t *st = stats_load(r, &s);

	if (!st)
		return;
	json_t *ctx = admin_ctx(r);
	groups_view(json_object_get(st, "by_province"));
	groups_view(json_object_get(st, "by_set"));
	groups_view(json_object_get(st, "by_category"));
	json_object_set_new(st, "bars", bars_view(json_object_get(st, "stars")));
	json_object_set_new(ctx, "stats", st);
	json_object_set_new(ctx, "series",
	                    json_pack("{s:s, s:s}", "slug", s.slug, "title", series_title(r, &s)));
	json_object_set_new(ctx, "has_complete",
	                    json_boolean(json_integer_value(json_object_get(st, "complete")) > 0));
	req_render(r, 200, "admin_ocop", ctx);
}

void page_admin_ocop_xlsx(struct req *r)
{
	struct series s;
	json_t *st = stats_load(r, &s);

	if (!st)
		return;
	buf_reset(&r->out);
	int rc = xlsx_ocop_render(st, series_title(r, &s), &r->out);
	json_decref(st);
	if (rc != 0) {
		buf_reset(&r->out);
		req_error(r, 500, _("Không tạo được tệp Excel. Xin thử lại sau."));
		return;
	}
	r->status = 200;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	req_add_header(
	    r, "Content-Disposition",
	    arena_printf(&r->arena, "attachment; filename=\"tu-danh-gia-ocop-%s.xlsx\"", s.slug));
	req_add_header(r, "Cache-Control", "no-store");
}
