/*
 * pdf_report_tables.c: the sections of the PDF report after its cover
 * (see pdf_report.h): each a heading, a summary table and the charts the
 * dashboard shows, drawn from the same descriptions (report_charts.c)
 * through chart_cairo.c.
 */
#include "core/arena.h"
#include "render/chart_cairo.h"
#include "render/pdf_flow.h"
#include "render/pdf_report_int.h"
#include "render/report_charts.h"
#include "render/svg_chart.h"

#include <stdio.h>
#include <string.h>

#define SMALL 7.5

static void chart(struct pdf_flow *p, const json_t *rep, enum report_chart_id id)
{
	struct arena a;
	struct svg_chart c;

	arena_init(&a);
	report_chart(&a, rep, id, NULL, &c);
	double h = chart_cairo_height(&c, PDF_FLOW_WIDTH);
	pdf_flow_need(p, h + 10);
	p->y += 4;
	chart_cairo_draw(p->cr, p->pango, &c, PDF_FLOW_LEFT, p->y, PDF_FLOW_WIDTH);
	p->y += h + 10;
	arena_release(&a);
}

static void note(struct pdf_flow *p, const char *t)
{
	pdf_flow_para(p, t, 8.5, PDF_FLOW_ITAL, 0, 6);
}

static void sessions(struct pdf_flow *p, const json_t *rep)
{
	struct pdf_flow_table t = {11,
	                           {40, 52, 50, 50, 40, 44, 48, 48, 44, 42, 39.28},
	                           {PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
	                            PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
	                            PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
	                            PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT},
	                           {"Buổi", "Ngày", "Đăng ký", "Tham dự", "Tỷ lệ tham dự (%)",
	                            "Qua Zoom", "Qua mã điểm danh", "Qua bài đánh giá",
	                            "Bài đánh giá đã nộp", "Điểm TB (%)", "Tỷ lệ đạt (%)"},
	                           SMALL};
	const json_t *x;
	size_t i;
	char v[11][48];

	pdf_flow_heading(p, "I. THAM DỰ VÀ KẾT QUẢ THEO BUỔI");
	pdf_flow_row(p, &t, t.head, PDF_FLOW_BOLD, 0.92);
	json_array_foreach(json_object_get(rep, "sessions"), i, x)
	{
		snprintf(v[0], 48, "%lld",
		         (long long)json_integer_value(json_object_get(x, "number")));
		snprintf(v[1], 48, "%s", prt_str(x, "date"));
		prt_num(v[2], 48, x, "registered", 0);
		prt_num(v[3], 48, x, "attended", 0);
		prt_num(v[4], 48, x, "rate", 1);
		prt_num(v[5], 48, x, "zoom", 0);
		prt_num(v[6], 48, x, "checkin", 0);
		prt_num(v[7], 48, x, "evaluation", 0);
		prt_num(v[8], 48, x, "submissions", 0);
		prt_num(v[9], 48, x, "mean_pct", 1);
		prt_num(v[10], 48, x, "pass_rate", 1);
		const char *cells[11];
		for (int k = 0; k < 11; k++)
			cells[k] = v[k];
		pdf_flow_row(p, &t, cells, PDF_FLOW_REG, i % 2 ? 0.975 : 1);
	}
	p->y += 4;
	note(p, "Một người có thể được ghi nhận qua nhiều nguồn cùng lúc; cột Tham dự đếm mỗi "
	        "người một lần. Tỷ lệ tham dự tính trên số người đăng ký của chuỗi.");
	chart(p, rep, REPORT_CHART_ATTENDANCE);
}

