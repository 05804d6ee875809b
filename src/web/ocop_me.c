/*
 * ocop_me.c: the participant's self-assessments under /me/{token}/ocop:
 *   GET  /me/{token}/ocop        the list, and the form to start one
 *   POST /me/{token}/ocop        start: pick a sheet, name the product
 *   GET  /me/{token}/ocop/{id}   the long form (?check=1 marks what is left)
 *   POST /me/{token}/ocop/{id}   "Lưu" saves progress, "Xem kết quả" saves
 *                                and goes to the result when complete
 * Writes go through the group commit and answer 303 (post/redirect/get).
 * A form that does not belong to the sheet is refused with 422 and the
 * exact reason, and nothing is saved.  Exports page_ocop_list, _start,
 * _form and _save; no SQL here.
 */
#include "http/req.h"
#include "app.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "web/ocop_view.h"
#include "web/pages.h"

#include <string.h>

static void list_render(struct req *r, struct ocop_page *pg, unsigned status, const char *error)
{
	json_t *list = ocop_assess_list(r->db, pg->reg_id);
	size_t i;
	json_t *x;
	char d[32];

	if (!list) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	json_array_foreach(list, i, x)
	{
		const struct criteria_set *s = criteria_registry_find_version(
		    r->app->criteria, json_string_value(json_object_get(x, "set_id")),
		    (int)json_integer_value(json_object_get(x, "set_version")));
		json_t *stars = json_object_get(x, "stars");

		json_object_set_new(x, "set_title", json_string(s ? s->product_set : "?"));
		json_object_set_new(
		    x, "href",
		    json_sprintf("%s/%lld", pg->base,
		                 (long long)json_integer_value(json_object_get(x, "id"))));
		json_object_set_new(
		    x, "date",
		    json_string(vtime_date(d, sizeof(d),
		                           json_integer_value(json_object_get(x, "updated_at")))));
		if (json_is_integer(stars))
			json_object_set_new(
			    x, "stars_text",
			    json_string(ocop_view_stars((int)json_integer_value(stars))));
	}
	json_t *ctx = json_pack("{s:O, s:o, s:o, s:s, s:s, s:s?, s:s}", "reg", pg->reg, "list",
	                        list, "sets", ocop_view_sets(r->app->criteria, req_field(r, "set")),
	                        "base", pg->base, "csrf", req_csrf_token(r), "error", error, "me",
	                        arena_printf(&r->arena, "/me/%s", r->params[0]));
	req_add_header(r, "Cache-Control", "no-store");
	req_add_header(r, "X-Robots-Tag", "noindex");
	req_render(r, status, "ocop_list", ctx);
}

void page_ocop_list(struct req *r)
{
	struct ocop_page pg;

	if (ocop_page_load(r, &pg, false) == 0)
		list_render(r, &pg, 200, NULL);
}

static void start_done(struct req *r)
{
	struct ocop_assess *a = r->job.arg;

	if (r->job.rc != DB_OK) {
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được. Xin gửi lại."));
		return;
	}
	req_redirect(r, 303,
	             arena_printf(&r->arena, "/me/%s/ocop/%lld", r->params[0], (long long)a->id));
}

void page_ocop_start(struct req *r)
{
	struct ocop_page pg;
	struct ocop_form f;
	char err[256];

	if (ocop_page_load(r, &pg, false) != 0)
		return;
	const struct criteria_set *s = ocop_view_sheet(r, req_field(r, "set"), 0);
	if (!s) {
		list_render(r, &pg, 422, _("Xin chọn bộ tiêu chí phù hợp với sản phẩm."));
		return;
	}
	/* Only the product fields are read here; answers come with the form. */
	const char *names[] = {"product_name"};
	const char *values[] = {req_field(r, "product_name") ? req_field(r, "product_name") : ""};
	if (ocop_form_parse(&r->arena, s, names, values, 1, &f, err, sizeof(err)) != 0) {
		list_render(r, &pg, 422, arena_strdup(&r->arena, err));
		return;
	}
	struct ocop_assess *a = arena_alloc(&r->arena, sizeof(*a));
	*a = (struct ocop_assess){
	    .registration_id = pg.reg_id,
	    .set_id = s->id,
	    .set_version = s->version,
	    .product_name = f.product_name,
	    .product_set = s->product_set,
	    .province_code = json_string_value(json_object_get(pg.reg, "province_code")),
	    .producer = json_string_value(json_object_get(pg.reg, "organization")),
	};
	req_write(r, ocop_assess_insert, a, start_done);
}

