/*
 * ocop_page.c: loading what every /me/{token}/ocop page starts from (see
 * ocop_view.h).  A token reaches only its own assessments: the look-up
 * names the registration, and an id of someone else's answers 404 like an
 * id that does not exist.
 */
#include "web/ocop_view.h"
#include "app.h"
#include "core/i18n.h"
#include "domain/registration.h"
#include "http/req.h"

#include <errno.h>
#include <stdlib.h>

static int64_t parse_id(const char *s)
{
	char *end;
	long long v;

	if (!s || *s < '1' || *s > '9')
		return 0;
	errno = 0;
	v = strtoll(s, &end, 10);
	return errno || *end ? 0 : (int64_t)v;
}

int ocop_page_load(struct req *r, struct ocop_page *pg, bool with_assessment)
{
	*pg = (struct ocop_page){0};
	pg->reg = reg_find_by_token(r->db, r->params[0]);
	if (!pg->reg) {
		req_error(r, 404, _("Đường dẫn cá nhân không đúng hoặc đã hết hiệu lực."));
		return -1;
	}
	arena_defer(&r->arena, (void (*)(void *))json_decref, pg->reg);
	pg->reg_id = json_integer_value(json_object_get(pg->reg, "id"));
	pg->base = arena_printf(&r->arena, "/me/%s/ocop", r->params[0]);
	if (!with_assessment)
		return 0;
	int64_t id = parse_id(r->params[1]);
	switch (id ? ocop_assess_find(r->db, &r->arena, id, pg->reg_id, &pg->a) : DB_NOTFOUND) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy phiếu tự đánh giá này."));
		return -1;
	default:
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return -1;
	}
	pg->s = criteria_registry_find_version(r->app->criteria, pg->a.set_id, pg->a.set_version);
	if (!pg->s) {
		/* The set's row vanished from criteria_sets, or a shipped set was
		 * renumbered: the answers cannot be read any more. */
		req_error(r, 500, _("Bộ tiêu chí của phiếu này không còn trên hệ thống."));
		return -1;
	}
	pg->path = arena_printf(&r->arena, "%s/%lld", pg->base, (long long)pg->a.id);
	ocop_form_load(&r->arena, pg->s, pg->a.answers, pg->a.dossier, &pg->f);
	pg->f.product_name = pg->a.product_name;
	pg->f.product_set = pg->a.product_set;
	pg->f.producer = pg->a.producer;
	pg->f.province_code = pg->a.province_code;
	return 0;
}
