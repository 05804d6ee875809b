/*
 * xlsx_report.c: see xlsx_report.h.  Each sheet is a struct sheet filled
 * from one array of the report; a figure with no base (a rate of nothing)
 * is an empty cell, certificates without the module are "chưa có".
 */
#include "render/xlsx_report.h"
#include "core/arena.h"
#include "core/vtime.h"
#include "render/sheet.h"

#include <stdio.h>
#include <string.h>

#define XR_SHEETS 8

static const char *xr_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* A number cell, empty for null. */
static void xr_num(struct sheet *s, int col, const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	if (json_is_number(v))
		sheet_num(s, col, json_number_value(v));
}

static void xr_head(struct sheet *s, const char *const *head)
{
	for (int c = 0; c < s->ncols; c++)
		s->head[c] = head[c];
}

static void xr_pair(struct sheet *s, const char *label, const json_t *o, const char *k)
{
	sheet_row(s);
	sheet_text(s, 0, label);
	if (o && k)
		xr_num(s, 1, o, k);
}

static void xr_summary(struct sheet *s, struct arena *a, const json_t *rep)
{
	static const char *const head[] = {"Chỉ tiêu", "Giá trị"};
	const json_t *se = json_object_get(rep, "series"), *t = json_object_get(rep, "totals");
	const json_t *f = json_object_get(rep, "filter"), *o;
	char date[16];
	size_t i;

	sheet_init(s, a, "Tổng hợp", 2, 24);
	xr_head(s, head);
	xr_pair(s, "Chuỗi tập huấn", NULL, NULL);
	sheet_text(s, 1, xr_str(se, "title"));
	xr_pair(s, "Thời gian", NULL, NULL);
	sheet_text(s, 1, xr_str(se, "dates"));
	json_array_foreach(json_object_get(se, "organizers"), i, o)
	{
		xr_pair(s, i ? "" : "Đơn vị tổ chức", NULL, NULL);
		sheet_text(s, 1, json_string_value(o));
	}
	xr_pair(s, "Tỉnh, thành phố (lọc)", NULL, NULL);
	sheet_text(s, 1, *xr_str(f, "province_name") ? xr_str(f, "province_name") : "Tất cả");
	xr_pair(s, "Đối tượng (lọc)", NULL, NULL);
	sheet_text(s, 1, *xr_str(f, "category_label") ? xr_str(f, "category_label") : "Tất cả");
	xr_pair(s, "Danh mục tỉnh, thành phố", NULL, NULL);
	sheet_text(s, 1, xr_str(f, "note"));
	xr_pair(s, "Ngày lập báo cáo", NULL, NULL);
	sheet_text(
	    s, 1,
	    arena_strdup(a, vtime_date(date, sizeof(date),
	                               json_integer_value(json_object_get(rep, "generated_at")))));
	xr_pair(s, "Số buổi", t, "sessions");
	xr_pair(s, "Người đăng ký", t, "registered");
	xr_pair(s, "Người đã rút đăng ký", t, "withdrawn");
	xr_pair(s, "Tham dự ít nhất một buổi", t, "took_part");
	xr_pair(s, "Tham dự đủ tất cả các buổi", t, "stayed");
	xr_pair(s, "Bài đánh giá đã nộp", json_object_get(rep, "all_evaluations"), "submissions");
}

static void xr_sessions(struct sheet *s, struct arena *a, const json_t *rep)
{
	static const char *const head[] = {"Buổi",
	                                   "Ngày",
	                                   "Tên buổi",
	                                   "Đăng ký",
	                                   "Tham dự",
	                                   "Tỷ lệ tham dự (%)",
	                                   "Qua Zoom",
	                                   "Qua mã điểm danh",
	                                   "Qua bài đánh giá",
	                                   "Bài đánh giá đã nộp",
	                                   "Số bài đạt",
	                                   "Tỷ lệ đạt (%)",
	                                   "Điểm trung bình (%)",
	                                   "Hài lòng: nội dung",
	                                   "Hài lòng: báo cáo viên",
	                                   "Hài lòng: tổ chức",
	                                   "Hài lòng: nền tảng"};
	static const char *const keys[] = {"registered", "attended",   "rate",        "zoom",
	                                   "checkin",    "evaluation", "submissions", "passed",
	                                   "pass_rate",  "mean_pct"};
	static const char *const aspects[] = {"content", "speaker", "organisation", "platform"};
	const json_t *arr = json_object_get(rep, "sessions"), *x;
	size_t i;

	sheet_init(s, a, "Theo buổi", 17, (int)json_array_size(arr));
	xr_head(s, head);
	json_array_foreach(arr, i, x)
	{
		sheet_row(s);
		xr_num(s, 0, x, "number");
		sheet_text(s, 1, xr_str(x, "date"));
		sheet_text(s, 2, xr_str(x, "title"));
		for (int k = 0; k < 10; k++)
			xr_num(s, 3 + k, x, keys[k]);
		for (int k = 0; k < 4; k++)
			xr_num(s, 13 + k,
			       json_object_get(json_object_get(x, "ratings"), aspects[k]), "mean");
	}
}

