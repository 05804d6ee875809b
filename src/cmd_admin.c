/*
 * cmd_admin.c: `ocop admin add EMAIL [--role admin|organizer|viewer]`,
 * `ocop admin passwd EMAIL`, `ocop admin init`.  A generated password is
 * printed once and never stored in clear or logged.
 * (The database is opened through db_open directly: these commands run
 * while no server holds the writer, or beside one: SQLite's own locking
 * orders them.)
 */
#include "cmd.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/account.h"
#include "domain/contact.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static int admin_usage(void)
{
	fprintf(stderr, "usage: ocop admin add EMAIL [--role admin|organizer|viewer] | "
			"passwd EMAIL | init\n");
	return 2;
}

static int admin_open(const char *url, struct db **db)
{
	char err[512];

	if (db_open(url, db, err, sizeof(err)) != 0 || db_migrate(*db, err, sizeof(err)) < 0) {
		fprintf(stderr, "ocop: %s\n", err);
		return -1;
	}
	return 0;
}

/* Creates the account with a new password and prints it once. */
static int admin_create(struct db *db, const char *email, enum account_role role)
{
	char password[32], hash[crypto_pwhash_STRBYTES];
	int rc;

	account_new_password(password, sizeof(password));
	if (account_hash_password(password, hash) != 0) {
		fprintf(stderr, "ocop: cannot hash the password (out of memory?)\n");
		return 1;
	}
	rc = account_add(db, email, role, hash);
	if (rc == DB_CONFLICT) {
		fprintf(stderr, "ocop: account '%s' exists; 'ocop admin passwd %s' resets it\n",
			email, email);
		return 1;
	}
	if (rc != DB_OK) {
		fprintf(stderr, "ocop: cannot create '%s': %s\n", email, db_errmsg(db));
		return 1;
	}
	printf("account %s (%s) created\npassword: %s\n(shown once: keep it now)\n", email,
	       account_role_name(role), password);
	sodium_memzero(password, sizeof(password));
	return 0;
}

int cmd_admin(const char *db_url, int argc, char **argv)
{
	struct db *db = NULL;
	enum account_role role = ROLE_ORGANIZER;
	const char *email = NULL;
	char canon[EMAIL_MAX + 1];
	int rc = 1;

	if (argc < 2)
		return admin_usage();
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--role") == 0 && i + 1 < argc) {
			if (!(role = account_role_parse(argv[++i]))) {
				fprintf(stderr, "ocop: bad role '%s': want admin, organizer or "
						"viewer\n",
					argv[i]);
				return 2;
			}
		} else if (argv[i][0] == '-') {
			fprintf(stderr, "ocop: unknown option '%s'\n", argv[i]);
			return 2;
		} else if (!email) {
			email = argv[i];
		} else {
			return admin_usage();
		}
	}
	if (strcmp(argv[1], "init") == 0) {
		if (email)
			return admin_usage();
		if (admin_open(db_url, &db) != 0)
			return 1;
		/* Only on an empty installation: make run calls it every time. */
		rc = 0;
		if (account_count(db) == 0 &&
		    (rc = admin_create(db, "admin@ocop.local", ROLE_ADMIN)) == 0)
			printf("log in at /admin/login\n");
		db_close(db);
		return rc;
	}
	if (!email)
		return admin_usage();
	if (!email_canonical(email, canon)) {
		fprintf(stderr, "ocop: '%s' is not an e-mail address\n", email);
		return 2;
	}
	if (admin_open(db_url, &db) != 0)
		return 1;
	if (strcmp(argv[1], "add") == 0) {
		rc = admin_create(db, canon, role);
	} else if (strcmp(argv[1], "passwd") == 0) {
		char password[32], hash[crypto_pwhash_STRBYTES];
		account_new_password(password, sizeof(password));
		if (account_hash_password(password, hash) != 0) {
			rc = 1;
		} else if ((rc = account_set_password(db, canon, hash)) == DB_NOTFOUND) {
			fprintf(stderr, "ocop: no account '%s'\n", canon);
			rc = 1;
		} else if (rc != DB_OK) {
			fprintf(stderr, "ocop: cannot reset '%s': %s\n", canon, db_errmsg(db));
			rc = 1;
		} else {
			printf("new password for %s: %s\n(shown once; every session of the "
			       "account was ended)\n",
			       canon, password);
			rc = 0;
		}
		sodium_memzero(password, sizeof(password));
	} else {
		rc = admin_usage();
	}
	db_close(db);
	return rc;
}
