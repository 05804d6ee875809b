/*
 * cmd_copy.c: `ocop copy --from URL --to URL`, moving a whole installation
 * between databases (SQLite to PostgreSQL, or back, or between two of a
 * kind), then proving it arrived.
 *
 * The target is migrated first; both must then be at the same schema
 * version.  Tables are taken from the target's catalogue in creation order,
 * which is a dependency order (PostgreSQL refuses a foreign key to a table
 * not yet created), schema_migrations aside.  A target table must be empty,
 * or already hold exactly the source's rows (the reference data migrations
 * insert, such as provinces), which is then left alone; anything else is
 * refused before a row is written.  All rows go in inside one transaction
 * on the target, read inside one transaction on the source (so from one
 * snapshot, and no instance writes meanwhile), ids included; on PostgreSQL
 * each identity then moves past the highest id.
 *
 * Verification, after the commit: per table, the row count and a checksum
 * computed identically in C on both sides: SHA-256 over the sorted
 * SHA-256s of the rows, a row being its columns as (tag, length, bytes),
 * the tag telling NULL, blob and any other value (in its text form).
 * Sorting row digests, not rows, makes it independent of each backend's
 * collation.  Report on stdout; exit status 1 on any mismatch.
 *
 * SQL here is built from identifiers read from the catalogue and checked
 * against [a-z_][a-z0-9_]*; no user data reaches it.  The texts live in an
 * arena until both connections are closed, as db_prepare caches by address.
 */
#include "cmd.h"
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COPY_MAX_TABLES 128
#define COPY_MAX_COLS   100

struct copy_table {
	const char *name;
	const char *cols[COPY_MAX_COLS];
	int ncols;
	bool has_id;
	const char *select, *insert;
	bool skip; /* already identical in the target */
};

struct copy_sum {
	int64_t rows;
	unsigned char digest[crypto_hash_sha256_BYTES];
};

static bool copy_ident_ok(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	return true;
}

static int copy_list_tables(struct db *db, struct arena *a, struct copy_table *t, int *n)
{
	const char *sql = db_sql(
	    db,
	    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
	    "AND name <> 'schema_migrations' ORDER BY rowid",
	    "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	    "WHERE n.nspname = current_schema() AND c.relkind = 'r' "
	    "AND c.relname <> 'schema_migrations' ORDER BY c.oid");
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	*n = 0;
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW && *n < COPY_MAX_TABLES) {
		memset(&t[*n], 0, sizeof(t[*n]));
		t[(*n)++].name = arena_strdup(a, db_col_text(st, 0));
	}
	db_done(st);
	return rc == DB_DONE ? 0 : -1;
}

/* Whether table a references table b (a foreign key from a to b). */
static bool copy_refers(struct db *db, const char *a, const char *b)
{
	const char *sql = db_sql(
	    db, "SELECT COUNT(*) FROM pragma_foreign_key_list($1) WHERE \"table\" = $2",
	    "SELECT COUNT(*) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
	    "JOIN pg_class r ON r.oid = c.confrelid WHERE c.contype = 'f' AND t.relname = $1 "
	    "AND r.relname = $2");
	struct db_stmt *st = db_prepare(db, sql);
	int64_t n = 0;

	if (!st)
		return false;
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	return db_one_int(st, &n) == DB_OK && n > 0;
}

/* Orders the tables so that every table comes after those it refers to
 * (creation order is not enough: a later migration may add a table that an
 * earlier one's table now refers to). */
static int copy_order(struct db *db, struct copy_table *t, int n)
{
	bool deps[COPY_MAX_TABLES][COPY_MAX_TABLES], placed[COPY_MAX_TABLES] = {0};
	struct copy_table out[COPY_MAX_TABLES];
	int m = 0;

	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			deps[i][j] = i != j && copy_refers(db, t[i].name, t[j].name);
	while (m < n) {
		int before = m;
		for (int i = 0; i < n; i++) {
			bool ready = !placed[i];
			for (int j = 0; ready && j < n; j++)
				ready = !deps[i][j] || placed[j];
			if (ready) {
				placed[i] = true;
				out[m++] = t[i];
			}
		}
		if (m == before)
			return -1; /* a cycle: not in this schema */
	}
	memcpy(t, out, sizeof(*t) * (size_t)n);
	return 0;
}

