/*
 * admin_evals.c: the console's evaluations of a series:
 *   GET  /admin/series/{slug}/evaluations        the list (viewers too)
 *   GET  .../evaluations/new, POST .../new        a new evaluation
 *   GET  .../evaluations/{id}                     settings and questions
 *   POST .../evaluations/{id}                     save the settings
 * Renders templates/admin_evals.html and admin_eval.html.  No SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/eval_json.h"
#include "domain/eval_stats.h"
#include "web/admin_eval.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>

/* What ?done= after a redirect says. */
static const char *const done_texts[][2] = {
	{"saved", N_("Đã lưu.")},
	{"created", N_("Đã tạo bài đánh giá. Giờ hãy thêm câu hỏi.")},
	{"imported", N_("Đã nhập bài đánh giá từ tệp JSON.")},
	{"duplicated", N_("Đã nhân bản bài đánh giá. Đây là bản mới.")},
	{"added", N_("Đã thêm câu hỏi.")},
	{"moved", N_("Đã đổi thứ tự.")},
	{"deleted", N_("Đã xoá.")},
	{"retired", N_("Câu hỏi cũ đã ngừng dùng (các bài đã nộp giữ nguyên điểm). Đây là bản "
		       "thay thế để sửa.")},
	{NULL, NULL},
};

void admin_eval_notice(struct req *r, json_t *ctx)
{
	const char *d = req_query(r, "done");

	for (int i = 0; d && done_texts[i][0]; i++)
		if (strcmp(d, done_texts[i][0]) == 0)
			json_object_set_new(ctx, "notice", json_string(_(done_texts[i][1])));
}

void admin_evals_page(struct req *r, const struct admin_eval *xp, unsigned status,
		      json_t *import_errors)
{
	const struct admin_eval x = *xp;
	char n[32];
	size_t i;
	json_t *e;
	json_t *ctx = admin_eval_ctx(r, &x, false);
	json_t *list = eval_stats_list(r->db, x.s.id);
	json_array_foreach(list, i, e)
	{
		int64_t subs = json_integer_value(json_object_get(e, "submissions"));
		int64_t passed = json_integer_value(json_object_get(e, "passed"));
		json_object_set_new(e, "session_text",
				    json_string(admin_eval_session_text(
					    r, x.series,
					    json_integer_value(json_object_get(e, "session_id")))));
		json_object_set_new(
			e, "window_text",
			json_string(admin_eval_window_text(
				r, json_integer_value(json_object_get(e, "opens_at")),
				json_integer_value(json_object_get(e, "closes_at")))));
		json_object_set_new(e, "subs_text", json_string(vtime_count(n, sizeof(n), subs)));
		json_object_set_new(e, "pass_text",
				    subs ? json_sprintf("%lld%%", (long long)(passed * 100 / subs))
					 : json_string("–"));
	}
	json_object_set_new(ctx, "evaluations", list);
	json_object_set_new(ctx, "empty", json_boolean(json_array_size(list) == 0));
	json_object_set_new(ctx, "sessions", admin_eval_session_choices(r, x.series, -1));
	if (import_errors) {
		json_object_set_new(ctx, "has_import_errors", json_true());
		json_object_set_new(ctx, "import_errors", import_errors);
	}
	admin_eval_notice(r, ctx);
	req_render(r, status, "admin_evals", ctx);
}

void page_admin_evals(struct req *r)
{
	struct admin_eval x;

	if (admin_eval_load(r, &x, false, false) == 0)
		admin_evals_page(r, &x, 200, NULL);
}

/* The settings form of a new or existing evaluation, with values and
 * errors (both stolen, may be NULL). */
