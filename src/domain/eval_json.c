/*
 * eval_json.c: see eval_json.h.  The reader walks the document once,
 * collecting every problem with where it is (up to 30), so an organiser
 * fixes a file in one go instead of one error per upload.
 */
#include "domain/eval_json.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/utf8.h"

#include <stdio.h>
#include <string.h>

const char *const eval_aspects[][2] = {
	{"content", N_("Nội dung hữu ích")},
	{"speaker", N_("Báo cáo viên rõ ràng")},
	{"organisation", N_("Công tác tổ chức")},
	{"platform", N_("Nền tảng trực tuyến")},
	{NULL, NULL},
};

const char *eval_aspect_label(const char *aspect)
{
	for (int i = 0; aspect && eval_aspects[i][0]; i++)
		if (strcmp(aspect, eval_aspects[i][0]) == 0)
			return _(eval_aspects[i][1]);
	return "";
}

static bool eval_aspect_ok(const char *aspect)
{
	return !*aspect || *eval_aspect_label(aspect);
}

json_t *eval_export_json(const struct eval *e)
{
	json_t *qs = json_array();

	for (int i = 0; i < e->nq; i++) {
		const struct eval_question *q = &e->q[i];
		json_t *opts = json_array();
		for (int k = 0; k < q->nopts; k++)
			json_array_append_new(opts, json_pack("{s:s, s:b}", "label", q->opts[k].label,
							      "correct", q->opts[k].correct));
		json_array_append_new(
			qs, json_pack("{s:s, s:s, s:i, s:b, s:i, s:s, s:b, s:o}", "kind",
				      eval_kind_name(q->kind), "prompt", q->prompt, "points",
				      q->points, "partial", q->partial, "max_len", q->max_len,
				      "aspect", q->aspect ? q->aspect : "", "required", q->required,
				      "options", opts));
	}
	return json_pack("{s:s, s:i, s:s, s:s, s:i, s:b, s:b, s:b, s:b, s:o}", "format",
			 "ocop-evaluation", "version", 1, "title", e->title, "instructions",
			 e->instructions, "pass_mark", e->pass_mark, "allow_change",
			 e->allow_change, "show_answers", e->show_answers, "shuffle_options",
			 e->shuffle, "counts_as_presence", e->presence, "questions", qs);
}

const char *eval_clean_text(struct arena *a, const char *v, size_t max, bool multiline,
			    bool required, const char **msg)
{
	if (!v)
		v = "";
	/* Bytes, before NFC: a decomposed letter can take ~10 bytes. */
	if (strlen(v) > max * 12 + 64) {
		*msg = arena_printf(a, _("tối đa %zu ký tự"), max);
		return NULL;
	}
	char *s = utf8_nfc(a, v, strlen(v), !multiline);
	if (!s) {
		*msg = _("có ký tự không hợp lệ");
		return NULL;
	}
	if (required && !*s) {
		*msg = _("không được để trống");
		return NULL;
	}
	if (utf8_length(s, strlen(s)) > max) {
		*msg = arena_printf(a, _("tối đa %zu ký tự"), max);
		return NULL;
	}
	return s;
}

const char *eval_check_fields(const struct eval_question *q)
{
	bool choice = q->kind == Q_SINGLE || q->kind == Q_MULTIPLE;

	if (q->points < 0)
		return _("điểm không được âm");
	if (q->points > EVAL_POINTS_MAX)
		return _("điểm tối đa là 100");
	if (!choice && q->points)
		return _("câu đánh giá mức độ và câu tự luận không có điểm");
	if (q->partial && q->kind != Q_MULTIPLE)
		return _("chấm từng phần chỉ dùng cho câu nhiều lựa chọn");
	if (q->max_len < 0 || q->max_len > EVAL_TEXT_MAX)
		return _("giới hạn độ dài từ 0 đến 2000 ký tự");
	if (q->max_len && q->kind != Q_TEXT)
		return _("giới hạn độ dài chỉ dùng cho câu tự luận");
	if (!eval_aspect_ok(q->aspect ? q->aspect : ""))
		return _("khía cạnh đánh giá không hợp lệ (content, speaker, organisation, platform)");
	if (q->aspect && *q->aspect && q->kind != Q_RATING)
		return _("khía cạnh chỉ dùng cho câu đánh giá mức độ 1–5");
	return NULL;
}

