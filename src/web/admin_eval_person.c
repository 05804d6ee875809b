/*
 * admin_eval_person.c: GET .../evaluations/{id}/results/{registration_id},
 * one participant's submission in the console: the stored score, and per
 * question (retired ones included) what they chose, which options were
 * correct, the points it earns, their rating or text.  Renders
 * templates/admin_eval_person.html; no SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/contact.h"
#include "domain/eval_stats.h"
#include "web/admin_eval.h"
#include "web/eval_common.h"
#include "web/pages.h"

static bool chose(const struct eval_answer *a, int64_t opt)
{
	for (int i = 0; i < a->nopts; i++)
		if (a->opts[i] == opt)
			return true;
	return false;
}

static json_t *person_question(struct req *r, const struct eval_question *q,
			       const struct eval_answer *a, int number)
{
	json_t *o = json_pack("{s:i, s:s, s:s, s:b, s:b, s:b}", "number", number, "prompt",
			      q->prompt, "kind_text", admin_eval_kind_text(q->kind), "retired",
			      q->retired, "given", a->given, "choice",
			      q->kind == Q_SINGLE || q->kind == Q_MULTIPLE);
	json_t *opts = json_array();

	for (int k = 0; k < q->nopts; k++)
		json_array_append_new(opts, json_pack("{s:s, s:b, s:b}", "label", q->opts[k].label,
						      "chosen", chose(a, q->opts[k].id), "correct",
						      q->opts[k].correct));
	json_object_set_new(o, "options", opts);
	if (q->points > 0)
		json_object_set_new(o, "points_text",
				    json_sprintf("%s/%d", eval_points_text(r, eval_question_points(q, a)),
						 q->points));
	if (q->kind == Q_RATING && a->rating)
		json_object_set_new(o, "rating", json_integer(a->rating));
	if (q->kind == Q_TEXT && a->text)
		json_object_set_new(o, "text", json_string(a->text));
	return o;
}

void page_admin_eval_person(struct req *r)
{
	struct admin_eval x;
	struct eval_stats s;
	const struct eval_sub *u;
	char d[32], h[16];

	if (admin_eval_load(r, &x, false, true) != 0)
		return;
	if (eval_stats_load(r->db, &r->arena, x.e.id, &s) != DB_OK) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	if (!(u = eval_stats_find(&s, admin_eval_id(r->params[2])))) {
		req_error(r, 404, _("Người này chưa nộp bài đánh giá này."));
		return;
	}
	json_t *ctx = admin_eval_ctx(r, &x, true);
	json_t *qs = json_array();
	char phone[PHONE_MAX];
	phone_local(u->phone, phone);
	for (int i = 0; i < s.e.nq; i++)
		json_array_append_new(qs, person_question(r, &s.e.q[i], &u->ans[i], i + 1));
	json_object_set_new(
		ctx, "who",
		json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:b}", "name", u->name, "email",
			  u->email, "phone", phone, "org", u->org, "when",
			  arena_printf(&r->arena, "%s %s", vtime_hm(h, sizeof(h), u->at),
				       vtime_date(d, sizeof(d), u->at)),
			  "score_text", eval_points_text(r, u->score), "max_text",
			  eval_points_text(r, u->max), "passed", u->passed, "graded", u->max > 0));
	json_object_set_new(ctx, "questions", qs);
	json_object_set_new(ctx, "page_title", json_sprintf("%s · %s", u->name, x.e.title));
	req_render(r, 200, "admin_eval_person", ctx);
}
