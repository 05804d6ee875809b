/*
 * cmd_certificates.c: certificates from the command line.
 *   ocop certificates issue --series SLUG            issue (or resume) in the foreground
 *   ocop certificates grant|refuse --series SLUG --email EMAIL --reason TEXT
 *   ocop certificates revoke SERIAL --reason TEXT
 *   ocop certificates list --series SLUG --format csv
 * The same domain code as the console (domain/cert_*.c); writes go through
 * a group-commit writer of their own, as in the server.
 */
#include "cmd.h"
#include "core/arena.h"
#include "core/utf8.h"
#include "db/db.h"
#include "db/writer.h"
#include "domain/account.h"
#include "domain/certificate.h"
#include "domain/registration.h"
#include "domain/series.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define USAGE                                                                                      \
	"usage: ocop certificates issue --series SLUG\n"                                           \
	"       ocop certificates grant|refuse --series SLUG --email EMAIL --reason TEXT\n"        \
	"       ocop certificates revoke SERIAL --reason TEXT\n"                                   \
	"       ocop certificates list --series SLUG --format csv\n"

struct cli {
	const char *series, *email, *reason, *format, *serial;
};

static int cli_parse(int argc, char **argv, struct cli *c)
{
	for (int i = 2; i < argc; i++) {
		const char **slot = !strcmp(argv[i], "--series")   ? &c->series
		                    : !strcmp(argv[i], "--email")  ? &c->email
		                    : !strcmp(argv[i], "--reason") ? &c->reason
		                    : !strcmp(argv[i], "--format") ? &c->format
		                                                   : NULL;
		if (slot && i + 1 < argc && *argv[i + 1])
			*slot = argv[++i];
		else if (!slot && argv[i][0] != '-' && !c->serial)
			c->serial = argv[i];
		else
			return -1;
	}
	return 0;
}

static int cli_open(const char *url, struct db **db)
{
	char err[512];

	if (db_open(url, db, err, sizeof(err)) != 0 || db_migrate(*db, err, sizeof(err)) < 0) {
		fprintf(stderr, "ocop: %s\n", err);
		return -1;
	}
	return 0;
}

static int cli_series(struct db *db, const char *slug, struct series *s)
{
	if (!slug)
		return fprintf(stderr, USAGE), 2;
	if (series_find(db, slug, s) != DB_OK)
		return fprintf(stderr, "ocop: no series '%s'\n", slug), 2;
	return 0;
}

/* The command line acts as "cli" in the audit log. */
static struct account cli_actor(void)
{
	struct account a = {.id = 0};

	snprintf(a.email, sizeof(a.email), "cli");
	return a;
}

static void cli_progress(int64_t done, int64_t total, void *arg)
{
	(void)arg;
	if (isatty(2))
		fprintf(stderr, "\rissued %lld of %lld", (long long)done, (long long)total);
}

static int cli_issue(const char *url, const char *base_url, struct db *db, struct cli *c)
{
	struct series s;
	char err[512];
	int rc = cli_series(db, c->series, &s);

	if (rc)
		return rc;
	struct dbw *w = dbw_start(url, err, sizeof(err));
	if (!w)
		return fprintf(stderr, "ocop: %s\n", err), 1;
	struct cert_job_new j = {
	    .series_id = s.id, .now = (int64_t)time(NULL), .by = "cli", .verify_base = base_url};
	if (dbw_run(w, cert_job_create, &j) != DB_OK) {
		dbw_stop(w);
		return fprintf(stderr, "ocop: cannot start the job\n"), 1;
	}
	if (j.resumed)
		fprintf(stderr, "resuming job %lld\n", (long long)j.job_id);
	atomic_bool stop;
	atomic_init(&stop, false);
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	rc = cert_job_run(db, w, j.job_id, cores > 0 && cores < 8 ? (int)cores : 2, &stop,
	                  cli_progress, NULL);
	dbw_stop(w);
	if (isatty(2))
		fputc('\n', stderr);
	struct cert_job_view v = {0};
	int lrc = cert_job_latest(db, s.id, &v);
	if (rc != 0 || lrc != DB_OK || strcmp(v.state, "done") != 0) {
		fprintf(stderr, "ocop: the job failed: %s\n", *v.error ? v.error : "see the log");
		return 1;
	}
	printf("job %lld: %lld certificate%s issued\n", (long long)v.id, (long long)v.done,
	       v.done == 1 ? "" : "s");
	return 0;
}

