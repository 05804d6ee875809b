/*
 * api_series.c: the JSON API of a series.
 *   GET  /api/v1/series/{slug}                the series with sessions,
 *        topics, channels and the registration count;
 *   POST /api/v1/series/{slug}/registrations  the same rules as the form:
 *        201 with the registration and its personal link, 409 on a
 *        duplicate, 422 with {"errors": {field: message}}.
 * No SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/registration.h"
#include "domain/series.h"
#include "web/pages.h"
#include "web/register_common.h"

#include <string.h>
#include <time.h>

void api_series_get(struct req *r)
{
	struct series s;
	json_t *o;
	size_t i;
	json_t *x;
	char b[40];

	if (register_find_series(r, &s) != 0)
		return;
	if (!(o = series_load(r->db, &s))) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	json_array_foreach(json_object_get(o, "sessions"), i, x)
	{
		json_object_set_new(
			x, "starts", json_string(vtime_iso(b, sizeof(b), json_integer_value(json_object_get(x, "starts_at")))));
		json_object_set_new(
			x, "ends", json_string(vtime_iso(b, sizeof(b), json_integer_value(json_object_get(x, "ends_at")))));
	}
	json_object_set_new(o, "url", json_string(req_abs_url(r, arena_printf(&r->arena, "/s/%s", s.slug))));
	req_json(r, 200, o);
}

/* A string member, or "" when it is absent; *bad when it has another type. */
static const char *api_str(json_t *o, const char *key, json_t *errors)
{
	json_t *v = json_object_get(o, key);

	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		json_object_set_new(errors, key, json_string(_("Phải là một chuỗi ký tự.")));
		return NULL;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		json_object_set_new(errors, key, json_string(_("Có ký tự không hợp lệ.")));
		return NULL;
	}
	return json_string_value(v);
}

static json_t *api_registration(struct req *r, const struct reg_input *in)
{
	const char *path = arena_printf(&r->arena, "/me/%s", in->token);

	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s}", "id",
			 (json_int_t)in->id, "full_name", in->full_name, "email", in->email,
			 "phone", in->phone, "province_code", in->province_code, "category",
			 in->category, "organization", in->organization, "position",
			 in->position, "token", in->token, "consent", in->consent,
			 "personal_url", req_abs_url(r, path), "calendar_url",
			 req_abs_url(r, arena_printf(&r->arena, "%s/calendar.ics", path)));
}

static void api_registrations_done(struct req *r)
{
	struct reg_input *in = r->job.arg;

	switch (r->job.rc) {
	case DB_OK:
		req_json(r, 201, json_pack("{s:o}", "registration", api_registration(r, in)));
		return;
	case DB_CONFLICT: {
		json_t *o = json_pack("{s:s, s:i}", "error",
				      _("Địa chỉ e-mail này đã đăng ký chuỗi tập huấn rồi."),
				      "status", 409);
		/* The link again only to someone who also knows the phone. */
		if (strcmp(in->existing_phone, in->phone) == 0)
			json_object_set_new(
				o, "personal_url",
				json_string(req_abs_url(
					r, arena_printf(&r->arena, "/me/%s", in->token))));
		req_json(r, 409, o);
		return;
	}
	case DB_NOTFOUND:
		req_error(r, 409, _("Chuỗi tập huấn đã đủ số người đăng ký."));
		return;
	default:
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được đăng ký. Xin gửi lại."));
	}
}

void api_registrations_post(struct req *r)
{
	struct series s;
	json_t *errors = json_object();
	const char *why = NULL;

	arena_defer(&r->arena, (void (*)(void *))json_decref, errors);
	if (register_find_series(r, &s) != 0)
		return;
	if (!series_registration_open(&s, (int64_t)time(NULL), &why)) {
		req_error(r, 409, why);
		return;
	}
	json_t *consent = json_object_get(r->json, "consent");
	if (consent && !json_is_boolean(consent))
		json_object_set_new(errors, "consent", json_string(_("Phải là true hoặc false.")));
	struct reg_raw raw = {
		.full_name = api_str(r->json, "full_name", errors),
		.email = api_str(r->json, "email", errors),
		.phone = api_str(r->json, "phone", errors),
		.province_code = api_str(r->json, "province_code", errors),
		.category = api_str(r->json, "category", errors),
		.organization = api_str(r->json, "organization", errors),
		.position = api_str(r->json, "position", errors),
		.consent = json_is_true(consent),
	};
	struct reg_input *in = arena_alloc(&r->arena, sizeof(*in));
	json_t *more = register_prepare(r, &s, &raw, in, "api");
	if (more) {
		/* A type error already said more than "required". */
		json_object_update_missing(errors, more);
		json_decref(more);
	}
	if (json_object_size(errors)) {
		req_json(r, 422, json_pack("{s:s, s:O, s:i}", "error",
					   _("Dữ liệu chưa hợp lệ."), "errors", errors, "status",
					   422));
		return;
	}
	req_write_unguarded(r, reg_insert, in, api_registrations_done);
}