const char *eval_check_question(const struct eval_question *q)
{
	const char *m = eval_check_fields(q);
	int correct = 0;

	if (m)
		return m;
	if (q->kind == Q_RATING || q->kind == Q_TEXT)
		return q->nopts ? _("câu loại này không có lựa chọn") : NULL;
	if (q->nopts < 2)
		return _("cần ít nhất 2 lựa chọn");
	for (int i = 0; i < q->nopts; i++)
		correct += q->opts[i].correct;
	if (q->kind == Q_SINGLE && correct > 1)
		return _("câu một lựa chọn chỉ có một đáp án đúng");
	if (q->points > 0 && correct == 0)
		return _("câu có điểm cần ít nhất một đáp án đúng");
	return NULL;
}

/* Collects errors with a prefix; stops adding past 30. */
static void eval_err(json_t *errors, const char *where, const char *msg)
{
	if (json_array_size(errors) < 30)
		json_array_append_new(errors, json_sprintf("%s%s", where, msg));
}

/* Refuses keys not in `allowed` (NULL-terminated). */
static void eval_keys(json_t *o, const char *const *allowed, const char *where, json_t *errors)
{
	const char *key;
	json_t *v;

	json_object_foreach(o, key, v)
	{
		int i = 0;
		while (allowed[i] && strcmp(allowed[i], key) != 0)
			i++;
		if (!allowed[i]) {
			char msg[160];
			snprintf(msg, sizeof(msg), _("khoá không biết '%.60s'"), key);
			eval_err(errors, where, msg);
		}
	}
}

static const char *eval_jtext(struct arena *a, json_t *o, const char *key, size_t max,
			      bool multiline, bool required, const char *where, json_t *errors)
{
	json_t *v = json_object_get(o, key);
	const char *msg = NULL, *s;

	if (!v && !required)
		return "";
	if (!json_is_string(v)) {
		eval_err(errors, where, arena_printf(a, _("'%s' phải là chuỗi ký tự"), key));
		return "";
	}
	if (!(s = eval_clean_text(a, json_string_value(v), max, multiline, required, &msg))) {
		eval_err(errors, where, arena_printf(a, "'%s': %s", key, msg));
		return "";
	}
	return s;
}

static int eval_jint(struct arena *a, json_t *o, const char *key, int min, int max,
		     const char *where, json_t *errors)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		eval_err(errors, where,
			 arena_printf(a, _("'%s' phải là số nguyên từ %d đến %d"), key, min, max));
		return 0;
	}
	return (int)json_integer_value(v);
}

static bool eval_jbool(struct arena *a, json_t *o, const char *key, bool dflt, const char *where,
		       json_t *errors)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		return dflt;
	if (!json_is_boolean(v))
		eval_err(errors, where, arena_printf(a, _("'%s' phải là true hoặc false"), key));
	return json_is_true(v);
}

