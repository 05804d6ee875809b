/*
 * report_certs.c: the certificate figures of the report (issued, revoked,
 * pending), behind one function so that the report works on a database
 * that has no certificates yet.
 *
 * Certificates live in their own module (table `certificates`, status
 * 'valid' or 'revoked', one per registration and series, from migration
 * 0011 on the certificates branch).  This file first asks the catalogue
 * whether the table exists (sqlite_master, or information_schema on
 * PostgreSQL); without it the report shows "chưa có" (not available)
 * rather than zeros that would read as "nobody was certified".
 *
 * "Pending" is "qualifies but not issued", with the one definition of
 * "qualifies": cert_people_load() under the series' rules (cert_rules.c);
 * without rules it is unknown (null), not zero.
 */
#include "domain/report_int.h"
#include "core/log.h"
#include "db/db.h"
#include "core/arena.h"
#include "domain/certificate.h"

#include <string.h>

static int rc_certs_table(struct db *db, bool *exists)
{
	struct db_stmt *st = db_prepare(
	    db, db_sql(db,
	               "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
	               "AND name = 'certificates'",
	               "SELECT COUNT(*) FROM information_schema.tables WHERE table_name = "
	               "'certificates' AND table_schema = current_schema()"));
	int64_t n = 0;

	if (!st)
		return DB_ERROR;
	int rc = db_one_int(st, &n);
	*exists = n > 0;
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

/* Those who qualify and have no certificate yet, per bucket. */
static int rc_load_pending(struct db *db, struct report_cube *c)
{
	struct cert_rule rule;
	struct cert_person *people;
	struct arena a;
	size_t n;

	c->cert_pending_known = false;
	if (cert_rule_load(db, c->series_id, &rule) != DB_OK)
		return DB_ERROR;
	if (!rule.set)
		return DB_OK;
	arena_init(&a);
	int rc = cert_people_load(db, &a, c->series_id, &rule, &people, &n);
	for (size_t i = 0; rc == DB_OK && i < n; i++) {
		size_t k;
		int b = rc_bucket(c, people[i].registration_id, &k);
		if (b >= 0 && people[i].qualifies && !people[i].serial)
			c->cert_pending[b]++;
	}
	arena_release(&a);
	c->cert_pending_known = rc == DB_OK;
	return rc;
}

int rc_load_certs(struct db *db, struct report_cube *c)
{
	bool exists = false;
	int rc;

	c->certs_available = false;
	if (rc_certs_table(db, &exists) != DB_OK)
		return DB_ERROR;
	if (!exists)
		return DB_OK;
	struct db_stmt *st = db_prepare(db, "SELECT registration_id, status = 'revoked' "
	                                    "FROM certificates WHERE series_id = $1");
	if (!st) {
		/* A table of that name with other columns: say "not available". */
		log_error("report: the certificates table has an unexpected shape");
		return DB_OK;
	}
	db_bind_int(st, 1, c->series_id);
	while ((rc = db_step(st)) == DB_ROW) {
		size_t i;
		int b = rc_bucket(c, db_col_int(st, 0), &i);
		if (b < 0)
			continue;
		if (db_col_int(st, 1))
			c->cert_revoked[b]++;
		else
			c->cert_valid[b]++;
	}
	db_done(st);
	if (rc != DB_DONE)
		return DB_ERROR;
	c->certs_available = true;
	return rc_load_pending(db, c);
}
