/*
 * mailing.c: see mailing.h.
 */
#include "domain/mailing.h"
#include "core/arena.h"
#include "db/db.h"
#include "domain/attendance.h"
#include "domain/outbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mailing_set {
	int64_t *ids;
	size_t n, cap;
	const struct att_session *s;
	struct att_rule rule;
};

static void mailing_attended(const struct att_record *rec, void *arg)
{
	struct mailing_set *set = arg;

	if (!att_attended(set->s, &set->rule, rec))
		return;
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 256;
		set->ids = xrealloc(set->ids, set->cap * sizeof(*set->ids));
	}
	set->ids[set->n++] = rec->registration_id;
}

static int mailing_cmp(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

struct mailing_recipient *mailing_recipients(struct db *db, int64_t series_id,
					     const struct mailing_filter *f, size_t *n)
{
	struct mailing_set set = {0};
	struct att_session s;
	struct mailing_recipient *out = NULL;
	size_t cap = 0;

	*n = 0;
	if (f->attended_session) {
		if (att_session_load(db, f->attended_session, &s) != DB_OK ||
		    s.series_id != series_id)
			return xcalloc(1, sizeof(*out));
		set.s = &s;
		att_rule_load(db, s.id, &set.rule);
		att_session_records(db, s.id, mailing_attended, &set);
		if (set.n)
			qsort(set.ids, set.n, sizeof(*set.ids), mailing_cmp);
	}
	struct db_stmt *st = db_prepare(
		db, "SELECT r.id, r.token, r.full_name, r.email FROM registrations r WHERE "
		    "r.series_id = $1 AND r.status = 'active' AND ($2 = '' OR r.province_code = $2) "
		    "AND ($3 = '' OR r.category = $3) AND ($4 = 0 OR NOT EXISTS (SELECT 1 FROM "
		    "mail_optouts o WHERE o.registration_id = r.id)) AND ($5 = 0 OR EXISTS (SELECT 1 "
		    "FROM certificates c WHERE c.registration_id = r.id AND c.status = 'valid')) "
		    "ORDER BY r.id");
	if (!st) {
		free(set.ids);
		return NULL;
	}
	db_bind_int(st, 1, series_id);
	db_bind_text(st, 2, f->province_code ? f->province_code : "");
	db_bind_text(st, 3, f->category ? f->category : "");
	db_bind_int(st, 4, f->announcement);
	db_bind_int(st, 5, f->certified);
	while (db_step(st) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		if (f->attended_session &&
		    (!set.n || !bsearch(&id, set.ids, set.n, sizeof(id), mailing_cmp)))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			out = xrealloc(out, cap * sizeof(*out));
		}
		struct mailing_recipient *x = &out[(*n)++];
		x->id = id;
		snprintf(x->token, sizeof(x->token), "%s", db_col_text(st, 1));
		snprintf(x->full_name, sizeof(x->full_name), "%s", db_col_text(st, 2));
		snprintf(x->email, sizeof(x->email), "%s", db_col_text(st, 3));
	}
	db_done(st);
	free(set.ids);
	return out ? out : xcalloc(1, sizeof(*out));
}

int mailing_create(struct db *db, void *arg)
{
	struct mailing_job *j = arg;
	struct db_stmt *st = db_prepare(
		db, "INSERT INTO mailings (series_id, kind, subject, filter, created_by, created_at) "
		    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->series_id);
	db_bind_text(st, 2, j->kind);
	db_bind_text(st, 3, j->subject);
	db_bind_text(st, 4, j->filter_json);
	db_bind_text(st, 5, j->created_by);
	db_bind_int(st, 6, j->now);
	if (db_one_int(st, &j->mailing_id) != DB_OK)
		return DB_ERROR;
	for (size_t i = 0; i < j->n; i++) {
		j->msgs[i].mailing_id = j->mailing_id;
		if (outbox_queue(db, &j->msgs[i], j->host, j->now) != DB_OK)
			return DB_ERROR;
	}
	return DB_OK;
}

json_t *mailing_list(struct db *db, int64_t series_id)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(db, "SELECT id, kind, subject, created_by, created_at FROM "
					    "mailings WHERE series_id = $1 ORDER BY id DESC LIMIT 100");

	if (!st)
		return list;
	db_bind_int(st, 1, series_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s, s:I}", "id",
						      (json_int_t)db_col_int(st, 0), "kind",
						      db_col_text(st, 1), "subject",
						      db_col_text(st, 2), "created_by",
						      db_col_text(st, 3), "created_at",
						      (json_int_t)db_col_int(st, 4)));
	db_done(st);
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		json_object_set_new(x, "progress",
				    outbox_progress(db, series_id,
						    json_integer_value(json_object_get(x, "id"))));
	}
	return list;
}

bool mailing_in_series(struct db *db, int64_t mailing_id, int64_t series_id)
{
	int64_t n = 0;
	struct db_stmt *st =
		db_prepare(db, "SELECT COUNT(*) FROM mailings WHERE id = $1 AND series_id = $2");

	if (!st)
		return false;
	db_bind_int(st, 1, mailing_id);
	db_bind_int(st, 2, series_id);
	return db_one_int(st, &n) == DB_OK && n == 1;
}
