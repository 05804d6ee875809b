/*
 * admin_eval_tables.c: an evaluation's results as four tables, the same
 * for the CSV and XLSX exports (see admin_eval.h):
 *   submissions  one row per participant: who, when, score, and the answer
 *                to every question (retired ones included);
 *   questions    per question: answers, share correct, mean points, the
 *                wrong options chosen;
 *   options      per option: correct or not, times chosen, share;
 *   ratings      per 1-5 question: answers, mean, and each level's count.
 * Everything comes from eval_stats (computed from stored answers).
 */
#include "http/req.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/contact.h"
#include "domain/eval_json.h"
#include "domain/eval_stats.h"
#include "render/sheet.h"
#include "web/admin_eval.h"

#include <math.h>
#include <string.h>

double admin_eval_pct(int64_t n, int64_t d)
{
	return d ? round(1000.0 * (double)n / (double)d) / 10 : 0;
}

const char *admin_eval_answer_text(struct req *r, const struct eval_question *q,
				   const struct eval_answer *a)
{
	struct buf b;

	if (!a->given)
		return "";
	if (q->kind == Q_RATING)
		return arena_printf(&r->arena, "%d", a->rating);
	if (q->kind == Q_TEXT)
		return a->text ? a->text : "";
	buf_init(&b, 64 * 1024);
	for (int i = 0; i < a->nopts; i++)
		for (int k = 0; k < q->nopts; k++)
			if (q->opts[k].id == a->opts[i]) {
				if (b.len)
					buf_adds(&b, "; ");
				buf_adds(&b, q->opts[k].label);
			}
	char *out = arena_strdup(&r->arena, b.p);
	buf_release(&b);
	return out;
}

/* "C3. prompt" (retired: "C3. prompt (ngừng dùng)"). */
static const char *q_head(struct req *r, const struct eval_question *q, int i)
{
	return arena_printf(&r->arena, "C%d. %s%s", i + 1, q->prompt,
			    q->retired ? _(" (ngừng dùng)") : "");
}

static void sheet_submissions(struct req *r, const struct eval_stats *s, struct sheet *t)
{
	static const char *const head[] = {N_("STT"),     N_("Họ tên"), N_("E-mail"),
					   N_("Điện thoại"), N_("Đơn vị"), N_("Nộp lúc"),
					   N_("Điểm"),    N_("Điểm tối đa"), N_("Đạt")};
	const int fixed = 9;
	char d[32], h[16];

	sheet_init(t, &r->arena, _("Bài nộp"), fixed + s->e.nq, s->nsubs);
	for (int c = 0; c < fixed; c++)
		t->head[c] = _(head[c]);
	for (int i = 0; i < s->e.nq; i++)
		t->head[fixed + i] = q_head(r, &s->e.q[i], i);
	for (int j = 0; j < s->nsubs && sheet_row(t); j++) {
		const struct eval_sub *x = &s->subs[j];
		sheet_num(t, 0, j + 1);
		sheet_text(t, 1, x->name);
		sheet_text(t, 2, x->email);
		char *phone = arena_alloc(&r->arena, PHONE_MAX);
		phone_local(x->phone, phone);
		sheet_text(t, 3, phone);
		sheet_text(t, 4, x->org);
		sheet_text(t, 5, arena_printf(&r->arena, "%s %s", vtime_date(d, sizeof(d), x->at),
					      vtime_hm(h, sizeof(h), x->at)));
		sheet_num(t, 6, (double)x->score / 100);
		sheet_num(t, 7, (double)x->max / 100);
		sheet_text(t, 8, x->passed ? _("Đạt") : _("Chưa đạt"));
		for (int i = 0; i < s->e.nq; i++) {
			if (s->e.q[i].kind == Q_RATING && x->ans[i].given)
				sheet_num(t, fixed + i, x->ans[i].rating);
			else
				sheet_text(t, fixed + i,
					   admin_eval_answer_text(r, &s->e.q[i], &x->ans[i]));
		}
	}
}

/* "B (3); D (1)": the wrong options chosen and how often. */
static const char *wrong_chosen(struct req *r, const struct eval_question *q,
				const struct eval_qstat *t)
{
	struct buf b;

	buf_init(&b, 64 * 1024);
	for (int k = 0; k < q->nopts; k++)
		if (!q->opts[k].correct && t->chosen[k])
			buf_addf(&b, "%s%s (%d)", b.len ? "; " : "", q->opts[k].label, t->chosen[k]);
	char *out = arena_strdup(&r->arena, b.p);
	buf_release(&b);
	return out;
}

