/*
 * admin_eval_export.c: an evaluation's results for a spreadsheet:
 *   GET .../evaluations/{id}/results.csv[?table=submissions|questions|options|ratings]
 *   GET .../evaluations/{id}/results.xlsx    the four tables, one sheet each
 * Viewers may export.  libxlsxwriter writes only to a file, so the
 * workbook goes to a private temporary file that is read into the response
 * and removed (src/http has no helper to send a file; results are small:
 * a few hundred KB for thousands of participants).
 */
#include "http/req.h"
#include "core/i18n.h"
#include "core/log.h"
#include "domain/eval_stats.h"
#include "render/sheet.h"
#include "web/admin_eval.h"
#include "web/pages.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const table_names[ADMIN_EVAL_SHEETS] = {"submissions", "questions",
							   "options", "ratings"};

/* Loads the evaluation's results and builds the sheets; -1 if answered. */
static int export_load(struct req *r, struct admin_eval *x, struct sheet *sheets)
{
	struct eval_stats *s = arena_alloc(&r->arena, sizeof(*s));

	if (admin_eval_load(r, x, false, true) != 0)
		return -1;
	if (eval_stats_load(r->db, &r->arena, x->e.id, s) != DB_OK) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return -1;
	}
	admin_eval_sheets(r, s, sheets);
	return 0;
}

static void export_attachment(struct req *r, const struct admin_eval *x, const char *suffix)
{
	req_add_header(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"%s-evaluation-%lld%s\"",
				    x->s.slug, (long long)x->e.id, suffix));
}

void page_admin_eval_csv(struct req *r)
{
	struct admin_eval x;
	struct sheet sheets[ADMIN_EVAL_SHEETS];
	const char *t = req_query(r, "table");
	int which = -1;

	for (int i = 0; i < ADMIN_EVAL_SHEETS; i++)
		if (!t || strcmp(t, table_names[i]) == 0) {
			which = i;
			break;
		}
	if (which < 0) {
		req_error(r, 404, _("Không có bảng này (submissions, questions, options, ratings)."));
		return;
	}
	if (export_load(r, &x, sheets) != 0)
		return;
	r->status = 200;
	r->content_type = "text/csv; charset=utf-8";
	buf_reset(&r->out);
	sheet_csv(&r->out, &sheets[which]);
	export_attachment(r, &x, arena_printf(&r->arena, "-%s.csv", table_names[which]));
}

/* Reads the whole file at fd into out; 0 or -1. */
static int export_slurp(int fd, struct buf *out)
{
	char chunk[65536];
	ssize_t n;

	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		buf_add(out, chunk, (size_t)n);
	return n < 0 || out->overflow ? -1 : 0;
}

void page_admin_eval_xlsx(struct req *r)
{
	struct admin_eval x;
	struct sheet sheets[ADMIN_EVAL_SHEETS];
	const char *dir = getenv("TMPDIR");
	int fd, rc = -1;

	if (export_load(r, &x, sheets) != 0)
		return;
	char *path = arena_printf(&r->arena, "%s/ocop-results-XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(path)) < 0) {
		log_error("[%s] cannot create a temporary file in '%s'", r->request_id,
			  dir && *dir ? dir : "/tmp");
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	close(fd);
	if (sheet_xlsx(path, sheets, ADMIN_EVAL_SHEETS) == 0 && (fd = open(path, O_RDONLY)) >= 0) {
		buf_reset(&r->out);
		rc = export_slurp(fd, &r->out);
		close(fd);
	}
	unlink(path);
	if (rc != 0) {
		log_error("[%s] cannot write the workbook '%s'", r->request_id, path);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	r->status = 200;
	r->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	export_attachment(r, &x, ".xlsx");
}
