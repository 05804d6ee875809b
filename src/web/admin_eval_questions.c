/*
 * admin_eval_questions.c: an evaluation's questions and options in the
 * console:
 *   POST .../evaluations/{id}/questions                 add a question
 *   GET  .../evaluations/{id}/questions/{qid}           edit one
 *   POST .../evaluations/{id}/questions/{qid}           op=save|up|down|delete|retire
 *   POST .../questions/{qid}/options                    add an option
 *   POST .../questions/{qid}/options/{oid}              op=save|up|down|delete
 * Each POST is one audited edit job (domain/eval_edit.c), which also
 * refuses what would change answered questions.  Renders
 * templates/admin_eval_question.html; no SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/eval_json.h"
#include "domain/eval_stats.h"
#include "web/admin_eval.h"
#include "web/pages.h"

#include <string.h>

static int64_t answered_count(json_t *counts, int64_t qid)
{
	char key[24];

	snprintf(key, sizeof(key), "%lld", (long long)qid);
	return json_integer_value(json_object_get(counts, key));
}

static json_t *question_item(struct req *r, const struct admin_eval *x,
			     const struct eval_question *q, int number, int64_t answered)
{
	const char *warn = eval_check_question(q);
	json_t *o = json_pack("{s:I, s:i, s:s, s:s, s:i, s:b, s:b, s:I, s:b, s:s, s:s?, s:s, s:i}",
			      "id", (json_int_t)q->id, "number", number, "kind_text",
			      admin_eval_kind_text(q->kind), "prompt", q->prompt, "points",
			      q->points, "partial", q->partial, "required", q->required,
			      "answered", (json_int_t)answered, "locked", answered > 0, "url",
			      arena_printf(&r->arena, "%s/questions/%lld", x->url,
					   (long long)q->id),
			      "warn", warn, "aspect_text", eval_aspect_label(q->aspect), "nopts",
			      q->nopts);
	json_object_set_new(o, "first", json_boolean(number == 1));
	json_object_set_new(o, "last", json_boolean(number == x->e.nq));
	return o;
}

void admin_eval_questions_ctx(struct req *r, const struct admin_eval *x, json_t *ctx)
{
	json_t *counts = eval_stats_answer_counts(r->db, x->e.id);
	json_t *list = json_array(), *retired = json_array();
	struct eval all;

	for (int i = 0; i < x->e.nq; i++)
		json_array_append_new(list, question_item(r, x, &x->e.q[i], i + 1,
							  answered_count(counts, x->e.q[i].id)));
	if (eval_load_all(r->db, &r->arena, x->e.id, &all) == DB_OK)
		for (int i = 0; i < all.nq; i++)
			if (all.q[i].retired)
				json_array_append_new(
					retired, json_pack("{s:s, s:s, s:I}", "prompt", all.q[i].prompt,
							   "kind_text",
							   admin_eval_kind_text(all.q[i].kind),
							   "answered",
							   (json_int_t)answered_count(counts, all.q[i].id)));
	json_decref(counts);
	json_object_set_new(ctx, "questions", list);
	json_object_set_new(ctx, "no_questions", json_boolean(x->e.nq == 0));
	json_object_set_new(ctx, "retired", retired);
	json_object_set_new(ctx, "has_retired", json_boolean(json_array_size(retired) > 0));
	json_object_set_new(ctx, "kinds", admin_eval_kind_choices(Q_SINGLE));
	json_object_set_new(ctx, "aspects", admin_eval_aspect_choices(""));
	json_object_set_new(ctx, "dup_sessions",
			    admin_eval_session_choices(r, x->series, x->e.session_id));
	if (!json_object_get(ctx, "qform"))
		json_object_set_new(ctx, "qform", json_pack("{s:b}", "required", 1));
}

static void q_added(struct req *r)
{
	struct eval_edit *j = r->job.arg;
	struct admin_eval *x = j->done_arg;
	bool choice = j->q.kind == Q_SINGLE || j->q.kind == Q_MULTIPLE;

	/* A choice question needs its options next. */
	admin_eval_answer(r, choice ? arena_printf(&r->arena, "%s/questions/%lld?done=added",
						   x->url, (long long)j->new_id)
				    : arena_printf(&r->arena, "%s?done=added#questions", x->url));
}

