/*
 * cmd_report.c: `ocop report --series SLUG --format pdf|xlsx|json
 * [--output FILE] [--province CODE] [--category CODE] [--map-2025]`: the
 * report of a series (domain/report.c) as the PDF to send upward, the XLSX
 * workbook, or the JSON of every figure, to FILE or standard output.  The
 * figures are recounted from the stored rows every time.
 */
#include "cmd.h"
#include "core/buf.h"
#include "db/db.h"
#include "domain/report.h"
#include "domain/series.h"
#include "render/pdf_report.h"
#include "render/xlsx_report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int report_usage(void)
{
	fprintf(stderr, "usage: ocop report --series SLUG --format pdf|xlsx|json [--output FILE] "
	                "[--province CODE] [--category CODE] [--map-2025]\n");
	return 2;
}

static int report_write(const char *output, const char *p, size_t len)
{
	FILE *out = output ? fopen(output, "wb") : stdout;
	int rc = 0;

	if (!out) {
		fprintf(stderr, "ocop: cannot write '%s': %s\n", output, strerror(errno));
		return -1;
	}
	if (fwrite(p, 1, len, out) != len || fflush(out) != 0)
		rc = -1;
	if (output && fclose(out) != 0)
		rc = -1;
	return rc;
}

/* The workbook goes through a file (libxlsxwriter wants a path). */
static int report_xlsx_out(const json_t *rep, const char *output)
{
	char tmp[] = "/tmp/ocop-report-XXXXXX";
	struct buf b;
	int fd, rc = -1;

	if (output)
		return xlsx_report_write(rep, output);
	if ((fd = mkstemp(tmp)) < 0)
		return -1;
	close(fd);
	buf_init(&b, 256u << 20);
	FILE *f = NULL;
	if (xlsx_report_write(rep, tmp) == 0 && (f = fopen(tmp, "rb"))) {
		char block[65536];
		size_t n;
		while ((n = fread(block, 1, sizeof(block), f)) > 0)
			buf_add(&b, block, n);
		rc = b.overflow ? -1 : report_write(NULL, b.p, b.len);
	}
	if (f)
		fclose(f);
	unlink(tmp);
	buf_release(&b);
	return rc;
}

static int report_out(const json_t *rep, const char *format, const char *output)
{
	struct buf b;
	int rc = -1;

	if (strcmp(format, "xlsx") == 0) {
		if (!output && isatty(1)) {
			fprintf(stderr,
			        "ocop: an XLSX file is binary: use --output FILE or a pipe\n");
			return -1;
		}
		return report_xlsx_out(rep, output);
	}
	buf_init(&b, 256u << 20);
	if (strcmp(format, "json") == 0) {
		char *s =
		    json_dumps(rep, JSON_INDENT(1) | JSON_SORT_KEYS | JSON_REAL_PRECISION(12));
		buf_adds(&b, s);
		buf_addc(&b, '\n');
		free(s);
		rc = 0;
	} else if (!output && isatty(1)) {
		fprintf(stderr, "ocop: a PDF file is binary: use --output FILE or a pipe\n");
	} else {
		rc = pdf_report_render(&b, rep);
	}
	if (rc == 0)
		rc = report_write(output, b.p, b.len);
	buf_release(&b);
	return rc;
}

int cmd_report(const char *db_url, int argc, char **argv)
{
	const char *slug = NULL, *format = NULL, *output = NULL;
	struct report_filter f = {0};
	struct db *db = NULL, *db2 = NULL;
	struct series s;
	char err[512];
	int rc;

	for (int i = 1; i < argc; i++) {
		const char **slot = strcmp(argv[i], "--series") == 0     ? &slug
		                    : strcmp(argv[i], "--format") == 0   ? &format
		                    : strcmp(argv[i], "--output") == 0   ? &output
		                    : strcmp(argv[i], "--province") == 0 ? &f.province
		                    : strcmp(argv[i], "--category") == 0 ? &f.category
		                                                         : NULL;
		if (strcmp(argv[i], "--map-2025") == 0) {
			f.map_2025 = true;
			continue;
		}
		if (!slot || i + 1 >= argc)
			return report_usage();
		*slot = argv[++i];
	}
	if (!slug || !format ||
	    (strcmp(format, "pdf") != 0 && strcmp(format, "xlsx") != 0 &&
	     strcmp(format, "json") != 0))
		return report_usage();
	if (db_open(db_url, &db, err, sizeof(err)) != 0 || db_migrate(db, err, sizeof(err)) < 0) {
		fprintf(stderr, "ocop: %s\n", err);
		db_close(db);
		return 1;
	}
	if ((rc = series_find(db, slug, &s)) != DB_OK) {
		fprintf(stderr,
		        rc == DB_NOTFOUND ? "ocop: no series '%s'\n"
		                          : "ocop: cannot read series '%s'\n",
		        slug);
		db_close(db);
		return rc == DB_NOTFOUND ? 2 : 1;
	}
	/* A second connection lets the count use both cores. */
	if (db_open(db_url, &db2, err, sizeof(err)) != 0)
		db2 = NULL;
	struct report_cube *c = report_cube_load(db, db2, s.id);
	json_t *rep = c ? report_build(c, &f) : NULL;
	rc = rep && report_out(rep, format, output) == 0 ? 0 : 1;
	if (rc)
		fprintf(stderr, "ocop: the report failed\n");
	json_decref(rep);
	report_cube_free(c);
	db_close(db2);
	db_close(db);
	return rc;
}
