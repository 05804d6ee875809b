/*
 * ocop_result.c: GET /me/{token}/ocop/{id}/result, the scored
 * self-assessment (points per part, stars, blockers, what to fix first,
 * the dossier checklist), and GET /me/{token}/ocop/{id}/report.pdf, the
 * same as a printable A4 report to attach to the dossier.  An assessment
 * not complete yet sends the person back to the form with the criteria left
 * marked.  Exports page_ocop_result and page_ocop_pdf; no SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "render/pdf_assessment.h"
#include "web/ocop_view.h"
#include "web/pages.h"

#include <string.h>

/* Scores pg; on an incomplete assessment answers 303 to the form. */
static int result_score(struct req *r, struct ocop_page *pg, struct criteria_result *res)
{
	bool *missing = arena_alloc(&r->arena, pg->s->n_items + 1);
	char err[256];

	if (ocop_form_missing(pg->s, pg->f.choice, missing) || !*pg->f.product_name) {
		req_redirect(r, 303, arena_printf(&r->arena, "%s?check=1#missing", pg->path));
		return -1;
	}
	if (criteria_score(&r->arena, pg->s, pg->f.choice, res, err, sizeof(err)) != 0) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return -1;
	}
	return 0;
}

void page_ocop_result(struct req *r)
{
	struct ocop_page pg;
	struct criteria_result res;

	if (ocop_page_load(r, &pg, true) != 0 || result_score(r, &pg, &res) != 0)
		return;
	json_t *ctx = ocop_view_result(r, pg.s, &pg.f, &res, pg.a.updated_at);
	json_object_set_new(ctx, "edit", json_string(pg.path));
	json_object_set_new(ctx, "back", json_string(pg.base));
	json_object_set_new(ctx, "pdf", json_sprintf("%s/report.pdf", pg.path));
	req_add_header(r, "Cache-Control", "no-store");
	req_add_header(r, "X-Robots-Tag", "noindex");
	req_render(r, 200, "ocop_result", ctx);
}

void page_ocop_pdf(struct req *r)
{
	struct ocop_page pg;
	struct criteria_result res;

	if (ocop_page_load(r, &pg, true) != 0 || result_score(r, &pg, &res) != 0)
		return;
	json_t *view = ocop_view_result(r, pg.s, &pg.f, &res, pg.a.updated_at);
	arena_defer(&r->arena, (void (*)(void *))json_decref, view);
	buf_reset(&r->out);
	if (pdf_assessment_render(view, pg.a.updated_at, &r->out) != 0) {
		buf_reset(&r->out);
		req_error(r, 500, _("Không tạo được tệp PDF. Xin thử lại sau."));
		return;
	}
	r->status = 200;
	r->content_type = "application/pdf";
	req_add_header(r, "Content-Disposition",
	               arena_printf(&r->arena, "attachment; filename=\"tu-danh-gia-ocop-%lld.pdf\"",
	                            (long long)pg.a.id));
	req_add_header(r, "Cache-Control", "no-store");
}
