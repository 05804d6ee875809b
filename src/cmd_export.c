/*
 * cmd_export.c: `ocop export registrations --series SLUG --format csv|xlsx
 * [--output FILE]`: the official list of a series (domain/reg_export.c),
 * to FILE or standard output.  An XLSX is written to a temporary file
 * first (libxlsxwriter wants a path) and then copied, so a pipe works too.
 */
#include "cmd.h"
#include "db/db.h"
#include "domain/province.h"
#include "domain/reg_export.h"
#include "domain/series.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int export_usage(void)
{
	fprintf(stderr, "usage: ocop export registrations --series SLUG --format csv|xlsx "
			"[--output FILE]\n");
	return 2;
}

/* Copies the file at path to stdout. */
static int export_copy(const char *path)
{
	FILE *in = fopen(path, "rb");
	char buf[65536];
	size_t n;
	int rc = 0;

	if (!in)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, stdout) != n)
			rc = -1;
	fclose(in);
	return rc || fflush(stdout) ? -1 : 0;
}

static int export_xlsx(struct db *db, int64_t series_id, const char *output)
{
	char tmp[] = "/tmp/ocop-export-XXXXXX";
	int fd, rc;

	if (output)
		return reg_export_xlsx(db, series_id, output);
	if (isatty(1)) {
		fprintf(stderr, "ocop: an XLSX file is binary: use --output FILE or a pipe\n");
		return -1;
	}
	if ((fd = mkstemp(tmp)) < 0)
		return -1;
	close(fd);
	rc = reg_export_xlsx(db, series_id, tmp);
	if (rc == 0)
		rc = export_copy(tmp);
	unlink(tmp);
	return rc;
}

int cmd_export(const char *db_url, int argc, char **argv)
{
	const char *slug = NULL, *format = NULL, *output = NULL;
	struct db *db = NULL;
	struct series s;
	char err[512];
	int rc = 1;

	if (argc >= 2 && strcmp(argv[1], "attendance") == 0)
		return cmd_export_attendance(db_url, argc, argv);
	if (argc < 2 || strcmp(argv[1], "registrations") != 0)
		return export_usage();
	for (int i = 2; i < argc; i++) {
		const char **slot = strcmp(argv[i], "--series") == 0   ? &slug
				    : strcmp(argv[i], "--format") == 0 ? &format
				    : strcmp(argv[i], "--output") == 0 ? &output
								       : NULL;
		if (!slot || i + 1 >= argc)
			return export_usage();
		*slot = argv[++i];
	}
	if (!slug || !format || (strcmp(format, "csv") != 0 && strcmp(format, "xlsx") != 0))
		return export_usage();
	if (db_open(db_url, &db, err, sizeof(err)) != 0 || db_migrate(db, err, sizeof(err)) < 0) {
		fprintf(stderr, "ocop: %s\n", err);
		db_close(db);
		return 1;
	}
	if (province_load(db) != 0) {
		fprintf(stderr, "ocop: cannot read the province list\n");
	} else if ((rc = series_find(db, slug, &s)) == DB_NOTFOUND) {
		fprintf(stderr, "ocop: no series '%s'\n", slug);
		rc = 2;
	} else if (rc != DB_OK) {
		fprintf(stderr, "ocop: cannot read series '%s': %s\n", slug, db_errmsg(db));
		rc = 1;
	} else if (strcmp(format, "xlsx") == 0) {
		rc = export_xlsx(db, s.id, output) == 0 ? 0 : 1;
	} else {
		FILE *out = output ? fopen(output, "wb") : stdout;
		if (!out) {
			fprintf(stderr, "ocop: cannot write '%s': %s\n", output, strerror(errno));
			rc = 1;
		} else {
			rc = reg_export_csv(db, s.id, out) == 0 && fflush(out) == 0 ? 0 : 1;
			if (output && fclose(out) != 0)
				rc = 1;
		}
	}
	if (rc == 1)
		fprintf(stderr, "ocop: the export failed\n");
	db_close(db);
	return rc;
}
