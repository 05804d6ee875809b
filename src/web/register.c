/*
 * register.c: GET and POST /s/{slug}/register, the public registration
 * form.  Validates through domain/registration.c, writes through the group
 * commit, and answers with the personal page (303 to /me/{token}).  A
 * second registration with the same e-mail shows "already registered" and,
 * when the phone number matches the one registered, the personal link
 * again; otherwise the person is asked for that number, so typing someone
 * else's e-mail address reveals nothing.
 * Exports page_register_get() and page_register_post(); no SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/registration.h"
#include "domain/series.h"
#include "web/pages.h"
#include "web/register_common.h"
#include "web/view.h"

#include <string.h>
#include <time.h>

static const char *const register_fields[] = {"full_name",    "email",    "phone",
					      "province_code", "category", "organization",
					      "position"};

static void register_form(struct req *r, unsigned status, const struct series *s,
			  json_t *errors, const char *notice)
{
	json_t *series = series_load(r->db, s);
	json_t *values = json_object();
	const char *why = NULL;

	if (!series) {
		json_decref(errors);
		json_decref(values);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	view_series(series);
	for (size_t i = 0; i < sizeof(register_fields) / sizeof(register_fields[0]); i++) {
		const char *v = req_field(r, register_fields[i]);
		if (v)
			json_object_set_new(values, register_fields[i], json_string(v));
	}
	bool open = series_registration_open(s, (int64_t)time(NULL), &why);
	json_t *ctx = json_pack(
		"{s:o, s:o, s:o, s:o, s:o, s:s, s:b, s:b, s:s?, s:s?}", "series", series, "values",
		values, "errors", errors ? errors : json_object(), "provinces",
		view_provinces(req_field(r, "province_code")), "categories",
		view_categories(req_field(r, "category"), s->legacy_units), "csrf",
		req_csrf_token(r), "consent", req_field(r, "consent") != NULL, "open", open,
		"closed_why", why, "notice", notice);
	if (errors && json_object_size(errors))
		json_object_set_new(ctx, "has_errors", json_true());
	req_render(r, status, "register", ctx);
}

void page_register_get(struct req *r)
{
	struct series s;

	if (register_find_series(r, &s) == 0)
		register_form(r, 200, &s, NULL, NULL);
}

static void register_done(struct req *r)
{
	struct reg_input *in = r->job.arg;
	struct series s;

	switch (r->job.rc) {
	case DB_OK:
		req_redirect(r, 303, arena_printf(&r->arena, "/me/%s?new=1", in->token));
		return;
	case DB_CONFLICT:
		if (register_find_series(r, &s) != 0)
			return;
		if (strcmp(in->existing_phone, in->phone) == 0) {
			req_render(r, 200, "registered_again",
				   json_pack("{s:s, s:s}", "link",
					     req_abs_url(r, arena_printf(&r->arena, "/me/%s",
									 in->token)),
					     "path", arena_printf(&r->arena, "/me/%s", in->token)));
			return;
		}
		register_form(r, 409, &s,
			      json_pack("{s:s}", "phone",
					_("Nhập đúng số điện thoại đã dùng khi đăng ký để xem lại "
					  "đường dẫn cá nhân.")),
			      _("Địa chỉ e-mail này đã đăng ký chuỗi tập huấn rồi."));
		return;
	case DB_NOTFOUND:
		if (register_find_series(r, &s) == 0)
			register_form(r, 409, &s, NULL, _("Chuỗi tập huấn đã đủ số người đăng ký."));
		return;
	default:
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được đăng ký. Xin gửi lại."));
	}
}

void page_register_post(struct req *r)
{
	struct series s;
	struct reg_raw raw = {
		.full_name = req_field(r, "full_name"),
		.email = req_field(r, "email"),
		.phone = req_field(r, "phone"),
		.province_code = req_field(r, "province_code"),
		.category = req_field(r, "category"),
		.organization = req_field(r, "organization"),
		.position = req_field(r, "position"),
		.consent = req_field(r, "consent") != NULL,
	};
	const char *why = NULL;

	if (register_find_series(r, &s) != 0)
		return;
	if (!series_registration_open(&s, (int64_t)time(NULL), &why)) {
		register_form(r, 409, &s, NULL, why);
		return;
	}
	struct reg_input *in = arena_alloc(&r->arena, sizeof(*in));
	json_t *errors = register_prepare(r, &s, &raw, in, "web");
	if (errors) {
		register_form(r, 422, &s, errors, NULL);
		return;
	}
	req_write_unguarded(r, reg_insert, in, register_done);
}
