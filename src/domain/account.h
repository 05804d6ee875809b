/*
 * account.h: organiser accounts, passwords (libsodium argon2id), login
 * sessions (random token in the cookie, its hash in the database), login
 * rate limits, and who may see or change which series.
 */
#ifndef OCOP_ACCOUNT_H
#define OCOP_ACCOUNT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;

enum account_role { ROLE_VIEWER = 1, ROLE_ORGANIZER = 2, ROLE_ADMIN = 3 };

struct account {
	int64_t id;
	char email[256];
	char name[128];
	enum account_role role;
	int64_t session_id;
	int64_t session_last_seen;
};

#define SESSION_IDLE (2 * 3600)      /* idle time before a session ends */
#define SESSION_MAX (12 * 3600)      /* a session never lives longer */
#define LOGIN_WINDOW (15 * 60)       /* failures are counted over this window */
#define LOGIN_MAX_PER_ACCOUNT 5
#define LOGIN_MAX_PER_ADDRESS 20
#define PASSWORD_MIN 10
#define PASSWORD_MAX 256

const char *account_role_name(enum account_role r);
/* 0 if unknown. */
enum account_role account_role_parse(const char *s);

/* argon2id hash of a password into out (crypto_pwhash_STRBYTES).  0 or -1. */
int account_hash_password(const char *password, char *out);
/* A readable random password (20 characters, about 119 bits). */
void account_new_password(char *out, size_t n);

/* Creates or (reset) updates the password of an account; for the CLI.
 * DB_OK, DB_CONFLICT (add: exists), DB_NOTFOUND (reset: no such), DB_ERROR. */
int account_add(struct db *db, const char *email, enum account_role role, const char *hash);
int account_set_password(struct db *db, const char *email, const char *hash);
/* Number of accounts. */
int64_t account_count(struct db *db);

/* Checks e-mail and password.  Takes the same time whether or not the
 * account exists.  DB_OK (out filled), DB_NOTFOUND (wrong either way). */
int account_check_password(struct db *db, const char *email, const char *password,
			    struct account *out);

/* Failures recorded for key in the window. */
int64_t account_failures(struct db *db, const char *key, int64_t now);
/* Writes (run in the group commit). */
struct account_failure_job {
	char key_email[300], key_addr[80];
	int64_t now;
};
int account_record_failure(struct db *db, void *job);

struct account_login_job {
	int64_t user_id;
	int64_t now;
	char token[64];          /* out: the cookie value */
	char old_token_hash[65]; /* a session to end (no fixation), or "" */
};
/* Creates a session (and ends old_token_hash's). */
int account_login(struct db *db, void *job);
/* Ends the session of this token hash. */
int account_logout(struct db *db, void *token_hash);
/* The account of a session cookie, if the session is alive.  DB_OK or
 * DB_NOTFOUND.  token_hash (65 bytes) receives the hash. */
int account_from_session(struct db *db, const char *token, int64_t now, struct account *out,
			 char *token_hash);
struct account_touch_job {
	int64_t session_id, now;
};
int account_touch(struct db *db, void *job); /* slides the idle expiry */

/* May `a` see (edit=false) or change (edit=true) the series? */
bool account_may(struct db *db, const struct account *a, int64_t series_id, bool edit);

#endif