static int copy_list_cols(struct db *db, struct arena *a, struct copy_table *t)
{
	const char *sql = db_sql(db, "SELECT name FROM pragma_table_info($1) ORDER BY cid",
	                         "SELECT column_name FROM information_schema.columns "
	                         "WHERE table_schema = current_schema() AND table_name = $1 "
	                         "ORDER BY ordinal_position");
	struct db_stmt *st = db_prepare(db, sql);
	int rc;

	if (!st)
		return -1;
	db_bind_text(st, 1, t->name);
	while ((rc = db_step(st)) == DB_ROW && t->ncols < COPY_MAX_COLS) {
		const char *c = arena_strdup(a, db_col_text(st, 0));
		t->has_id |= strcmp(c, "id") == 0;
		t->cols[t->ncols++] = c;
	}
	db_done(st);
	return rc == DB_DONE && t->ncols > 0 ? 0 : -1;
}

/* SELECT and INSERT texts for a table, from checked identifiers. */
static int copy_build_sql(struct arena *a, struct copy_table *t)
{
	struct buf sel, ins;

	if (!copy_ident_ok(t->name))
		return -1;
	buf_init(&sel, 0);
	buf_init(&ins, 0);
	buf_adds(&sel, "SELECT ");
	buf_addf(&ins, "INSERT INTO \"%s\" (", t->name);
	for (int i = 0; i < t->ncols; i++) {
		if (!copy_ident_ok(t->cols[i])) {
			buf_release(&sel);
			buf_release(&ins);
			return -1;
		}
		buf_addf(&sel, "%s\"%s\"", i ? ", " : "", t->cols[i]);
		buf_addf(&ins, "%s\"%s\"", i ? ", " : "", t->cols[i]);
	}
	buf_addf(&sel, " FROM \"%s\"%s", t->name, t->has_id ? " ORDER BY id" : "");
	buf_adds(&ins, ") VALUES (");
	for (int i = 0; i < t->ncols; i++)
		buf_addf(&ins, "%s$%d", i ? ", " : "", i + 1);
	buf_adds(&ins, ")");
	t->select = arena_strdup(a, sel.p);
	t->insert = arena_strdup(a, ins.p);
	buf_release(&sel);
	buf_release(&ins);
	return 0;
}

static void copy_hash_col(crypto_hash_sha256_state *h, struct db_stmt *st, int i)
{
	enum db_type type = db_col_type(st, i);
	unsigned char tag = type == DB_T_NULL ? 'N' : type == DB_T_BLOB ? 'B' : 'V';
	const void *p = type == DB_T_BLOB ? db_col_blob(st, i) : db_col_text(st, i);
	uint64_t len = type == DB_T_NULL ? 0 : db_col_len(st, i);
	unsigned char lenb[8];

	for (int k = 0; k < 8; k++)
		lenb[k] = (unsigned char)(len >> (8 * k));
	crypto_hash_sha256_update(h, &tag, 1);
	crypto_hash_sha256_update(h, lenb, 8);
	if (len)
		crypto_hash_sha256_update(h, p, len);
}

static int copy_digest_cmp(const void *a, const void *b)
{
	return memcmp(a, b, crypto_hash_sha256_BYTES);
}

