/*
 * xlsx_ocop.c: the organisers' summary as a workbook (see xlsx_ocop.h).
 * Sheets: "Tổng quan" (counts and the star distribution), "Theo tỉnh",
 * "Theo bộ sản phẩm", "Theo đối tượng" (stars per group) and "Tiêu chí
 * điểm thấp".  Text cells are written as strings, never as formulas, so a
 * product set named "=HYPERLINK(...)" stays text.
 */
#include "render/xlsx_ocop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static const char *const star_heads[] = {"5 sao", "4 sao", "3 sao",
                                         "2 sao", "1 sao", "Không xếp hạng"};

static void groups_sheet(lxw_workbook *wb, lxw_format *bold, const char *name, const char *first,
                         const json_t *groups)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, name);
	size_t i;
	json_t *g;

	worksheet_set_column(ws, 0, 0, 40, NULL);
	worksheet_write_string(ws, 0, 0, first, bold);
	for (int k = 0; k < 6; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)(k + 1), star_heads[k], bold);
	worksheet_write_string(ws, 0, 7, "Tổng", bold);
	json_array_foreach(groups, i, g)
	{
		lxw_row_t row = (lxw_row_t)(i + 1);
		const json_t *c = json_object_get(g, "counts");

		worksheet_write_string(ws, row, 0, json_string_value(json_object_get(g, "name")),
		                       NULL);
		for (int k = 0; k < 6; k++)
			worksheet_write_number(
			    ws, row, (lxw_col_t)(k + 1),
			    (double)json_integer_value(json_array_get(c, (size_t)(5 - k))), NULL);
		worksheet_write_number(
		    ws, row, 7, (double)json_integer_value(json_object_get(g, "total")), NULL);
	}
}

static void summary_sheet(lxw_workbook *wb, lxw_format *bold, const json_t *st, const char *title)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Tổng quan");
	static const char *const keys[][2] = {{"Người đã tự đánh giá", "participants"},
	                                      {"Phiếu tự đánh giá", "assessments"},
	                                      {"Phiếu đã hoàn thành", "complete"}};
	lxw_row_t row = 2;

	worksheet_set_column(ws, 0, 0, 36, NULL);
	worksheet_write_string(ws, 0, 0, title, bold);
	for (size_t k = 0; k < 3; k++, row++) {
		worksheet_write_string(ws, row, 0, keys[k][0], NULL);
		worksheet_write_number(
		    ws, row, 1, (double)json_integer_value(json_object_get(st, keys[k][1])), NULL);
	}
	row++;
	worksheet_write_string(ws, row++, 0, "Số sao dự kiến", bold);
	for (int k = 0; k < 6; k++, row++) {
		worksheet_write_string(ws, row, 0, star_heads[k], NULL);
		worksheet_write_number(ws, row, 1,
		                       (double)json_integer_value(json_array_get(
		                           json_object_get(st, "stars"), (size_t)(5 - k))),
		                       NULL);
	}
}

static void low_sheet(lxw_workbook *wb, lxw_format *bold, const json_t *low)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Tiêu chí điểm thấp");
	static const char *const heads[] = {"Bộ sản phẩm",         "Tiêu chí",
	                                    "Tên tiêu chí",        "Số phiếu điểm thấp",
	                                    "Số phiếu đã trả lời", "Tỷ lệ (%)"};
	size_t i;
	json_t *e;

	worksheet_set_column(ws, 0, 0, 32, NULL);
	worksheet_set_column(ws, 2, 2, 40, NULL);
	for (int k = 0; k < 6; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, heads[k], bold);
	json_array_foreach(low, i, e)
	{
		lxw_row_t row = (lxw_row_t)(i + 1);
		worksheet_write_string(ws, row, 0, json_string_value(json_object_get(e, "set")),
		                       NULL);
		worksheet_write_string(ws, row, 1, json_string_value(json_object_get(e, "code")),
		                       NULL);
		worksheet_write_string(ws, row, 2, json_string_value(json_object_get(e, "title")),
		                       NULL);
		worksheet_write_number(ws, row, 3,
		                       (double)json_integer_value(json_object_get(e, "low")), NULL);
		worksheet_write_number(
		    ws, row, 4, (double)json_integer_value(json_object_get(e, "answered")), NULL);
		worksheet_write_number(
		    ws, row, 5, (double)json_integer_value(json_object_get(e, "percent")), NULL);
	}
}

/* Appends the file's bytes to out. */
static int slurp(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rb");
	char chunk[16384];
	size_t n;
	int rc;

	if (!f)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(out, chunk, n);
	rc = ferror(f) || out->overflow ? -1 : 0;
	fclose(f);
	return rc;
}

int xlsx_ocop_render(const json_t *stats, const char *series_title, struct buf *out)
{
	const char *dir = getenv("TMPDIR");
	char path[512];
	size_t start = out->len;
	int fd, rc = -1;

	snprintf(path, sizeof(path), "%s/ocop-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0)
		return -1;
	close(fd);
	lxw_workbook *wb = workbook_new(path);
	if (!wb)
		goto out;
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	summary_sheet(wb, bold, stats, series_title);
	groups_sheet(wb, bold, "Theo tỉnh", "Tỉnh, thành phố",
	             json_object_get(stats, "by_province"));
	groups_sheet(wb, bold, "Theo bộ sản phẩm", "Bộ sản phẩm", json_object_get(stats, "by_set"));
	groups_sheet(wb, bold, "Theo đối tượng", "Đối tượng",
	             json_object_get(stats, "by_category"));
	low_sheet(wb, bold, json_object_get(stats, "low"));
	if (workbook_close(wb) != LXW_NO_ERROR || slurp(path, out) != 0)
		goto out;
	rc = 0;
out:
	unlink(path);
	if (rc && out->len != start) {
		out->len = start;
		out->p[start] = 0;
	}
	return rc;
}
