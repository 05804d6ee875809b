/*
 * attendance_export.c: the attendance of a series as rows, one per
 * participant and session (e-mail, full name, session date, minutes,
 * source, attended), for the CSV and XLSX exports of the console and the
 * command line.  Rows come out in participant order, sessions in order,
 * with att_attended() deciding, so every export agrees with the matrix.
 */
#include "domain/attendance.h"
#include "core/arena.h"
#include "core/vtime.h"
#include "db/db.h"

#include <stdlib.h>
#include <string.h>

#define ATT_MAX_SESSIONS 64

struct att_map {
	struct att_record *v;
	size_t n, cap;
};

static void att_map_add(const struct att_record *rec, void *arg)
{
	struct att_map *m = arg;

	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 256;
		m->v = xrealloc(m->v, m->cap * sizeof(*m->v));
	}
	m->v[m->n++] = *rec;
}

static int att_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct att_record *)a)->registration_id;
	int64_t y = ((const struct att_record *)b)->registration_id;

	return x < y ? -1 : x > y;
}

static const struct att_record *att_map_find(const struct att_map *m, int64_t reg)
{
	struct att_record key = {.registration_id = reg};

	if (!m->n)
		return NULL;
	return bsearch(&key, m->v, m->n, sizeof(*m->v), att_cmp);
}

int att_export(struct db *db, int64_t series_id, void (*row)(const struct att_row *r, void *arg),
	       void *arg)
{
	struct att_session ss[ATT_MAX_SESSIONS];
	struct att_rule rules[ATT_MAX_SESSIONS];
	struct att_map maps[ATT_MAX_SESSIONS];
	char dates[ATT_MAX_SESSIONS][16];
	int ns = 0, rc = DB_OK;
	struct db_stmt *st = db_prepare(db, "SELECT id FROM sessions WHERE series_id = $1 "
					    "ORDER BY starts_at, position");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	while (db_step(st) == DB_ROW && ns < ATT_MAX_SESSIONS)
		ss[ns++].id = db_col_int(st, 0);
	db_done(st);
	memset(maps, 0, sizeof(maps));
	for (int i = 0; i < ns && rc == DB_OK; i++) {
		rc = att_session_load(db, ss[i].id, &ss[i]);
		if (rc == DB_OK)
			rc = att_rule_load(db, ss[i].id, &rules[i]);
		if (rc == DB_OK)
			rc = att_session_records(db, ss[i].id, att_map_add, &maps[i]);
		if (maps[i].n)
			qsort(maps[i].v, maps[i].n, sizeof(*maps[i].v), att_cmp);
		vtime_date(dates[i], sizeof(dates[i]), ss[i].starts_at);
	}
	st = rc == DB_OK ? db_prepare(db, "SELECT id, email, full_name FROM registrations WHERE "
					  "series_id = $1 AND status = 'active' ORDER BY id")
			 : NULL;
	if (st) {
		db_bind_int(st, 1, series_id);
		while (db_step(st) == DB_ROW) {
			struct att_row out = {.registration_id = db_col_int(st, 0),
					      .email = db_col_text(st, 1),
					      .full_name = db_col_text(st, 2)};
			for (int i = 0; i < ns; i++) {
				const struct att_record *rec = att_map_find(&maps[i], out.registration_id);
				struct att_record none = {.registration_id = out.registration_id};
				int64_t length = ss[i].ends_at - ss[i].starts_at;
				if (!rec)
					rec = &none;
				out.session = &ss[i];
				out.session_date = dates[i];
				out.minutes = (rec->zoom_seconds < length ? rec->zoom_seconds : length) / 60;
				out.checkins = rec->checkins;
				out.sources = att_attended(&ss[i], &rules[i], rec);
				out.evaluation = rec->evaluation;
				row(&out, arg);
			}
		}
		db_done(st);
	} else {
		rc = DB_ERROR;
	}
	for (int i = 0; i < ns; i++)
		free(maps[i].v);
	return rc;
}
