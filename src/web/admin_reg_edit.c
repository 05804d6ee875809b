/*
 * admin_reg_edit.c: one registration in the console.
 * GET  /admin/series/{slug}/registrations/{id}         the form (viewers: read only)
 * POST /admin/series/{slug}/registrations/{id}         save the fields
 * POST /admin/series/{slug}/registrations/{id}/status  withdraw or reactivate
 * The fields go through reg_validate, like the public form; the e-mail
 * stays unique in the series (the unique index answers 409).  Writes run in
 * the group commit with their audit entry (domain/reg_edit.c).  No SQL here.
 */
#include "http/req.h"
#include "app.h"
#include "core/i18n.h"
#include "domain/contact.h"
#include "domain/reg_edit.h"
#include "domain/reg_list.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/pages.h"
#include "domain/outbox.h"
#include "core/vtime.h"
#include "web/view.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const edit_fields[] = {"full_name",     "email",    "phone",
					  "province_code", "category", "organization",
					  "position"};

/* The registration id of r->params[1]; 0 if malformed. */
static int64_t edit_id(struct req *r)
{
	char *end;
	long long id = strtoll(r->params[1], &end, 10);

	return *end == 0 && id > 0 && strlen(r->params[1]) < 19 ? id : 0;
}

/* Renders the form with the stored registration, or the posted values. */
static void edit_form(struct req *r, unsigned status, const struct series *s, int64_t id,
		      json_t *errors, const char *notice)
{
	json_t *reg = reg_list_one(r->db, s->id, id);
	char phone[PHONE_MAX];

	if (!reg) {
		json_decref(errors);
		req_error(r, 404, _("Không tìm thấy đăng ký này."));
		return;
	}
	json_t *values = json_deep_copy(reg);
	phone_local(json_string_value(json_object_get(reg, "phone")), phone);
	json_object_set_new(values, "phone", json_string(phone));
	if (errors)
		for (size_t i = 0; i < sizeof(edit_fields) / sizeof(edit_fields[0]); i++) {
			const char *v = req_field(r, edit_fields[i]);
			if (v)
				json_object_set_new(values, edit_fields[i], json_string(v));
		}
	json_t *ctx = admin_ctx(r);
	json_object_set_new(ctx, "series", json_pack("{s:s}", "slug", s->slug));
	json_object_set_new(ctx, "reg", reg);
	/* Delivery of the mail sent to this person (newest first). */
	json_t *mail = outbox_for_registration(r->db, id);
	size_t i;
	json_t *x;
	char d[16], t[8];
	json_array_foreach(mail, i, x)
	{
		int64_t at = json_integer_value(json_object_get(x, "at"));
		const char *st = json_string_value(json_object_get(x, "state"));
		json_object_set_new(x, "when", json_sprintf("%s %s", vtime_hm(t, sizeof(t), at),
							    vtime_date(d, sizeof(d), at)));
		json_object_set_new(x, "state_text",
				    json_string(strcmp(st, "sent") == 0     ? _("đã gửi")
						: strcmp(st, "failed") == 0  ? _("lỗi")
						: strcmp(st, "sending") == 0 ? _("đang gửi")
						: strcmp(st, "cancelled") == 0 ? _("đã huỷ")
									     : _("chờ gửi")));
		json_object_set_new(x, "bad", json_boolean(strcmp(st, "failed") == 0));
	}
	json_object_set_new(ctx, "mail", mail);
	json_object_set_new(ctx, "withdrawn",
			    json_boolean(strcmp(json_string_value(json_object_get(reg, "status")),
						"withdrawn") == 0));
	json_object_set_new(ctx, "provinces",
			    view_provinces(json_string_value(json_object_get(values, "province_code"))));
	json_object_set_new(ctx, "categories",
			    view_categories(json_string_value(json_object_get(values, "category")),
					    s->legacy_units));
	json_object_set_new(ctx, "values", values);
	json_object_set_new(ctx, "errors", errors ? errors : json_object());
	if (errors)
		json_object_set_new(ctx, "has_errors", json_true());
	if (notice)
		json_object_set_new(ctx, "notice", json_string(notice));
	req_render(r, status, "admin_reg_edit", ctx);
}

void page_admin_reg_get(struct req *r)
{
	struct series s;
	int64_t id;

	if (admin_series(r, &s, false) != 0)
		return;
	if (!(id = edit_id(r))) {
		req_error(r, 404, _("Không tìm thấy đăng ký này."));
		return;
	}
	edit_form(r, 200, &s, id,
		  NULL, req_query(r, "saved") ? _("Đã lưu thay đổi.") : NULL);
}

static void edit_done(struct req *r)
{
	struct reg_edit *e = r->job.arg;
	struct series s;

	switch (r->job.rc) {
	case DB_OK:
		reg_counts_invalidate(r->app->reg_counts, e->series_id);
		req_redirect(r, 303, arena_printf(&r->arena, "/admin/series/%s/registrations/%lld?saved=1",
						  r->params[0], (long long)e->id));
		return;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy đăng ký này."));
		return;
	case DB_CONFLICT:
		if (series_find(r->db, r->params[0], &s) == DB_OK) {
			edit_form(r, 409, &s, e->id,
				  json_pack("{s:s}", "email",
					    _("Địa chỉ e-mail này đã có trong một đăng ký khác của "
					      "chuỗi tập huấn.")),
				  NULL);
			return;
		}
		/* fall through */
	default:
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được. Xin gửi lại."));
	}
}

/* The edit of this request, for the series and id in the path; NULL with
 * the answer written when the account may not or the id is bad. */
static struct reg_edit *edit_begin(struct req *r, struct series *s)
{
	struct reg_edit *e;
	int64_t id;

	if (admin_series(r, s, true) != 0)
		return NULL;
	if (!(id = edit_id(r))) {
		req_error(r, 404, _("Không tìm thấy đăng ký này."));
		return NULL;
	}
	e = arena_alloc(&r->arena, sizeof(*e));
	e->who = r->user;
	e->series_id = s->id;
	e->id = id;
	e->now = (int64_t)time(NULL);
	return e;
}

void page_admin_reg_post(struct req *r)
{
	struct series s;
	struct reg_edit *e = edit_begin(r, &s);
	struct reg_raw raw = {
		.full_name = req_field(r, "full_name"),
		.email = req_field(r, "email"),
		.phone = req_field(r, "phone"),
		.province_code = req_field(r, "province_code"),
		.category = req_field(r, "category"),
		.organization = req_field(r, "organization"),
		.position = req_field(r, "position"),
	};
	json_t *errors;

	if (!e)
		return;
	e->in.series_id = s.id;
	e->in.allow_legacy = s.legacy_units;
	e->in.now = e->now;
	if ((errors = reg_validate(&r->arena, &raw, &e->in))) {
		edit_form(r, 422, &s, e->id, errors, NULL);
		return;
	}
	req_write(r, reg_edit_update, e, edit_done);
}

void page_admin_reg_status(struct req *r)
{
	struct series s;
	struct reg_edit *e = edit_begin(r, &s);
	const char *action = req_field(r, "action");

	if (!e)
		return;
	if (!action || (strcmp(action, "withdraw") != 0 && strcmp(action, "reactivate") != 0)) {
		req_error(r, 400, _("Thao tác không hợp lệ."));
		return;
	}
	e->status = strcmp(action, "withdraw") == 0 ? "withdrawn" : "active";
	req_write(r, reg_edit_status, e, edit_done);
}
