/*
 * admin_series.c: a series in the console.  GET /admin/series/{slug} is the
 * overview (dates, registration window, counts, the tab bar to the
 * sub-pages); /admin/series/new and /admin/series/{slug}/edit create and
 * change the series itself through series_edit_save() in the group commit.
 * Exports page_admin_series*(); no SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/series.h"
#include "domain/series_edit.h"
#include "web/admin.h"
#include "web/admin_form.h"
#include "web/admin_series_form.h"
#include "web/pages.h"
#include "web/view.h"

#include <time.h>

static void admin_series_when(json_t *o, const char *key, const char *text_key)
{
	int64_t t = json_integer_value(json_object_get(o, key));
	char d[32], hm[8];

	if (t)
		json_object_set_new(o, text_key,
		                    json_sprintf("%s %s", vtime_hm(hm, sizeof(hm), t),
		                                 vtime_date(d, sizeof(d), t)));
}

void page_admin_series(struct req *r)
{
	struct series s;
	const char *why = NULL;

	if (admin_series(r, &s, false) != 0)
		return;
	json_t *full = series_load(r->db, &s);
	if (!full) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	view_series(full);
	admin_series_when(full, "reg_opens_at", "reg_opens_text");
	admin_series_when(full, "reg_closes_at", "reg_closes_text");
	json_t *ctx = admin_series_ctx(r, &s, "overview");
	json_object_set_new(ctx, "full", full);
	json_object_set_new(ctx, "open",
	                    json_boolean(series_registration_open(&s, (int64_t)time(NULL), &why)));
	req_render(r, 200, "admin_series", ctx);
}

void page_admin_series_new(struct req *r)
{
	json_t *values = json_object(), *errors = json_object();

	series_form_render(r, 200, NULL, values, errors, NULL);
	json_decref(values);
	json_decref(errors);
}

void page_admin_series_edit(struct req *r)
{
	struct series s;

	if (admin_series(r, &s, true) != 0)
		return;
	json_t *snap = series_edit_snapshot(r->db, s.id);
	json_t *values = series_form_values(snap), *errors = json_object();
	series_form_render(r, 200, &s, values, errors, snap);
	json_decref(snap);
	json_decref(values);
	json_decref(errors);
}

/* Shows the form again with what was typed and the errors. */
static void admin_series_again(struct req *r, unsigned status, const struct series *s,
                               struct form *f)
{
	json_t *snap = s ? series_edit_snapshot(r->db, s->id) : NULL;

	if (json_object_size(f->errors))
		json_object_set_new(f->errors, "logo_again",
		                    json_string(_("Nếu đã chọn logo, xin chọn lại tệp.")));
	series_form_render(r, status, s, f->values, f->errors, snap);
	json_decref(snap);
	form_release(f);
}

static void admin_series_saved(struct req *r)
{
	struct series_input *in = r->job.arg;
	struct series s, *sp = NULL;
	struct form f;

	if (r->job.rc == DB_OK) {
		req_redirect(r, 303, arena_printf(&r->arena, "/admin/series/%s?saved=1", in->slug));
		return;
	}
	if (r->job.rc != DB_CONFLICT) {
		req_error(r, r->job.rc == DB_NOTFOUND ? 404 : 503,
		          r->job.rc == DB_NOTFOUND
		              ? _("Không tìm thấy chuỗi tập huấn này.")
		              : _("Hệ thống đang bận, chưa lưu được. Xin gửi lại."));
		return;
	}
	if (in->id && series_find_id(r->db, in->id, &s) == DB_OK)
		sp = &s;
	form_init(&f, r);
	struct series_input again = {0};
	series_form_parse(&f, &again);
	form_error(&f, "slug",
	           _("Địa chỉ này đã có chuỗi tập huấn khác dùng. Xin chọn địa chỉ khác."));
	admin_series_again(r, 422, sp, &f);
}

/* Parses the form for series s (NULL: a new one) and writes it. */
static void admin_series_post(struct req *r, const struct series *s)
{
	struct series_input *in = arena_alloc(&r->arena, sizeof(*in));
	struct form f;

	form_init(&f, r);
	series_form_parse(&f, in);
	if (!form_ok(&f)) {
		admin_series_again(r, 422, s, &f);
		return;
	}
	form_release(&f);
	in->id = s ? s->id : 0;
	in->who = r->user;
	in->now = (int64_t)time(NULL);
	req_write(r, series_edit_save, in, admin_series_saved);
}

void page_admin_series_create(struct req *r)
{
	admin_series_post(r, NULL);
}

void page_admin_series_update(struct req *r)
{
	struct series s;

	if (admin_series(r, &s, true) == 0)
		admin_series_post(r, &s);
}