static void eval_import_question(struct arena *a, json_t *jq, struct eval_question *q,
				 const char *where, json_t *errors)
{
	static const char *const qkeys[] = {"kind", "prompt", "points", "partial", "max_len",
					    "aspect", "required", "options", NULL};
	static const char *const okeys[] = {"label", "correct", NULL};
	size_t before = json_array_size(errors), i;
	json_t *jo;

	if (!json_is_object(jq)) {
		eval_err(errors, where, _("cần một đối tượng"));
		return;
	}
	eval_keys(jq, qkeys, where, errors);
	const char *kind = json_string_value(json_object_get(jq, "kind"));
	int k = eval_kind_parse(kind);
	if (k < 0) {
		eval_err(errors, where,
			 arena_printf(a, _("loại câu hỏi không hợp lệ '%s' (single, multiple, rating, "
					   "text)"),
				      kind ? kind : ""));
		return;
	}
	q->kind = (enum eval_kind)k;
	q->prompt = eval_jtext(a, jq, "prompt", EVAL_PROMPT_MAX, false, true, where, errors);
	q->points = eval_jint(a, jq, "points", -1000000, 1000000, where, errors);
	q->partial = eval_jbool(a, jq, "partial", false, where, errors);
	q->max_len = eval_jint(a, jq, "max_len", -1000000, 1000000, where, errors);
	q->aspect = eval_jtext(a, jq, "aspect", 20, false, false, where, errors);
	q->required = eval_jbool(a, jq, "required", true, where, errors);
	json_t *opts = json_object_get(jq, "options");
	if (opts && !json_is_array(opts)) {
		eval_err(errors, where, _("'options' phải là một danh sách"));
		return;
	}
	if (json_array_size(opts) > EVAL_MAX_OPTIONS) {
		eval_err(errors, where, _("tối đa 20 lựa chọn"));
		return;
	}
	q->opts = arena_alloc(a, sizeof(*q->opts) * (json_array_size(opts) + 1));
	json_array_foreach(opts, i, jo)
	{
		const char *ow = arena_printf(a, "%slựa chọn %zu: ", where, i + 1);
		if (!json_is_object(jo)) {
			eval_err(errors, ow, _("cần một đối tượng"));
			continue;
		}
		eval_keys(jo, okeys, ow, errors);
		q->opts[q->nopts].label =
			eval_jtext(a, jo, "label", EVAL_LABEL_MAX, false, true, ow, errors);
		q->opts[q->nopts++].correct = eval_jbool(a, jo, "correct", false, ow, errors);
	}
	const char *m;
	if (json_array_size(errors) == before && (m = eval_check_question(q)))
		eval_err(errors, where, m);
}

int eval_import_json(struct arena *a, json_t *doc, struct eval *out, json_t *errors)
{
	static const char *const keys[] = {"format", "version", "title", "instructions",
					   "pass_mark", "allow_change", "show_answers",
					   "shuffle_options", "counts_as_presence", "questions",
					   NULL};
	size_t i;
	json_t *jq;

	memset(out, 0, sizeof(*out));
	if (!json_is_object(doc)) {
		eval_err(errors, "", _("tệp phải chứa một đối tượng JSON"));
		return -1;
	}
	if (!json_is_string(json_object_get(doc, "format")) ||
	    strcmp(json_string_value(json_object_get(doc, "format")), "ocop-evaluation") != 0 ||
	    json_integer_value(json_object_get(doc, "version")) != 1) {
		eval_err(errors, "",
			 _("không phải tệp bài đánh giá OCOP (cần \"format\": \"ocop-evaluation\", "
			   "\"version\": 1)"));
		return -1;
	}
	eval_keys(doc, keys, "", errors);
	out->title = eval_jtext(a, doc, "title", EVAL_TITLE_MAX, false, true, "", errors);
	out->instructions =
		eval_jtext(a, doc, "instructions", EVAL_INSTRUCTIONS_MAX, true, false, "", errors);
	out->pass_mark = eval_jint(a, doc, "pass_mark", 0, 100, "", errors);
	out->allow_change = eval_jbool(a, doc, "allow_change", false, "", errors);
	out->show_answers = eval_jbool(a, doc, "show_answers", true, "", errors);
	out->shuffle = eval_jbool(a, doc, "shuffle_options", false, "", errors);
	out->presence = eval_jbool(a, doc, "counts_as_presence", false, "", errors);
	json_t *qs = json_object_get(doc, "questions");
	if (!json_is_array(qs) || json_array_size(qs) == 0) {
		eval_err(errors, "", _("'questions' phải là một danh sách có ít nhất một câu hỏi"));
		return -1;
	}
	if (json_array_size(qs) > EVAL_MAX_QUESTIONS) {
		eval_err(errors, "",
			 arena_printf(a, _("quá nhiều câu hỏi: %zu (tối đa %d)"),
				      json_array_size(qs), EVAL_MAX_QUESTIONS));
		return -1;
	}
	out->q = arena_alloc(a, sizeof(*out->q) * json_array_size(qs));
	json_array_foreach(qs, i, jq)
	{
		eval_import_question(a, jq, &out->q[i], arena_printf(a, _("câu %zu: "), i + 1),
				     errors);
	}
	out->nq = (int)json_array_size(qs);
	return json_array_size(errors) ? -1 : 0;
}
