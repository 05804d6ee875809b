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

#include <string.h>
#include <time.h>

void api_evals_list(struct req *r)
{
	struct eval_page p;

	if (eval_page_load(r, &p, -1) != 0)
		return;
	req_json(r, 200,
		 json_pack("{s:o}", "evaluations", eval_overview(r, p.series_id, p.reg_id)));
}

/* "key":"string" (preceded by a comma unless first). */
static void api_eval_str(struct buf *b, const char *key, const char *s)
{
	buf_adds(b, key);
	buf_add_json(b, s, strlen(s));
}

/* The form, written straight into the response: it is the first request of
 * every participant in a closing rush, and a jansson tree of it (two dozen
 * objects, freed at once) cost more than the rest of the request.  The
 * same keys, in the same order, as json_pack gave. */
static void api_eval_form(struct req *r, const struct eval_page *p)
{
	struct buf *b = &r->out;
	char form_id[32];
	int order[EVAL_MAX_OPTIONS];
	const struct eval *e = &p->e;

	eval_new_form_id(form_id);
	r->status = 200;
	r->content_type = "application/json; charset=utf-8";
	buf_reset(b);
	buf_addf(b, "{\"id\":%lld,\"session_id\":%lld", (long long)e->id,
		 (long long)e->session_id);
	api_eval_str(b, ",\"title\":", e->title);
	api_eval_str(b, ",\"instructions\":", e->instructions);
	buf_addf(b, ",\"opens_at\":%lld,\"closes_at\":%lld,\"status\":\"%s\",\"pass_mark\":%d,"
		    "\"allow_change\":%s,\"questions\":[",
		 (long long)e->opens_at, (long long)e->closes_at,
		 eval_status_name(eval_window(e, (int64_t)time(NULL))), e->pass_mark,
		 e->allow_change ? "true" : "false");
	for (int i = 0; i < e->nq; i++) {
		const struct eval_question *q = &e->q[i];

		buf_addf(b, "%s{\"id\":%lld,\"kind\":\"%s\"", i ? "," : "", (long long)q->id,
			 eval_kind_name(q->kind));
		api_eval_str(b, ",\"prompt\":", q->prompt);
		buf_addf(b, ",\"points\":%d,\"required\":%s,\"options\":[", q->points,
			 q->required ? "true" : "false");
		eval_option_order(e, q, p->reg_id, order);
		for (int k = 0; k < q->nopts; k++) {
			buf_addf(b, "%s{\"id\":%lld", k ? "," : "",
				 (long long)q->opts[order[k]].id);
			api_eval_str(b, ",\"label\":", q->opts[order[k]].label);
			buf_addc(b, '}');
		}
		buf_addc(b, ']');
		if (q->kind == Q_TEXT)
			buf_addf(b, ",\"max_len\":%d", q->max_len ? q->max_len : EVAL_TEXT_MAX);
		buf_addc(b, '}');
	}
	buf_addf(b, "],\"form_id\":\"%s\"}\n", form_id);
}

void api_eval_get(struct req *r)
{
	struct eval_page p;

	if (eval_page_load(r, &p, 1) != 0)
		return;
	api_eval_form(r, &p);
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
	req_write_unguarded(r, eval_submit, s, api_eval_done);
}
