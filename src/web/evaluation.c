/*
 * evaluation.c: GET and POST /me/{token}/evaluations/{id}, a participant's
 * end-of-session evaluation as one small page that works without
 * JavaScript.  Before the window: when it opens (the page refreshes
 * itself); during: the form, with a one-time form id so a double tap or a
 * retry stores it once; after: "closed" and the result.  No SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "web/eval_common.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>

static const char *const rating_labels[] = {N_("Rất không hài lòng"), N_("Không hài lòng"),
					    N_("Bình thường"), N_("Hài lòng"),
					    N_("Rất hài lòng")};

static bool eval_has(const struct eval_answer *a, int64_t opt)
{
	for (int i = 0; a && i < a->nopts; i++)
		if (a->opts[i] == opt)
			return true;
	return false;
}

/* The questions as the template shows them; ans (may be NULL) pre-fills,
 * reveal marks correct options. */
static json_t *eval_questions_view(const struct eval_page *p,
				   const struct eval_answer *ans, json_t *errors, bool reveal)
{
	json_t *list = json_array();
	int order[EVAL_MAX_OPTIONS];

	for (int i = 0; i < p->e.nq; i++) {
		const struct eval_question *q = &p->e.q[i];
		const struct eval_answer *a = ans ? &ans[i] : NULL;
		char key[24];
		snprintf(key, sizeof(key), "%lld", (long long)q->id);
		json_t *x = json_pack("{s:I, s:i, s:s, s:b, s:s?}", "qid", (json_int_t)q->id, "number",
				      i + 1, "prompt", q->prompt, eval_kind_name(q->kind), 1, "error",
				      json_string_value(json_object_get(errors, key)));
		if (q->points > 0)
			json_object_set_new(x, "points", json_integer(q->points));
		if (!q->required)
			json_object_set_new(x, "optional", json_true());
		json_t *opts = json_array();
		if (q->kind == Q_RATING) {
			for (int v = 1; v <= 5; v++)
				json_array_append_new(
					opts, json_pack("{s:i, s:s, s:b}", "id", v, "label",
							_(rating_labels[v - 1]), "checked",
							a && a->rating == v));
		} else {
			eval_option_order(&p->e, q, p->reg_id, order);
			for (int k = 0; k < q->nopts; k++) {
				const struct eval_option *o = &q->opts[order[k]];
				json_t *ox = json_pack("{s:I, s:s, s:b}", "id", (json_int_t)o->id,
						       "label", o->label, "checked",
						       eval_has(a, o->id));
				if (reveal && o->correct)
					json_object_set_new(ox, "correct", json_true());
				json_array_append_new(opts, ox);
			}
		}
		json_object_set_new(x, "options", opts);
		if (q->kind == Q_TEXT) {
			json_object_set_new(x, "max_len",
					    json_integer(q->max_len ? q->max_len : EVAL_TEXT_MAX));
			if (a && a->text)
				json_object_set_new(x, "text", json_string(a->text));
		}
		json_array_append_new(list, x);
	}
	return list;
}

static json_t *eval_page_ctx(struct req *r, const struct eval_page *p)
{
	char d[32], t[16];
	int64_t now = (int64_t)time(NULL);
	enum eval_window w = eval_window(&p->e, now);

	json_t *ctx = json_pack(
		"{s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:s}", "page_title", p->e.title, "title",
		p->e.title, "instructions", p->e.instructions, "me",
		arena_printf(&r->arena, "/me/%s", r->params[0]), "opens_text",
		arena_printf(&r->arena, "%s %s", vtime_hm(t, sizeof(t), p->e.opens_at),
			     vtime_date(d, sizeof(d), p->e.opens_at)),
		"closes_text",
		arena_printf(&r->arena, "%s %s", vtime_hm(t, sizeof(t), p->e.closes_at),
			     vtime_date(d, sizeof(d), p->e.closes_at)),
		eval_status_name(w), 1, "action",
		arena_printf(&r->arena, "/me/%s/evaluations/%lld", r->params[0],
			     (long long)p->e.id));
	if (w == EVAL_BEFORE)
		json_object_set_new(ctx, "minutes_left",
				    json_integer((p->e.opens_at - now + 59) / 60));
	return ctx;
}

/* What is still needed: the other evaluations of the series. */
static void eval_add_overview(struct req *r, json_t *ctx, const struct eval_page *p)
{
	json_t *all = eval_overview(r, p->series_id, p->reg_id);
	size_t i, done = 0, passed = 0;
	json_t *x;

	json_array_foreach(all, i, x)
	{
		json_t *res = json_object_get(x, "result");
		done += json_is_object(res);
		passed += json_is_object(res) && json_is_true(json_object_get(res, "passed"));
	}
	json_object_set_new(ctx, "overview", all);
	json_object_set_new(ctx, "done_count", json_integer((json_int_t)done));
	json_object_set_new(ctx, "passed_count", json_integer((json_int_t)passed));
	json_object_set_new(ctx, "total_count", json_integer((json_int_t)json_array_size(all)));
}

