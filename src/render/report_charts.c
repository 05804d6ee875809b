/*
 * report_charts.c: see report_charts.h.  Each chart reads one array of the
 * report's JSON; labels are the report's own texts, links are built here
 * from fixed paths and percent-encoded codes.
 */
#include "render/report_charts.h"
#include "core/arena.h"
#include "core/buf.h"
#include <stdio.h>
#include <string.h>

static const char *rc_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static double rc_num(const json_t *o, const char *k)
{
	return json_number_value(json_object_get(o, k));
}

/* base + path + "?name=value&..." (NULL values skipped), or NULL without
 * a base. */
static const char *rc_link(struct arena *a, const char *base, const char *path,
                           const char *const *kv, int n)
{
	struct buf b;
	char sep = '?';

	if (!base)
		return NULL;
	buf_init(&b, 2048);
	buf_adds(&b, base);
	buf_adds(&b, path);
	for (int i = 0; i + 1 < n; i += 2) {
		if (!kv[i + 1] || !*kv[i + 1])
			continue;
		buf_addc(&b, sep);
		buf_adds(&b, kv[i]);
		buf_addc(&b, '=');
		buf_add_url(&b, kv[i + 1], strlen(kv[i + 1]));
		sep = '&';
	}
	const char *out = arena_strdup(a, b.p);
	buf_release(&b);
	return out;
}

/* The registrants list under the report's filter, narrowed to one province
 * or category.  Province codes are only the list's when the series records
 * the current provinces. */
static const char *rc_regs_link(struct arena *a, const json_t *rep, const char *base,
                                const char *province, const char *category)
{
	const json_t *f = json_object_get(rep, "filter");
	bool codes_ok = !json_is_true(json_object_get(f, "pre2025"));
	const char *fp = json_string_value(json_object_get(f, "province"));
	const char *fc = json_string_value(json_object_get(f, "category"));
	const char *kv[] = {"status",   "active",
	                    "province", province ? province : fp,
	                    "category", category ? category : fc};

	if (!codes_ok && (province || fp))
		return NULL;
	return rc_link(a, base, "/registrations", kv, 6);
}

static struct svg_bar *rc_bars(struct arena *a, const json_t *arr, struct svg_chart *c)
{
	size_t n = json_array_size(arr);
	struct svg_bar *bars = arena_alloc(a, (n + 1) * sizeof(*bars));

	memset(bars, 0, (n + 1) * sizeof(*bars));
	c->bars = bars;
	c->nbars = (int)n;
	return bars;
}

static const char *rc_session_label(struct arena *a, const json_t *x)
{
	return arena_printf(a, "Buổi %lld (%s)",
	                    (long long)json_integer_value(json_object_get(x, "number")),
	                    rc_str(x, "date"));
}

static const char *rc_eval_label(struct arena *a, const json_t *x)
{
	json_int_t n = json_integer_value(json_object_get(x, "session_number"));
	return n ? arena_printf(a, "Buổi %lld", (long long)n) : rc_str(x, "title");
}

static void rc_days(struct arena *a, const json_t *rep, struct svg_chart *c)
{
	const json_t *arr = json_object_get(rep, "by_day"), *x;
	struct svg_bar *bars = rc_bars(a, arr, c);
	size_t i;

	json_array_foreach(arr, i, x)
	{
		bars[i].label = arena_strndup(a, rc_str(x, "date"), 5); /* dd/mm */
		bars[i].value = rc_num(x, "n");
	}
	c->title = "Số người đăng ký theo ngày";
	c->label_head = "Ngày";
	c->value_head = "Số người đăng ký";
	c->columns = true;
}

static void rc_groups(struct arena *a, const json_t *rep, const char *base, struct svg_chart *c,
                      bool provinces)
{
	const json_t *arr = json_object_get(rep, provinces ? "by_province" : "by_category"), *x;
	struct svg_bar *bars = rc_bars(a, arr, c);
	size_t i;

	json_array_foreach(arr, i, x)
	{
		const char *code = rc_str(x, "code");
		bars[i].label = rc_str(x, provinces ? "name" : "label");
		bars[i].value = rc_num(x, provinces ? "registered" : "n");
		if (*code)
			bars[i].href = rc_regs_link(a, rep, base, provinces ? code : NULL,
			                            provinces ? NULL : code);
	}
	c->title =
	    provinces ? "Người đăng ký theo tỉnh, thành phố" : "Người đăng ký theo đối tượng";
	c->label_head = provinces ? "Tỉnh, thành phố" : "Đối tượng";
	c->value_head = "Số người đăng ký";
}

