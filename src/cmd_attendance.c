/*
 * cmd_attendance.c: attendance from the command line.
 *   ocop import zoom FILE --session ID      a Zoom report into a session
 *   ocop export attendance --series SLUG --format csv|xlsx [--output FILE]
 * The same domain code as the console (domain/attendance*.c).
 */
#include "cmd.h"
#include "db/db.h"
#include "domain/attendance.h"
#include "domain/series.h"
#include "web/admin_attendance.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

static int att_open(const char *url, struct db **db)
{
	char err[512];

	if (db_open(url, db, err, sizeof(err)) != 0 || db_migrate(*db, err, sizeof(err)) < 0) {
		fprintf(stderr, "ocop: %s\n", err);
		return -1;
	}
	return 0;
}

static size_t att_file_read(void *arg, char *buf, size_t n)
{
	return fread(buf, 1, n, arg);
}

static int att_sha256_file(FILE *f, char *hex)
{
	crypto_hash_sha256_state st;
	unsigned char buf[65536], h[crypto_hash_sha256_BYTES];
	size_t n;

	crypto_hash_sha256_init(&st);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		crypto_hash_sha256_update(&st, buf, n);
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, 65, h, sizeof(h));
	return ferror(f) ? -1 : (rewind(f), 0);
}

int cmd_import_zoom(const char *db_url, int argc, char **argv)
{
	const char *file = NULL, *session = NULL;
	bool confirm = false;
	struct db *db;
	char err[512], hex[65];

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--session") == 0 && i + 1 < argc)
			session = argv[++i];
		else if (strcmp(argv[i], "--yes") == 0)
			confirm = true;
		else if (argv[i][0] == '-' || file)
			return fprintf(stderr, "usage: ocop import zoom FILE --session ID [--yes]\n"), 2;
		else
			file = argv[i];
	}
	char *end;
	long long sid = session ? strtoll(session, &end, 10) : 0;
	if (!file || !session || *end || sid <= 0)
		return fprintf(stderr, "usage: ocop import zoom FILE --session ID [--yes]\n"), 2;
	FILE *f = fopen(file, "rb");
	if (!f)
		return fprintf(stderr, "ocop: cannot open '%s': %s\n", file, strerror(errno)), 1;
	if (att_sha256_file(f, hex) != 0 || att_open(db_url, &db) != 0) {
		fclose(f);
		return 1;
	}
	struct att_session s;
	int rc = 1;
	if (att_session_load(db, sid, &s) != DB_OK) {
		fprintf(stderr, "ocop: no session %lld\n", sid);
		rc = 2;
		goto out;
	}
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	struct att_import *imp = att_import_parse(db, &s, base, hex, att_file_read, f, err, sizeof(err));
	if (!imp) {
		fprintf(stderr, "ocop: %s: %s\n", file, err);
		rc = 2;
		goto out;
	}
	if (att_import_date_warning(imp) && !confirm) {
		fprintf(stderr, "ocop: %s; add --yes if it is this session's report\n",
			att_import_date_warning(imp));
		att_import_free(imp);
		rc = 2;
		goto out;
	}
	struct att_import_job j = {.imp = imp, .imported_by = "cli", .now = (int64_t)time(NULL)};
	if (db_begin(db) != DB_OK || att_import_store(db, &j) != DB_OK || db_commit(db) != DB_OK) {
		db_rollback(db);
		fprintf(stderr, "ocop: cannot store the import: %s\n", db_errmsg(db));
	} else {
		json_t *rep = att_import_report(imp);
		char *report = json_dumps(rep, JSON_INDENT(2));
		printf("%s\n", report);
		free(report);
		json_decref(rep);
		rc = 0;
	}
	att_import_free(imp);
out:
	fclose(f);
	db_close(db);
	return rc;
}

struct att_xlsx {
	lxw_worksheet *ws;
	lxw_row_t row;
};

static void att_xlsx_row(const struct att_row *x, void *arg)
{
	struct att_xlsx *w = arg;
	lxw_row_t r = w->row++;

	worksheet_write_string(w->ws, r, 0, x->email, NULL);
	worksheet_write_string(w->ws, r, 1, x->full_name, NULL);
	worksheet_write_string(w->ws, r, 2, x->session_date, NULL);
	worksheet_write_number(w->ws, r, 3, x->session->position, NULL);
	worksheet_write_number(w->ws, r, 4, (double)x->minutes, NULL);
	worksheet_write_number(w->ws, r, 5, x->checkins, NULL);
	worksheet_write_string(w->ws, r, 6, att_source_text(x->sources), NULL);
	worksheet_write_string(w->ws, r, 7, x->sources ? "có" : "không", NULL);
}

/* The XLSX into path (libxlsxwriter, constant memory: rows go to disk). */
static int att_write_xlsx(struct db *db, int64_t series_id, const char *path)
{
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	static const char *const head[] = {"E-mail", "Họ và tên", "Ngày buổi học", "Buổi",
					   "Số phút Zoom", "Số lần điểm danh", "Nguồn", "Có mặt"};
	static const double widths[] = {32, 28, 14, 6, 12, 14, 28, 8};

	if (!wb)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Điểm danh");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	for (int c = 0; c < 8; c++) {
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)c, head[c], bold);
	}
	worksheet_freeze_panes(ws, 1, 0);
	struct att_xlsx w = {.ws = ws, .row = 1};
	int rc = att_export(db, series_id, att_xlsx_row, &w);
	return workbook_close(wb) == LXW_NO_ERROR && rc == DB_OK ? 0 : -1;
}

static int att_copy(const char *from, FILE *to)
{
	FILE *f = fopen(from, "rb");
	char buf[65536];
	size_t n;

	if (!f)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		if (fwrite(buf, 1, n, to) != n)
			break;
	int rc = ferror(f) || ferror(to) ? -1 : 0;
	fclose(f);
	return rc;
}

int cmd_export_attendance(const char *db_url, int argc, char **argv)
{
	const char *slug = NULL, *format = "csv", *output = NULL;
	struct db *db;
	struct series s;
	int rc = 1;

	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--series") == 0 && i + 1 < argc)
			slug = argv[++i];
		else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			format = argv[++i];
		else if (strcmp(argv[i], "--output") == 0 && i + 1 < argc)
			output = argv[++i];
		else
			slug = NULL, i = argc;
	}
	if (!slug || (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0)) {
		fprintf(stderr, "usage: ocop export attendance --series SLUG --format csv|xlsx "
				"[--output FILE]\n");
		return 2;
	}
	if (att_open(db_url, &db) != 0)
		return 1;
	if (series_find(db, slug, &s) != DB_OK) {
		fprintf(stderr, "ocop: no series '%s'\n", slug);
		db_close(db);
		return 2;
	}
	if (strcmp(format, "csv") == 0) {
		FILE *out = output ? fopen(output, "wb") : stdout;
		if (out) {
			rc = att_write_csv(db, s.id, out) == DB_OK && fflush(out) == 0 ? 0 : 1;
			if (output)
				fclose(out);
		}
	} else {
		char tmp[] = "/tmp/ocop-attendance-XXXXXX";
		int fd = mkstemp(tmp);
		if (fd >= 0) {
			close(fd);
			const char *path = output ? output : tmp;
			rc = att_write_xlsx(db, s.id, path) == 0 &&
					     (output || att_copy(tmp, stdout) == 0)
				     ? 0
				     : 1;
			unlink(tmp);
		}
	}
	if (rc)
		fprintf(stderr, "ocop: the export failed\n");
	db_close(db);
	return rc;
}

