/*
 * evaluation.c: windows, answers and grading (see evaluation.h).  Loading
 * lives in eval_load.c, the submission write in eval_submit.c.
 */
#include "domain/evaluation.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "db/db.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {"single", "multiple", "rating", "text"};

const char *eval_kind_name(enum eval_kind k)
{
	return kind_names[k];
}

int eval_kind_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s && strcmp(s, kind_names[i]) == 0)
			return i;
	return -1;
}

enum eval_window eval_window(const struct eval *e, int64_t now)
{
	if (now < e->opens_at)
		return EVAL_BEFORE;
	return now < e->closes_at ? EVAL_OPEN : EVAL_CLOSED;
}

static const struct eval_option *eval_find_option(const struct eval_question *q, int64_t id)
{
	for (int i = 0; i < q->nopts; i++)
		if (q->opts[i].id == id)
			return &q->opts[i];
	return NULL;
}

/* Adds option `id` to answer a of question q; a message on error. */
static const char *eval_add_option(struct arena *ar, const struct eval_question *q,
				   struct eval_answer *a, int64_t id)
{
	if (!eval_find_option(q, id))
		return _("Lựa chọn không thuộc câu hỏi này.");
	for (int i = 0; i < a->nopts; i++)
		if (a->opts[i] == id)
			return _("Một lựa chọn được gửi hai lần.");
	if (q->kind == Q_SINGLE && a->nopts == 1)
		return _("Câu hỏi này chỉ chọn một đáp án.");
	if (!a->opts)
		a->opts = arena_alloc(ar, sizeof(int64_t) * EVAL_MAX_OPTIONS);
	a->opts[a->nopts++] = id;
	a->given = true;
	return NULL;
}

static const char *eval_set_text(struct arena *ar, const struct eval_question *q,
				 struct eval_answer *a, const char *v, size_t len)
{
	int max = q->max_len > 0 ? q->max_len : EVAL_TEXT_MAX;

	if (len > (size_t)max * 8 + 64)
		return _("Câu trả lời quá dài.");
	char *t = utf8_nfc(ar, v, len, false);
	if (!t)
		return _("Câu trả lời có ký tự không hợp lệ.");
	if (utf8_length(t, strlen(t)) > (size_t)max)
		return arena_printf(ar, _("Câu trả lời tối đa %d ký tự."), max);
	a->text = t;
	a->given = *t != 0;
	return NULL;
}

static int eval_index(const struct eval *e, int64_t qid)
{
	for (int i = 0; i < e->nq; i++)
		if (e->q[i].id == qid)
			return i;
	return -1;
}

/* Required questions left unanswered. */
static void eval_check_missing(const struct eval *e, const struct eval_answer *ans,
			       json_t *errors)
{
	for (int i = 0; i < e->nq; i++) {
		char key[24];
		snprintf(key, sizeof(key), "%lld", (long long)e->q[i].id);
		if (e->q[i].required && !ans[i].given && !json_object_get(errors, key))
			json_object_set_new(errors, key, json_string(_("Xin trả lời câu này.")));
	}
}

static json_t *eval_finish(json_t *errors)
{
	if (json_object_size(errors))
		return errors;
	json_decref(errors);
	return NULL;
}

static const char *eval_json_value(struct arena *ar, const struct eval_question *q,
				   struct eval_answer *a, json_t *v)
{
	switch (q->kind) {
	case Q_SINGLE:
		if (!json_is_integer(v))
			return _("Cần mã của một lựa chọn.");
		return eval_add_option(ar, q, a, json_integer_value(v));
	case Q_MULTIPLE: {
		size_t i;
		json_t *x;
		if (!json_is_array(v))
			return _("Cần một danh sách mã lựa chọn.");
		if (json_array_size(v) > EVAL_MAX_OPTIONS)
			return _("Quá nhiều lựa chọn.");
		json_array_foreach(v, i, x)
		{
			const char *m = json_is_integer(x)
						? eval_add_option(ar, q, a, json_integer_value(x))
						: _("Cần mã của một lựa chọn.");
			if (m)
				return m;
		}
		a->given = true;
		return NULL;
	}
	case Q_RATING:
		if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 5)
			return _("Điểm đánh giá phải từ 1 đến 5.");
		a->rating = (int)json_integer_value(v);
		a->given = true;
		return NULL;
	case Q_TEXT:
		if (!json_is_string(v))
			return _("Cần một đoạn văn bản.");
		return eval_set_text(ar, q, a, json_string_value(v), json_string_length(v));
	}
	return _("Câu hỏi không hợp lệ.");
}

json_t *eval_answers_from_json(struct arena *ar, const struct eval *e, json_t *answers,
			       struct eval_answer *ans)
{
	json_t *errors = json_object();
	const char *key;
	json_t *v;

