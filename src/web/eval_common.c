/*
 * eval_common.c: see eval_common.h.
 */
#include "web/eval_common.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/registration.h"
#include "http/req.h"
#include "app.h"
#include "domain/eval_cache.h"

#include <stdlib.h>
#include <time.h>

int eval_page_load(struct req *r, struct eval_page *p, int id_param)
{
	if (reg_lookup(r->db, r->params[0], &p->reg_id, &p->series_id) != DB_OK) {
		req_error(r, 404, _("Đường dẫn cá nhân không đúng hoặc đã hết hiệu lực."));
		return -1;
	}
	if (id_param < 0)
		return 0;
	char *end;
	long long id = strtoll(r->params[id_param], &end, 10);
	/* An evaluation of another series is as unknown as a missing one. */
	if (*end || id <= 0 ||
	    eval_cache_get(r->app->evals, r->db, id, &r->arena, &p->ev) != DB_OK ||
	    p->ev->series_id != p->series_id) {
		req_error(r, 404, _("Không tìm thấy bài đánh giá này."));
		return -1;
	}
	p->e = *p->ev;
	return 0;
}

const char *eval_points_text(struct req *r, int64_t h)
{
	if (h % 100 == 0)
		return arena_printf(&r->arena, "%lld", (long long)(h / 100));
	if (h % 10 == 0)
		return arena_printf(&r->arena, "%lld,%lld", (long long)(h / 100),
				    (long long)(h % 100 / 10));
	return arena_printf(&r->arena, "%lld,%02lld", (long long)(h / 100), (long long)(h % 100));
}

json_t *eval_grade_json(struct req *r, const struct eval_grade *g, int64_t at)
{
	char d[32], t[16];

	return json_pack("{s:f, s:f, s:b, s:s, s:s, s:I, s:s, s:b}", "score", g->score / 100.0,
			 "max_score", g->max / 100.0, "passed", g->passed, "score_text",
			 eval_points_text(r, g->score), "max_text", eval_points_text(r, g->max),
			 "submitted_at", (json_int_t)at, "submitted_text",
			 arena_printf(&r->arena, "%s %s", vtime_hm(t, sizeof(t), at),
				      vtime_date(d, sizeof(d), at)),
			 "graded", g->max > 0);
}

const char *eval_status_name(enum eval_window w)
{
	return w == EVAL_BEFORE ? "upcoming" : w == EVAL_OPEN ? "open" : "closed";
}

json_t *eval_overview(struct req *r, int64_t series_id, int64_t reg_id)
{
	json_t *list = eval_list(r->db, series_id);
	int64_t now = (int64_t)time(NULL);
	size_t i;
	json_t *x;
	char d[32], t[16];

	json_array_foreach(list, i, x)
	{
		int64_t opens = json_integer_value(json_object_get(x, "opens_at"));
		int64_t closes = json_integer_value(json_object_get(x, "closes_at"));
		enum eval_window w = now < opens ? EVAL_BEFORE : now < closes ? EVAL_OPEN
									   : EVAL_CLOSED;
		struct eval_grade g;
		int64_t at;
		json_object_set_new(x, "status", json_string(eval_status_name(w)));
		/* Every key the template asks for is set, so that a missing one
		 * does not resolve to the page's own values. */
		json_object_set_new(x, "upcoming", json_boolean(w == EVAL_BEFORE));
		json_object_set_new(x, "open", json_boolean(w == EVAL_OPEN));
		json_object_set_new(x, "closed", json_boolean(w == EVAL_CLOSED));
		json_object_set_new(x, "result", json_null());
		json_object_set_new(x, "opens_text",
				    json_sprintf("%s %s", vtime_hm(t, sizeof(t), opens),
						 vtime_date(d, sizeof(d), opens)));
		json_object_set_new(x, "closes_text",
				    json_sprintf("%s %s", vtime_hm(t, sizeof(t), closes),
						 vtime_date(d, sizeof(d), closes)));
		if (eval_result(r->db, json_integer_value(json_object_get(x, "id")), reg_id, &g,
				&at) == DB_OK)
			json_object_set_new(x, "result", eval_grade_json(r, &g, at));
	}
	return list;
}
