/*
 * admin_common.c: see admin.h.
 */
#include "web/admin.h"
#include "core/i18n.h"
#include "domain/account.h"
#include "domain/series.h"
#include "domain/series_edit.h"
#include "http/req.h"

json_t *admin_ctx(struct req *r)
{
	const struct account *a = r->user;

	return json_pack("{s:{s:s, s:s, s:b, s:b}, s:s}", "me", "email", a->email, "role",
			 account_role_name(a->role), "is_admin", a->role == ROLE_ADMIN,
			 "may_edit", a->role >= ROLE_ORGANIZER, "csrf", req_csrf_token(r));
}

int admin_series(struct req *r, struct series *s, bool edit)
{
	switch (series_find(r->db, r->params[0], s)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy chuỗi tập huấn này."));
		return -1;
	default:
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return -1;
	}
	if (!account_may(r->db, r->user, s->id, edit)) {
		req_error(r, 403, _("Tài khoản của bạn không có quyền làm việc này."));
		return -1;
	}
	return 0;
}

json_t *admin_series_ctx(struct req *r, const struct series *s, const char *tab)
{
	json_t *ctx = admin_ctx(r);
	json_t *snap = series_edit_snapshot(r->db, s->id);

	json_object_set_new(ctx, "series", snap ? snap : json_pack("{s:s}", "slug", s->slug));
	json_object_set_new(ctx, "tab", json_pack("{s:b}", tab, 1));
	return ctx;
}
