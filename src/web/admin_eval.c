/*
 * admin_eval.c: see admin_eval.h.  No SQL here: the series through
 * domain/series.c, evaluations through domain/evaluation.c.
 */
#include "web/admin_eval.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/eval_json.h"
#include "http/req.h"
#include "web/admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int64_t admin_eval_id(const char *s)
{
	char *end;
	long long v;

	if (!s || !*s || strlen(s) > 18)
		return 0;
	v = strtoll(s, &end, 10);
	return *end || v <= 0 ? 0 : v;
}

static void admin_eval_free_json(void *p)
{
	json_decref(p);
}

int admin_eval_load(struct req *r, struct admin_eval *x, bool edit, bool with_eval)
{
	memset(x, 0, sizeof(*x));
	if (admin_series(r, &x->s, edit) != 0)
		return -1;
	x->series = series_load(r->db, &x->s);
	if (!x->series) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return -1;
	}
	arena_defer(&r->arena, admin_eval_free_json, x->series);
	x->base = arena_printf(&r->arena, "/admin/series/%s/evaluations", x->s.slug);
	if (!with_eval)
		return 0;
	int64_t id = admin_eval_id(r->params[1]);
	/* Another series' evaluation is as unknown as a missing one. */
	if (!id || eval_load(r->db, &r->arena, id, &x->e) != DB_OK || x->e.series_id != x->s.id) {
		req_error(r, 404, _("Không tìm thấy bài đánh giá này."));
		return -1;
	}
	x->url = arena_printf(&r->arena, "%s/%lld", x->base, (long long)id);
	return 0;
}

static json_t *admin_eval_session(json_t *series, int64_t session_id)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(series, "sessions"), i, x)
	{
		if (json_integer_value(json_object_get(x, "id")) == session_id)
			return x;
	}
	return NULL;
}

const char *admin_eval_session_text(struct req *r, json_t *series, int64_t session_id)
{
	json_t *x = admin_eval_session(series, session_id);
	char d[32];

	if (!session_id || !x)
		return _("Cả chuỗi (bài kiểm tra cuối khoá)");
	const char *title = json_string_value(json_object_get(x, "title"));
	vtime_date(d, sizeof(d), json_integer_value(json_object_get(x, "starts_at")));
	return arena_printf(&r->arena, _("Buổi %lld · %s%s%s"),
			    (long long)json_integer_value(json_object_get(x, "position")), d,
			    title && *title ? " · " : "", title ? title : "");
}

json_t *admin_eval_session_choices(struct req *r, json_t *series, int64_t selected)
{
	json_t *list = json_array();
	size_t i;
	json_t *x;

	json_array_append_new(list, json_pack("{s:i, s:s, s:b}", "id", 0, "text",
					      admin_eval_session_text(r, series, 0), "selected",
					      selected == 0));
	json_array_foreach(json_object_get(series, "sessions"), i, x)
	{
		int64_t id = json_integer_value(json_object_get(x, "id"));
		json_array_append_new(list, json_pack("{s:I, s:s, s:b}", "id", (json_int_t)id,
						      "text",
						      admin_eval_session_text(r, series, id),
						      "selected", selected == id));
	}
	return list;
}

int admin_eval_default_window(json_t *series, int64_t session_id, int64_t *opens,
			      int64_t *closes)
{
	json_t *sessions = json_object_get(series, "sessions");
	json_t *x = session_id ? admin_eval_session(series, session_id)
			       : json_array_get(sessions, json_array_size(sessions) - 1);

	if (session_id && !x)
		return -1;
	if (!session_id) {
		int64_t end = json_integer_value(json_object_get(series, "ends_at"));
		*opens = x ? json_integer_value(json_object_get(x, "starts_at")) : end - 24 * 3600;
		*closes = end + 7 * 24 * 3600;
		return 0;
	}
	*opens = json_integer_value(json_object_get(x, "starts_at"));
	*closes = json_integer_value(json_object_get(x, "ends_at")) + 24 * 3600;
	return 0;
}

const char *admin_eval_window_text(struct req *r, int64_t opens, int64_t closes)
{
	char d1[32], t1[16], d2[32], t2[16];

	return arena_printf(&r->arena, "%s %s – %s %s", vtime_hm(t1, sizeof(t1), opens),
			    vtime_date(d1, sizeof(d1), opens), vtime_hm(t2, sizeof(t2), closes),
			    vtime_date(d2, sizeof(d2), closes));
}

json_t *admin_eval_ctx(struct req *r, const struct admin_eval *x, bool with_eval)
{
	json_t *ctx = admin_ctx(r);
	int64_t now = (int64_t)time(NULL);

	json_object_set_new(ctx, "series",
			    json_pack("{s:s, s:O}", "slug", x->s.slug, "title",
				      json_object_get(x->series, "title")));
	json_object_set_new(ctx, "base", json_string(x->base));
	if (!with_eval)
		return ctx;
	const struct eval *e = &x->e;
	enum eval_window w = eval_window(e, now);
	json_object_set_new(
		ctx, "ev",
		json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", (json_int_t)e->id, "title",
			  e->title, "code", e->code, "url", x->url, "session_text",
			  admin_eval_session_text(r, x->series, e->session_id), "window_text",
			  admin_eval_window_text(r, e->opens_at, e->closes_at), "status_text",
			  w == EVAL_BEFORE ? _("Chưa mở") : w == EVAL_OPEN ? _("Đang mở")
									 : _("Đã đóng")));
	json_object_set_new(ctx, "page_title", json_string(e->title));
	return ctx;
}