static int copy_sum(struct db *db, const struct copy_table *t, struct copy_sum *sum)
{
	struct db_stmt *st = db_prepare(db, t->select);
	unsigned char *rows = NULL;
	size_t cap = 0;
	int rc;

	sum->rows = 0;
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		crypto_hash_sha256_state h;
		if ((size_t)sum->rows == cap) {
			cap = cap ? cap * 2 : 256;
			rows = xrealloc(rows, cap * crypto_hash_sha256_BYTES);
		}
		crypto_hash_sha256_init(&h);
		for (int i = 0; i < t->ncols; i++)
			copy_hash_col(&h, st, i);
		crypto_hash_sha256_final(&h, rows + (size_t)sum->rows * crypto_hash_sha256_BYTES);
		sum->rows++;
	}
	db_done(st);
	if (sum->rows)
		qsort(rows, (size_t)sum->rows, crypto_hash_sha256_BYTES, copy_digest_cmp);
	crypto_hash_sha256(sum->digest, rows ? rows : (const unsigned char *)"",
	                   (unsigned long long)sum->rows * crypto_hash_sha256_BYTES);
	free(rows);
	return rc == DB_DONE ? 0 : -1;
}

static int copy_rows(struct db *from, struct db *to, const struct copy_table *t, int64_t *n)
{
	struct db_stmt *src = db_prepare(from, t->select);
	int rc;

	*n = 0;
	if (!src)
		return -1;
	while ((rc = db_step(src)) == DB_ROW) {
		struct db_stmt *ins = db_prepare(to, t->insert);
		if (!ins)
			break;
		for (int i = 0; i < t->ncols; i++) {
			switch (db_col_type(src, i)) {
			case DB_T_NULL:
				db_bind_null(ins, i + 1);
				break;
			case DB_T_BLOB:
				db_bind_blob(ins, i + 1, db_col_blob(src, i), db_col_len(src, i));
				break;
			default:
				db_bind_textn(ins, i + 1, db_col_text(src, i), db_col_len(src, i));
			}
		}
		if (db_run(ins) != DB_OK)
			break;
		(*n)++;
	}
	db_done(src);
	if (rc != DB_DONE) {
		fprintf(stderr, "ocop: copying '%s' failed at row %lld: %s\n", t->name,
		        (long long)*n + 1, db_errmsg(to));
		return -1;
	}
	return 0;
}

/* On PostgreSQL, moves the table's identity past the ids just inserted. */
static int copy_fix_identity(struct db *to, struct arena *a, const struct copy_table *t)
{
	if (db_backend(to) != DB_POSTGRES || !t->has_id)
		return 0;
	/* Only an identity column has a sequence (criteria_sets.id is text). */
	int64_t identity = 0;
	struct db_stmt *q = db_prepare(to, "SELECT COUNT(*) FROM information_schema.columns WHERE "
					   "table_schema = current_schema() AND table_name = $1 AND "
					   "column_name = 'id' AND is_identity = 'YES'");
	if (!q)
		return -1;
	db_bind_text(q, 1, t->name);
	if (db_one_int(q, &identity) != DB_OK)
		return -1;
	if (!identity)
		return 0;
	const char *sql =
	    arena_printf(a,
	                 "SELECT setval(pg_get_serial_sequence('\"%s\"', 'id'), m) "
	                 "FROM (SELECT MAX(id) AS m FROM \"%s\") x WHERE m IS NOT NULL",
	                 t->name, t->name);
	struct db_stmt *st = db_prepare(to, sql);
	return st && db_run(st) == DB_OK ? 0 : -1;
}

static void copy_hex(char *out, const unsigned char *d)
{
	sodium_bin2hex(out, 17, d, 8);
}

/* Compares every table; prints the report; the number of mismatches. */
static int copy_verify(struct db *from, struct db *to, struct copy_table *t, int n)
{
	int bad = 0;
	int64_t total = 0;

	printf("%-24s %10s %10s  %-16s\n", "table", "source", "target", "checksum");
	for (int i = 0; i < n; i++) {
		struct copy_sum a, b;
		char ha[17], hb[17];
		bool ok = copy_sum(from, &t[i], &a) == 0 && copy_sum(to, &t[i], &b) == 0 &&
		          a.rows == b.rows && memcmp(a.digest, b.digest, sizeof(a.digest)) == 0;
		copy_hex(ha, a.digest);
		copy_hex(hb, b.digest);
		printf("%-24s %10lld %10lld  %s%s%s\n", t[i].name, (long long)a.rows,
		       (long long)b.rows, ha, ok ? "  ok" : "  MISMATCH target ", ok ? "" : hb);
		bad += !ok;
		total += a.rows;
	}
	printf("%d table%s, %lld row%s: %s\n", n, n == 1 ? "" : "s", (long long)total,
	       total == 1 ? "" : "s", bad ? "MISMATCH" : "verified");
	return bad;
}