static void evaluations(struct pdf_flow *p, const json_t *rep)
{
	struct pdf_flow_table t = {
	    6,
	    {197.28, 50, 70, 60, 60, 60},
	    {PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
	     PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT},
	    {"Bài đánh giá", "Buổi", "Bài đã nộp", "Số bài đạt", "Tỷ lệ đạt (%)", "Điểm TB (%)"},
	    8};
	const json_t *x;
	size_t i;
	char v[6][48];

	pdf_flow_heading(p, "II. KẾT QUẢ CÁC BÀI ĐÁNH GIÁ");
	pdf_flow_row(p, &t, t.head, PDF_FLOW_BOLD, 0.92);
	json_array_foreach(json_object_get(rep, "evaluations"), i, x)
	{
		json_int_t n = json_integer_value(json_object_get(x, "session_number"));
		snprintf(v[1], 48, n ? "%lld" : "Cả chuỗi", (long long)n);
		prt_num(v[2], 48, x, "submissions", 0);
		prt_num(v[3], 48, x, "passed", 0);
		prt_num(v[4], 48, x, "pass_rate", 1);
		prt_num(v[5], 48, x, "mean_pct", 1);
		const char *cells[] = {prt_str(x, "title"), v[1], v[2], v[3], v[4], v[5]};
		pdf_flow_row(p, &t, cells, PDF_FLOW_REG, i % 2 ? 0.975 : 1);
	}
	p->y += 4;
	note(p, "Bài khảo sát không chấm điểm không có tỷ lệ đạt và điểm trung bình (—).");
	chart(p, rep, REPORT_CHART_SCORES);
	chart(p, rep, REPORT_CHART_PASS);
}

static void ratings(struct pdf_flow *p, const json_t *rep)
{
	struct pdf_flow_table t = {6,
	                           {97.28, 80, 80, 80, 80, 80},
	                           {PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT,
	                            PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT},
	                           {"Buổi", NULL, NULL, NULL, NULL, "Số người đánh giá"},
	                           8};
	const json_t *aspects = json_object_get(rep, "aspects"), *x, *a;
	size_t i, k;
	char v[6][48];

	pdf_flow_heading(p, "III. MỨC ĐỘ HÀI LÒNG (THANG 1–5)");
	chart(p, rep, REPORT_CHART_RATINGS);
	json_array_foreach(aspects, k, a) t.head[1 + k] = prt_str(a, "label");
	pdf_flow_row(p, &t, t.head, PDF_FLOW_BOLD, 0.92);
	json_array_foreach(json_object_get(rep, "sessions"), i, x)
	{
		const json_t *r = json_object_get(x, "ratings");
		snprintf(v[0], 48, "Buổi %lld (%s)",
		         (long long)json_integer_value(json_object_get(x, "number")),
		         prt_str(x, "date"));
		json_array_foreach(aspects, k, a)
		    prt_num(v[1 + k], 48, json_object_get(r, prt_str(a, "key")), "mean", 2);
		prt_num(v[5], 48, json_object_get(r, "content"), "n", 0);
		const char *cells[] = {v[0], v[1], v[2], v[3], v[4], v[5]};
		pdf_flow_row(p, &t, cells, PDF_FLOW_REG, i % 2 ? 0.975 : 1);
	}
	p->y += 8;
	struct pdf_flow_table s = {5,
	                           {150, 177.28, 50, 60, 60},
	                           {PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
	                            PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT},
	                           {"Báo cáo viên", "Đơn vị", "Buổi", "Lượt đánh giá", "Điểm TB"},
	                           8};
	pdf_flow_need(p, 60);
	pdf_flow_row(p, &s, s.head, PDF_FLOW_BOLD, 0.92);
	json_array_foreach(json_object_get(rep, "speakers"), i, x)
	{
		prt_num(v[0], 48, x, "n", 0);
		prt_num(v[1], 48, x, "mean", 2);
		const char *cells[] = {prt_str(x, "name"), prt_str(x, "org"),
		                       prt_str(x, "sessions"), v[0], v[1]};
		pdf_flow_row(p, &s, cells, PDF_FLOW_REG, i % 2 ? 0.975 : 1);
	}
	p->y += 4;
	note(p, "Điểm của báo cáo viên là điểm trung bình mục “báo cáo viên” trong phiếu đánh giá "
	        "của các buổi mà báo cáo viên trình bày.");
	chart(p, rep, REPORT_CHART_SPEAKERS);
}

