/*
 * admin_eval_results.c: an evaluation's results in the console (viewers
 * too):
 *   GET .../evaluations/{id}/results[?q=words]   charts and tables
 *   GET .../evaluations/{id}/results/{registration_id}   one participant
 * Charts are SVG drawn here (render/svg_chart.c) and placed raw in
 * templates/admin_eval_results.html; the free-text search folds both
 * sides (utf8_fold), so "gop y" finds "Góp ý".  No SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/vtime.h"
#include "domain/eval_json.h"
#include "domain/eval_stats.h"
#include "render/svg_chart.h"
#include "web/admin_eval.h"
#include "web/eval_common.h"
#include "web/pages.h"

#include <string.h>

#define TIMELINE_MAX 48
#define TEXT_HITS_MAX 200

static const char *const rating_texts[] = {N_("Rất không hài lòng"), N_("Không hài lòng"),
					   N_("Bình thường"), N_("Hài lòng"), N_("Rất hài lòng")};

/* Draws into arena memory. */
static const char *chart(struct req *r, const struct svg_chart *c, bool columns)
{
	struct buf b;

	buf_init(&b, 4 << 20);
	if (columns)
		svg_chart_columns(&b, c);
	else
		svg_chart_hbars(&b, c);
	char *out = arena_strdup(&r->arena, b.p);
	buf_release(&b);
	return out;
}

static const char *count_pct(struct req *r, int64_t n, int64_t d)
{
	char a[32], p[32];

	return arena_printf(&r->arena, "%s (%s%%)", vtime_count(a, sizeof(a), n),
			    svg_number(p, sizeof(p), admin_eval_pct(n, d), 1));
}

static const char *timeline_chart(struct req *r, const struct eval_stats *s)
{
	int counts[TIMELINE_MAX];
	int64_t start, width;
	int n = eval_stats_timeline(s, TIMELINE_MAX, &start, &width, counts);
	struct svg_bar *bars = arena_alloc(&r->arena, sizeof(*bars) * (size_t)(n + 1));
	char d[32], h[16];

	for (int i = 0; i < n; i++) {
		int64_t t = start + i * width;
		bars[i].label = width >= 24 * 3600
					? arena_strdup(&r->arena, vtime_date(d, sizeof(d), t))
					: arena_printf(&r->arena, "%s", vtime_hm(h, sizeof(h), t));
		bars[i].value = counts[i];
	}
	struct svg_chart c = {
		.title = arena_printf(&r->arena, _("Bài nộp theo thời gian (mỗi cột %lld phút, từ %s)"),
				      (long long)(width / 60),
				      n ? vtime_date(d, sizeof(d), start) : "–"),
		.label_head = _("Từ"), .value_head = _("Bài nộp"), .bars = bars, .nbars = n,
		.width = 900};
	return chart(r, &c, true);
}

static const char *score_chart(struct req *r, const struct eval_stats *s)
{
	struct svg_bar *bars = arena_alloc(&r->arena, sizeof(*bars) * 10);

	for (int b = 0; b < 10; b++)
		bars[b].label = arena_printf(&r->arena, "%d–%d%%", b * 10, b == 9 ? 100 : b * 10 + 9);
	for (int i = 0; i < s->nsubs; i++) {
		if (s->subs[i].max <= 0)
			continue;
		int64_t pct = s->subs[i].score * 100 / s->subs[i].max;
		bars[pct >= 90 ? 9 : pct < 0 ? 0 : pct / 10].value++;
	}
	for (int b = 0; b < 10; b++)
		bars[b].mark = b * 10 >= s->e.pass_mark;
	struct svg_chart c = {.title = _("Phân bố điểm (phần trăm số điểm tối đa)"),
			      .label_head = _("Khoảng điểm"), .value_head = _("Số người"),
			      .bars = bars, .nbars = 10};
	return chart(r, &c, false);
}

static json_t *question_view(struct req *r, const struct eval_stats *s, int i)
{
	const struct eval_question *q = &s->e.q[i];
	const struct eval_qstat *x = &s->qs[i];
	bool choice = q->kind == Q_SINGLE || q->kind == Q_MULTIPLE;
	char a[32];
	json_t *o = json_pack("{s:i, s:s, s:s, s:b, s:s, s:b, s:b, s:b}", "number", i + 1,
			      "prompt", q->prompt, "kind_text", admin_eval_kind_text(q->kind),
			      "retired", q->retired, "answered_text",
			      vtime_count(a, sizeof(a), x->answered), "choice", choice, "rating",
			      q->kind == Q_RATING, "text", q->kind == Q_TEXT);
	struct svg_bar *bars = arena_alloc(&r->arena, sizeof(*bars) * (EVAL_MAX_OPTIONS + 6));
	struct svg_chart c = {.label_head = _("Lựa chọn"), .value_head = _("Số lần chọn"),
			      .bars = bars, .width = 900};

	if (choice) {
		json_object_set_new(o, "correct_text",
				    json_string(count_pct(r, x->correct, x->answered)));
		for (int k = 0; k < q->nopts; k++) {
			bars[k].label = q->opts[k].correct
						? arena_printf(&r->arena, "✓ %s", q->opts[k].label)
						: q->opts[k].label;
			bars[k].value = x->chosen[k];
			bars[k].mark = q->opts[k].correct;
			bars[k].value_text = count_pct(r, x->chosen[k], x->answered);
		}
		c.nbars = q->nopts;
		c.title = arena_printf(&r->arena, _("Câu %d: số lần chọn mỗi lựa chọn (✓ đáp án đúng)"),
				       i + 1);
	} else if (q->kind == Q_RATING) {
		char avg[32];
		svg_number(avg, sizeof(avg),
			   x->answered ? (double)x->rating_sum / x->answered : 0, 2);
		json_object_set_new(o, "avg_text", json_string(avg));
		json_object_set_new(o, "aspect_text", json_string(eval_aspect_label(q->aspect)));
		for (int v = 1; v <= 5; v++) {
			bars[v - 1].label = arena_printf(&r->arena, "%d · %s", v, _(rating_texts[v - 1]));
			bars[v - 1].value = x->ratings[v];
			bars[v - 1].value_text = count_pct(r, x->ratings[v], x->answered);
		}
		c.nbars = 5;
		c.value_head = _("Số người");
		c.title = arena_printf(&r->arena, _("Câu %d: phân bố mức đánh giá"), i + 1);
	}
	if (c.nbars)
		json_object_set_new(o, "chart", json_string(chart(r, &c, false)));
	return o;
}