static void xr_evals(struct sheet *s, struct arena *a, const json_t *rep)
{
	static const char *const head[] = {"Bài đánh giá", "Buổi",          "Bài đã nộp",
	                                   "Số bài đạt",   "Tỷ lệ đạt (%)", "Điểm trung bình (%)"};
	const json_t *arr = json_object_get(rep, "evaluations"), *x;
	size_t i;

	sheet_init(s, a, "Bài đánh giá", 6, (int)json_array_size(arr));
	xr_head(s, head);
	json_array_foreach(arr, i, x)
	{
		sheet_row(s);
		sheet_text(s, 0, xr_str(x, "title"));
		if (json_integer_value(json_object_get(x, "session_number")))
			xr_num(s, 1, x, "session_number");
		else
			sheet_text(s, 1, "Cả chuỗi");
		xr_num(s, 2, x, "submissions");
		xr_num(s, 3, x, "passed");
		xr_num(s, 4, x, "pass_rate");
		xr_num(s, 5, x, "mean_pct");
	}
}

static void xr_speakers(struct sheet *s, struct arena *a, const json_t *rep)
{
	static const char *const head[] = {"Báo cáo viên", "Đơn vị", "Buổi", "Lượt đánh giá",
	                                   "Điểm trung bình (1–5)"};
	const json_t *arr = json_object_get(rep, "speakers"), *x;
	size_t i;

	sheet_init(s, a, "Báo cáo viên", 5, (int)json_array_size(arr));
	xr_head(s, head);
	json_array_foreach(arr, i, x)
	{
		sheet_row(s);
		sheet_text(s, 0, xr_str(x, "name"));
		sheet_text(s, 1, xr_str(x, "org"));
		sheet_text(s, 2, xr_str(x, "sessions"));
		xr_num(s, 3, x, "n");
		xr_num(s, 4, x, "mean");
	}
}

static void xr_provinces(struct sheet *s, struct arena *a, const json_t *rep)
{
	static const char *const head[] = {"Mã",
	                                   "Tỉnh, thành phố",
	                                   "Đăng ký",
	                                   "Tham dự ít nhất 1 buổi",
	                                   "Tham dự đủ các buổi",
	                                   "Được cấp chứng nhận"};
	const json_t *arr = json_object_get(rep, "by_province"), *x;
	size_t i;

	sheet_init(s, a, "Theo tỉnh", 6, (int)json_array_size(arr));
	xr_head(s, head);
	json_array_foreach(arr, i, x)
	{
		sheet_row(s);
		sheet_text(s, 0, xr_str(x, "code"));
		sheet_text(s, 1, xr_str(x, "name"));
		xr_num(s, 2, x, "registered");
		xr_num(s, 3, x, "took_part");
		xr_num(s, 4, x, "stayed");
		if (json_is_null(json_object_get(x, "certified")))
			sheet_text(s, 5, "chưa có");
		else
			xr_num(s, 5, x, "certified");
	}
}

static void xr_list(struct sheet *s, struct arena *a, const json_t *rep, bool days)
{
	static const char *const hc[] = {"Đối tượng", "Số người đăng ký"};
	static const char *const hd[] = {"Ngày", "Số người đăng ký", "Lũy kế"};
	const json_t *arr = json_object_get(rep, days ? "by_day" : "by_category"), *x;
	size_t i;

	sheet_init(s, a, days ? "Theo ngày" : "Theo đối tượng", days ? 3 : 2,
	           (int)json_array_size(arr));
	xr_head(s, days ? hd : hc);
	json_array_foreach(arr, i, x)
	{
		sheet_row(s);
		sheet_text(s, 0, xr_str(x, days ? "date" : "label"));
		xr_num(s, 1, x, "n");
		if (days)
			xr_num(s, 2, x, "cumulative");
	}
}

static void xr_certs_mail(struct sheet *s, struct arena *a, const json_t *rep)
{
	static const char *const head[] = {"Chỉ tiêu", "Số lượng"};
	const json_t *c = json_object_get(rep, "certificates"), *m = json_object_get(rep, "mail");
	static const char *const cl[][2] = {{"Giấy chứng nhận đã cấp (còn hiệu lực)", "valid"},
	                                    {"Giấy chứng nhận đã thu hồi", "revoked"},
	                                    {"Đủ điều kiện, chưa cấp", "pending"}};
	static const char *const ml[][2] = {
	    {"Thư đã gửi", "sent"},          {"Thư gửi lỗi", "failed"},
	    {"Thư chờ gửi", "queued"},       {"Thư đang gửi", "sending"},
	    {"Thư chờ gửi lại", "retrying"}, {"Thư đã hủy", "cancelled"},
	    {"Tổng số thư", "total"}};

	sheet_init(s, a, "Chứng nhận và thư", 2, 12);
	xr_head(s, head);
	for (int k = 0; k < 3; k++) {
		xr_pair(s, cl[k][0], c, cl[k][1]);
		if (!json_is_true(json_object_get(c, "available")))
			sheet_text(s, 1, "chưa có");
	}
	for (int k = 0; k < 7; k++)
		xr_pair(s, ml[k][0], m, ml[k][1]);
}

int xlsx_report_write(const json_t *rep, const char *path)
{
	struct sheet sh[XR_SHEETS];
	struct arena a;

	arena_init(&a);
	xr_summary(&sh[0], &a, rep);
	xr_sessions(&sh[1], &a, rep);
	xr_evals(&sh[2], &a, rep);
	xr_speakers(&sh[3], &a, rep);
	xr_provinces(&sh[4], &a, rep);
	xr_list(&sh[5], &a, rep, false);
	xr_list(&sh[6], &a, rep, true);
	xr_certs_mail(&sh[7], &a, rep);
	int rc = sheet_xlsx(path, sh, XR_SHEETS);
	arena_release(&a);
	return rc;
}
