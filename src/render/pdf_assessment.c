/*
 * pdf_assessment.c: the self-assessment report, A4 portrait, flowing over
 * as many pages as it needs (see pdf_assessment.h).
 *
 * Top to bottom: the entity top-left and the national motto top-right
 * (Decree 30/2020/NĐ-CP), the title, the product, one table per part
 * (criterion, the option chosen, points) with its subtotal, the total and
 * stars, what blocks a higher band, what to fix first with the evidence
 * each fix needs, the dossier checklist, then place and date above the
 * "Chủ thể tự đánh giá" signature block.  Every page carries a footer with
 * the product and the page number.
 *
 * The page mechanics (the cursor, page breaks, tables, the footer) are
 * pdf_flow.c's; this file only says what goes where.  The font map is made
 * per call, so calls on different threads share nothing; a report takes a
 * few milliseconds more than with a cached map, which is nothing next to a
 * person reading it.
 */
#include "render/pdf_assessment.h"
#include "render/pdf_cert.h"
#include "render/pdf_flow.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *str(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static long num(const json_t *o, const char *key)
{
	return (long)json_integer_value(json_object_get(o, key));
}

/* ---- the document ---- */

static void draw_header(struct pdf_flow *p, const json_t *v)
{
	const json_t *prod = json_object_get(v, "product");
	const double lw = 230, rx = PDF_FLOW_RIGHT - 270;
	char *up =
	    g_utf8_strup(*str(prod, "producer") ? str(prod, "producer") : "CHỦ THỂ OCOP", -1);
	double h =
	    pdf_flow_text(p, up, 10.5, PDF_FLOW_BOLD, PDF_FLOW_LEFT, p->y, lw, PANGO_ALIGN_CENTER);

	g_free(up);
	pdf_flow_rule(p, PDF_FLOW_LEFT + lw / 2 - 40, PDF_FLOW_LEFT + lw / 2 + 40, p->y + h + 3,
	              0.6);
	double y = p->y;
	y += pdf_flow_text(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 10.5, PDF_FLOW_BOLD, rx, y, 270,
	                   PANGO_ALIGN_CENTER);
	y += pdf_flow_text(p, "Độc lập – Tự do – Hạnh phúc", 11, PDF_FLOW_BOLD, rx, y, 270,
	                   PANGO_ALIGN_CENTER);
	pdf_flow_rule(p, rx + 135 - 70, rx + 135 + 70, y + 3, 0.6);
	p->y = fmax(p->y + h, y) + 26;
	p->y += pdf_flow_text(p, "PHIẾU TỰ ĐÁNH GIÁ SẢN PHẨM OCOP", 16, PDF_FLOW_BOLD,
	                      PDF_FLOW_LEFT, p->y, PDF_FLOW_WIDTH, PANGO_ALIGN_CENTER) +
	        2;
	const json_t *set = json_object_get(v, "set");
	char line[1024];
	snprintf(line, sizeof(line), "Bộ sản phẩm: %s – căn cứ bộ tiêu chí theo %s",
	         str(set, "product_set"), str(set, "legal_basis"));
	p->y += pdf_flow_text(p, line, 9.5, PDF_FLOW_ITAL, PDF_FLOW_LEFT + 30, p->y,
	                      PDF_FLOW_WIDTH - 60, PANGO_ALIGN_CENTER) +
	        14;
}

static void draw_product(struct pdf_flow *p, const json_t *v)
{
	const json_t *prod = json_object_get(v, "product");
	static const char *const keys[][2] = {{"Tên sản phẩm", "name"},
	                                      {"Bộ sản phẩm", "set"},
	                                      {"Chủ thể sản xuất", "producer"},
	                                      {"Tỉnh, thành phố", "province"}};
	char line[1024];

	pdf_flow_heading(p, "I. THÔNG TIN SẢN PHẨM");
	for (size_t k = 0; k < 4; k++) {
		const char *val = str(prod, keys[k][1]);
		snprintf(line, sizeof(line), "%s: %s", keys[k][0], *val ? val : "……………………");
		pdf_flow_para(p, line, 10, k == 0 ? PDF_FLOW_BOLD : PDF_FLOW_REG, 10, 2);
	}
}

