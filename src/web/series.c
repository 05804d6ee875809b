/*
 * series.c: GET /s/{slug}, the public page of a series: organisers, dates,
 * the schedule with its topics, the channels, the number registered and
 * the register button, and the materials marked public.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/series.h"
#include "web/materials.h"
#include "web/pages.h"
#include "web/view.h"

#include <time.h>

void page_series(struct req *r)
{
	struct series s;
	const char *why = NULL;

	switch (series_find(r->db, r->params[0], &s)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy chuỗi tập huấn này."));
		return;
	default:
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	json_t *series = series_load(r->db, &s);
	if (!series) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	view_series(series);
	bool open = series_registration_open(&s, (int64_t)time(NULL), &why);
	json_t *materials = materials_view(r, s.id, true,
					   arena_printf(&r->arena, "/s/%s/materials", s.slug));
	req_render(r, 200, "series",
		   json_pack("{s:o, s:b, s:s?, s:b, s:o}", "series", series, "open", open,
			     "closed_why", why, "has_materials", json_array_size(materials) > 0,
			     "materials", materials));
}
