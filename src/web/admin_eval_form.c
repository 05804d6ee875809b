/*
 * admin_eval_form.c: the question form, the kind and aspect choices, and
 * the two ends of an edit job (building it, answering once it ran); see
 * admin_eval.h.
 */
#include "web/admin_eval.h"
#include "core/i18n.h"
#include "domain/eval_json.h"
#include "http/req.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *const kind_texts[] = {N_("Một lựa chọn"), N_("Nhiều lựa chọn"),
					 N_("Đánh giá mức độ 1–5"), N_("Tự luận")};

const char *admin_eval_kind_text(enum eval_kind k)
{
	return _(kind_texts[k]);
}

json_t *admin_eval_kind_choices(enum eval_kind selected)
{
	json_t *list = json_array();

	for (int k = Q_SINGLE; k <= Q_TEXT; k++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value",
						      eval_kind_name((enum eval_kind)k), "text",
						      _(kind_texts[k]), "selected",
						      k == (int)selected));
	return list;
}

json_t *admin_eval_aspect_choices(const char *selected)
{
	json_t *list = json_array();

	json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value", "", "text",
					      _("(không)"), "selected",
					      !selected || !*selected));
	for (int i = 0; eval_aspects[i][0]; i++)
		json_array_append_new(list, json_pack("{s:s, s:s, s:b}", "value",
						      eval_aspects[i][0], "text",
						      _(eval_aspects[i][1]), "selected",
						      selected && !strcmp(selected, eval_aspects[i][0])));
	return list;
}

/* A whole number field in [min, max]; absent or empty is 0. */
static int admin_eval_int(struct req *r, const char *name, int min, int max, bool *ok)
{
	const char *v = req_field(r, name);
	char *end;
	long n;

	if (!v || !*v)
		return 0;
	n = strtol(v, &end, 10);
	if (*end || n < min || n > max || strlen(v) > 9) {
		*ok = false;
		return 0;
	}
	return (int)n;
}

json_t *admin_eval_question_form(struct req *r, struct eval_question *q)
{
	json_t *errors = json_object();
	const char *msg = NULL;
	bool ok = true;
	int k = eval_kind_parse(req_field(r, "kind"));

	memset(q, 0, sizeof(*q));
	if (k < 0)
		json_object_set_new(errors, "kind", json_string(_("Xin chọn loại câu hỏi.")));
	q->kind = k < 0 ? Q_SINGLE : (enum eval_kind)k;
	q->prompt = eval_clean_text(&r->arena, req_field(r, "prompt"), EVAL_PROMPT_MAX, false,
				    true, &msg);
	if (!q->prompt)
		json_object_set_new(errors, "prompt",
				    json_string(arena_printf(&r->arena, _("Câu hỏi: %s."), msg)));
	q->points = admin_eval_int(r, "points", -1000, 1000, &ok);
	if (!ok)
		json_object_set_new(errors, "points", json_string(_("Điểm là một số nguyên.")));
	ok = true;
	q->max_len = admin_eval_int(r, "max_len", -1000000, 1000000, &ok);
	if (!ok)
		json_object_set_new(errors, "max_len",
				    json_string(_("Giới hạn độ dài là một số nguyên.")));
	q->partial = req_field(r, "partial") != NULL;
	q->required = req_field(r, "required") != NULL;
	const char *aspect = req_field(r, "aspect");
	q->aspect = arena_strdup(&r->arena, aspect && strlen(aspect) < 20 ? aspect : "");
	/* The rest of the rules are the import's, phrased for a form. */
	const char *m = json_object_size(errors) ? NULL : eval_check_fields(q);
	if (m) {
		char *cap = arena_strdup(&r->arena, m);
		if (cap[0] >= 'a' && cap[0] <= 'z')
			cap[0] = (char)(cap[0] - 'a' + 'A');
		json_object_set_new(errors, "form", json_string(arena_printf(&r->arena, "%s.", cap)));
	}
	if (json_object_size(errors))
		return errors;
	json_decref(errors);
	return NULL;
}

struct eval_edit *admin_eval_job(struct req *r, const struct admin_eval *x, enum eval_op op)
{
	struct eval_edit *j = arena_alloc(&r->arena, sizeof(*j));

	j->op = op;
	j->who = r->user;
	j->now = (int64_t)time(NULL);
	j->series_id = x->s.id;
	j->eval_id = x->e.id;
	if (r->nparams > 2)
		j->question_id = admin_eval_id(r->params[2]);
	if (r->nparams > 3)
		j->option_id = admin_eval_id(r->params[3]);
	return j;
}

bool admin_eval_answer(struct req *r, const char *next)
{
	struct eval_edit *j = r->job.arg;

	switch (r->job.rc) {
	case DB_OK:
		req_redirect(r, 303, next);
		return true;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy mục này (có thể đã bị xoá)."));
		break;
	case DB_CONFLICT:
		req_error(r, 409, j->refused ? j->refused : _("Thay đổi này không thực hiện được."));
		break;
	default:
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được. Xin thử lại."));
	}
	return false;
}
