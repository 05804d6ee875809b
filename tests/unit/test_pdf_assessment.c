/*
 * test_pdf_assessment.c: unit tests of src/render/pdf_assessment.c: a
 * report is a PDF, the same view and date give the same bytes, hostile and
 * very long text flows onto more pages instead of failing, and a view
 * without a product name or parts is refused with out left as it was.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "render/pdf_assessment.h"

#define DATE 1632787200 /* 28/09/2021 */

static json_t *view(const char *name, size_t rows, const char *label)
{
	json_t *r = json_array();

	for (size_t i = 0; i < rows; i++)
		json_array_append_new(r, json_pack("{s:s, s:s, s:s, s:i, s:i}", "code", "1.1",
		                                   "title", "Nguồn nguyên liệu", "chosen", label,
		                                   "points", 2, "max", 3));
	return json_pack(
	    "{s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s}, s:[{s:s, s:s, s:i, s:i, s:o}], s:i, s:i, "
	    "s:i, s:s, s:b, s:[], s:[{s:i, s:s, s:s, s:s, s:s, s:i, s:s, s:b, s:[s]}], "
	    "s:[{s:i, s:s, s:b}], s:i, s:i}",
	    "product", "name", name, "set", "Chế biến từ rau, củ, quả, hạt", "producer",
	    "HTX <b>Xoài</b> & \"Cát\"", "province", "Đồng Tháp", "set", "title", "Phiếu",
	    "legal_basis", "1048/QĐ-TTg", "product_set", "Chế biến từ rau, củ, quả, hạt", "parts",
	    "code", "A", "title", "Sản phẩm và sức mạnh cộng đồng", "points", 2, "max", 35, "rows",
	    r, "total", 61, "max", 100, "stars", 3, "outcome", "Dự kiến đạt 3 sao", "certifiable",
	    1, "blockers", "fixes", "rank", 1, "code", "4.2", "title", "Tổ chức phân phối", "from",
	    "a", "to", "b", "gain", 2, "effort", "giấy tờ, thủ tục", "unblocks", 0, "evidence",
	    "Sổ sách kế toán", "dossier", "n", 1, "label", "05 mẫu sản phẩm", "has", 0, "docs_have",
	    0, "docs_count", 1);
}

static void test_deterministic(void **state)
{
	struct buf a, b;
	json_t *v = view("Xoài sấy dẻo", 3, "Có liên kết <script>");

	(void)state;
	buf_init(&a, 0);
	buf_init(&b, 0);
	assert_int_equal(pdf_assessment_render(v, DATE, &a), 0);
	assert_int_equal(pdf_assessment_render(v, DATE, &b), 0);
	assert_memory_equal(a.p, "%PDF-", 5);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	json_decref(v);
	buf_release(&a);
	buf_release(&b);
}

static void test_long_text_flows(void **state)
{
	char label[6000];
	struct buf a;

	(void)state;
	for (size_t i = 0; i + 5 < sizeof(label); i += 5)
		memcpy(label + i, "Dài ", 5);
	memset(label + sizeof(label) - 8, 'x', 7); /* one long word at the end */
	label[sizeof(label) - 1] = 0;
	json_t *v = view("Sản phẩm", 40, label);
	buf_init(&a, 0);
	assert_int_equal(pdf_assessment_render(v, DATE, &a), 0);
	assert_true(a.len > 1000);
	json_decref(v);
	buf_release(&a);
}

static void test_refused(void **state)
{
	struct buf a;
	json_t *v = view("", 1, "x");

	(void)state;
	buf_init(&a, 0);
	buf_adds(&a, "keep");
	assert_int_equal(pdf_assessment_render(v, DATE, &a), -1);
	json_object_del(v, "parts");
	json_object_set_new(json_object_get(v, "product"), "name", json_string("A"));
	assert_int_equal(pdf_assessment_render(v, DATE, &a), -1);
	assert_string_equal(a.p, "keep");
	/* A cap that the PDF cannot fit in: -1, and out as it was. */
	json_decref(v);
	v = view("A", 1, "x");
	buf_release(&a);
	buf_init(&a, 1000);
	buf_adds(&a, "keep");
	assert_int_equal(pdf_assessment_render(v, DATE, &a), -1);
	assert_string_equal(a.p, "keep");
	json_decref(v);
	buf_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_long_text_flows),
	    cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