static void admin_eval_settings_page(struct req *r, const struct admin_eval *x, unsigned status,
				     json_t *values, json_t *errors, int64_t session_id)
{
	bool is_new = x->url == NULL;
	json_t *ctx = admin_eval_ctx(r, x, !is_new);

	json_object_set_new(ctx, "is_new", json_boolean(is_new));
	json_object_set_new(ctx, "form", values ? values : json_object());
	json_object_set_new(ctx, "errors", errors ? errors : json_object());
	json_object_set_new(ctx, "has_errors", json_boolean(errors != NULL));
	json_object_set_new(ctx, "sessions", admin_eval_session_choices(r, x->series, session_id));
	json_object_set_new(ctx, "action", json_string(is_new ? arena_printf(&r->arena, "%s/new",
									     x->base)
							      : x->url));
	if (is_new) {
		json_object_set_new(ctx, "page_title", json_string(_("Bài đánh giá mới")));
		req_render(r, status, "admin_eval", ctx);
		return;
	}
	admin_eval_questions_ctx(r, x, ctx);
	admin_eval_notice(r, ctx);
	req_render(r, status, "admin_eval", ctx);
}

/* The form values as posted, for re-display after an error. */
static json_t *admin_eval_posted(struct req *r)
{
	static const char *const names[] = {"title", "instructions", "opens_date", "opens_time",
					    "closes_date", "closes_time", "pass_mark"};
	static const char *const checks[] = {"allow_change", "show_answers", "shuffle",
					     "presence"};
	json_t *v = json_object();

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *s = req_field(r, names[i]);
		if (s)
			json_object_set_new(v, names[i], json_string(s));
	}
	for (size_t i = 0; i < sizeof(checks) / sizeof(checks[0]); i++)
		json_object_set_new(v, checks[i], json_boolean(req_field(r, checks[i]) != NULL));
	return v;
}

void page_admin_eval_new(struct req *r)
{
	struct admin_eval x;

	if (admin_eval_load(r, &x, true, false) != 0)
		return;
	json_t *v = json_pack("{s:i, s:b, s:b}", "pass_mark", 50, "show_answers", 1, "presence", 1);
	admin_eval_settings_page(r, &x, 200, v, NULL, -1);
}

static void admin_eval_created(struct req *r)
{
	struct eval_edit *j = r->job.arg;
	struct admin_eval *x = j->done_arg;

	admin_eval_answer(r, arena_printf(&r->arena, "%s/%lld?done=created", x->base,
					  (long long)j->new_id));
}

void page_admin_eval_create(struct req *r)
{
	struct admin_eval *x = arena_alloc(&r->arena, sizeof(*x));
	struct eval *e = arena_alloc(&r->arena, sizeof(*e));

	if (admin_eval_load(r, x, true, false) != 0)
		return;
	json_t *errors = admin_eval_settings_form(r, x, e, true);
	if (errors) {
		admin_eval_settings_page(r, x, 422, admin_eval_posted(r), errors,
					 admin_eval_id(req_field(r, "session_id")));
		return;
	}
	struct eval_edit *j = admin_eval_job(r, x, EQ_CREATE);
	j->def = e;
	j->source = "new";
	j->done_arg = x;
	req_write(r, eval_edit_run, j, admin_eval_created);
}

void page_admin_eval(struct req *r)
{
	struct admin_eval x;

	if (admin_eval_load(r, &x, false, true) != 0)
		return;
	admin_eval_settings_page(r, &x, 200, admin_eval_settings_values(r, &x.e), NULL,
				 x.e.session_id);
}

static void admin_eval_saved(struct req *r)
{
	struct eval_edit *j = r->job.arg;
	struct admin_eval *x = j->done_arg;

	admin_eval_answer(r, arena_printf(&r->arena, "%s?done=saved", x->url));
}

void page_admin_eval_save(struct req *r)
{
	struct admin_eval *x = arena_alloc(&r->arena, sizeof(*x));
	struct eval *e = arena_alloc(&r->arena, sizeof(*e));

	if (admin_eval_load(r, x, true, true) != 0)
		return;
	json_t *errors = admin_eval_settings_form(r, x, e, false);
	if (errors) {
		admin_eval_settings_page(r, x, 422, admin_eval_posted(r), errors,
					 admin_eval_id(req_field(r, "session_id")));
		return;
	}
	struct eval_edit *j = admin_eval_job(r, x, EQ_SETTINGS);
	j->def = e;
	j->done_arg = x;
	req_write(r, eval_edit_run, j, admin_eval_saved);
}