void page_admin_eval_q_add(struct req *r)
{
	struct admin_eval *x = arena_alloc(&r->arena, sizeof(*x));

	if (admin_eval_load(r, x, true, true) != 0)
		return;
	struct eval_edit *j = admin_eval_job(r, x, EQ_Q_ADD);
	json_t *errors = admin_eval_question_form(r, &j->q);
	if (errors) {
		json_t *ctx = admin_eval_ctx(r, x, true);
		json_object_set_new(ctx, "form", admin_eval_settings_values(r, &x->e));
		json_object_set_new(ctx, "errors", json_object());
		json_object_set_new(ctx, "sessions",
				    admin_eval_session_choices(r, x->series, x->e.session_id));
		json_object_set_new(ctx, "action", json_string(x->url));
		json_object_set_new(ctx, "qerrors", errors);
		json_object_set_new(ctx, "qform",
				    json_pack("{s:s, s:s, s:s, s:s}", "prompt",
					      req_field(r, "prompt") ? req_field(r, "prompt") : "",
					      "points", req_field(r, "points") ? req_field(r, "points") : "",
					      "max_len", req_field(r, "max_len") ? req_field(r, "max_len") : "",
					      "kind", req_field(r, "kind") ? req_field(r, "kind") : ""));
		admin_eval_questions_ctx(r, x, ctx);
		req_render(r, 422, "admin_eval", ctx);
		return;
	}
	j->done_arg = x;
	req_write(r, eval_edit_run, j, q_added);
}

static const struct eval_question *find_question(const struct admin_eval *x, int64_t qid)
{
	for (int i = 0; i < x->e.nq; i++)
		if (x->e.q[i].id == qid)
			return &x->e.q[i];
	return NULL;
}

/* The question page; q's fields from `posted` when re-displaying. */
static void q_page(struct req *r, const struct admin_eval *x, const struct eval_question *q,
		   unsigned status, json_t *errors, const char *message)
{
	json_t *ctx = admin_eval_ctx(r, x, true);
	json_t *counts = eval_stats_answer_counts(r->db, x->e.id);
	int64_t answered = answered_count(counts, q->id);
	int number = 1;
	json_t *opts = json_array();

	json_decref(counts);
	while (number <= x->e.nq && x->e.q[number - 1].id != q->id)
		number++;
	json_t *item = question_item(r, x, q, number, answered);
	json_object_set_new(item, "max_len", q->max_len ? json_integer(q->max_len) : json_string(""));
	json_object_set_new(item, "choice", json_boolean(q->kind == Q_SINGLE ||
							   q->kind == Q_MULTIPLE));
	json_object_set_new(item, "is_single", json_boolean(q->kind == Q_SINGLE));
	json_object_set_new(item, "kind", json_string(eval_kind_name(q->kind)));
	json_object_set_new(item, "aspect", json_string(q->aspect ? q->aspect : ""));
	for (int k = 0; k < q->nopts; k++)
		json_array_append_new(
			opts, json_pack("{s:I, s:s, s:b, s:b, s:b, s:s}", "id",
					(json_int_t)q->opts[k].id, "label", q->opts[k].label,
					"correct", q->opts[k].correct, "first", k == 0, "last",
					k == q->nopts - 1, "url",
					arena_printf(&r->arena, "%s/options/%lld",
						     json_string_value(json_object_get(item, "url")),
						     (long long)q->opts[k].id)));
	json_object_set_new(item, "options", opts);
	json_object_set_new(item, "can_add_option", json_boolean(q->nopts < EVAL_MAX_OPTIONS));
	json_object_set_new(ctx, "q", item);
	json_object_set_new(ctx, "kinds", admin_eval_kind_choices(q->kind));
	json_object_set_new(ctx, "aspects", admin_eval_aspect_choices(q->aspect));
	json_object_set_new(ctx, "errors", errors ? errors : json_object());
	if (message)
		json_object_set_new(ctx, "message", json_string(message));
	json_object_set_new(ctx, "page_title", json_sprintf("%s · %s %d", x->e.title,
							    _("Câu"), number));
	admin_eval_notice(r, ctx);
	req_render(r, status, "admin_eval_question", ctx);
}

void page_admin_eval_q(struct req *r)
{
	struct admin_eval x;
	const struct eval_question *q;

	if (admin_eval_load(r, &x, false, true) != 0)
		return;
	if (!(q = find_question(&x, admin_eval_id(r->params[2])))) {
		req_error(r, 404, _("Không tìm thấy câu hỏi này (có thể đã bị xoá hoặc ngừng "
				    "dùng)."));
		return;
	}
	q_page(r, &x, q, 200, NULL, NULL);
}

