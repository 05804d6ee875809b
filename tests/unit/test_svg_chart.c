/* test_svg_chart.c: server-drawn bar charts (src/render/svg_chart.c):
 * Vietnamese number format, escaping of every caller text (labels, title,
 * headings, value texts), label cutting on code point boundaries, empty
 * data, and the data table behind each chart. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/buf.h"
#include "render/svg_chart.h"

static void test_number(void **state)
{
	char out[48];
	static const struct {
		double v;
		int decimals;
		const char *want;
	} cases[] = {
		{0, 0, "0"},           {999, 0, "999"},        {1000, 0, "1.000"},
		{1234567, 0, "1.234.567"}, {1234.5, 1, "1.234,5"}, {3.456, 2, "3,46"},
		{-1500, 0, "-1.500"},  {0.004, 2, "0,00"},     {-0.001, 2, "0,00"},
		{2.5, 7, "2,500"},     {12, -1, "12"},         {1e300, 0, "0"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(svg_number(out, sizeof(out), cases[i].v, cases[i].decimals),
				    cases[i].want);
	/* a short buffer is cut, never overrun */
	char tiny[4];
	svg_number(tiny, sizeof(tiny), 1234567, 0);
	assert_true(strlen(tiny) < sizeof(tiny));
}

static const char *const hostile = "\"'<>&<script>alert(1)</script>";

static void check_escaped(const char *s)
{
	assert_null(strstr(s, "<script>"));
	assert_non_null(strstr(s, "&lt;script&gt;"));
	assert_non_null(strstr(s, "&quot;&#39;&lt;&gt;&amp;"));
}

static void test_hbars_escape(void **state)
{
	struct svg_bar bars[] = {
		{hostile, 3, NULL, false},
		{"Đúng", 1, "1 (<b>)", true},
	};
	struct svg_chart c = {.title = hostile, .label_head = "<th>", .value_head = "a&b",
			      .bars = bars, .nbars = 2};
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 20);
	svg_chart_hbars(&b, &c);
	check_escaped(b.p);
	assert_non_null(strstr(b.p, "aria-label=\"&quot;&#39;"));
	assert_non_null(strstr(b.p, "1 (&lt;b&gt;)"));
	assert_non_null(strstr(b.p, "&lt;th&gt;"));
	assert_non_null(strstr(b.p, "a&amp;b"));
	assert_non_null(strstr(b.p, "#c99a2e")); /* the marked bar */
	assert_non_null(strstr(b.p, "<table class=\"sr-only\"><caption>"));
	assert_null(strstr(b.p, "style="));
	buf_release(&b);
}

static void test_columns_escape(void **state)
{
	struct svg_bar bars[40];
	struct svg_chart c = {.title = hostile, .bars = bars, .nbars = 40};
	struct buf b;

	(void)state;
	for (int i = 0; i < 40; i++)
		bars[i] = (struct svg_bar){hostile, i % 7, NULL, false};
	buf_init(&b, 1 << 20);
	svg_chart_columns(&b, &c);
	check_escaped(b.p);
	/* every value is in the data table */
	const char *p = b.p;
	int rows = 0;
	while ((p = strstr(p, "<tr><th scope=\"row\">"))) {
		rows++;
		p++;
	}
	assert_int_equal(rows, 40);
	buf_release(&b);
}

static void test_empty(void **state)
{
	struct svg_bar zero[] = {{"a", 0, NULL, false}};
	struct svg_chart none = {.title = "T"};
	struct svg_chart zeros = {.title = "T", .bars = zero, .nbars = 1, .empty_text = "<none>"};
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 20);
	svg_chart_hbars(&b, &none);
	assert_non_null(strstr(b.p, "<figure class=\"chart\">"));
	assert_non_null(strstr(b.p, "</figure>"));
	assert_null(strstr(b.p, "<rect"));
	buf_reset(&b);
	svg_chart_columns(&b, &zeros);
	assert_non_null(strstr(b.p, "&lt;none&gt;"));
	assert_null(strstr(b.p, "<rect"));
	assert_null(strstr(b.p, "nan"));
	assert_null(strstr(b.p, "inf"));
	buf_release(&b);
}

static void test_cut_labels(void **state)
{
	/* 60 two-byte code points: cut, never inside a code point */
	char label[200] = "";
	struct svg_bar bars[] = {{label, 5, NULL, false}};
	struct svg_chart c = {.title = "t", .bars = bars, .nbars = 1, .width = 300};
	struct buf b;

	(void)state;
	for (int i = 0; i < 60; i++)
		memcpy(label + i * 3, "ệ", 4); /* 3 bytes and the NUL */
	buf_init(&b, 1 << 20);
	svg_chart_hbars(&b, &c);
	assert_non_null(strstr(b.p, "ệ…</text>"));
	/* the full label is kept in the tooltip and the table */
	assert_non_null(strstr(b.p, label));
	buf_release(&b);
}

/* Stacked bars with links (the report's attendance chart): the link and
 * the part names are escaped, each part is a rectangle in its colour, the
 * table has a column per part, and a part larger than the bar is clipped. */
static void test_stacked_links(void **state)
{
	struct svg_bar bars[] = {
		{.label = hostile, .value = 10, .href = "/x?a=1&b=\"<>", .parts = {6, 3, 1}},
		{.label = "B", .value = 4, .parts = {4, 0, 9}},
	};
	struct svg_chart c = {.title = hostile, .bars = bars, .nbars = 2, .nparts = 3,
			      .part_names = {"Zoom", hostile, "Đánh giá"}};
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 20);
	svg_chart(&b, &c);
	check_escaped(b.p);
	assert_non_null(strstr(b.p, "<a href=\"/x?a=1&amp;b=&quot;&lt;&gt;\">"));
	assert_non_null(strstr(b.p, svg_part_colors[2]));
	assert_non_null(strstr(b.p, "<td>6</td><td>3</td><td>1</td><td>10</td>"));
	assert_non_null(strstr(b.p, "<td>4</td><td>0</td><td>9</td><td>4</td>"));
	buf_release(&b);
	c.columns = true;
	buf_init(&b, 1 << 20);
	svg_chart(&b, &c);
	check_escaped(b.p);
	assert_non_null(strstr(b.p, "</g></a>"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_number),         cmocka_unit_test(test_hbars_escape),
		cmocka_unit_test(test_columns_escape), cmocka_unit_test(test_empty),
		cmocka_unit_test(test_cut_labels),     cmocka_unit_test(test_stacked_links),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