/* "2021-09-28" or "28/09/2021" with "08:00" into Unix seconds; -1. */
static int64_t admin_eval_parse_when(const char *date, const char *hm)
{
	int y, m, d, h = 0, mi = 0;
	char *end;

	if (!date || strlen(date) != 10)
		return -1;
	if (date[4] == '-' && date[7] == '-') {
		y = (int)strtol(date, &end, 10);
		m = (int)strtol(date + 5, &end, 10);
		d = (int)strtol(date + 8, &end, 10);
	} else if (date[2] == '/' && date[5] == '/') {
		d = (int)strtol(date, &end, 10);
		m = (int)strtol(date + 3, &end, 10);
		y = (int)strtol(date + 6, &end, 10);
	} else {
		return -1;
	}
	if (hm && *hm) {
		if (strlen(hm) != 5 || hm[2] != ':')
			return -1;
		h = (int)strtol(hm, &end, 10);
		mi = (int)strtol(hm + 3, &end, 10);
		if (h < 0 || h > 23 || mi < 0 || mi > 59)
			return -1;
	}
	return vtime_local(y, m, d, h, mi);
}

static void admin_eval_set_when(json_t *o, const char *prefix, int64_t t)
{
	char iso[40], key[32];

	vtime_iso(iso, sizeof(iso), t);
	snprintf(key, sizeof(key), "%s_date", prefix);
	json_object_set_new(o, key, json_stringn(iso, 10));
	snprintf(key, sizeof(key), "%s_time", prefix);
	json_object_set_new(o, key, json_stringn(iso + 11, 5));
}

json_t *admin_eval_settings_values(struct req *r, const struct eval *e)
{
	(void)r;
	json_t *v = json_pack("{s:s, s:s, s:i, s:b, s:b, s:b, s:b}", "title", e->title,
			      "instructions", e->instructions, "pass_mark", e->pass_mark,
			      "allow_change", e->allow_change, "show_answers", e->show_answers,
			      "shuffle", e->shuffle, "presence", e->presence);
	if (e->opens_at || e->closes_at) {
		admin_eval_set_when(v, "opens", e->opens_at);
		admin_eval_set_when(v, "closes", e->closes_at);
	}
	return v;
}

#define FAIL(field, msg) json_object_set_new(errors, field, json_string(msg))

/* The window fields; empty dates take the default when allowed. */
static void admin_eval_window_form(struct req *r, const struct admin_eval *x, struct eval *out,
				   bool optional, json_t *errors)
{
	const char *od = req_field(r, "opens_date"), *cd = req_field(r, "closes_date");

	if (optional && (!od || !*od) && (!cd || !*cd)) {
		if (admin_eval_default_window(x->series, out->session_id, &out->opens_at,
					      &out->closes_at) != 0)
			FAIL("session_id", _("Buổi này không thuộc chuỗi tập huấn."));
		return;
	}
	out->opens_at = admin_eval_parse_when(od, req_field(r, "opens_time"));
	out->closes_at = admin_eval_parse_when(cd, req_field(r, "closes_time"));
	if (out->opens_at < 0)
		FAIL("opens_date", _("Ngày giờ mở không hợp lệ (ngày/tháng/năm và giờ:phút)."));
	if (out->closes_at < 0)
		FAIL("closes_date", _("Ngày giờ đóng không hợp lệ (ngày/tháng/năm và giờ:phút)."));
	else if (out->opens_at >= 0 && out->closes_at <= out->opens_at)
		FAIL("closes_date", _("Thời điểm đóng phải sau thời điểm mở."));
}

json_t *admin_eval_settings_form(struct req *r, const struct admin_eval *x, struct eval *out,
				 bool window_optional)
{
	json_t *errors = json_object();
	const char *msg = NULL, *v;

	memset(out, 0, sizeof(*out));
	out->title = eval_clean_text(&r->arena, req_field(r, "title"), EVAL_TITLE_MAX, false,
				     true, &msg);
	if (!out->title)
		FAIL("title", msg);
	out->instructions = eval_clean_text(&r->arena, req_field(r, "instructions"),
					    EVAL_INSTRUCTIONS_MAX, true, false, &msg);
	if (!out->instructions)
		FAIL("instructions", msg);
	v = req_field(r, "session_id");
	out->session_id = v && strcmp(v, "0") == 0 ? 0 : admin_eval_id(v);
	if (!v || (out->session_id == 0 && strcmp(v, "0") != 0) ||
	    (out->session_id && admin_eval_default_window(x->series, out->session_id,
							  &out->opens_at, &out->closes_at) != 0))
		FAIL("session_id", _("Xin chọn một buổi của chuỗi tập huấn."));
	v = req_field(r, "pass_mark");
	char *end = NULL;
	long pm = v && *v ? strtol(v, &end, 10) : 0;
	if (v && *v && (*end || pm < 0 || pm > 100))
		FAIL("pass_mark", _("Điểm đạt là phần trăm, từ 0 đến 100."));
	out->pass_mark = (int)pm;
	out->allow_change = req_field(r, "allow_change") != NULL;
	out->show_answers = req_field(r, "show_answers") != NULL;
	out->shuffle = req_field(r, "shuffle") != NULL;
	out->presence = req_field(r, "presence") != NULL;
	if (!json_object_get(errors, "session_id"))
		admin_eval_window_form(r, x, out, window_optional, errors);
	if (json_object_size(errors))
		return errors;
	json_decref(errors);
	return NULL;
}
