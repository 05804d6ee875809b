/*
 * attendance_import.c: a Zoom report into attendance (see attendance.h).
 *
 * Parse (domain/zoom.c, streaming) -> one entry per person (e-mail, else
 * folded name), their intervals merged so that reconnections and second
 * devices never count twice -> time within the session -> matching: by
 * e-mail, then by an assignment remembered for the series, then by folded
 * name when exactly one registration has it.  Everyone else is listed for
 * the organiser; nothing is matched by guessing.
 */
#include "domain/attendance.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/interval.h"
#include "domain/zoom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ATT_MAX_PROBLEMS 200

struct att_person {
	const char *key, *name, *name_fold, *email;
	struct interval_set iv;
	int64_t unique_seconds; /* "unique users" reports: durations only */
	int64_t seconds, first, last;
	int64_t registration_id; /* 0: unmatched */
	const char *reason;      /* "none" or "ambiguous" */
};

struct att_import {
	struct arena arena;
	struct att_session s;
	struct zoom_meeting meeting;
	bool has_meeting;
	const char *filename, *sha256, *file_key;
	struct att_person **tab; /* open addressing, by key */
	size_t cap, n;
	struct att_person **people; /* in file order */
	size_t npeople;
	json_t *problems;
	size_t rows, rejected, matched;
	char date_warning[200];
	bool unchanged, replaced;
};

static uint64_t att_hash(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ull;
	return h;
}

static void att_grow(struct att_import *imp)
{
	size_t cap = imp->cap ? imp->cap * 2 : 1024;
	struct att_person **tab = xcalloc(cap, sizeof(*tab));

	for (size_t i = 0; i < imp->cap; i++) {
		struct att_person *p = imp->tab[i];
		if (!p)
			continue;
		size_t j = att_hash(p->key) & (cap - 1);
		while (tab[j])
			j = (j + 1) & (cap - 1);
		tab[j] = p;
	}
	free(imp->tab);
	imp->tab = tab;
	imp->cap = cap;
	imp->people = xrealloc(imp->people, cap / 2 * sizeof(*imp->people));
}

static struct att_person *att_person_get(struct att_import *imp, const char *key)
{
	if (imp->n * 2 >= imp->cap)
		att_grow(imp);
	size_t j = att_hash(key) & (imp->cap - 1);
	while (imp->tab[j]) {
		if (strcmp(imp->tab[j]->key, key) == 0)
			return imp->tab[j];
		j = (j + 1) & (imp->cap - 1);
	}
	struct att_person *p = arena_alloc(&imp->arena, sizeof(*p));
	p->key = arena_strdup(&imp->arena, key);
	interval_set_init(&p->iv);
	imp->tab[j] = p;
	imp->people[imp->npeople++] = p;
	imp->n++;
	return p;
}

static void att_on_begin(const struct zoom_meeting *m, void *arg)
{
	struct att_import *imp = arg;

	imp->meeting = *m;
	imp->has_meeting = true;
}

static void att_on_row(const struct zoom_row *r, void *arg)
{
	struct att_import *imp = arg;
	char key[400];

	imp->rows++;
	/* Hosts and panelists run the session; waiting and no-shows were not in it. */
	if (r->section == ZOOM_SECTION_HOST || r->section == ZOOM_SECTION_PANELIST ||
	    r->is_waiting_room || !r->is_attended)
		return;
	const char *fold = utf8_fold(&imp->arena, r->name, strlen(r->name));
	if (!fold)
		fold = "";
	if (*r->email)
		snprintf(key, sizeof(key), "e:%s", r->email);
	else if (*fold)
		snprintf(key, sizeof(key), "n:%s", fold);
	else
		return;
	struct att_person *p = att_person_get(imp, key);
	if (!p->name) {
		p->name = arena_strdup(&imp->arena, r->name);
		p->name_fold = fold;
		p->email = arena_strdup(&imp->arena, r->email);
	}
	if (r->has_times) {
		interval_set_add(&p->iv, r->join, r->leave);
		if (!p->first || r->join < p->first)
			p->first = r->join;
		if (r->leave > p->last)
			p->last = r->leave;
	} else if (r->duration_min > 0) {
		p->unique_seconds += (int64_t)r->duration_min * 60;
	}
}

static void att_on_problem(const struct zoom_problem *pb, void *arg)
{
	struct att_import *imp = arg;

	if (pb->level == ZOOM_REJECT)
		imp->rejected++;
	if (json_array_size(imp->problems) < ATT_MAX_PROBLEMS)
		json_array_append_new(imp->problems,
				      json_pack("{s:s, s:I, s:s}", "level",
						pb->level == ZOOM_WARN ? "warning" : "rejected",
						"line", (json_int_t)pb->line, "message", pb->msg));
}

