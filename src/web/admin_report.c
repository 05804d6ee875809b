/*
 * admin_report.c: the organisers' dashboard and the report to send upward.
 *   GET /admin/series/{slug}/report[?province=&category=&map=1]   the page
 *   GET /admin/series/{slug}/report.pdf[?...]                      the PDF
 *   GET /admin/series/{slug}/report.xlsx[?...]                     the workbook
 * Every figure comes from report_build() over the cube the dashboard's
 * cache holds (domain/report.h), so the page and the files agree; charts
 * are described by render/report_charts.c and drawn here as SVG, placed
 * raw (chart_*) in templates/admin_report.html.  No SQL here.
 */
#include "http/req.h"
#include "app.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/vtime.h"
#include "domain/registration.h"
#include "domain/report.h"
#include "domain/series.h"
#include "render/pdf_report.h"
#include "render/report_charts.h"
#include "render/svg_chart.h"
#include "render/xlsx_report.h"
#include "web/admin.h"
#include "web/pages.h"
#include "web/send_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The filter from the query; report_build() ignores codes it does not
 * know, so only the shape is checked here. */
static void report_query(struct req *r, struct report_filter *f, json_t *q)
{
	const char *p = req_query(r, "province"), *c = req_query(r, "category");
	const char *m = req_query(r, "map");

	memset(f, 0, sizeof(*f));
	if (p && strlen(p) == 2 && p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9')
		f->province = p;
	if (c && reg_category_find(c))
		f->category = c;
	f->map_2025 = m && strcmp(m, "1") == 0;
	struct buf b;
	buf_init(&b, 256);
	const char *kv[] = {"province",  f->province, "category",
	                    f->category, "map",       f->map_2025 ? "1" : NULL};
	for (int i = 0; i < 6; i += 2) {
		if (!kv[i + 1])
			continue;
		buf_addf(&b, "%c%s=", b.len ? '&' : '?', kv[i]);
		buf_add_url(&b, kv[i + 1], strlen(kv[i + 1]));
	}
	json_object_set_new(q, "query", json_string(b.p));
	buf_release(&b);
}

/* The report of the series in r->params[0] under the query's filter, or
 * NULL with the error answered. */
static json_t *report_load(struct req *r, struct series *s, json_t *q, bool *stale)
{
	struct report_filter f;

	if (admin_series(r, s, false) != 0)
		return NULL;
	report_query(r, &f, q);
	struct report_cube *c = report_cache_get(r->app->reports, r->db, s->id, stale);
	if (!c) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return NULL;
	}
	json_t *rep = report_build(c, &f);
	report_cube_free(c);
	arena_defer(&r->arena, (void (*)(void *))json_decref, rep);
	return rep;
}

/* "n_text" beside each number n of o, recursively (dots between
 * thousands; one decimal for rates, two for ratings; "—" for a null rate
 * or mean). */
static void report_texts(json_t *o)
{
	json_t *v, *add;
	const char *k;
	char t[48], key[64];
	size_t i;

	if (json_is_array(o)) {
		json_array_foreach(o, i, v) report_texts(v);
		return;
	}
	if (!json_is_object(o))
		return;
	add = json_object();
	json_object_foreach(o, k, v)
	{
		bool rate = strstr(k, "rate") || strstr(k, "pct"), mean = strcmp(k, "mean") == 0;
		if (json_is_object(v) || json_is_array(v)) {
			report_texts(v);
			continue;
		}
		if (!json_is_number(v) && !(json_is_null(v) && (rate || mean)))
			continue;
		if (strcmp(k, "id") == 0 || strcmp(k, "t") == 0 || strcmp(k, "generated_at") == 0)
			continue;
		snprintf(key, sizeof(key), "%s_text", k);
		json_object_set_new(add, key,
		                    json_string(json_is_null(v)
		                                    ? "—"
		                                    : svg_number(t, sizeof(t), json_number_value(v),
		                                                 mean   ? 2
		                                                 : rate ? 1
		                                                        : 0)));
	}
	json_object_update(o, add);
	json_decref(add);
}

static const char *const chart_names[REPORT_CHART_N] = {
    "chart_days",   "chart_provinces", "chart_categories", "chart_attendance",
    "chart_scores", "chart_pass",      "chart_ratings",    "chart_speakers"};

/* Every chart as SVG, keyed chart_*: our own markup, placed raw. */
static json_t *report_charts(struct req *r, const json_t *rep, const char *base)
{
	json_t *o = json_object();
	struct svg_chart c;
	struct buf b;

	for (int i = 0; i < REPORT_CHART_N; i++) {
		report_chart(&r->arena, rep, (enum report_chart_id)i, base, &c);
		buf_init(&b, 4 << 20);
		svg_chart(&b, &c);
		json_object_set_new(o, chart_names[i], json_string(b.p));
		buf_release(&b);
	}
	return o;
}