static void draw_parts(struct pdf_flow *p, const json_t *v)
{
	struct pdf_flow_table t = {
	    4,
	    {34, 168, PDF_FLOW_WIDTH - 34 - 168 - 56, 56},
	    {PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER},
	    {"TT", "Tiêu chí", "Phương án tự đánh giá", "Điểm"}};
	size_t i, j;
	json_t *part, *r;
	char h[512], pts[32], sub[128];

	pdf_flow_heading(p, "II. KẾT QUẢ TỰ CHẤM ĐIỂM");
	json_array_foreach(json_object_get(v, "parts"), i, part)
	{
		char *up = g_utf8_strup(str(part, "title"), -1);
		snprintf(h, sizeof(h), "Phần %s – %s (tối đa %ld điểm)", str(part, "code"), up,
		         num(part, "max"));
		g_free(up);
		pdf_flow_need(p, 60);
		p->y += 4;
		pdf_flow_para(p, h, 10, PDF_FLOW_BOLD, 0, 3);
		pdf_flow_row(p, &t, t.head, PDF_FLOW_BOLD, 0.92);
		json_array_foreach(json_object_get(part, "rows"), j, r)
		{
			snprintf(pts, sizeof(pts), "%ld/%ld", num(r, "points"), num(r, "max"));
			const char *cells[] = {str(r, "code"), str(r, "title"), str(r, "chosen"),
			                       pts};
			pdf_flow_row(p, &t, cells, PDF_FLOW_REG, 1);
		}
		snprintf(sub, sizeof(sub), "Cộng phần %s", str(part, "code"));
		snprintf(pts, sizeof(pts), "%ld/%ld", num(part, "points"), num(part, "max"));
		const char *cells[] = {"", sub, NULL, pts};
		pdf_flow_row(p, &t, cells, PDF_FLOW_BOLD, 0.96);
	}
}

static void draw_total(struct pdf_flow *p, const json_t *v)
{
	char line[512];
	long stars = num(v, "stars");

	pdf_flow_need(p, 78);
	p->y += 10;
	cairo_set_source_rgb(p->cr, 0.97, 0.95, 0.88);
	cairo_rectangle(p->cr, PDF_FLOW_LEFT, p->y, PDF_FLOW_WIDTH, 58);
	cairo_fill(p->cr);
	snprintf(line, sizeof(line), "TỔNG ĐIỂM: %ld/%ld", num(v, "total"), num(v, "max"));
	pdf_flow_text(p, line, 13, PDF_FLOW_BOLD, PDF_FLOW_LEFT + 12, p->y + 8, 220,
	              PANGO_ALIGN_LEFT);
	for (int k = 0; k < 5; k++)
		pdf_flow_star(p, PDF_FLOW_LEFT + 250 + k * 22, p->y + 17, 9, k < stars);
	snprintf(line, sizeof(line), "%s. %s", str(v, "outcome"),
	         json_is_true(json_object_get(v, "certifiable"))
	             ? "Đủ mức điểm được công nhận sản phẩm OCOP (từ 3 sao)."
	             : "Chưa đủ mức được công nhận sản phẩm OCOP (từ 3 sao).");
	pdf_flow_text(p, line, 9.5, PDF_FLOW_ITAL, PDF_FLOW_LEFT + 12, p->y + 32,
	              PDF_FLOW_WIDTH - 24, PANGO_ALIGN_LEFT);
	p->y += 66;
}

static void draw_blockers(struct pdf_flow *p, const json_t *v)
{
	size_t i;
	json_t *b;
	char line[1024];

	pdf_flow_heading(p, "III. TIÊU CHÍ CHẶN HẠNG CAO HƠN");
	if (!json_array_size(json_object_get(v, "blockers")))
		pdf_flow_para(p,
		              "Không có tiêu chí loại trừ hay tiêu chí bắt buộc nào chặn hạng sao.",
		              10, PDF_FLOW_REG, 10, 2);
	json_array_foreach(json_object_get(v, "blockers"), i, b)
	{
		snprintf(line, sizeof(line), "• Tiêu chí %s – %s: %s", str(b, "code"),
		         str(b, "title"), str(b, "text"));
		pdf_flow_para(p, line, 10, PDF_FLOW_REG, 10, 2);
	}
}

static void draw_fixes(struct pdf_flow *p, const json_t *v)
{
	size_t i, j;
	json_t *f, *e;
	char line[2048];

	pdf_flow_heading(p, "IV. ƯU TIÊN CẢI THIỆN (điểm tăng nhiều nhất với ít công sức nhất)");
	json_array_foreach(json_object_get(v, "fixes"), i, f)
	{
		snprintf(
		    line, sizeof(line), "%ld. Tiêu chí %s – %s: +%ld điểm (%s)%s", num(f, "rank"),
		    str(f, "code"), str(f, "title"), num(f, "gain"), str(f, "effort"),
		    json_is_true(json_object_get(f, "unblocks")) ? ", gỡ tiêu chí chặn hạng" : "");
		pdf_flow_need(p, 44);
		pdf_flow_para(p, line, 10, PDF_FLOW_BOLD, 10, 1);
		snprintf(line, sizeof(line), "Hiện tại: %s → Cần đạt: %s", str(f, "from"),
		         str(f, "to"));
		pdf_flow_para(p, line, 9.5, PDF_FLOW_REG, 24, 1);
		json_array_foreach(json_object_get(f, "evidence"), j, e)
		{
			snprintf(line, sizeof(line), "– Hồ sơ cần: %s", json_string_value(e));
			pdf_flow_para(p, line, 9, PDF_FLOW_ITAL, 30, 0.5);
		}
		p->y += 3;
	}
	if (!json_array_size(json_object_get(v, "fixes")))
		pdf_flow_para(p, "Mọi tiêu chí đã đạt điểm tối đa.", 10, PDF_FLOW_REG, 10, 2);
}

