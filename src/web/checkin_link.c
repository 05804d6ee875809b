/*
 * checkin_link.c: check-in from the QR code on the stream.
 *   GET  /c/{code}   the code, and a button when this phone knows the
 *                    participant (the ocop_me cookie, set by the personal
 *                    page and sent only to /c/); otherwise how to check in
 *   POST /c/{code}   checks in the participant of the cookie
 *   GET  /admin/series/{slug}/sessions/{id}/checkins/{cid}/qr.png
 *                    the QR code of /c/{code}, for the stream
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/attendance.h"
#include "domain/registration.h"
#include "domain/series.h"
#include "render/qr.h"
#include "web/admin.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void checkin_link_page(struct req *r, unsigned status, const char *error)
{
	char code[16];
	int64_t id, series;
	const char *token = req_cookie(r, "ocop_me");
	bool known = token && reg_lookup(r->db, token, &id, &series) == DB_OK;

	if (!checkin_code_normalize(r->params[0], code))
		snprintf(code, sizeof(code), "%s", "");
	req_render(r, status, "checkin_link",
		   json_pack("{s:s, s:s, s:b, s:s, s:s?, s:s?}", "page_title", _("Điểm danh"), "code",
			     code, "known", known, "csrf", req_csrf_token(r), "error", error, "me",
			     known ? arena_printf(&r->arena, "/me/%s", token) : NULL));
}

void page_checkin_link_get(struct req *r)
{
	checkin_link_page(r, 200, NULL);
}

static void checkin_link_done(struct req *r)
{
	struct checkin_enter_job *j = r->job.arg;

	if (r->job.rc == DB_OK)
		req_redirect(r, 303,
			     arena_printf(&r->arena, "/me/%s?checkin=%d#diem-danh",
					  req_cookie(r, "ocop_me"), j->again ? 2 : 1));
	else if (r->job.rc == DB_NOTFOUND)
		checkin_link_page(r, 422, j->why);
	else
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
}

void page_checkin_link_post(struct req *r)
{
	struct checkin_enter_job *j = arena_alloc(&r->arena, sizeof(*j));
	const char *token = req_cookie(r, "ocop_me");

	if (!token || reg_lookup(r->db, token, &j->registration_id, &j->series_id) != DB_OK) {
		checkin_link_page(r, 403, _("Điện thoại này chưa mở trang cá nhân của bạn: hãy mở "
					    "đường dẫn cá nhân trong thư xác nhận và nhập mã ở đó."));
		return;
	}
	if (!checkin_code_normalize(r->params[0], j->code)) {
		checkin_link_page(r, 422, _("Mã điểm danh không đúng."));
		return;
	}
	j->now = (int64_t)time(NULL);
	req_write(r, checkin_enter, j, checkin_link_done);
}

void page_admin_checkin_qr(struct req *r)
{
	struct series s;
	struct att_session ss;
	char *end;
	char code[16];

	if (admin_series(r, &s, false) != 0)
		return;
	long long sid = strtoll(r->params[1], &end, 10);
	long long cid = *end ? 0 : strtoll(r->params[2], &end, 10);
	if (*end || sid <= 0 || cid <= 0 || att_session_load(r->db, sid, &ss) != DB_OK ||
	    ss.series_id != s.id || !checkin_belongs(r->db, cid, sid) ||
	    checkin_code_of(r->db, cid, code) != DB_OK) {
		req_error(r, 404, _("Không tìm thấy mã điểm danh này."));
		return;
	}
	buf_reset(&r->out);
	if (qr_png(req_abs_url(r, arena_printf(&r->arena, "/c/%s", code)), 8, &r->out) != 0) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	r->status = 200;
	r->content_type = "image/png";
}