/* DB_OK with *id, DB_NOTFOUND, or DB_CONFLICT when more than one. */
static int att_match_one(struct db *db, const char *sql, int64_t series, const char *v,
			 int64_t *id)
{
	struct db_stmt *st = db_prepare(db, sql);
	int n = 0;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series);
	db_bind_text(st, 2, v);
	while (db_step(st) == DB_ROW && n < 2) {
		*id = db_col_int(st, 0);
		n++;
	}
	db_done(st);
	return n == 1 ? DB_OK : n == 0 ? DB_NOTFOUND : DB_CONFLICT;
}

static void att_match(struct db *db, struct att_import *imp, struct att_person *p)
{
	int64_t series = imp->s.series_id, id = 0;
	char key[400];

	if (*p->email && att_match_one(db, "SELECT id FROM registrations WHERE series_id = $1 "
					   "AND email_norm = $2",
				       series, p->email, &id) == DB_OK)
		goto found;
	const char *alias_sql = "SELECT registration_id FROM zoom_aliases WHERE series_id = $1 "
				"AND key = $2";
	if (*p->email) {
		snprintf(key, sizeof(key), "e:%s", p->email);
		if (att_match_one(db, alias_sql, series, key, &id) == DB_OK)
			goto found;
	}
	if (*p->name_fold) {
		snprintf(key, sizeof(key), "n:%s", p->name_fold);
		if (att_match_one(db, alias_sql, series, key, &id) == DB_OK)
			goto found;
		int rc = att_match_one(db, "SELECT id FROM registrations WHERE series_id = $1 AND "
					   "name_fold = $2 AND status = 'active' LIMIT 2",
				       series, p->name_fold, &id);
		if (rc == DB_OK)
			goto found;
		p->reason = rc == DB_CONFLICT ? "ambiguous" : "none";
		return;
	}
	p->reason = "none";
	return;
found:
	p->registration_id = id;
	imp->matched++;
}

struct att_import *att_import_parse(struct db *db, const struct att_session *s,
				    const char *filename, const char *sha256,
				    size_t (*read)(void *arg, char *buf, size_t n), void *arg,
				    char *err, size_t errlen)
{
	struct att_import *imp = xcalloc(1, sizeof(*imp));
	struct zoom_opts o;
	char chunk[65536];
	size_t n;
	int rc = 0;

	arena_init(&imp->arena);
	imp->s = *s;
	imp->filename = arena_strdup(&imp->arena, filename);
	imp->sha256 = arena_strdup(&imp->arena, sha256);
	imp->problems = json_array();
	zoom_opts_init(&o);
	o.begin = att_on_begin;
	o.row = att_on_row;
	o.problem = att_on_problem;
	o.arg = imp;
	struct zoom *z = zoom_new(&o);
	while (rc == 0 && (n = read(arg, chunk, sizeof(chunk))) > 0)
		rc = zoom_feed(z, chunk, n);
	if (rc == 0)
		rc = zoom_finish(z);
	if (rc != 0) {
		snprintf(err, errlen, "%s", zoom_error(z) ? zoom_error(z)->msg : "lỗi đọc tệp");
		zoom_free(z);
		att_import_free(imp);
		return NULL;
	}
	const struct zoom_stats *st = zoom_stats(z);
	int64_t start = imp->meeting.start ? imp->meeting.start : st->first_join;
	int64_t end = imp->meeting.start ? imp->meeting.end : st->last_leave;
	if (start && zoom_date_check(start, end, s->starts_at, s->ends_at, imp->meeting.tz_offset,
				     imp->date_warning, sizeof(imp->date_warning)) !=
			     ZOOM_DATE_MISMATCH)
		imp->date_warning[0] = 0;
	zoom_free(z);
	imp->file_key = imp->has_meeting && imp->meeting.id[0]
				? arena_printf(&imp->arena, "meeting:%s:%lld", imp->meeting.id,
					       (long long)imp->meeting.start)
				: arena_printf(&imp->arena, "file:%s", filename);
	int64_t length = s->ends_at - s->starts_at;
	for (size_t i = 0; i < imp->npeople; i++) {
		struct att_person *p = imp->people[i];
		p->seconds = p->iv.n ? interval_set_covered(&p->iv, s->starts_at, s->ends_at)
				     : p->unique_seconds;
		if (p->seconds > length)
			p->seconds = length;
		att_match(db, imp, p);
	}
	return imp;
}

void att_import_free(struct att_import *imp)
{
	if (!imp)
		return;
	for (size_t i = 0; i < imp->npeople; i++)
		interval_set_release(&imp->people[i]->iv);
	free(imp->tab);
	free(imp->people);
	json_decref(imp->problems);
	arena_release(&imp->arena);
	free(imp);
}

const char *att_import_date_warning(const struct att_import *imp)
{
	return imp->date_warning[0] ? imp->date_warning : NULL;
}

