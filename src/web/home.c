/*
 * home.c: GET /, the series, newest first.
 */
#include "http/req.h"
#include "web/pages.h"
#include "web/view.h"
#include "domain/series.h"
#include "core/vtime.h"
#include "core/i18n.h"

void page_home(struct req *r)
{
	json_t *list = series_list(r->db);
	size_t i;
	json_t *x;
	char a[32], b[32];

	json_array_foreach(list, i, x)
	{
		vtime_date(a, sizeof(a), json_integer_value(json_object_get(x, "starts_at")));
		vtime_date(b, sizeof(b), json_integer_value(json_object_get(x, "ends_at")));
		json_object_set_new(x, "dates_text", json_sprintf("%s – %s", a, b));
	}
	req_render(r, 200, "home",
		   json_pack("{s:o, s:b, s:s}", "series", list, "empty", json_array_size(list) == 0,
			     "page_title", _("Các chuỗi tập huấn")));
}