static void q_done(struct req *r)
{
	struct eval_edit *j = r->job.arg;
	struct admin_eval *x = j->done_arg;
	const char *next;

	switch (j->op) {
	case EQ_Q_SAVE:
		next = arena_printf(&r->arena, "%s/questions/%lld?done=saved", x->url,
				    (long long)j->question_id);
		break;
	case EQ_RETIRE:
		next = arena_printf(&r->arena, "%s/questions/%lld?done=retired", x->url,
				    (long long)j->new_id);
		break;
	case EQ_Q_DELETE:
		next = arena_printf(&r->arena, "%s?done=deleted#questions", x->url);
		break;
	case EQ_O_ADD:
	case EQ_O_SAVE:
		next = arena_printf(&r->arena, "%s/questions/%lld?done=saved#options", x->url,
				    (long long)j->question_id);
		break;
	case EQ_O_UP:
	case EQ_O_DOWN:
	case EQ_O_DELETE:
		next = arena_printf(&r->arena, "%s/questions/%lld?done=%s#options", x->url,
				    (long long)j->question_id,
				    j->op == EQ_O_DELETE ? "deleted" : "moved");
		break;
	default:
		next = arena_printf(&r->arena, "%s?done=moved#q%lld", x->url,
				    (long long)j->question_id);
	}
	admin_eval_answer(r, next);
}

static const struct {
	const char *name;
	enum eval_op q_op, o_op;
} ops[] = {
	{"save", EQ_Q_SAVE, EQ_O_SAVE}, {"up", EQ_Q_UP, EQ_O_UP},
	{"down", EQ_Q_DOWN, EQ_O_DOWN}, {"delete", EQ_Q_DELETE, EQ_O_DELETE},
	{"retire", EQ_RETIRE, EQ_O_SAVE},
};

/* The op field's operation; -1 if unknown (or retire on an option). */
static int op_of(struct req *r, bool option)
{
	const char *v = req_field(r, "op");

	for (size_t i = 0; v && i < sizeof(ops) / sizeof(ops[0]); i++)
		if (strcmp(v, ops[i].name) == 0)
			return option ? (strcmp(v, "retire") ? (int)ops[i].o_op : -1)
				      : (int)ops[i].q_op;
	return -1;
}

/* An option's label and correct flag from the form; a message if bad. */
static const char *option_form(struct req *r, struct eval_option *o)
{
	const char *msg = NULL;

	o->label = eval_clean_text(&r->arena, req_field(r, "label"), EVAL_LABEL_MAX, false, true,
				   &msg);
	o->correct = req_field(r, "correct") != NULL;
	return o->label ? NULL : arena_printf(&r->arena, _("Lựa chọn: %s."), msg);
}

/* The common part of the four question and option POSTs. */
static void q_post(struct req *r, int op, bool option)
{
	struct admin_eval *x = arena_alloc(&r->arena, sizeof(*x));
	const struct eval_question *q;

	if (admin_eval_load(r, x, true, true) != 0)
		return;
	if (!(q = find_question(x, admin_eval_id(r->params[2])))) {
		req_error(r, 404, _("Không tìm thấy câu hỏi này (có thể đã bị xoá hoặc ngừng "
				    "dùng)."));
		return;
	}
	if (op < 0) {
		req_error(r, 400, _("Thao tác không hợp lệ."));
		return;
	}
	struct eval_edit *j = admin_eval_job(r, x, (enum eval_op)op);
	json_t *errors = NULL;
	const char *msg = NULL;
	if (op == EQ_Q_SAVE && (errors = admin_eval_question_form(r, &j->q))) {
		q_page(r, x, q, 422, errors, _("Xin sửa các mục được đánh dấu."));
		return;
	}
	if (option && (op == EQ_O_ADD || op == EQ_O_SAVE) && (msg = option_form(r, &j->o))) {
		q_page(r, x, q, 422, NULL, msg);
		return;
	}
	j->done_arg = x;
	req_write(r, eval_edit_run, j, q_done);
}

void page_admin_eval_q_post(struct req *r)
{
	q_post(r, op_of(r, false), false);
}

void page_admin_eval_o_add(struct req *r)
{
	q_post(r, EQ_O_ADD, true);
}

void page_admin_eval_o_post(struct req *r)
{
	q_post(r, op_of(r, true), true);
}
