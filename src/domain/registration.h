/*
 * registration.h: a participant's registration to a series: the input
 * rules (shared by the web form, the JSON API and, later, imports), the
 * write, and look-ups by personal token.  SQL only through db/.
 */
#ifndef OCOP_REGISTRATION_H
#define OCOP_REGISTRATION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;
struct outbox_msg;

/* Field limits, in characters (code points). */
#define REG_NAME_MAX 100
#define REG_ORG_MAX 200
#define REG_POSITION_MAX 100

struct reg_category {
	const char *code;  /* API value */
	const char *label; /* Vietnamese label (msgid) */
	bool legacy;       /* district level: only for series before July 2025 */
};
extern const struct reg_category reg_categories[];
extern const size_t reg_ncategories;
const struct reg_category *reg_category_find(const char *code);

/* Raw input as received (any may be NULL). */
struct reg_raw {
	const char *full_name, *email, *phone, *province_code, *category, *organization,
		*position;
	bool consent;
};

/* Validated, canonical input ready to store. */
struct reg_input {
	int64_t series_id;
	bool allow_legacy; /* series before 1 July 2025 */
	int64_t capacity;  /* 0: none */
	const char *full_name, *name_fold, *email, *email_norm, *phone, *province_code,
		*category, *organization, *position, *source;
	bool consent;
	int64_t now;
	/* The confirmation to queue with the registration (may be NULL), and
	 * the host for its Message-ID. */
	struct outbox_msg *mail;
	const char *mail_host;
	/* The personal token: set before reg_insert to choose it (the mail
	 * names it), else made by reg_insert.  id is filled by reg_insert. */
	int64_t id;
	char token[32];
	char existing_phone[32];
};

/* Validates raw into in (strings from arena).  Returns NULL when valid, or a
 * new JSON object {field: message} (caller owns). */
json_t *reg_validate(struct arena *a, const struct reg_raw *raw, struct reg_input *in);

/* The write, run in the group commit: inserts, or finds the existing
 * registration for the same e-mail.  Returns DB_OK (in->id, in->token set),
 * DB_CONFLICT (duplicate: in->token and in->existing_phone are the existing
 * ones), DB_NOTFOUND (capacity reached) or DB_ERROR.  Changes nothing
 * unless it returns DB_OK or DB_ERROR, so it may run unguarded
 * (req_write_unguarded). */
int reg_insert(struct db *db, void *in);
/* Indexes for search the registrations inserted in this transaction (on
 * SQLite they wait in registrations_fts_pending, migration 0018); a no-op
 * on PostgreSQL.  Every transaction that runs reg_insert calls it before
 * it commits: the writer thread does (dbw_before_commit), and so does the
 * command-line import.  DB_OK or DB_ERROR. */
int reg_fts_flush(struct db *db);

/* A registration with its series, by personal token: the JSON object
 * {id, series_id, full_name, email, phone, province_code, category,
 * organization, position, status, created_at}; NULL if none. */
json_t *reg_find_by_token(struct db *db, const char *token);
/* The id and series of an active registration, by token (no JSON: the
 * evaluation path uses it on every request).  DB_OK or DB_NOTFOUND. */
int reg_lookup(struct db *db, const char *token, int64_t *id, int64_t *series_id);
/* The registration of an e-mail address in a series, 0 if none. */
int64_t reg_id_by_email(struct db *db, int64_t series_id, const char *email);
/* What the mail paths need to know of a registration. */
struct reg_brief {
	int64_t id, series_id, created_at;
	char token[32];
	const char *full_name; /* in the arena given; NULL without one */
};
/* The active registration of a canonical e-mail address in a series.
 * DB_OK, DB_NOTFOUND or DB_ERROR. */
int reg_brief_by_email(struct db *db, struct arena *a, int64_t series_id, const char *email_norm,
		       struct reg_brief *out);
/* A registration by id, whatever its status.  DB_OK, DB_NOTFOUND or
 * DB_ERROR. */
int reg_brief_by_id(struct db *db, struct arena *a, int64_t id, struct reg_brief *out);
/* A new personal token (128 random bits, 22 characters) into out. */
void reg_new_token(char *out, size_t n);
/* Tokens are 22 characters of base64url. */
bool reg_token_is_wellformed(const char *token);

#endif