static void eval_show(struct req *r, struct eval_page *p, unsigned status, json_t *errors,
		      const struct eval_answer *posted, const char *notice)
{
	json_t *ctx = eval_page_ctx(r, p);
	enum eval_window w = eval_window(&p->e, (int64_t)time(NULL));
	struct eval_grade g;
	int64_t at;
	bool submitted = eval_result(r->db, p->e.id, p->reg_id, &g, &at) == DB_OK;
	struct eval_answer *stored = NULL;

	if (submitted) {
		json_object_set_new(ctx, "result", eval_grade_json(r, &g, at));
		stored = arena_alloc(&r->arena, sizeof(*stored) * (size_t)(p->e.nq + 1));
		eval_stored_answers(r->db, &r->arena, &p->e, p->reg_id, stored);
	}
	bool show_form = w == EVAL_OPEN && (!submitted || p->e.allow_change);
	bool reveal = w == EVAL_CLOSED && p->e.show_answers;
	if (show_form || reveal || submitted)
		json_object_set_new(ctx, "questions",
				    eval_questions_view(p, posted ? posted : stored, errors,
							reveal));
	if (show_form) {
		char form_id[32];
		eval_new_form_id(form_id);
		json_object_set_new(ctx, "form", json_true());
		json_object_set_new(ctx, "form_id", json_string(form_id));
		json_object_set_new(ctx, "csrf", json_string(req_csrf_token(r)));
	}
	if (errors && json_object_size(errors))
		json_object_set_new(ctx, "has_errors", json_true());
	if (notice)
		json_object_set_new(ctx, "notice", json_string(notice));
	eval_add_overview(r, ctx, p);
	json_decref(errors);
	req_add_header(r, "Cache-Control", "no-store");
	req_render(r, status, "evaluation", ctx);
}

void page_eval_get(struct req *r)
{
	struct eval_page p;

	if (eval_page_load(r, &p, 1) == 0)
		eval_show(r, &p, 200, NULL, NULL, NULL);
}

static void eval_post_done(struct req *r)
{
	struct eval_submit *s = r->job.arg;
	struct eval_page *p = s->done_arg;

	if (r->job.rc == DB_OK)
		eval_show(r, p, 200, NULL, NULL,
			  s->replayed ? _("Bài làm này đã được ghi nhận trước đó.")
				      : _("Đã ghi nhận bài làm của bạn. Cảm ơn!"));
	else if (r->job.rc == DB_CONFLICT)
		eval_show(r, p, 409, NULL, NULL, s->conflict);
	else
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được bài làm. Xin gửi lại."));
}

void page_eval_post(struct req *r)
{
	struct eval_page *p = arena_alloc(&r->arena, sizeof(*p));
	const char *form_id = req_field(r, "form_id");
	int64_t now = (int64_t)time(NULL);

	if (eval_page_load(r, p, 1) != 0)
		return;
	if (eval_window(&p->e, now) != EVAL_OPEN) {
		eval_show(r, p, 409, NULL, NULL,
			  eval_window(&p->e, now) == EVAL_BEFORE
				  ? _("Bài đánh giá chưa mở.")
				  : _("Bài đánh giá đã đóng, không nhận thêm bài làm."));
		return;
	}
	if (!form_id || !eval_form_id_ok(form_id)) {
		eval_show(r, p, 400, NULL, NULL, _("Biểu mẫu không hợp lệ. Xin tải lại trang."));
		return;
	}
	const char **names = arena_alloc(&r->arena, sizeof(char *) * (size_t)(r->nfields + 1));
	const char **values = arena_alloc(&r->arena, sizeof(char *) * (size_t)(r->nfields + 1));
	for (int i = 0; i < r->nfields; i++) {
		names[i] = r->fields[i].name;
		values[i] = r->fields[i].value;
	}
	struct eval_answer *ans = arena_alloc(&r->arena, sizeof(*ans) * (size_t)(p->e.nq + 1));
	json_t *errors = eval_answers_from_form(&r->arena, &p->e, names, values, r->nfields, ans);
	if (errors) {
		eval_show(r, p, 422, errors, ans, _("Xin kiểm tra lại các câu được đánh dấu."));
		return;
	}
	struct eval_submit *s = arena_alloc(&r->arena, sizeof(*s));
	s->e = &p->e;
	s->ans = ans;
	s->registration_id = p->reg_id;
	s->now = now;
	s->form_id = arena_strdup(&r->arena, form_id);
	s->done_arg = p;
	eval_grade(&p->e, ans, &s->grade);
	req_write_unguarded(r, eval_submit, s, eval_post_done);
}