	memset(ans, 0, sizeof(*ans) * (size_t)e->nq);
	if (!json_is_object(answers)) {
		json_object_set_new(errors, "answers", json_string(_("Cần một đối tượng JSON.")));
		return errors;
	}
	json_object_foreach(answers, key, v)
	{
		char *end;
		long long qid = strtoll(key, &end, 10);
		int i = *end || end == key ? -1 : eval_index(e, qid);
		if (i < 0) {
			json_object_set_new(errors, key,
					    json_string(_("Câu hỏi này không có trong bài.")));
			continue;
		}
		const char *m = eval_json_value(ar, &e->q[i], &ans[i], v);
		if (m)
			json_object_set_new(errors, key, json_string(m));
	}
	eval_check_missing(e, ans, errors);
	return eval_finish(errors);
}

json_t *eval_answers_from_form(struct arena *ar, const struct eval *e, const char *const *names,
			       const char *const *values, int n, struct eval_answer *ans)
{
	json_t *errors = json_object();

	memset(ans, 0, sizeof(*ans) * (size_t)e->nq);
	for (int f = 0; f < n; f++) {
		char *end;
		if (names[f][0] != 'q')
			continue; /* csrf, form_id */
		long long qid = strtoll(names[f] + 1, &end, 10);
		int i = *end || end == names[f] + 1 ? -1 : eval_index(e, qid);
		const char *key = names[f] + 1, *m = NULL;
		if (i < 0) {
			json_object_set_new(errors, key,
					    json_string(_("Câu hỏi này không có trong bài.")));
			continue;
		}
		const struct eval_question *q = &e->q[i];
		if (q->kind == Q_TEXT) {
			m = eval_set_text(ar, q, &ans[i], values[f], strlen(values[f]));
		} else if (!*values[f]) {
			continue;
		} else {
			long long v = strtoll(values[f], &end, 10);
			if (*end)
				m = _("Giá trị không hợp lệ.");
			else if (q->kind == Q_RATING) {
				if (v < 1 || v > 5 || ans[i].rating)
					m = _("Điểm đánh giá phải từ 1 đến 5.");
				else {
					ans[i].rating = (int)v;
					ans[i].given = true;
				}
			} else {
				m = eval_add_option(ar, q, &ans[i], v);
			}
		}
		if (m)
			json_object_set_new(errors, key, json_string(m));
	}
	eval_check_missing(e, ans, errors);
	return eval_finish(errors);
}

int64_t eval_question_points(const struct eval_question *q, const struct eval_answer *a)
{
	int right = 0, wrong = 0, correct = 0;

	if (q->points <= 0 || (q->kind != Q_SINGLE && q->kind != Q_MULTIPLE))
		return 0;
	for (int i = 0; i < q->nopts; i++)
		correct += q->opts[i].correct;
	for (int i = 0; i < a->nopts; i++) {
		const struct eval_option *o = eval_find_option(q, a->opts[i]);
		if (o && o->correct)
			right++;
		else
			wrong++;
	}
	if (q->kind == Q_SINGLE || !q->partial)
		return right == correct && wrong == 0 && correct > 0 ? q->points * 100 : 0;
	if (correct == 0 || right <= wrong)
		return 0;
	return (int64_t)q->points * 100 * (right - wrong) / correct;
}

void eval_grade(const struct eval *e, const struct eval_answer *ans, struct eval_grade *g)
{
	g->score = g->max = 0;
	for (int i = 0; i < e->nq; i++) {
		if (e->q[i].kind == Q_SINGLE || e->q[i].kind == Q_MULTIPLE)
			g->max += (int64_t)e->q[i].points * 100;
		g->score += eval_question_points(&e->q[i], &ans[i]);
	}
	g->passed = g->max == 0 || g->score * 100 >= (int64_t)e->pass_mark * g->max;
}

void eval_new_form_id(char *out)
{
	unsigned char raw[16];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, 32, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool eval_form_id_ok(const char *s)
{
	size_t n = 0;

	for (; s[n]; n++)
		if (n >= 22 || !((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
				 (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_'))
			return false;
	return n == 22;
}

void eval_option_order(const struct eval *e, const struct eval_question *q, int64_t reg,
		       int *order)
{
	for (int i = 0; i < q->nopts; i++)
		order[i] = i;
	if (!e->shuffle || q->kind == Q_RATING)
		return;
	/* Fisher-Yates driven by a hash of (participant, question): the same
	 * person sees the same order on every reload. */
	uint64_t seed = (uint64_t)reg * 0x9E3779B97F4A7C15ull ^ (uint64_t)q->id * 0xBF58476D1CE4E5B9ull;
	for (int i = q->nopts - 1; i > 0; i--) {
		seed ^= seed >> 31;
		seed *= 0x94D049BB133111EBull;
		seed ^= seed >> 29;
		int j = (int)(seed % (uint64_t)(i + 1));
		int t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
}