static void sheet_questions(struct req *r, const struct eval_stats *s, struct sheet *t)
{
	static const char *const head[] = {
		N_("Câu"),         N_("Câu hỏi"),  N_("Loại"),         N_("Điểm"),
		N_("Ngừng dùng"),  N_("Số trả lời"), N_("Số trả lời đúng"), N_("Tỉ lệ đúng (%)"),
		N_("Điểm trung bình"), N_("Lựa chọn sai đã chọn")};

	sheet_init(t, &r->arena, _("Câu hỏi"), 10, s->e.nq);
	for (int c = 0; c < 10; c++)
		t->head[c] = _(head[c]);
	for (int i = 0; i < s->e.nq && sheet_row(t); i++) {
		const struct eval_question *q = &s->e.q[i];
		const struct eval_qstat *x = &s->qs[i];
		bool choice = q->kind == Q_SINGLE || q->kind == Q_MULTIPLE;
		sheet_text(t, 0, arena_printf(&r->arena, "C%d", i + 1));
		sheet_text(t, 1, q->prompt);
		sheet_text(t, 2, admin_eval_kind_text(q->kind));
		sheet_num(t, 3, q->points);
		sheet_text(t, 4, q->retired ? _("có") : "");
		sheet_num(t, 5, x->answered);
		if (choice) {
			sheet_num(t, 6, x->correct);
			sheet_num(t, 7, admin_eval_pct(x->correct, x->answered));
			sheet_text(t, 9, wrong_chosen(r, q, x));
		}
		if (q->points > 0 && x->answered)
			sheet_num(t, 8, round((double)x->points / x->answered) / 100);
	}
}

static void sheet_options(struct req *r, const struct eval_stats *s, struct sheet *t)
{
	static const char *const head[] = {N_("Câu"), N_("Lựa chọn"), N_("Đáp án đúng"),
					   N_("Số lần chọn"), N_("Tỉ lệ chọn (%)")};
	int rows = 0;

	for (int i = 0; i < s->e.nq; i++)
		rows += s->e.q[i].nopts;
	sheet_init(t, &r->arena, _("Lựa chọn"), 5, rows);
	for (int c = 0; c < 5; c++)
		t->head[c] = _(head[c]);
	for (int i = 0; i < s->e.nq; i++) {
		const struct eval_question *q = &s->e.q[i];
		for (int k = 0; k < q->nopts && sheet_row(t); k++) {
			sheet_text(t, 0, arena_printf(&r->arena, "C%d", i + 1));
			sheet_text(t, 1, q->opts[k].label);
			sheet_text(t, 2, q->opts[k].correct ? _("đúng") : "");
			sheet_num(t, 3, s->qs[i].chosen[k]);
			sheet_num(t, 4, admin_eval_pct(s->qs[i].chosen[k], s->qs[i].answered));
		}
	}
}

static void sheet_ratings(struct req *r, const struct eval_stats *s, struct sheet *t)
{
	static const char *const head[] = {N_("Câu"), N_("Khía cạnh"), N_("Câu hỏi"),
					   N_("Số trả lời"), N_("Trung bình")};
	int rows = 0;

	for (int i = 0; i < s->e.nq; i++)
		rows += s->e.q[i].kind == Q_RATING;
	sheet_init(t, &r->arena, _("Đánh giá 1-5"), 10, rows);
	for (int c = 0; c < 5; c++)
		t->head[c] = _(head[c]);
	for (int v = 1; v <= 5; v++)
		t->head[4 + v] = arena_printf(&r->arena, _("Mức %d"), v);
	for (int i = 0; i < s->e.nq; i++) {
		const struct eval_question *q = &s->e.q[i];
		const struct eval_qstat *x = &s->qs[i];
		if (q->kind != Q_RATING || !sheet_row(t))
			continue;
		sheet_text(t, 0, arena_printf(&r->arena, "C%d", i + 1));
		sheet_text(t, 1, eval_aspect_label(q->aspect));
		sheet_text(t, 2, q->prompt);
		sheet_num(t, 3, x->answered);
		if (x->answered)
			sheet_num(t, 4, round(100.0 * (double)x->rating_sum / x->answered) / 100);
		for (int v = 1; v <= 5; v++)
			sheet_num(t, 4 + v, x->ratings[v]);
	}
}

void admin_eval_sheets(struct req *r, const struct eval_stats *s, struct sheet *out)
{
	sheet_submissions(r, s, &out[SHEET_SUBMISSIONS]);
	sheet_questions(r, s, &out[SHEET_QUESTIONS]);
	sheet_options(r, s, &out[SHEET_OPTIONS]);
	sheet_ratings(r, s, &out[SHEET_RATINGS]);
}
