/*
 * account.c: accounts, passwords, login sessions and rate limits (see
 * account.h).
 *
 * Why hash session tokens: a copy of the database (a backup, a replica)
 * must not let anyone log in.  Why count failures in the database: several
 * instances share the limits.  Why verify against a dummy hash for unknown
 * e-mails: the answer time must not tell which e-mails have accounts.
 */
#include "domain/account.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static const char *const role_names[] = {NULL, "viewer", "organizer", "admin"};

const char *account_role_name(enum account_role r)
{
	return r >= ROLE_VIEWER && r <= ROLE_ADMIN ? role_names[r] : "none";
}

enum account_role account_role_parse(const char *s)
{
	for (int i = ROLE_VIEWER; i <= ROLE_ADMIN; i++)
		if (s && strcmp(s, role_names[i]) == 0)
			return (enum account_role)i;
	return 0;
}

int account_hash_password(const char *password, char *out)
{
	return crypto_pwhash_str(out, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

void account_new_password(char *out, size_t n)
{
	/* No look-alikes (0/O, 1/l/I), so it can be read aloud or typed. */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t len = n - 1 < 20 ? n - 1 : 20;

	for (size_t i = 0; i < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[len] = 0;
}

static void account_lower(const char *in, char *out, size_t n)
{
	size_t i = 0;

	for (; in[i] && i + 1 < n; i++)
		out[i] = (char)(in[i] >= 'A' && in[i] <= 'Z' ? in[i] + 32 : in[i]);
	out[i] = 0;
}

int account_add(struct db *db, const char *email, enum account_role role, const char *hash)
{
	char e[256];
	struct db_stmt *st = db_prepare(db, "INSERT INTO users (email, role, password_hash, "
					    "created_at) VALUES ($1, $2, $3, $4)");

	if (!st)
		return DB_ERROR;
	account_lower(email, e, sizeof(e));
	db_bind_text(st, 1, e);
	db_bind_text(st, 2, account_role_name(role));
	db_bind_text(st, 3, hash);
	db_bind_int(st, 4, (int64_t)time(NULL));
	return db_run(st);
}

int account_set_password(struct db *db, const char *email, const char *hash)
{
	char e[256];
	int64_t id;
	struct db_stmt *st = db_prepare(db, "UPDATE users SET password_hash = $2 WHERE email = $1 "
					    "RETURNING id");

	if (!st)
		return DB_ERROR;
	account_lower(email, e, sizeof(e));
	db_bind_text(st, 1, e);
	db_bind_text(st, 2, hash);
	int rc = db_one_int(st, &id);
	if (rc != DB_OK)
		return rc;
	/* A new password ends every session of the account. */
	st = db_prepare(db, "DELETE FROM login_sessions WHERE user_id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	return db_run(st);
}

int64_t account_count(struct db *db)
{
	int64_t n = 0;
	struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM users");

	if (st)
		db_one_int(st, &n);
	return n;
}

static void account_fill(struct db_stmt *st, int first, struct account *out)
{
	out->id = db_col_int(st, first);
	snprintf(out->email, sizeof(out->email), "%s", db_col_text(st, first + 1));
	snprintf(out->name, sizeof(out->name), "%s", db_col_text(st, first + 2));
	out->role = account_role_parse(db_col_text(st, first + 3));
}

int account_check_password(struct db *db, const char *email, const char *password,
			    struct account *out)
{
	/* A real argon2id hash of a random password, so unknown e-mails cost
	 * the same verification as known ones. */
	static const char dummy[crypto_pwhash_STRBYTES] =
		"$argon2id$v=19$m=65536,t=2,p=1$NXS7P4/+S5FfUcYNhyWabQ$"
		"pYw/7kp/Aypq0YHPeWLGL7ExK48S6hbzac8Sqegd2+o";
	char e[256], hash[crypto_pwhash_STRBYTES] = "";
	bool found = false;
	struct db_stmt *st = db_prepare(db, "SELECT id, email, name, role, password_hash FROM "
					    "users WHERE email = $1 AND disabled = 0");

	if (!st)
		return DB_ERROR;
	account_lower(email, e, sizeof(e));
	db_bind_text(st, 1, e);
	if (db_step(st) == DB_ROW) {
		account_fill(st, 0, out);
		snprintf(hash, sizeof(hash), "%s", db_col_text(st, 4));
		found = true;
	}
	db_done(st);
	bool ok = crypto_pwhash_str_verify(found ? hash : dummy, password, strlen(password)) == 0;
	sodium_memzero(hash, sizeof(hash));
	return found && ok ? DB_OK : DB_NOTFOUND;
}

int64_t account_failures(struct db *db, const char *key, int64_t now)
{
	int64_t n = 0;
	struct db_stmt *st = db_prepare(db, "SELECT COUNT(*) FROM login_failures "
					    "WHERE key = $1 AND at > $2");

	if (!st)
		return 0;
	db_bind_text(st, 1, key);
	db_bind_int(st, 2, now - LOGIN_WINDOW);
	db_one_int(st, &n);
	return n;
}

int account_record_failure(struct db *db, void *arg)
{
	struct account_failure_job *j = arg;
	const char *keys[2] = {j->key_email, j->key_addr};

	for (int i = 0; i < 2; i++) {
		struct db_stmt *st =
			db_prepare(db, "INSERT INTO login_failures (key, at) VALUES ($1, $2)");
		if (!st)
			return DB_ERROR;
		db_bind_text(st, 1, keys[i]);
		db_bind_int(st, 2, j->now);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	/* Old rows are of no use to the window. */
	struct db_stmt *st = db_prepare(db, "DELETE FROM login_failures WHERE at < $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->now - 2 * LOGIN_WINDOW);
	return db_run(st);
}

static void account_token_hash(const char *token, char *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int account_login(struct db *db, void *arg)
{
	struct account_login_job *j = arg;
	unsigned char raw[32];
	char hash[65];
	struct db_stmt *st;

	if (j->old_token_hash[0]) {
		st = db_prepare(db, "DELETE FROM login_sessions WHERE token_hash = $1");
		if (!st)
			return DB_ERROR;
		db_bind_text(st, 1, j->old_token_hash);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(j->token, sizeof(j->token), raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	account_token_hash(j->token, hash);
	st = db_prepare(db, "INSERT INTO login_sessions (token_hash, user_id, created_at, "
			    "last_seen, expires_at) VALUES ($1, $2, $3, $3, $4)");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, j->user_id);
	db_bind_int(st, 3, j->now);
	db_bind_int(st, 4, j->now + SESSION_MAX);
	return db_run(st);
}

int account_logout(struct db *db, void *token_hash)
{
	struct db_stmt *st = db_prepare(db, "DELETE FROM login_sessions WHERE token_hash = $1");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, token_hash);
	return db_run(st);
}

int account_from_session(struct db *db, const char *token, int64_t now, struct account *out,
			 char *token_hash)
{
	size_t n = token ? strlen(token) : 0;

	token_hash[0] = 0;
	if (n != 43)
		return DB_NOTFOUND;
	account_token_hash(token, token_hash);
	struct db_stmt *st = db_prepare(
		db, "SELECT u.id, u.email, u.name, u.role, s.id, s.last_seen FROM login_sessions s "
		    "JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1 AND u.disabled = 0 "
		    "AND s.expires_at > $2 AND s.last_seen > $3");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, token_hash);
	db_bind_int(st, 2, now);
	db_bind_int(st, 3, now - SESSION_IDLE);
	int rc = db_step(st);
	if (rc == DB_ROW) {
		account_fill(st, 0, out);
		out->session_id = db_col_int(st, 4);
		out->session_last_seen = db_col_int(st, 5);
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

int account_touch(struct db *db, void *arg)
{
	struct account_touch_job *j = arg;
	struct db_stmt *st = db_prepare(db, "UPDATE login_sessions SET last_seen = $2 WHERE id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->session_id);
	db_bind_int(st, 2, j->now);
	return db_run(st);
}

bool account_may(struct db *db, const struct account *a, int64_t series_id, bool edit)
{
	int64_t one = 0;

	if (a->role == ROLE_ADMIN)
		return true;
	if (edit && a->role != ROLE_ORGANIZER)
		return false;
	struct db_stmt *st = db_prepare(db, "SELECT 1 FROM series_members WHERE series_id = $1 "
					    "AND user_id = $2");
	if (!st)
		return false;
	db_bind_int(st, 1, series_id);
	db_bind_int(st, 2, a->id);
	return db_one_int(st, &one) == DB_OK && one == 1;
}
