/*
 * checkin.c: check-in codes for the live streams (see attendance.h).  The
 * organiser opens a check-in for a few minutes and puts the code on the
 * stream; viewers type it on their personal page.  Codes are 6 characters
 * from an alphabet without look-alikes (no 0/O, 1/I/L), unique among the
 * check-ins open in a series at the same time, and case-insensitive.
 */
#include "domain/attendance.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "db/db.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char checkin_alphabet[] = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

bool checkin_code_normalize(const char *in, char *out)
{
	size_t n = 0;

	for (const char *p = in; *p; p++) {
		int c = toupper((unsigned char)*p);
		if (c == ' ' || c == '-' || c == '.')
			continue;
		if (!strchr(checkin_alphabet, c) || n == CHECKIN_CODE_LEN)
			return false;
		out[n++] = (char)c;
	}
	out[n] = 0;
	return n == CHECKIN_CODE_LEN;
}

int checkin_open(struct db *db, void *arg)
{
	struct checkin_open_job *j = arg;

	for (int attempt = 0; attempt < 20; attempt++) {
		int64_t clash = 0;
		for (int i = 0; i < CHECKIN_CODE_LEN; i++)
			j->code[i] = checkin_alphabet[randombytes_uniform(sizeof(checkin_alphabet) - 1)];
		j->code[CHECKIN_CODE_LEN] = 0;
		struct db_stmt *st = db_prepare(
			db, "SELECT COUNT(*) FROM checkins c JOIN sessions s ON s.id = c.session_id "
			    "WHERE s.series_id = $1 AND c.code = $2 AND c.closes_at > $3");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, j->series_id);
		db_bind_text(st, 2, j->code);
		db_bind_int(st, 3, j->now);
		if (db_one_int(st, &clash) != DB_OK)
			return DB_ERROR;
		if (clash)
			continue;
		st = db_prepare(db, "INSERT INTO checkins (session_id, code, opens_at, closes_at, "
				    "created_at) VALUES ($1, $2, $3, $4, $3) RETURNING id");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, j->session_id);
		db_bind_text(st, 2, j->code);
		db_bind_int(st, 3, j->now);
		db_bind_int(st, 4, j->now + (int64_t)j->minutes * 60);
		return db_one_int(st, &j->checkin_id) == DB_OK ? DB_OK : DB_ERROR;
	}
	return DB_ERROR;
}

int checkin_close(struct db *db, void *arg)
{
	struct checkin_close_job *j = arg;
	struct db_stmt *st = db_prepare(db, "UPDATE checkins SET closes_at = $2 WHERE id = $1 "
					    "AND closes_at > $2");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->checkin_id);
	db_bind_int(st, 2, j->now);
	return db_run(st);
}

int checkin_enter(struct db *db, void *arg)
{
	struct checkin_enter_job *j = arg;
	/* The latest check-in of the series with this code decides. */
	struct db_stmt *st = db_prepare(
		db, "SELECT c.id, c.session_id, c.opens_at, c.closes_at FROM checkins c JOIN "
		    "sessions s ON s.id = c.session_id WHERE s.series_id = $1 AND c.code = $2 "
		    "ORDER BY c.opens_at DESC LIMIT 1");
	int64_t id, opens, closes;
	char t[16], d[16];

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->series_id);
	db_bind_text(st, 2, j->code);
	int rc = db_step(st);
	if (rc != DB_ROW) {
		db_done(st);
		j->why = _("Mã điểm danh không đúng. Xin kiểm tra lại mã trên màn hình.");
		return rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
	}
	id = db_col_int(st, 0);
	j->session_id = db_col_int(st, 1);
	opens = db_col_int(st, 2);
	closes = db_col_int(st, 3);
	db_done(st);
	if (j->now < opens) {
		j->why = _("Mã điểm danh này chưa mở.");
		return DB_NOTFOUND;
	}
	if (j->now >= closes) {
		snprintf(j->why_buf, sizeof(j->why_buf),
			 _("Mã điểm danh này đã hết hạn lúc %s ngày %s."),
			 vtime_hm(t, sizeof(t), closes), vtime_date(d, sizeof(d), closes));
		j->why = j->why_buf;
		return DB_NOTFOUND;
	}
	st = db_prepare(db, "INSERT INTO checkin_entries (checkin_id, registration_id, at) "
			    "VALUES ($1, $2, $3) ON CONFLICT (checkin_id, registration_id) DO NOTHING "
			    "RETURNING at");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, j->registration_id);
	db_bind_int(st, 3, j->now);
	int64_t at;
	rc = db_one_int(st, &at);
	if (rc == DB_NOTFOUND)
		j->again = true;
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

json_t *checkin_list(struct db *db, int64_t session_id, int64_t now)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(
		db, "SELECT c.id, c.code, c.opens_at, c.closes_at, (SELECT COUNT(*) FROM "
		    "checkin_entries e WHERE e.checkin_id = c.id) FROM checkins c WHERE "
		    "c.session_id = $1 ORDER BY c.opens_at");
	char t1[16], t2[16];

	if (!st)
		return list;
	db_bind_int(st, 1, session_id);
	while (db_step(st) == DB_ROW) {
		int64_t opens = db_col_int(st, 2), closes = db_col_int(st, 3);
		json_array_append_new(
			list, json_pack("{s:I, s:s, s:s, s:s, s:I, s:b}", "id",
					(json_int_t)db_col_int(st, 0), "code", db_col_text(st, 1),
					"opens", vtime_hm(t1, sizeof(t1), opens), "closes",
					vtime_hm(t2, sizeof(t2), closes), "entries",
					(json_int_t)db_col_int(st, 4), "open",
					now >= opens && now < closes));
	}
	db_done(st);
	return list;
}

bool checkin_belongs(struct db *db, int64_t checkin_id, int64_t session_id)
{
	int64_t n = 0;
	struct db_stmt *st =
		db_prepare(db, "SELECT COUNT(*) FROM checkins WHERE id = $1 AND session_id = $2");

	if (!st)
		return false;
	db_bind_int(st, 1, checkin_id);
	db_bind_int(st, 2, session_id);
	return db_one_int(st, &n) == DB_OK && n == 1;
}

int checkin_code_of(struct db *db, int64_t checkin_id, char *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT code FROM checkins WHERE id = $1");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, checkin_id);
	rc = db_step(st);
	if (rc == DB_ROW)
		snprintf(out, 16, "%s", db_col_text(st, 0));
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}