static int copy_usage(void)
{
	fprintf(stderr, "usage: ocop copy --from URL --to URL\n");
	return 2;
}

/* Checks every table of the target before anything is written. */
static int copy_plan(struct db *from, struct db *to, struct arena *a, struct copy_table *t, int n)
{
	for (int i = 0; i < n; i++) {
		struct copy_sum s, d;
		if (copy_list_cols(to, a, &t[i]) != 0 || copy_build_sql(a, &t[i]) != 0) {
			fprintf(stderr, "ocop: cannot read the columns of '%s'\n", t[i].name);
			return -1;
		}
		if (copy_sum(from, &t[i], &s) != 0 || copy_sum(to, &t[i], &d) != 0) {
			fprintf(stderr, "ocop: cannot read table '%s': %s\n", t[i].name,
			        db_errmsg(from));
			return -1;
		}
		if (d.rows == 0)
			continue;
		if (d.rows == s.rows && memcmp(s.digest, d.digest, sizeof(s.digest)) == 0) {
			t[i].skip = true;
			continue;
		}
		fprintf(stderr,
		        "ocop: target table '%s' is not empty (%lld rows); copy only into "
		        "a new database\n",
		        t[i].name, (long long)d.rows);
		return -1;
	}
	return 0;
}

int cmd_copy(int argc, char **argv)
{
	const char *from_url = NULL, *to_url = NULL;
	struct db *from = NULL, *to = NULL;
	struct copy_table *t = xcalloc(COPY_MAX_TABLES, sizeof(*t));
	struct arena a;
	char err[512];
	int n = 0, rc = 1;

	arena_init(&a);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--from") == 0 && i + 1 < argc)
			from_url = argv[++i];
		else if (strcmp(argv[i], "--to") == 0 && i + 1 < argc)
			to_url = argv[++i];
		else {
			rc = copy_usage();
			goto out;
		}
	}
	if (!from_url || !to_url) {
		rc = copy_usage();
		goto out;
	}
	if (db_open(from_url, &from, err, sizeof(err)) != 0 ||
	    db_open(to_url, &to, err, sizeof(err)) != 0 || db_migrate(to, err, sizeof(err)) < 0) {
		fprintf(stderr, "ocop: %s\n", err);
		goto out;
	}
	if (db_schema_version(from) != db_schema_version(to)) {
		fprintf(stderr,
		        "ocop: source is at schema version %lld, target at %lld; run "
		        "'ocop migrate' on the source first\n",
		        (long long)db_schema_version(from), (long long)db_schema_version(to));
		goto out;
	}
	if (copy_list_tables(to, &a, t, &n) != 0 || n == 0 || copy_order(to, t, n) != 0) {
		fprintf(stderr, "ocop: cannot list the target's tables: %s\n", db_errmsg(to));
		goto out;
	}
	/* The source's snapshot; on SQLite it also keeps writers out. */
	if (db_begin(from) != DB_OK || copy_plan(from, to, &a, t, n) != 0)
		goto out;
	if (db_begin(to) != DB_OK)
		goto out;
	for (int i = 0; i < n; i++) {
		int64_t rows;
		if (t[i].skip)
			continue;
		if (copy_rows(from, to, &t[i], &rows) != 0 || copy_fix_identity(to, &a, &t[i]) != 0)
			goto out;
	}
	if (db_commit(to) != DB_OK) {
		fprintf(stderr, "ocop: cannot commit the copy: %s\n", db_errmsg(to));
		goto out;
	}
	rc = copy_verify(from, to, t, n) ? 1 : 0;
out:
	if (to)
		db_rollback(to);
	if (from)
		db_rollback(from);
	db_close(from);
	db_close(to);
	arena_release(&a);
	free(t);
	return rc;
}
