/*
 * pdf_report.c: see pdf_report.h.  The document and its cover page; the
 * sections after it are pdf_report_tables.c's.  The cover follows the
 * layout of an administrative report (Decree 30/2020/NĐ-CP): the issuing
 * organisers top left, the national motto top right, place and date, the
 * title, then what the report covers and its key figures in a box.
 */
#include "render/pdf_report.h"
#include "render/pdf_flow.h"
#include "render/pdf_report_int.h"
#include "render/svg_chart.h"
#include "core/vtime.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

const char *prt_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* A count (1.234), a number with decimals (3,75), or "—" for null. */
const char *prt_num(char *out, size_t n, const json_t *o, const char *k, int decimals)
{
	const json_t *v = json_object_get(o, k);

	if (!v || json_is_null(v))
		return snprintf(out, n, "—"), out;
	return svg_number(out, n, json_number_value(v), decimals);
}

static void cover_header(struct pdf_flow *p, const json_t *rep)
{
	const json_t *orgs = json_object_get(json_object_get(rep, "series"), "organizers");
	const double lw = 230, rx = PDF_FLOW_RIGHT - 270;
	double y = p->y, ly = p->y;
	size_t i;
	json_t *o;

	json_array_foreach(orgs, i, o)
	{
		char *up = g_utf8_strup(json_string_value(o), -1);
		ly += pdf_flow_text(p, up, 10, i + 1 == json_array_size(orgs) ? PDF_FLOW_BOLD : 0,
		                    PDF_FLOW_LEFT, ly, lw, PANGO_ALIGN_CENTER);
		g_free(up);
	}
	if (json_array_size(orgs))
		pdf_flow_rule(p, PDF_FLOW_LEFT + lw / 2 - 40, PDF_FLOW_LEFT + lw / 2 + 40, ly + 3,
		              0.6);
	y += pdf_flow_text(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 10.5, PDF_FLOW_BOLD, rx, y, 270,
	                   PANGO_ALIGN_CENTER);
	y += pdf_flow_text(p, "Độc lập – Tự do – Hạnh phúc", 11, PDF_FLOW_BOLD, rx, y, 270,
	                   PANGO_ALIGN_CENTER);
	pdf_flow_rule(p, rx + 135 - 70, rx + 135 + 70, y + 3, 0.6);
	char date[64], line[96];
	vtime_date_words(date, sizeof(date),
	                 json_integer_value(json_object_get(rep, "generated_at")));
	snprintf(line, sizeof(line), "%c%s", 'N', date + 1); /* "Ngày ..." */
	y += 10 + pdf_flow_text(p, line, 10.5, PDF_FLOW_ITAL, rx, y + 10, 270, PANGO_ALIGN_CENTER);
	p->y = fmax(ly, y) + 60;
}

static void cover_title(struct pdf_flow *p, const json_t *rep)
{
	const json_t *s = json_object_get(rep, "series"), *f = json_object_get(rep, "filter");
	char line[1024];

	p->y += pdf_flow_text(p, "BÁO CÁO", 20, PDF_FLOW_BOLD, PDF_FLOW_LEFT, p->y, PDF_FLOW_WIDTH,
	                      PANGO_ALIGN_CENTER) +
	        4;
	p->y += pdf_flow_text(p, "Kết quả tổ chức chuỗi tập huấn", 13, PDF_FLOW_BOLD, PDF_FLOW_LEFT,
	                      p->y, PDF_FLOW_WIDTH, PANGO_ALIGN_CENTER) +
	        8;
	p->y += pdf_flow_text(p, prt_str(s, "title"), 14, PDF_FLOW_BOLD, PDF_FLOW_LEFT + 30, p->y,
	                      PDF_FLOW_WIDTH - 60, PANGO_ALIGN_CENTER) +
	        10;
	snprintf(line, sizeof(line), "Thời gian: %s · %lld buổi tập huấn", prt_str(s, "dates"),
	         (long long)json_integer_value(json_object_get(s, "session_count")));
	p->y += pdf_flow_text(p, line, 10.5, 0, PDF_FLOW_LEFT, p->y, PDF_FLOW_WIDTH,
	                      PANGO_ALIGN_CENTER) +
	        30;
	const char *prov = prt_str(f, "province_name"), *cat = prt_str(f, "category_label");
	if (*prov || *cat)
		snprintf(line, sizeof(line), "Phạm vi số liệu: chỉ gồm người đăng ký%s%s%s%s.",
		         *prov ? " thuộc " : "", prov, *cat ? " – đối tượng: " : "", cat);
	else
		snprintf(line, sizeof(line), "Phạm vi số liệu: toàn bộ người đăng ký của chuỗi.");
	pdf_flow_para(p, line, 10, PDF_FLOW_ITAL, 0, 3);
	pdf_flow_para(p, prt_str(f, "note"), 10, PDF_FLOW_ITAL, 0, 14);
}