/* The filter's choices, the current ones selected. */
static void report_choices(json_t *ctx, const json_t *rep)
{
	const json_t *f = json_object_get(rep, "filter"), *x;
	const char *fp = json_string_value(json_object_get(f, "province"));
	const char *fc = json_string_value(json_object_get(f, "category"));
	json_t *provs = json_array(), *cats = json_array();
	size_t i;

	json_array_foreach(json_object_get(rep, "provinces"), i, x)
	{
		const char *code = json_string_value(json_object_get(x, "code"));
		json_array_append_new(provs, json_pack("{s:s, s:O, s:b}", "code", code, "name",
		                                       json_object_get(x, "name"), "selected",
		                                       fp && strcmp(fp, code) == 0));
	}
	for (size_t k = 0; k < reg_ncategories; k++)
		json_array_append_new(cats,
		                      json_pack("{s:s, s:s, s:b}", "code", reg_categories[k].code,
		                                "label", _(reg_categories[k].label), "selected",
		                                fc && strcmp(fc, reg_categories[k].code) == 0));
	json_object_set_new(ctx, "province_choices", provs);
	json_object_set_new(ctx, "category_choices", cats);
}

/* The registrants list behind the totals, under the same filter (codes of
 * the current list only: the list page knows no other). */
static const char *report_regs_link(struct req *r, const json_t *rep, const char *base)
{
	const json_t *f = json_object_get(rep, "filter");
	const char *p = json_string_value(json_object_get(f, "province"));
	const char *c = json_string_value(json_object_get(f, "category"));
	bool old = json_is_true(json_object_get(f, "pre2025"));

	return arena_printf(&r->arena, "%s/registrations?status=active%s%s%s%s", base,
	                    p && !old ? "&province=" : "", p && !old ? p : "",
	                    c ? "&category=" : "", c ? c : "");
}

void page_admin_report(struct req *r)
{
	struct series s;
	json_t *q = json_object();
	bool stale = false;
	char hm[8], d[16];

	arena_defer(&r->arena, (void (*)(void *))json_decref, q);
	json_t *rep = report_load(r, &s, q, &stale);
	if (!rep)
		return;
	const char *base = arena_printf(&r->arena, "/admin/series/%s", s.slug);
	json_t *ctx = admin_series_ctx(r, &s, "report");
	json_object_set_new(ctx, "charts", report_charts(r, rep, base));
	report_texts(rep);
	report_choices(ctx, rep);
	int64_t at = json_integer_value(json_object_get(rep, "generated_at"));
	json_object_set_new(ctx, "rep", json_incref(rep));
	json_object_set(ctx, "query", json_object_get(q, "query"));
	json_object_set_new(ctx, "regs_link", json_string(report_regs_link(r, rep, base)));
	json_object_set_new(ctx, "stale", json_boolean(stale));
	json_object_set_new(ctx, "refresh_min", json_integer(REPORT_REFRESH_MIN));
	json_object_set_new(
	    ctx, "at_text",
	    json_sprintf("%s %s", vtime_hm(hm, sizeof(hm), at), vtime_date(d, sizeof(d), at)));
	req_render(r, 200, "admin_report", ctx);
}

static const char *report_filename(struct req *r, const struct series *s, const char *ext)
{
	return arena_printf(&r->arena, "bao-cao-%s%s", s->slug, ext);
}

void page_admin_report_pdf(struct req *r)
{
	struct series s;
	json_t *q = json_object();
	bool stale;

	arena_defer(&r->arena, (void (*)(void *))json_decref, q);
	json_t *rep = report_load(r, &s, q, &stale);
	if (!rep)
		return;
	buf_reset(&r->out);
	if (pdf_report_render(&r->out, rep) != 0) {
		buf_reset(&r->out);
		req_error(r, 500, _("Không tạo được tệp PDF. Xin thử lại sau."));
		return;
	}
	r->status = 200;
	r->content_type = "application/pdf";
	req_content_disposition(r, true, report_filename(r, &s, ".pdf"));
	req_add_header(r, "Cache-Control", "no-store");
}

void page_admin_report_xlsx(struct req *r)
{
	struct series s;
	json_t *q = json_object();
	const char *dir = getenv("TMPDIR");
	bool stale;
	int fd;

	arena_defer(&r->arena, (void (*)(void *))json_decref, q);
	json_t *rep = report_load(r, &s, q, &stale);
	if (!rep)
		return;
	char *path = arena_printf(&r->arena, "%s/ocop-report-XXXXXX", dir && *dir ? dir : "/tmp");
	FILE *f = NULL;
	if ((fd = mkstemp(path)) >= 0) {
		close(fd);
		if (xlsx_report_write(rep, path) == 0)
			f = fopen(path, "rb");
		unlink(path); /* an open file lives on until it is closed */
	}
	if (!f) {
		log_error("[%s] cannot write the report workbook in '%s'", r->request_id, path);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	send_file(r, f, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	          report_filename(r, &s, ".xlsx"));
}