json_t *att_import_report(const struct att_import *imp)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:O, s:b, s:b, s:s}", "rows",
			 (json_int_t)imp->rows, "rejected", (json_int_t)imp->rejected, "people",
			 (json_int_t)imp->npeople, "matched", (json_int_t)imp->matched,
			 "unmatched", (json_int_t)(imp->npeople - imp->matched), "problems",
			 imp->problems, "unchanged", imp->unchanged, "replaced", imp->replaced,
			 "filename", imp->filename);
}

/* Removes an earlier import's rows (a corrected file replaces it). */
static int att_import_drop(struct db *db, int64_t id)
{
	static const char *const sql[] = {
		"DELETE FROM zoom_attendance WHERE import_id = $1",
		"DELETE FROM zoom_unmatched WHERE import_id = $1",
		"DELETE FROM attendance_imports WHERE id = $1",
	};
	for (size_t i = 0; i < 3; i++) {
		struct db_stmt *st = db_prepare(db, sql[i]);
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, id);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	return DB_OK;
}

static int att_store_person(struct db *db, int64_t import_id, const struct att_person *p)
{
	struct db_stmt *st;

	if (p->registration_id) {
		/* Two report entries (an e-mail and a name) may be one person. */
		st = db_prepare(db, "INSERT INTO zoom_attendance (import_id, registration_id, "
				    "seconds, first_join, last_leave) VALUES ($1, $2, $3, $4, $5) "
				    "ON CONFLICT (import_id, registration_id) DO UPDATE SET "
				    "seconds = zoom_attendance.seconds + excluded.seconds");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, import_id);
		db_bind_int(st, 2, p->registration_id);
		db_bind_int(st, 3, p->seconds);
		db_bind_int(st, 4, p->first);
		db_bind_int(st, 5, p->last);
		return db_run(st);
	}
	st = db_prepare(db, "INSERT INTO zoom_unmatched (import_id, name, name_fold, email, "
			    "seconds, reason) VALUES ($1, $2, $3, $4, $5, $6)");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, import_id);
	db_bind_text(st, 2, p->name);
	db_bind_text(st, 3, p->name_fold);
	db_bind_text(st, 4, p->email);
	db_bind_int(st, 5, p->seconds);
	db_bind_text(st, 6, p->reason);
	return db_run(st);
}

int att_import_store(struct db *db, void *arg)
{
	struct att_import_job *j = arg;
	struct att_import *imp = j->imp;
	struct db_stmt *st = db_prepare(db, "SELECT id, file_sha256 FROM attendance_imports "
					    "WHERE session_id = $1 AND file_key = $2");
	int64_t old = 0;
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, imp->s.id);
	db_bind_text(st, 2, imp->file_key);
	if ((rc = db_step(st)) == DB_ROW) {
		old = db_col_int(st, 0);
		imp->unchanged = strcmp(db_col_text(st, 1), imp->sha256) == 0;
	}
	db_done(st);
	if (rc == DB_ERROR)
		return DB_ERROR;
	if (imp->unchanged) {
		j->import_id = old;
		return DB_OK;
	}
	if (old && att_import_drop(db, old) != DB_OK)
		return DB_ERROR;
	imp->replaced = old != 0;
	char *report = json_dumps(imp->problems, JSON_COMPACT);
	st = db_prepare(db, "INSERT INTO attendance_imports (session_id, file_key, file_sha256, "
			    "filename, meeting_topic, meeting_start, rows_read, rows_rejected, "
			    "people, matched, report, imported_at, imported_by) VALUES ($1, $2, $3, "
			    "$4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id");
	if (!st) {
		free(report);
		return DB_ERROR;
	}
	db_bind_int(st, 1, imp->s.id);
	db_bind_text(st, 2, imp->file_key);
	db_bind_text(st, 3, imp->sha256);
	db_bind_text(st, 4, imp->filename);
	db_bind_text(st, 5, imp->meeting.topic);
	if (imp->meeting.start)
		db_bind_int(st, 6, imp->meeting.start);
	else
		db_bind_null(st, 6);
	db_bind_int(st, 7, (int64_t)imp->rows);
	db_bind_int(st, 8, (int64_t)imp->rejected);
	db_bind_int(st, 9, (int64_t)imp->npeople);
	db_bind_int(st, 10, (int64_t)imp->matched);
	db_bind_text(st, 11, report);
	db_bind_int(st, 12, j->now);
	db_bind_text(st, 13, j->imported_by);
	rc = db_one_int(st, &j->import_id);
	free(report);
	if (rc != DB_OK)
		return DB_ERROR;
	for (size_t i = 0; i < imp->npeople; i++)
		if (att_store_person(db, j->import_id, imp->people[i]) != DB_OK)
			return DB_ERROR;
	return DB_OK;
}