static int cli_decide(struct db *db, struct cli *c, enum cert_override d)
{
	struct series s;
	struct arena a;
	int rc = cli_series(db, c->series, &s);

	if (rc)
		return rc;
	if (!c->email || !c->reason || !*c->reason)
		return fprintf(stderr, USAGE), 2;
	arena_init(&a);
	const char *reason = utf8_nfc(&a, c->reason, strlen(c->reason), true);
	int64_t reg = reg_id_by_email(db, s.id, c->email);
	if (!reason || !*reason || strlen(reason) > 500) {
		fprintf(stderr, "ocop: the reason must be readable text, at most 500 bytes\n");
		rc = 2;
	} else if (!reg) {
		fprintf(stderr, "ocop: no participant '%s' in '%s'\n", c->email, s.slug);
		rc = 2;
	} else {
		struct account who = cli_actor();
		struct cert_override_job j = {.series_id = s.id,
		                              .registration_id = reg,
		                              .now = (int64_t)time(NULL),
		                              .decision = d,
		                              .reason = reason,
		                              .by = "cli",
		                              .who = &who};
		if (db_begin(db) != DB_OK || cert_override_save(db, &j) != DB_OK ||
		    db_commit(db) != DB_OK) {
			db_rollback(db);
			fprintf(stderr, "ocop: cannot store the decision: %s\n", db_errmsg(db));
			rc = 1;
		} else {
			printf("%s: %s\n", c->email, d == CERT_OV_GRANT ? "granted" : "refused");
		}
	}
	arena_release(&a);
	return rc;
}

static int cli_revoke(struct db *db, struct cli *c)
{
	struct arena a;
	struct account who = cli_actor();
	struct cert_revoke_job j = {.by = "cli", .now = (int64_t)time(NULL), .who = &who};
	int rc = 0;

	if (!c->serial || !c->reason || !*c->reason || c->series)
		return fprintf(stderr, USAGE), 2;
	if (!cert_serial_normalize(c->serial, j.serial))
		return fprintf(stderr, "ocop: '%s' is not a serial number\n", c->serial), 2;
	arena_init(&a);
	j.reason = utf8_nfc(&a, c->reason, strlen(c->reason), true);
	if (!j.reason || !*j.reason || strlen(j.reason) > 500) {
		arena_release(&a);
		return fprintf(stderr, "ocop: the reason must be readable text\n"), 2;
	}
	if (db_begin(db) != DB_OK) {
		arena_release(&a);
		return fprintf(stderr, "ocop: %s\n", db_errmsg(db)), 1;
	}
	switch (cert_revoke(db, &j)) {
	case DB_OK:
		rc = db_commit(db) == DB_OK ? 0 : 1;
		if (!rc)
			printf("%s: revoked\n", j.serial);
		break;
	case DB_NOTFOUND:
		fprintf(stderr, "ocop: no certificate '%s'\n", j.serial);
		rc = 2;
		break;
	case DB_CONFLICT:
		fprintf(stderr, "ocop: '%s' is revoked already\n", j.serial);
		rc = 2;
		break;
	default:
		fprintf(stderr, "ocop: cannot revoke: %s\n", db_errmsg(db));
		rc = 1;
	}
	if (rc)
		db_rollback(db);
	arena_release(&a);
	return rc;
}

static int cli_list(struct db *db, struct cli *c)
{
	struct series s;
	int rc = cli_series(db, c->series, &s);

	if (rc)
		return rc;
	if (!c->format || strcmp(c->format, "csv") != 0)
		return fprintf(stderr, USAGE), 2;
	if (cert_write_csv(db, s.id, stdout) != DB_OK)
		return fprintf(stderr, "ocop: cannot read the certificates\n"), 1;
	return fflush(stdout) == 0 ? 0 : 1;
}

int cmd_certificates(const char *db_url, const char *base_url, int argc, char **argv)
{
	struct cli c = {0};
	struct db *db;
	int rc;

	if (argc < 2 || cli_parse(argc, argv, &c) != 0)
		return fprintf(stderr, USAGE), 2;
	const char *verb = argv[1];
	if (strcmp(verb, "issue") && strcmp(verb, "grant") && strcmp(verb, "refuse") &&
	    strcmp(verb, "revoke") && strcmp(verb, "list"))
		return fprintf(stderr, USAGE), 2;
	if (strcmp(verb, "revoke") != 0 && c.serial)
		return fprintf(stderr, USAGE), 2;
	if (cli_open(db_url, &db) != 0)
		return 1;
	if (!strcmp(verb, "issue"))
		rc = cli_issue(db_url, base_url, db, &c);
	else if (!strcmp(verb, "grant"))
		rc = cli_decide(db, &c, CERT_OV_GRANT);
	else if (!strcmp(verb, "refuse"))
		rc = cli_decide(db, &c, CERT_OV_REFUSE);
	else if (!strcmp(verb, "revoke"))
		rc = cli_revoke(db, &c);
	else
		rc = cli_list(db, &c);
	db_close(db);
	return rc;
}
