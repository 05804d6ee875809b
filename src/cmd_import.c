/*
 * cmd_import.c: `ocop import registrations FILE --series SLUG [--json]`.
 * The same domain code as the console's upload (domain/reg_import.c): the
 * file is checked whole first, then written 1,000 rows per transaction.
 * Progress goes to stderr when it is a terminal; the report to stdout, as
 * text or (--json) as the console stores it.
 * Exit status: 0 every row imported or merged, 1 some rows rejected (the
 * others are in) or a write failed, 2 bad usage or a file refused whole.
 */
#include "cmd.h"
#include "core/arena.h"
#include "db/db.h"
#include "domain/province.h"
#include "domain/reg_import.h"
#include "domain/reg_map.h"
#include "domain/registration.h"
#include "domain/series.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static int import_usage(void)
{
	fprintf(stderr, "usage: ocop import registrations FILE --series SLUG [--json]\n");
	return 2;
}

/* One write transaction on the command's own connection. */
static int import_run(void *ctx, int (*fn)(struct db *db, void *arg), void *arg)
{
	struct db *db = ctx;
	int rc;

	if (db_begin(db) != DB_OK)
		return DB_ERROR;
	rc = fn(db, arg);
	if (rc == DB_OK && reg_fts_flush(db) == DB_OK && db_commit(db) == DB_OK)
		return DB_OK;
	db_rollback(db);
	return rc == DB_OK ? DB_ERROR : rc;
}

static void import_progress(void *ctx, const struct reg_import *imp)
{
	(void)ctx;
	if (isatty(2))
		fprintf(stderr, "\r%zu/%zu", imp->done, imp->total);
}

static void import_print(const struct reg_import *imp, json_t *report, bool as_json)
{
	size_t i;
	json_t *x;

	if (isatty(2))
		fprintf(stderr, "\n");
	if (as_json) {
		json_dumpf(report, stdout, JSON_INDENT(2));
		printf("\n");
		return;
	}
	printf("rows: %zu, imported: %zu, merged: %zu (%zu filled in), rejected: %zu\n",
	       imp->total, imp->imported, imp->merged, imp->filled, imp->rejected);
	json_array_foreach(json_object_get(report, "notes"), i, x)
		printf("note: %s\n", json_string_value(x));
	json_array_foreach(json_object_get(report, "rejects"), i, x)
		printf("row %lld: %s\n", (long long)json_integer_value(json_object_get(x, "row")),
		       json_string_value(json_object_get(x, "reason")));
	if (json_integer_value(json_object_get(report, "rejects_more")))
		printf("(and %lld more rejected rows)\n",
		       (long long)json_integer_value(json_object_get(report, "rejects_more")));
	if (imp->error)
		printf("stopped: %s\n", json_string_value(json_object_get(report, "error")));
}

/* Maps the file; *data is NULL for an empty one. */
static int import_map(const char *path, const char **data, size_t *len)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		fprintf(stderr, "ocop: cannot read '%s': %s\n", path,
			fd < 0 ? strerror(errno) : "not a regular file");
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*len = (size_t)sb.st_size;
	*data = NULL;
	if (*len) {
		void *p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (p == MAP_FAILED) {
			fprintf(stderr, "ocop: cannot map '%s': %s\n", path, strerror(errno));
			close(fd);
			return -1;
		}
		*data = p;
	}
	close(fd);
	return 0;
}

static int import_file(struct db *db, const struct series *s, const char *data, size_t len,
		       bool as_json)
{
	struct reg_map *m = xcalloc(1, sizeof(*m));
	struct reg_import imp = {.map = m, .series_id = s->id, .allow_legacy = s->legacy_units,
				 .now = (int64_t)time(NULL), .run = import_run,
				 .progress = import_progress, .ctx = db};
	struct arena a;
	const char *msg;
	int rc = 2;

	arena_init(&a);
	if (reg_map_load(m, db) != 0) {
		fprintf(stderr, "ocop: cannot read the province list\n");
		rc = 1;
	} else if (reg_import_check(m, &a, data ? data : "", len, &imp.total, &msg) != 0) {
		fprintf(stderr, "ocop: %s\n", msg);
	} else {
		int ran = reg_import_run(&imp, data, len);
		json_t *report = reg_import_report(&imp);
		import_print(&imp, report, as_json);
		json_decref(report);
		rc = ran != 0 || imp.rejected ? 1 : 0;
	}
	reg_import_release(&imp);
	arena_release(&a);
	free(m);
	return rc;
}

int cmd_import(const char *db_url, int argc, char **argv)
{
	const char *path = NULL, *slug = NULL;
	bool as_json = false;
	struct db *db = NULL;
	struct series s;
	char err[512];
	const char *data;
	size_t len;
	int rc = 1;

	if (argc >= 2 && strcmp(argv[1], "zoom") == 0)
		return cmd_import_zoom(db_url, argc, argv);
	if (argc < 2 || strcmp(argv[1], "registrations") != 0)
		return import_usage();
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--series") == 0 && i + 1 < argc)
			slug = argv[++i];
		else if (strcmp(argv[i], "--json") == 0)
			as_json = true;
		else if (argv[i][0] == '-' && argv[i][1])
			return import_usage();
		else if (!path)
			path = argv[i];
		else
			return import_usage();
	}
	if (!path || !slug)
		return import_usage();
	if (import_map(path, &data, &len) != 0)
		return 2;
	if (db_open(db_url, &db, err, sizeof(err)) != 0 || db_migrate(db, err, sizeof(err)) < 0) {
		fprintf(stderr, "ocop: %s\n", err);
		goto out;
	}
	if (province_load(db) != 0) {
		fprintf(stderr, "ocop: cannot read the province list\n");
		goto out;
	}
	switch (series_find(db, slug, &s)) {
	case DB_OK:
		rc = import_file(db, &s, data, len, as_json);
		break;
	case DB_NOTFOUND:
		fprintf(stderr, "ocop: no series '%s'\n", slug);
		rc = 2;
		break;
	default:
		fprintf(stderr, "ocop: cannot read series '%s': %s\n", slug, db_errmsg(db));
	}
out:
	db_close(db);
	if (data)
		munmap((void *)data, len);
	return rc;
}
