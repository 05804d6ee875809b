/*
 * ocop_assess.c: the SQL of self-assessments (see ocop_assess.h).  No rule
 * lives here: what an answer means is criteria.h's, what a form says is
 * ocop_form.c's.
 */
#include "domain/ocop_assess.h"
#include "core/arena.h"
#include "db/db.h"

#include <time.h>

#define ASSESS_COLS                                                                                \
	"id, registration_id, set_id, set_version, product_name, product_set, producer, "          \
	"province_code, answers, dossier, total, stars, created_at, updated_at "

int ocop_assess_find(struct db *db, struct arena *a, int64_t id, int64_t reg_id,
                     struct ocop_assess *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT " ASSESS_COLS "FROM ocop_assessments "
	                                    "WHERE id = $1 AND registration_id = $2");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, reg_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*out = (struct ocop_assess){
		    .id = db_col_int(st, 0),
		    .registration_id = db_col_int(st, 1),
		    .set_id = arena_strdup(a, db_col_text(st, 2)),
		    .set_version = (int)db_col_int(st, 3),
		    .product_name = arena_strdup(a, db_col_text(st, 4)),
		    .product_set = arena_strdup(a, db_col_text(st, 5)),
		    .producer = arena_strdup(a, db_col_text(st, 6)),
		    .province_code = arena_strdup(a, db_col_text(st, 7)),
		    .answers = arena_strdup(a, db_col_text(st, 8)),
		    .dossier = arena_strdup(a, db_col_text(st, 9)),
		    .is_scored = !db_col_is_null(st, 10),
		    .total = (int)db_col_int(st, 10),
		    .stars = (int)db_col_int(st, 11),
		    .created_at = db_col_int(st, 12),
		    .updated_at = db_col_int(st, 13),
		};
		rc = DB_OK;
	} else if (rc == DB_DONE) {
		rc = DB_NOTFOUND;
	}
	db_done(st);
	return rc;
}

json_t *ocop_assess_list(struct db *db, int64_t reg_id)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT id, set_id, set_version, product_name, total, stars, updated_at "
	                   "FROM ocop_assessments WHERE registration_id = $1 ORDER BY id DESC");
	json_t *arr = json_array();
	int rc;

	if (!st) {
		json_decref(arr);
		return NULL;
	}
	db_bind_int(st, 1, reg_id);
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(
		    arr,
		    json_pack("{s:I, s:s, s:i, s:s, s:o, s:o, s:I}", "id",
		              (json_int_t)db_col_int(st, 0), "set_id", db_col_text(st, 1),
		              "set_version", (int)db_col_int(st, 2), "product_name",
		              db_col_text(st, 3), "total",
		              db_col_is_null(st, 4) ? json_null() : json_integer(db_col_int(st, 4)),
		              "stars",
		              db_col_is_null(st, 5) ? json_null() : json_integer(db_col_int(st, 5)),
		              "updated_at", (json_int_t)db_col_int(st, 6)));
	db_done(st);
	if (rc != DB_DONE) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

static void bind_result(struct db_stmt *st, int i, const struct ocop_assess *x)
{
	if (x->is_scored) {
		db_bind_int(st, i, x->total);
		db_bind_int(st, i + 1, x->stars);
	} else {
		db_bind_null(st, i);
		db_bind_null(st, i + 1);
	}
}

int ocop_assess_insert(struct db *db, void *arg)
{
	struct ocop_assess *x = arg;
	struct db_stmt *st = db_prepare(
	    db, "INSERT INTO ocop_assessments (registration_id, set_id, set_version, product_name, "
	        "product_set, producer, province_code, answers, dossier, total, stars, updated_at, "
	        "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) "
	        "RETURNING id");
	int64_t id;
	int rc;

	if (!st)
		return DB_ERROR;
	if (x->registration_id)
		db_bind_int(st, 1, x->registration_id);
	else
		db_bind_null(st, 1);
	db_bind_text(st, 2, x->set_id);
	db_bind_int(st, 3, x->set_version);
	db_bind_text(st, 4, x->product_name ? x->product_name : "");
	db_bind_text(st, 5, x->product_set ? x->product_set : "");
	db_bind_text(st, 6, x->producer ? x->producer : "");
	db_bind_text(st, 7, x->province_code ? x->province_code : "");
	db_bind_text(st, 8, x->answers ? x->answers : "{}");
	db_bind_text(st, 9, x->dossier ? x->dossier : "[]");
	bind_result(st, 10, x);
	db_bind_int(st, 12, (int64_t)time(NULL));
	rc = db_one_int(st, &id);
	if (rc != DB_OK)
		return DB_ERROR;
	x->id = id;
	return DB_OK;
}

int ocop_assess_update(struct db *db, void *arg)
{
	struct ocop_assess *x = arg;
	struct db_stmt *st = db_prepare(
	    db, "UPDATE ocop_assessments SET product_name = $1, product_set = $2, producer = $3, "
	        "province_code = $4, answers = $5, dossier = $6, total = $7, stars = $8, "
	        "updated_at = $9 WHERE id = $10 AND registration_id = $11 RETURNING id");
	int64_t id;

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, x->product_name);
	db_bind_text(st, 2, x->product_set);
	db_bind_text(st, 3, x->producer);
	db_bind_text(st, 4, x->province_code);
	db_bind_text(st, 5, x->answers);
	db_bind_text(st, 6, x->dossier);
	bind_result(st, 7, x);
	db_bind_int(st, 9, (int64_t)time(NULL));
	db_bind_int(st, 10, x->id);
	db_bind_int(st, 11, x->registration_id);
	return db_one_int(st, &id);
}

json_t *ocop_assess_series(struct db *db, int64_t series_id)
{
	struct db_stmt *st = db_prepare(
	    db, "SELECT a.id, a.registration_id, a.set_id, a.set_version, a.product_set, "
	        "a.province_code, a.answers, a.total, a.stars, r.province_code, r.category "
	        "FROM ocop_assessments a JOIN registrations r ON r.id = a.registration_id "
	        "WHERE r.series_id = $1 ORDER BY a.id");
	json_t *arr = json_array();
	int rc;

	if (!st) {
		json_decref(arr);
		return NULL;
	}
	db_bind_int(st, 1, series_id);
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(
		    arr,
		    json_pack(
		        "{s:I, s:I, s:s, s:i, s:s, s:s, s:s, s:o, s:o, s:s, s:s}", "id",
		        (json_int_t)db_col_int(st, 0), "registration_id",
		        (json_int_t)db_col_int(st, 1), "set_id", db_col_text(st, 2), "set_version",
		        (int)db_col_int(st, 3), "product_set", db_col_text(st, 4), "province_code",
		        db_col_text(st, 5), "answers", db_col_text(st, 6), "total",
		        db_col_is_null(st, 7) ? json_null() : json_integer(db_col_int(st, 7)),
		        "stars",
		        db_col_is_null(st, 8) ? json_null() : json_integer(db_col_int(st, 8)),
		        "reg_province", db_col_text(st, 9), "reg_category", db_col_text(st, 10)));
	db_done(st);
	if (rc != DB_DONE) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}