static void rc_attendance(struct arena *a, const json_t *rep, const char *base, struct svg_chart *c)
{
	const json_t *arr = json_object_get(rep, "sessions"), *x;
	struct svg_bar *bars = rc_bars(a, arr, c);
	size_t i;

	json_array_foreach(arr, i, x)
	{
		char id[24];
		snprintf(id, sizeof(id), "%lld",
		         (long long)json_integer_value(json_object_get(x, "id")));
		bars[i].label = rc_session_label(a, x);
		bars[i].value = rc_num(x, "attended");
		bars[i].parts[0] = rc_num(x, "zoom");
		bars[i].parts[1] = rc_num(x, "only_checkin");
		bars[i].parts[2] = rc_num(x, "only_evaluation");
		bars[i].href = base ? arena_printf(a, "%s/sessions/%s/attendance", base, id) : NULL;
	}
	c->title = "Số người tham dự theo buổi và nguồn ghi nhận";
	c->label_head = "Buổi";
	c->value_head = "Tham dự";
	c->nparts = 3;
	c->part_names[0] = "Zoom";
	c->part_names[1] = "Mã điểm danh (không có Zoom)";
	c->part_names[2] = "Chỉ bài đánh giá";
}

static void rc_evals(struct arena *a, const json_t *rep, const char *base, struct svg_chart *c,
                     bool pass)
{
	const json_t *arr = json_object_get(rep, "evaluations"), *x;
	struct svg_bar *bars = rc_bars(a, arr, c);
	size_t i, n = 0;

	json_array_foreach(arr, i, x)
	{
		const json_t *v = json_object_get(x, pass ? "pass_rate" : "mean_pct");
		if (!json_is_true(json_object_get(x, "graded")))
			continue;
		bars[n].label = rc_eval_label(a, x);
		bars[n].value = json_number_value(v);
		bars[n].value_text = json_is_null(v) ? "—" : NULL;
		bars[n].href =
		    base ? arena_printf(a, "%s/evaluations/%lld/results", base,
		                        (long long)json_integer_value(json_object_get(x, "id")))
		         : NULL;
		n++;
	}
	c->nbars = (int)n;
	c->decimals = 1;
	c->title =
	    pass ? "Tỷ lệ đạt của các bài đánh giá (%)" : "Điểm trung bình (% số điểm tối đa)";
	c->label_head = "Bài đánh giá";
	c->value_head = pass ? "Tỷ lệ đạt (%)" : "Điểm trung bình (%)";
}

static void rc_ratings(struct arena *a, const json_t *rep, struct svg_chart *c)
{
	const json_t *r = json_object_get(rep, "ratings"), *arr = json_object_get(rep, "aspects");
	struct svg_bar *bars = rc_bars(a, arr, c);
	const json_t *x;
	size_t k;

	json_array_foreach(arr, k, x)
	{
		const json_t *v = json_object_get(json_object_get(r, rc_str(x, "key")), "mean");
		bars[k].label = rc_str(x, "label");
		bars[k].value = json_number_value(v);
		bars[k].value_text = json_is_null(v) ? "—" : NULL;
	}
	c->decimals = 2;
	c->title = "Mức hài lòng trung bình (thang 1–5)";
	c->label_head = "Nội dung đánh giá";
	c->value_head = "Điểm trung bình";
}

static void rc_speakers(struct arena *a, const json_t *rep, struct svg_chart *c)
{
	const json_t *arr = json_object_get(rep, "speakers"), *x;
	struct svg_bar *bars = rc_bars(a, arr, c);
	size_t i;

	json_array_foreach(arr, i, x)
	{
		const json_t *v = json_object_get(x, "mean");
		bars[i].label = rc_str(x, "name");
		bars[i].value = json_number_value(v);
		bars[i].value_text = json_is_null(v) ? "—" : NULL;
	}
	c->decimals = 2;
	c->title = "Đánh giá báo cáo viên (thang 1–5)";
	c->label_head = "Báo cáo viên";
	c->value_head = "Điểm trung bình";
	c->empty_text = "Chưa có báo cáo viên hoặc chưa có đánh giá";
}

void report_chart(struct arena *a, const json_t *rep, enum report_chart_id id, const char *base,
                  struct svg_chart *c)
{
	memset(c, 0, sizeof(*c));
	c->width = 680;
	switch (id) {
	case REPORT_CHART_DAYS:
		rc_days(a, rep, c);
		break;
	case REPORT_CHART_PROVINCES:
		rc_groups(a, rep, base, c, true);
		break;
	case REPORT_CHART_CATEGORIES:
		rc_groups(a, rep, base, c, false);
		break;
	case REPORT_CHART_ATTENDANCE:
		rc_attendance(a, rep, base, c);
		break;
	case REPORT_CHART_SCORES:
		rc_evals(a, rep, base, c, false);
		break;
	case REPORT_CHART_PASS:
		rc_evals(a, rep, base, c, true);
		break;
	case REPORT_CHART_RATINGS:
		rc_ratings(a, rep, c);
		break;
	case REPORT_CHART_SPEAKERS:
		rc_speakers(a, rep, c);
		break;
	default:
		break;
	}
}
