/*
 * admin_home.c: GET /admin, the console's first page: the series this
 * account works on, and GET /admin/audit, the audit log (admins).
 */
#include "http/req.h"
#include "core/vtime.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/pages.h"

#include <stdlib.h>

void page_admin_home(struct req *r)
{
	json_t *ctx = admin_ctx(r);
	json_t *list = series_list_admin(r->db, r->user->id, r->user->role == ROLE_ADMIN);
	size_t i;
	json_t *x;
	char a[32], b[32], n[32];

	json_array_foreach(list, i, x)
	{
		vtime_date(a, sizeof(a), json_integer_value(json_object_get(x, "starts_at")));
		vtime_date(b, sizeof(b), json_integer_value(json_object_get(x, "ends_at")));
		json_object_set_new(x, "dates_text", json_sprintf("%s – %s", a, b));
		vtime_count(n, sizeof(n),
			    json_integer_value(json_object_get(x, "registration_count")));
		json_object_set_new(x, "count_text", json_string(n));
	}
	json_object_set_new(ctx, "series", list);
	json_object_set_new(ctx, "empty", json_boolean(json_array_size(list) == 0));
	req_render(r, 200, "admin_home", ctx);
}

void page_admin_audit(struct req *r)
{
	const char *p = req_query(r, "page");
	long page = p ? strtol(p, NULL, 10) : 1;
	json_t *ctx = admin_ctx(r);
	size_t i;
	json_t *x;
	char d[32], t[16];

	if (page < 1 || page > 100000)
		page = 1;
	json_t *list = audit_list(r->db, 100, (page - 1) * 100);
	json_array_foreach(list, i, x)
	{
		int64_t at = json_integer_value(json_object_get(x, "at"));
		json_object_set_new(x, "when",
				    json_sprintf("%s %s", vtime_date(d, sizeof(d), at),
						 vtime_hm(t, sizeof(t), at)));
	}
	json_object_set_new(ctx, "entries", list);
	json_object_set_new(ctx, "next_page",
			    json_array_size(list) == 100 ? json_integer(page + 1) : json_null());
	req_render(r, 200, "admin_audit", ctx);
}