/* The key figures, two columns in a tinted box. */
static void cover_figures(struct pdf_flow *p, const json_t *rep)
{
	const json_t *t = json_object_get(rep, "totals"), *c = json_object_get(rep, "certificates");
	const json_t *m = json_object_get(rep, "mail"),
	             *e = json_object_get(rep, "all_evaluations");
	char v[8][48], certs[96], mail[128];

	prt_num(v[0], 48, t, "registered", 0);
	prt_num(v[1], 48, t, "took_part", 0);
	prt_num(v[2], 48, t, "stayed", 0);
	prt_num(v[3], 48, e, "submissions", 0);
	prt_num(v[4], 48, e, "pass_rate", 1);
	prt_num(v[5], 48, m, "sent", 0);
	prt_num(v[6], 48, m, "failed", 0);
	if (json_is_true(json_object_get(c, "available")))
		snprintf(certs, sizeof(certs), "%s (thu hồi: %s)", prt_num(v[7], 48, c, "valid", 0),
		         prt_num(v[7] + 24, 24, c, "revoked", 0));
	else
		snprintf(certs, sizeof(certs), "chưa có");
	snprintf(mail, sizeof(mail), "%s đã gửi, %s lỗi", v[5], v[6]);
	const char *rows[][2] = {
	    {"Người đăng ký", v[0]},
	    {"Tham dự ít nhất một buổi", v[1]},
	    {"Tham dự đủ tất cả các buổi", v[2]},
	    {"Bài đánh giá đã nộp", v[3]},
	    {"Tỷ lệ đạt các bài kiểm tra (%)", v[4]},
	    {"Giấy chứng nhận đã cấp", certs},
	    {"Thư điện tử", mail},
	};
	const int n = (int)(sizeof(rows) / sizeof(rows[0]));
	double h = n * 19 + 16;

	pdf_flow_need(p, h + 20);
	cairo_set_source_rgb(p->cr, 0.95, 0.96, 0.93);
	cairo_rectangle(p->cr, PDF_FLOW_LEFT + 40, p->y, PDF_FLOW_WIDTH - 80, h);
	cairo_fill(p->cr);
	double y = p->y + 8;
	for (int i = 0; i < n; i++, y += 19) {
		pdf_flow_text(p, rows[i][0], 10.5, 0, PDF_FLOW_LEFT + 56, y, 240, PANGO_ALIGN_LEFT);
		pdf_flow_text(p, rows[i][1], 10.5, PDF_FLOW_BOLD, PDF_FLOW_LEFT + 290, y,
		              PDF_FLOW_WIDTH - 346, PANGO_ALIGN_RIGHT);
	}
	p->y += h + 20;
}

int pdf_report_render(struct buf *out, const json_t *rep)
{
	const json_t *s = json_object_get(rep, "series");
	char footer[512], date[16];
	struct pdf_flow p;

	if (!json_is_object(s))
		return -1;
	vtime_date(date, sizeof(date), json_integer_value(json_object_get(rep, "generated_at")));
	snprintf(footer, sizeof(footer), "Báo cáo %s – số liệu lập ngày %s", prt_str(s, "title"),
	         date);
	pdf_flow_begin(&p, out, footer);
	cover_header(&p, rep);
	cover_title(&p, rep);
	cover_figures(&p, rep);
	p.y += 20;
	pdf_flow_para(&p,
	              "Số liệu được tính từ dữ liệu lưu trong hệ thống tại thời điểm lập báo "
	              "cáo: người đăng ký đang hoạt động (không tính người đã rút); tham dự "
	              "theo quy tắc điểm danh của từng buổi (thời lượng Zoom, mã điểm danh, "
	              "bài đánh giá), cùng quy tắc dùng để xét cấp giấy chứng nhận.",
	              9, PDF_FLOW_ITAL, 40, 0);
	pdf_flow_page(&p);
	pdf_report_sections(&p, rep);
	return pdf_flow_end(&p);
}