static void form_render(struct req *r, struct ocop_page *pg, unsigned status, const char *error)
{
	const char *check = req_query(r, "check");
	bool mark = check && strcmp(check, "1") == 0;
	json_t *ctx = ocop_view_form(r, pg->s, &pg->f, mark);
	const char *saved = req_query(r, "saved");

	json_object_set_new(ctx, "action", json_string(pg->path));
	json_object_set_new(ctx, "back", json_string(pg->base));
	json_object_set_new(ctx, "saved", json_boolean(saved && strcmp(saved, "1") == 0));
	json_object_set_new(ctx, "need_name", json_boolean(mark && !*pg->f.product_name));
	if (pg->a.is_scored)
		json_object_set_new(ctx, "result_href", json_sprintf("%s/result", pg->path));
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	req_add_header(r, "Cache-Control", "no-store");
	req_add_header(r, "X-Robots-Tag", "noindex");
	req_render(r, status, "ocop_form", ctx);
}

void page_ocop_form(struct req *r)
{
	struct ocop_page pg;

	if (ocop_page_load(r, &pg, true) == 0)
		form_render(r, &pg, 200, NULL);
}

struct save_job {
	struct ocop_assess a;
	bool want_result, is_complete;
	const char *path;
};

static int save_fn(struct db *db, void *arg)
{
	return ocop_assess_update(db, &((struct save_job *)arg)->a);
}

static void save_done(struct req *r)
{
	struct save_job *j = r->job.arg;

	if (r->job.rc == DB_NOTFOUND) {
		req_error(r, 404, _("Không tìm thấy phiếu tự đánh giá này."));
		return;
	}
	if (r->job.rc != DB_OK) {
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được. Xin gửi lại."));
		return;
	}
	if (!j->want_result)
		req_redirect(r, 303, arena_printf(&r->arena, "%s?saved=1", j->path));
	else if (j->is_complete)
		req_redirect(r, 303, arena_printf(&r->arena, "%s/result", j->path));
	else
		req_redirect(r, 303, arena_printf(&r->arena, "%s?check=1#missing", j->path));
}

void page_ocop_save(struct req *r)
{
	struct ocop_page pg;
	struct ocop_form f;
	struct criteria_result res;
	char err[256];
	const char *action = req_field(r, "action");

	if (ocop_page_load(r, &pg, true) != 0)
		return;
	if (ocop_view_parse(r, pg.s, &f, err, sizeof(err)) != 0) {
		form_render(r, &pg, 422, arena_strdup(&r->arena, err));
		return;
	}
	struct save_job *j = arena_alloc(&r->arena, sizeof(*j));
	bool *missing = arena_alloc(&r->arena, pg.s->n_items + 1);
	j->a = pg.a;
	j->a.product_name = f.product_name;
	j->a.product_set = *f.product_set ? f.product_set : pg.s->product_set;
	j->a.producer = f.producer;
	j->a.province_code = f.province_code;
	j->a.answers = ocop_answers_text(&r->arena, pg.s, f.choice);
	j->a.dossier = ocop_dossier_text(&r->arena, f.has_doc, f.n_docs);
	j->a.is_scored = ocop_form_missing(pg.s, f.choice, missing) == 0 &&
	                 criteria_score(&r->arena, pg.s, f.choice, &res, err, sizeof(err)) == 0;
	if (j->a.is_scored) {
		j->a.total = res.total;
		j->a.stars = res.stars;
	}
	j->want_result = action && strcmp(action, "result") == 0;
	j->is_complete = j->a.is_scored && *f.product_name;
	j->path = pg.path;
	req_write(r, save_fn, j, save_done);
}
