/*
 * admin_members.c: GET and POST /admin/series/{slug}/members (admins
 * only): who works on the series.  Adding is by the account's e-mail;
 * removing by a button per member.  Exports page_admin_members*(); no SQL.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/series.h"
#include "domain/series_edit.h"
#include "web/admin.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static void members_page(struct req *r, unsigned status, const struct series *s, const char *email,
                         const char *error, const char *notice)
{
	json_t *ctx = admin_series_ctx(r, s, "members");

	json_t *members = series_members_load(r->db, s->id);
	json_object_set_new(ctx, "has_members", json_boolean(json_array_size(members)));
	json_object_set_new(ctx, "members", members);
	if (email)
		json_object_set_new(ctx, "email", json_string(email));
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	if (notice)
		json_object_set_new(ctx, "notice", json_string(notice));
	req_render(r, status, "admin_members", ctx);
}

void page_admin_members(struct req *r)
{
	struct series s;

	if (admin_series(r, &s, false) == 0)
		members_page(r, 200, &s, NULL, NULL,
		             req_query(r, "done") ? _("Đã lưu thay đổi.") : NULL);
}

static void members_saved(struct req *r)
{
	struct series_member_job *j = r->job.arg;
	struct series s;

	if (r->job.rc == DB_OK) {
		req_redirect(
		    r, 303,
		    arena_printf(&r->arena, "/admin/series/%s/members?done=1", r->params[0]));
		return;
	}
	if (admin_series(r, &s, true) != 0)
		return;
	switch (r->job.rc) {
	case DB_NOTFOUND:
		members_page(r, 422, &s, j->email,
		             j->add ? _("Không có tài khoản nào với e-mail này. Tạo tài khoản "
		                        "trước (ocop admin add).")
		                    : _("Tài khoản này không phải thành viên của chuỗi."),
		             NULL);
		return;
	case DB_CONFLICT:
		members_page(r, 422, &s, j->email, _("Tài khoản này đã là thành viên."), NULL);
		return;
	default:
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được. Xin gửi lại."));
	}
}

static void members_post(struct req *r, bool add)
{
	struct series s;
	const char *email = req_field(r, "email");
	struct series_member_job *j = arena_alloc(&r->arena, sizeof(*j));

	if (admin_series(r, &s, true) != 0)
		return;
	if (!email || !*email || strlen(email) >= sizeof(j->email) || !strchr(email, '@')) {
		members_page(r, 422, &s, email && strlen(email) < 256 ? email : NULL,
		             _("Xin nhập e-mail của một tài khoản."), NULL);
		return;
	}
	snprintf(j->email, sizeof(j->email), "%s", email);
	j->series_id = s.id;
	j->add = add;
	j->who = r->user;
	j->now = (int64_t)time(NULL);
	req_write(r, series_member_save, j, members_saved);
}

void page_admin_members_add(struct req *r)
{
	members_post(r, true);
}

void page_admin_members_remove(struct req *r)
{
	members_post(r, false);
}