static void provinces(struct pdf_flow *p, const json_t *rep)
{
	struct pdf_flow_table t = {6,
	                           {30, 167.28, 75, 75, 75, 75},
	                           {PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT,
	                            PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT, PANGO_ALIGN_RIGHT},
	                           {"TT", "Tỉnh, thành phố", "Đăng ký", "Tham dự ít nhất 1 buổi",
	                            "Tham dự đủ các buổi", "Được cấp chứng nhận"},
	                           8};
	const json_t *x;
	size_t i;
	char v[5][48];

	pdf_flow_page(p);
	pdf_flow_heading(p, "IV. THEO TỈNH, THÀNH PHỐ");
	note(p, prt_str(json_object_get(rep, "filter"), "note"));
	pdf_flow_row(p, &t, t.head, PDF_FLOW_BOLD, 0.92);
	json_array_foreach(json_object_get(rep, "by_province"), i, x)
	{
		snprintf(v[0], 48, "%zu", i + 1);
		prt_num(v[1], 48, x, "registered", 0);
		prt_num(v[2], 48, x, "took_part", 0);
		prt_num(v[3], 48, x, "stayed", 0);
		if (json_is_null(json_object_get(x, "certified")))
			snprintf(v[4], 48, "chưa có");
		else
			prt_num(v[4], 48, x, "certified", 0);
		const char *cells[] = {v[0], prt_str(x, "name"), v[1], v[2], v[3], v[4]};
		pdf_flow_row(p, &t, cells, PDF_FLOW_REG, i % 2 ? 0.975 : 1);
	}
	p->y += 6;
	chart(p, rep, REPORT_CHART_PROVINCES);
}

static void categories(struct pdf_flow *p, const json_t *rep)
{
	struct pdf_flow_table t = {2,
	                           {347.28, 150},
	                           {PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT},
	                           {"Đối tượng", "Số người đăng ký"},
	                           8.5};
	const json_t *x;
	size_t i;
	char v[48];

	pdf_flow_heading(p, "V. THEO ĐỐI TƯỢNG");
	pdf_flow_row(p, &t, t.head, PDF_FLOW_BOLD, 0.92);
	json_array_foreach(json_object_get(rep, "by_category"), i, x)
	{
		const char *cells[] = {prt_str(x, "label"), prt_num(v, sizeof(v), x, "n", 0)};
		pdf_flow_row(p, &t, cells, PDF_FLOW_REG, i % 2 ? 0.975 : 1);
	}
	p->y += 6;
	chart(p, rep, REPORT_CHART_CATEGORIES);
	pdf_flow_heading(p, "VI. ĐĂNG KÝ THEO THỜI GIAN");
	chart(p, rep, REPORT_CHART_DAYS);
	note(p, "Số người đăng ký từng ngày có trong tệp XLSX đi kèm báo cáo.");
}

static void certs_mail(struct pdf_flow *p, const json_t *rep)
{
	struct pdf_flow_table t = {
	    2, {347.28, 150}, {PANGO_ALIGN_LEFT, PANGO_ALIGN_RIGHT}, {"Chỉ tiêu", "Số lượng"}, 9};
	const json_t *c = json_object_get(rep, "certificates"), *m = json_object_get(rep, "mail");
	bool has = json_is_true(json_object_get(c, "available"));
	char v[8][48];

	pdf_flow_heading(p, "VII. GIẤY CHỨNG NHẬN VÀ THƯ ĐIỆN TỬ");
	pdf_flow_row(p, &t, t.head, PDF_FLOW_BOLD, 0.92);
	const char *rows[][2] = {
	    {"Giấy chứng nhận đã cấp (còn hiệu lực)",
	     has ? prt_num(v[0], 48, c, "valid", 0) : "chưa có"},
	    {"Giấy chứng nhận đã thu hồi", has ? prt_num(v[1], 48, c, "revoked", 0) : "chưa có"},
	    {"Đủ điều kiện, chưa cấp", has ? prt_num(v[2], 48, c, "pending", 0) : "chưa có"},
	    {"Thư đã gửi", prt_num(v[3], 48, m, "sent", 0)},
	    {"Thư gửi lỗi", prt_num(v[4], 48, m, "failed", 0)},
	    {"Thư đang chờ gửi (kể cả đang thử lại)", v[5]},
	    {"Thư đã hủy", prt_num(v[6], 48, m, "cancelled", 0)},
	};
	svg_number(v[5], 48,
	           (double)(json_integer_value(json_object_get(m, "queued")) +
	                    json_integer_value(json_object_get(m, "sending")) +
	                    json_integer_value(json_object_get(m, "retrying"))),
	           0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		pdf_flow_row(p, &t, rows[i], PDF_FLOW_REG, i % 2 ? 0.975 : 1);
}

void pdf_report_sections(struct pdf_flow *p, const json_t *rep)
{
	sessions(p, rep);
	evaluations(p, rep);
	ratings(p, rep);
	provinces(p, rep);
	categories(p, rep);
	certs_mail(p, rep);
}
