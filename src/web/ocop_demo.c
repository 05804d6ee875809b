/*
 * ocop_demo.c: the public self-assessment demo, /ocop.  Anyone can pick a
 * criteria sheet, answer it and see the result; nothing is saved (no row,
 * no cookie but the CSRF one).
 *   GET  /ocop             the sheets to choose from
 *   GET  /ocop?set=ID      the form for that sheet
 *   POST /ocop             renders the result directly (422 with the form
 *                          again when something is missing or refused)
 * Exports page_ocop_demo_get and page_ocop_demo_post; no SQL here.
 */
#include "http/req.h"
#include "app.h"
#include "core/i18n.h"
#include "web/ocop_view.h"
#include "web/pages.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The posted sheet version, a positive number, or 0. */
static int demo_version(const char *v)
{
	char *end;
	long n;

	if (!v || *v < '1' || *v > '9')
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	return errno || *end || n > 1000000 ? 0 : (int)n;
}

static void demo_form(struct req *r, const struct criteria_set *s, const struct ocop_form *f,
                      unsigned status, bool mark, const char *error)
{
	json_t *ctx = ocop_view_form(r, s, f, mark);

	json_object_set_new(ctx, "action", json_string("/ocop"));
	json_object_set_new(ctx, "back", json_string("/ocop"));
	json_object_set_new(ctx, "demo", json_true());
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	req_render(r, status, "ocop_form", ctx);
}

void page_ocop_demo_get(struct req *r)
{
	const char *id = req_query(r, "set");
	const struct criteria_set *s = ocop_view_sheet(r, id, 0);
	struct ocop_form f = {0};

	if (!s) {
		req_render(r, id ? 404 : 200, "ocop_demo",
		           json_pack("{s:o, s:b}", "sets", ocop_view_sets(r->app->criteria, NULL),
		                     "unknown", id != NULL));
		return;
	}
	f.choice = arena_alloc(&r->arena, (s->n_items + 1) * sizeof(*f.choice));
	ocop_dossier_list(&r->arena, s, &f.n_docs);
	f.has_doc = arena_alloc(&r->arena, f.n_docs + 1);
	demo_form(r, s, &f, 200, false, NULL);
}

void page_ocop_demo_post(struct req *r)
{
	int version = demo_version(req_field(r, "version"));
	const struct criteria_set *s =
	    version ? ocop_view_sheet(r, req_field(r, "set"), version) : NULL;
	struct ocop_form f;
	struct criteria_result res;
	char err[256];

	if (!s) {
		req_error(r, 422, _("Bộ tiêu chí không đúng. Xin chọn lại từ trang tự đánh giá."));
		return;
	}
	if (ocop_view_parse(r, s, &f, err, sizeof(err)) != 0) {
		struct ocop_form empty = {0};
		empty.choice = arena_alloc(&r->arena, (s->n_items + 1) * sizeof(*empty.choice));
		ocop_dossier_list(&r->arena, s, &empty.n_docs);
		empty.has_doc = arena_alloc(&r->arena, empty.n_docs + 1);
		demo_form(r, s, &empty, 422, false, arena_strdup(&r->arena, err));
		return;
	}
	bool *missing = arena_alloc(&r->arena, s->n_items + 1);
	if (ocop_form_missing(s, f.choice, missing)) {
		demo_form(r, s, &f, 422, true, NULL);
		return;
	}
	if (criteria_score(&r->arena, s, f.choice, &res, err, sizeof(err)) != 0) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	if (!*f.product_name)
		f.product_name = _("Sản phẩm chưa đặt tên");
	json_t *ctx = ocop_view_result(r, s, &f, &res, (int64_t)time(NULL));
	json_object_set_new(ctx, "demo", json_true());
	json_object_set_new(ctx, "again", json_sprintf("/ocop?set=%s", s->id));
	req_render(r, 200, "ocop_result", ctx);
}