static void draw_dossier(struct pdf_flow *p, const json_t *v)
{
	struct pdf_flow_table t = {3,
	                           {34, PDF_FLOW_WIDTH - 34 - 80, 80},
	                           {PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER},
	                           {"TT", "Tài liệu trong hồ sơ", "Tình trạng"}};
	size_t i;
	json_t *d;
	char n[16], line[128];

	snprintf(line, sizeof(line), "V. DANH MỤC HỒ SƠ (đã có %ld/%ld)", num(v, "docs_have"),
	         num(v, "docs_count"));
	pdf_flow_heading(p, line);
	pdf_flow_row(p, &t, t.head, PDF_FLOW_BOLD, 0.92);
	json_array_foreach(json_object_get(v, "dossier"), i, d)
	{
		bool has = json_is_true(json_object_get(d, "has"));
		snprintf(n, sizeof(n), "%ld", num(d, "n"));
		const char *cells[] = {n, str(d, "label"), has ? "Đã có" : "Còn thiếu"};
		pdf_flow_row(p, &t, cells, PDF_FLOW_REG, has ? 1 : 0.975);
	}
}

static void draw_signature(struct pdf_flow *p, const json_t *v, int64_t date)
{
	const double x = PDF_FLOW_RIGHT - 250, w = 250;
	const char *province = str(json_object_get(v, "product"), "province");
	char d[64], line[256];

	pdf_flow_need(p, 130);
	p->y += 16;
	pdf_flow_text(
	    p,
	    "Ghi chú: phiếu do chủ thể tự đánh giá để chuẩn bị hồ sơ; kết quả chính thức do "
	    "Hội đồng đánh giá, phân hạng sản phẩm OCOP quyết định.",
	    8.5, PDF_FLOW_ITAL, PDF_FLOW_LEFT, p->y + 34, 210, PANGO_ALIGN_LEFT);
	pdf_cert_date_words(date, d, sizeof(d));
	snprintf(line, sizeof(line), "%s, %s", *province ? province : "……………", d);
	double y = p->y;
	y += pdf_flow_text(p, line, 10, PDF_FLOW_ITAL, x, y, w, PANGO_ALIGN_CENTER) + 3;
	y += pdf_flow_text(p, "CHỦ THỂ TỰ ĐÁNH GIÁ", 10.5, PDF_FLOW_BOLD, x, y, w,
	                   PANGO_ALIGN_CENTER);
	pdf_flow_text(p, "(Ký, ghi rõ họ tên, đóng dấu nếu có)", 9, PDF_FLOW_ITAL, x, y, w,
	              PANGO_ALIGN_CENTER);
	/* The signature goes in the space; the entity's name is printed under it. */
	pdf_flow_text(p, str(json_object_get(v, "product"), "producer"), 10.5, PDF_FLOW_BOLD, x,
	              y + 78, w, PANGO_ALIGN_CENTER);
	p->y += 120;
}

static void set_metadata(cairo_surface_t *s, const json_t *v, int64_t date)
{
	time_t tt = (time_t)(date + 7 * 3600);
	struct tm tm;
	char d[40], title[512];

	if (gmtime_r(&tt, &tm)) {
		strftime(d, sizeof(d), "%Y-%m-%dT%H:%M:%S+07:00", &tm);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, d);
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, d);
	}
	snprintf(title, sizeof(title), "Phiếu tự đánh giá sản phẩm OCOP: %s",
	         str(json_object_get(v, "product"), "name"));
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "ocop");
}

int pdf_assessment_render(const json_t *v, int64_t date, struct buf *out)
{
	const char *name = str(json_object_get(v, "product"), "name");
	struct pdf_flow p;
	char footer[512];

	if (!*name || !json_is_array(json_object_get(v, "parts")))
		return -1;
	snprintf(footer, sizeof(footer), "Phiếu tự đánh giá sản phẩm OCOP – %s", name);
	pdf_flow_begin(&p, out, footer);
	set_metadata(p.surf, v, date);
	draw_header(&p, v);
	draw_product(&p, v);
	draw_parts(&p, v);
	draw_total(&p, v);
	draw_blockers(&p, v);
	draw_fixes(&p, v);
	draw_dossier(&p, v);
	draw_signature(&p, v, date);
	return pdf_flow_end(&p);
}
