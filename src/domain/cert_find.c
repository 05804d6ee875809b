/*
 * cert_find.c: issued certificates: finding one (by code, serial or
 * participant), listing a series' in serial order, the CSV register,
 * revoking, and the failed look-ups that rate-limit verification (see
 * certificate.h).
 */
#include "domain/certificate.h"
#include "core/arena.h"
#include "core/vtime.h"
#include "db/db.h"
#include "domain/audit.h"

#include <stdio.h>
#include <string.h>

#define CERT_COLS                                                                                  \
	"c.id, c.series_id, c.registration_id, c.template_id, c.serial_no, c.issued_at, "          \
	"COALESCE(c.revoked_at, 0), c.serial, c.code, c.sha256, c.full_name, r.email, "            \
	"c.status, COALESCE(c.revoke_reason, ''), s.slug, s.title FROM certificates c JOIN "       \
	"registrations r ON r.id = c.registration_id JOIN series s ON s.id = c.series_id "

static void cert_fill(struct db_stmt *st, struct arena *a, struct cert *c)
{
	c->id = db_col_int(st, 0);
	c->series_id = db_col_int(st, 1);
	c->registration_id = db_col_int(st, 2);
	c->template_id = db_col_int(st, 3);
	c->serial_no = db_col_int(st, 4);
	c->issued_at = db_col_int(st, 5);
	c->revoked_at = db_col_int(st, 6);
	snprintf(c->serial, sizeof(c->serial), "%s", db_col_text(st, 7));
	snprintf(c->code, sizeof(c->code), "%s", db_col_text(st, 8));
	snprintf(c->sha256, sizeof(c->sha256), "%s", db_col_text(st, 9));
	c->full_name = arena_strdup(a, db_col_text(st, 10));
	c->email = arena_strdup(a, db_col_text(st, 11));
	c->status = arena_strdup(a, db_col_text(st, 12));
	c->revoke_reason = arena_strdup(a, db_col_text(st, 13));
	c->series_slug = arena_strdup(a, db_col_text(st, 14));
	c->series_title = arena_strdup(a, db_col_text(st, 15));
}

static int cert_one(struct db_stmt *st, struct arena *a, struct cert *c)
{
	int rc = db_step(st);

	if (rc == DB_ROW)
		cert_fill(st, a, c);
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

int cert_find_code(struct db *db, struct arena *a, const char *code, struct cert *c)
{
	struct db_stmt *st = db_prepare(db, "SELECT " CERT_COLS "WHERE c.code = $1");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, code);
	return cert_one(st, a, c);
}

int cert_find_serial(struct db *db, struct arena *a, const char *serial, struct cert *c)
{
	struct db_stmt *st = db_prepare(db, "SELECT " CERT_COLS "WHERE c.serial = $1");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, serial);
	return cert_one(st, a, c);
}

int cert_find_reg(struct db *db, struct arena *a, int64_t registration_id, struct cert *c)
{
	struct db_stmt *st = db_prepare(db, "SELECT " CERT_COLS "WHERE c.registration_id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, registration_id);
	return cert_one(st, a, c);
}

int cert_each(struct db *db, int64_t series_id, void (*fn)(const struct cert *c, void *arg),
              void *arg)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT " CERT_COLS "WHERE c.series_id = $1 ORDER BY c.serial_no");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	while ((rc = db_step(st)) == DB_ROW) {
		/* One arena would grow with the series: a scratch one per row. */
		struct arena row;
		struct cert c;
		arena_init(&row);
		cert_fill(st, &row, &c);
		fn(&c, arg);
		arena_release(&row);
	}
	db_done(st);
	return rc == DB_DONE ? DB_OK : DB_ERROR;
}

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_row(const struct cert *c, void *arg)
{
	FILE *f = arg;
	char code[CERT_CODE_SHOWN + 1], when[40];

	cert_code_format(c->code, code);
	vtime_iso(when, sizeof(when), c->issued_at);
	fprintf(f, "%s,%s,", c->serial, code);
	csv_field(f, c->full_name);
	fputc(',', f);
	csv_field(f, c->email);
	fprintf(f, ",%s,%s\r\n", when, c->status);
}

int cert_write_csv(struct db *db, int64_t series_id, void *file)
{
	fputs("serial,code,full_name,email,issued_at,status\r\n", file);
	return cert_each(db, series_id, csv_row, file);
}

int cert_revoke(struct db *db, void *arg)
{
	struct cert_revoke_job *j = arg;
	struct db_stmt *st = db_prepare(db, "SELECT series_id, status FROM certificates WHERE "
	                                    "serial = $1");
	int rc;
	bool revoked = false;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, j->serial);
	rc = db_step(st);
	if (rc == DB_ROW) {
		j->series_id = db_col_int(st, 0);
		revoked = strcmp(db_col_text(st, 1), "revoked") == 0;
	}
	db_done(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
	if (revoked)
		return DB_CONFLICT;
	st = db_prepare(db, "UPDATE certificates SET status = 'revoked', revoked_at = $2, "
	                    "revoke_reason = $3, revoked_by = $4 WHERE serial = $1");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, j->serial);
	db_bind_int(st, 2, j->now);
	db_bind_text(st, 3, j->reason);
	db_bind_text(st, 4, j->by);
	if (db_run(st) != DB_OK)
		return DB_ERROR;
	char object[80];
	snprintf(object, sizeof(object), "certificate:%s", j->serial);
	json_t *after = json_pack("{s:s, s:s}", "status", "revoked", "reason", j->reason);
	rc = audit_add(db, j->who, "certificates.revoke", object, NULL, after, j->now);
	json_decref(after);
	return rc;
}

int64_t cert_verify_failures(struct db *db, const char *addr, int64_t now)
{
	int64_t n = 0;
	char key[80];
	struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM verify_failures WHERE key = $1 "
	                                    "AND at > $2");

	if (!st)
		return 0;
	snprintf(key, sizeof(key), "a:%s", addr);
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, now - CERT_VERIFY_WINDOW);
	db_one_int(st, &n);
	return n;
}

int cert_verify_fail(struct db *db, void *arg)
{
	struct cert_fail_job *j = arg;
	struct db_stmt *st =
	    db_prepare(db, "INSERT INTO verify_failures (key, at) VALUES ($1, $2)");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, j->key);
	db_bind_int(st, 2, j->now);
	if (db_run(st) != DB_OK)
		return DB_ERROR;
	st = db_prepare(db, "DELETE FROM verify_failures WHERE at < $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->now - 2 * CERT_VERIFY_WINDOW);
	return db_run(st);
}