/* Text answers whose folded form contains the folded query (all when
 * the query is empty), newest questions last. */
static json_t *text_hits(struct req *r, const struct admin_eval *x, const struct eval_stats *s,
			 const char *query, int *total)
{
	const char *fq = query && *query ? utf8_fold(&r->arena, query, strlen(query)) : "";
	json_t *hits = json_array();

	*total = 0;
	for (int i = 0; fq && i < s->e.nq; i++) {
		if (s->e.q[i].kind != Q_TEXT)
			continue;
		for (int j = 0; j < s->nsubs; j++) {
			const char *t = s->subs[j].ans[i].text;
			if (!t || !*t)
				continue;
			const char *ft = utf8_fold(&r->arena, t, strlen(t));
			if (*fq && (!ft || !strstr(ft, fq)))
				continue;
			if ((*total)++ < TEXT_HITS_MAX)
				json_array_append_new(
					hits, json_pack("{s:i, s:s, s:s, s:s}", "number", i + 1,
							"name", s->subs[j].name, "text", t, "url",
							arena_printf(&r->arena, "%s/results/%lld",
								     x->url,
								     (long long)s->subs[j].reg_id)));
		}
	}
	return hits;
}

static json_t *participants(struct req *r, const struct admin_eval *x,
			    const struct eval_stats *s)
{
	json_t *list = json_array();
	char d[32], h[16];

	for (int j = 0; j < s->nsubs; j++) {
		const struct eval_sub *u = &s->subs[j];
		json_array_append_new(
			list, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s}", "name", u->name,
					"email", u->email, "when",
					arena_printf(&r->arena, "%s %s", vtime_hm(h, sizeof(h), u->at),
						     vtime_date(d, sizeof(d), u->at)),
					"score_text", eval_points_text(r, u->score), "max_text",
					eval_points_text(r, u->max), "passed", u->passed, "url",
					arena_printf(&r->arena, "%s/results/%lld", x->url,
						     (long long)u->reg_id)));
	}
	return list;
}

static void summary(struct req *r, const struct eval_stats *s, json_t *ctx)
{
	int64_t score = 0, max = 0;
	char a[32];

	for (int j = 0; j < s->nsubs; j++) {
		score += s->subs[j].score;
		max += s->subs[j].max;
	}
	json_object_set_new(ctx, "subs_text", json_string(vtime_count(a, sizeof(a), s->nsubs)));
	json_object_set_new(ctx, "passed_text", json_string(count_pct(r, s->passed, s->nsubs)));
	json_object_set_new(ctx, "graded", json_boolean(max > 0));
	if (max > 0)
		json_object_set_new(ctx, "mean_text",
				    json_string(svg_number(a, sizeof(a), 100.0 * score / max, 1)));
	json_object_set_new(ctx, "truncated", json_boolean(s->truncated));
}

void page_admin_eval_results(struct req *r)
{
	struct admin_eval x;
	struct eval_stats s;
	int total;

	if (admin_eval_load(r, &x, false, true) != 0)
		return;
	if (eval_stats_load(r->db, &r->arena, x.e.id, &s) != DB_OK) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	json_t *ctx = admin_eval_ctx(r, &x, true);
	summary(r, &s, ctx);
	json_object_set_new(ctx, "chart_time", json_string(timeline_chart(r, &s)));
	if (json_is_true(json_object_get(ctx, "graded")))
		json_object_set_new(ctx, "chart_scores", json_string(score_chart(r, &s)));
	json_t *qs = json_array();
	bool has_text = false;
	for (int i = 0; i < s.e.nq; i++) {
		json_array_append_new(qs, question_view(r, &s, i));
		has_text |= s.e.q[i].kind == Q_TEXT;
	}
	json_object_set_new(ctx, "questions", qs);
	const char *query = req_query(r, "q");
	if (query && strlen(query) > 200)
		query = NULL;
	json_object_set_new(ctx, "has_text", json_boolean(has_text));
	json_object_set_new(ctx, "q", json_string(query && utf8_is_clean(query, strlen(query), false)
							  ? query : ""));
	json_object_set_new(ctx, "hits", text_hits(r, &x, &s, query, &total));
	json_object_set_new(ctx, "hits_text",
			    json_sprintf(_("%d câu trả lời"), total));
	json_object_set_new(ctx, "participants", participants(r, &x, &s));
	json_object_set_new(ctx, "page_title", json_sprintf("%s · %s", _("Kết quả"), x.e.title));
	req_render(r, 200, "admin_eval_results", ctx);
}
