/*
 * series_edit.h: creating and changing a series from the console: its
 * fields, its co-organisers (with logos) and its members.  Every write
 * function here is a group-commit job (run through req_write) that writes
 * its audit entry, with the row before and after, in the same savepoint;
 * a job that fails changes nothing.  Input arrives validated (web layer).
 */
#ifndef OCOP_SERIES_EDIT_H
#define OCOP_SERIES_EDIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct db;
struct account;

#define SERIES_ORG_MAX  6
#define SERIES_LOGO_MAX (1024 * 1024)

struct series_org_input {
	const char *name; /* NULL or "": no co-organiser at this position */
	const char *short_name, *url;
	const char *logo; /* new logo bytes (borrowed), or NULL to keep */
	size_t logo_len;
	char logo_type[32], logo_hash[33];
	bool logo_remove;
};

struct series_input {
	int64_t id; /* 0: create */
	const char *slug, *title, *description;
	int64_t reg_opens_at, reg_closes_at, capacity; /* 0: none */
	struct series_org_input orgs[SERIES_ORG_MAX];  /* index + 1 is the position */
	const struct account *who;
	int64_t now;
	int64_t new_id; /* out: the created series */
};

/* The job: creates (id 0; an organizer who creates becomes a member) or
 * updates.  DB_OK, DB_CONFLICT (slug taken), DB_NOTFOUND, DB_ERROR. */
int series_edit_save(struct db *db, void *series_input);

/* The editable fields as JSON (caller owns): {id, slug, title,
 * description, reg_opens_at, reg_closes_at, capacity, organizers[{position,
 * name, short_name, url, logo_hash}]}; NULL if none.  Used for the form and
 * as the audit's before/after. */
json_t *series_edit_snapshot(struct db *db, int64_t id);

/* A co-organiser's logo, copied into out (at most SERIES_LOGO_MAX bytes).
 * DB_OK, DB_NOTFOUND (no such series, position or logo), DB_ERROR. */
struct series_logo {
	char type[32], hash[33];
	size_t len;
	void *data; /* malloc'ed; caller frees */
};
int series_logo_load(struct db *db, const char *slug, int64_t position, struct series_logo *out);

/* Members: [{user_id, email, role}] by e-mail (caller owns). */
json_t *series_members_load(struct db *db, int64_t series_id);
struct series_member_job {
	int64_t series_id;
	char email[256];
	bool add;
	const struct account *who;
	int64_t now;
};
/* Adds or removes a member.  DB_OK, DB_NOTFOUND (no such account, or not
 * a member), DB_CONFLICT (already a member), DB_ERROR. */
int series_member_save(struct db *db, void *series_member_job);

#endif
