/*
 * api_evaluation.c: the evaluation API of a participant, for scripts and
 * load tests:
 *   GET  /api/v1/me/{token}/evaluations           id, session, window, status
 *   GET  /api/v1/me/{token}/evaluations/{id}      questions, options, a fresh form_id
 *   POST /api/v1/me/{token}/evaluations/{id}/submissions
 *        {"form_id": ..., "answers": {"<qid>": option | [options] | 1-5 | "text"}}
 *        201 with the score; 200 with the same result for a replayed form_id;
 *        409 closed, already submitted, or a form_id of another submission;
 *        422 {"errors": {"<qid>": message}}.
 * No SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "web/eval_common.h"
#include "web/pages.h"

#include <time.h>

void api_evals_list(struct req *r)
{
	struct eval_page p;

	if (eval_page_load(r, &p, -1) != 0)
		return;
	req_json(r, 200,
		 json_pack("{s:o}", "evaluations", eval_overview(r, p.series_id, p.reg_id)));
}

void api_eval_get(struct req *r)
{
	struct eval_page p;
	char form_id[32];
	int order[EVAL_MAX_OPTIONS];

	if (eval_page_load(r, &p, 1) != 0)
		return;
	json_t *qs = json_array();
	for (int i = 0; i < p.e.nq; i++) {
		const struct eval_question *q = &p.e.q[i];
		json_t *opts = json_array();
		eval_option_order(&p.e, q, p.reg_id, order);
		for (int k = 0; k < q->nopts; k++)
			json_array_append_new(opts, json_pack("{s:I, s:s}", "id",
							      (json_int_t)q->opts[order[k]].id,
							      "label", q->opts[order[k]].label));
		json_t *x = json_pack("{s:I, s:s, s:s, s:i, s:b, s:o}", "id", (json_int_t)q->id,
				      "kind", eval_kind_name(q->kind), "prompt", q->prompt,
				      "points", q->points, "required", q->required, "options",
				      opts);
		if (q->kind == Q_TEXT)
			json_object_set_new(x, "max_len",
					    json_integer(q->max_len ? q->max_len : EVAL_TEXT_MAX));
		json_array_append_new(qs, x);
	}
	eval_new_form_id(form_id);
	enum eval_window w = eval_window(&p.e, (int64_t)time(NULL));
	req_json(r, 200,
		 json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, s:s, s:i, s:b, s:o, s:s}", "id",
			   (json_int_t)p.e.id, "session_id", (json_int_t)p.e.session_id, "title",
			   p.e.title, "instructions", p.e.instructions, "opens_at",
			   (json_int_t)p.e.opens_at, "closes_at", (json_int_t)p.e.closes_at,
			   "status", eval_status_name(w), "pass_mark", p.e.pass_mark,
			   "allow_change", p.e.allow_change, "questions", qs, "form_id", form_id));
}

static void api_eval_done(struct req *r)
{
	struct eval_submit *s = r->job.arg;

	if (r->job.rc == DB_OK)
		req_json(r, s->replayed ? 200 : 201,
			 json_pack("{s:o, s:b}", "submission",
				   eval_grade_json(r, &s->grade, s->submitted_at), "replayed",
				   s->replayed));
	else if (r->job.rc == DB_CONFLICT)
		req_error(r, 409, s->conflict);
	else
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được bài làm. Xin gửi lại."));
}

void api_eval_submit(struct req *r)
{
	struct eval_page *p = arena_alloc(&r->arena, sizeof(*p));
	int64_t now = (int64_t)time(NULL);

	if (eval_page_load(r, p, 1) != 0)
		return;
	enum eval_window w = eval_window(&p->e, now);
	if (w != EVAL_OPEN) {
		req_error(r, 409, w == EVAL_BEFORE ? _("Bài đánh giá chưa mở.")
						   : _("Bài đánh giá đã đóng, không nhận thêm bài làm."));
		return;
	}
	const char *form_id = json_string_value(json_object_get(r->json, "form_id"));
	if (!form_id || !eval_form_id_ok(form_id)) {
		req_json(r, 422,
			 json_pack("{s:s, s:{s:s}, s:i}", "error", _("Dữ liệu chưa hợp lệ."),
				   "errors", "form_id",
				   _("Cần form_id lấy từ GET bài đánh giá (22 ký tự)."), "status",
				   422));
		return;
	}
	struct eval_answer *ans = arena_alloc(&r->arena, sizeof(*ans) * (size_t)(p->e.nq + 1));
	json_t *errors =
		eval_answers_from_json(&r->arena, &p->e, json_object_get(r->json, "answers"), ans);
	if (errors) {
		req_json(r, 422,
			 json_pack("{s:s, s:o, s:i}", "error", _("Dữ liệu chưa hợp lệ."), "errors",
				   errors, "status", 422));
		return;
	}
	struct eval_submit *s = arena_alloc(&r->arena, sizeof(*s));
	s->e = &p->e;
	s->ans = ans;
	s->registration_id = p->reg_id;
	s->now = now;
	s->form_id = arena_strdup(&r->arena, form_id);
	eval_grade(&p->e, ans, &s->grade);
	req_write(r, eval_submit, s, api_eval_done);
}
