/*
 * ocop_assess.h: participants' OCOP self-assessments as stored (table
 * ocop_assessments, migrations/0007_ocop.sql): which criteria set and
 * version, the product described, the answers and the dossier documents
 * ticked (JSON text), and the total and stars once complete.
 *
 * Every look-up of one assessment names its registration too, so a token
 * reaches only its own assessments.  The writers have the group-commit
 * signature (int fn(struct db *, void *arg)).
 */
#ifndef OCOP_ASSESS_H
#define OCOP_ASSESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct db;
struct arena;

struct ocop_assess {
	int64_t id;
	int64_t registration_id;
	const char *set_id;
	int set_version;
	const char *product_name, *product_set, *producer, *province_code;
	const char *answers; /* {"1.1": 3, ...} */
	const char *dossier; /* [1, 4, ...] */
	bool is_scored;      /* total and stars hold the result */
	int total, stars;
	int64_t created_at, updated_at;
};

/*
 * Loads assessment id of registration reg_id; strings are copied into a.
 * DB_OK, DB_NOTFOUND (no such id, or not this registration's) or DB_ERROR.
 */
int ocop_assess_find(struct db *db, struct arena *a, int64_t id, int64_t reg_id,
                     struct ocop_assess *out);

/* The registration's assessments, newest first, as an array of objects
 * (id, set_id, set_version, product_name, total, stars, updated_at).  New
 * reference; NULL on a database error. */
json_t *ocop_assess_list(struct db *db, int64_t reg_id);

/* Inserts arg (struct ocop_assess *) with both times set to now, and sets
 * its id.  DB_OK or DB_ERROR. */
int ocop_assess_insert(struct db *db, void *arg);

/* Updates the product, answers, dossier and result of arg (struct
 * ocop_assess *), matched by id and registration_id.  DB_OK, DB_NOTFOUND or
 * DB_ERROR. */
int ocop_assess_update(struct db *db, void *arg);

/* Every assessment of the series' registrations, with the registration's
 * province and category (reg_province, reg_category), oldest first.  New
 * reference; NULL on a database error. */
json_t *ocop_assess_series(struct db *db, int64_t series_id);

#endif
