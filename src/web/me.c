/*
 * me.c: GET /me/{token}, the participant's personal page (their sessions
 * with join links), and GET /me/{token}/calendar.ics, one event per
 * session.  The token is the only key: malformed or unknown tokens get the
 * same 404.  Exports page_me() and page_me_ics(); no SQL here.
 */
#include "http/req.h"
#include "app.h"
#include "core/i18n.h"
#include "domain/registration.h"
#include "domain/series.h"
#include "domain/province.h"
#include "domain/contact.h"
#include "render/calendar.h"
#include "web/certificate.h"
#include "web/materials.h"
#include "web/pages.h"
#include "web/view.h"
#include "web/eval_common.h"
#include "domain/attendance.h"

#include <time.h>

#include <string.h>

/* Loads the registration and its series; answers 404 itself on failure. */
static json_t *me_load(struct req *r, json_t **series_out)
{
	json_t *reg = reg_find_by_token(r->db, r->params[0]);
	struct series s;

	if (!reg) {
		req_error(r, 404, _("Đường dẫn cá nhân không đúng hoặc đã hết hiệu lực."));
		return NULL;
	}
	arena_defer(&r->arena, (void (*)(void *))json_decref, reg);
	if (series_find_id(r->db, json_integer_value(json_object_get(reg, "series_id")), &s) !=
		    DB_OK ||
	    !(*series_out = series_load(r->db, &s))) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return NULL;
	}
	return reg;
}

/* The personal page, with a check-in message or error when given. */
static void me_render(struct req *r, unsigned status, const char *checkin_ok,
		      const char *checkin_error)
{
	json_t *series = NULL;
	json_t *reg = me_load(r, &series);
	char phone[PHONE_MAX];

	if (!reg)
		return;
	view_series(series);
	calendar_links(series);
	const struct province *p =
		province_find(json_string_value(json_object_get(reg, "province_code")));
	phone_local(json_string_value(json_object_get(reg, "phone")), phone);
	const struct reg_category *c =
		reg_category_find(json_string_value(json_object_get(reg, "category")));
	const char *path = arena_printf(&r->arena, "/me/%s", r->params[0]);
	const char *q = req_query(r, "new");
	json_t *ctx = json_pack(
		"{s:o, s:O, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "series", series, "reg", reg, "link",
		req_abs_url(r, path), "ics", arena_printf(&r->arena, "%s/calendar.ics", path),
		"ocop", arena_printf(&r->arena, "%s/ocop", path),
		"province", p ? p->name : "", "phone_local", phone, "category_label",
		c ? _(c->label) : "", "new", q && strcmp(q, "1") == 0);
	json_object_set_new(ctx, "path", json_string(path));
	json_object_set_new(ctx, "evaluations",
			    eval_overview(r, json_integer_value(json_object_get(reg, "series_id")),
					  json_integer_value(json_object_get(reg, "id"))));
	json_object_set_new(ctx, "csrf", json_string(req_csrf_token(r)));
	if (checkin_ok)
		json_object_set_new(ctx, "checkin_ok", json_string(checkin_ok));
	if (checkin_error)
		json_object_set_new(ctx, "checkin_error", json_string(checkin_error));
	json_t *materials =
		materials_view(r, json_integer_value(json_object_get(reg, "series_id")), false,
			       arena_printf(&r->arena, "%s/materials", path));
	json_object_set_new(ctx, "has_materials", json_boolean(json_array_size(materials) > 0));
	json_t *cert = cert_me_view(r, json_integer_value(json_object_get(reg, "id")), path);
	if (cert)
		json_object_set_new(ctx, "certificate", cert);
	json_object_set_new(ctx, "materials", materials);
	req_add_header(r, "Cache-Control", "no-store");
	req_add_header(r, "X-Robots-Tag", "noindex");
	req_render(r, status, "me", ctx);
}

void page_me(struct req *r)
{
	const char *c = req_query(r, "checkin");

	/* This phone now knows its participant for the stream's QR code
	 * (/c/{code}): the cookie goes to /c/ only, for 60 days. */
	if (reg_token_is_wellformed(r->params[0]))
		req_add_header(r, "Set-Cookie",
			       arena_printf(&r->arena,
				    "ocop_me=%s; Path=/c/; Max-Age=5184000; HttpOnly; SameSite=Lax%s",
				    r->params[0], r->app->secure_cookies ? "; Secure" : ""));
	me_render(r, 200,
		  c && strcmp(c, "1") == 0   ? _("Đã điểm danh. Cảm ơn bạn!")
		  : c && strcmp(c, "2") == 0 ? _("Bạn đã điểm danh với mã này rồi.")
					     : NULL,
		  NULL);
}

static void me_checkin_done(struct req *r)
{
	struct checkin_enter_job *j = r->job.arg;

	if (r->job.rc == DB_OK)
		req_redirect(r, 303,
			     arena_printf(&r->arena, "/me/%s?checkin=%d#diem-danh", r->params[0],
					  j->again ? 2 : 1));
	else if (r->job.rc == DB_NOTFOUND)
		me_render(r, 422, NULL, j->why);
	else
		req_error(r, 503, _("Hệ thống đang bận. Xin gửi lại mã."));
}

void page_me_checkin(struct req *r)
{
	struct checkin_enter_job *j = arena_alloc(&r->arena, sizeof(*j));
	const char *code = req_field(r, "code");

	if (reg_lookup(r->db, r->params[0], &j->registration_id, &j->series_id) != DB_OK) {
		req_error(r, 404, _("Đường dẫn cá nhân không đúng hoặc đã hết hiệu lực."));
		return;
	}
	if (!code || strlen(code) > 32 || !checkin_code_normalize(code, j->code)) {
		me_render(r, 422, NULL,
			  _("Mã điểm danh gồm 6 ký tự (chữ và số), ví dụ: K7M2QX."));
		return;
	}
	j->now = (int64_t)time(NULL);
	req_write(r, checkin_enter, j, me_checkin_done);
}

void page_me_ics(struct req *r)
{
	json_t *series = NULL;
	json_t *reg = me_load(r, &series);

	if (!reg)
		return;
	calendar_links(series);
	const char *host = strstr(r->app->cfg.base_url, "://");
	host = host ? host + 3 : "ocop.local";
	buf_reset(&r->out);
	calendar_ics(&r->out, series, json_integer_value(json_object_get(reg, "id")),
		     req_abs_url(r, arena_printf(&r->arena, "/me/%s", r->params[0])), host,
		     json_integer_value(json_object_get(reg, "created_at")));
	json_decref(series);
	r->status = 200;
	r->content_type = "text/calendar; charset=utf-8";
	req_add_header(r, "Content-Disposition", "attachment; filename=\"ocop-lich.ics\"");
	req_add_header(r, "Cache-Control", "no-store");
}
