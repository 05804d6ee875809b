/*
 * attendance_assign.c: the unmatched people of a session's Zoom reports,
 * suggestions for them, and the organiser's hand assignment (remembered
 * for the series by e-mail and by folded name, so later sessions match by
 * themselves).  See attendance.h.
 */
#include "domain/attendance.h"
#include "core/i18n.h"
#include "db/db.h"

#include <stdio.h>
#include <string.h>

/* Registrations whose folded name shares the most words with `fold`. */
static json_t *att_suggest(struct db *db, int64_t series_id, const char *fold)
{
	json_t *out = json_array();
	const char *last = strrchr(fold, ' ');
	char pattern[200];

	/* Vietnamese given names come last: candidates share it. */
	snprintf(pattern, sizeof(pattern), "%% %s", last ? last + 1 : fold);
	struct db_stmt *st = db_prepare(db, "SELECT id, full_name, email, name_fold FROM "
					    "registrations WHERE series_id = $1 AND status = "
					    "'active' AND (name_fold LIKE $2 OR name_fold = $3) "
					    "LIMIT 50");
	if (!st)
		return out;
	db_bind_int(st, 1, series_id);
	db_bind_text(st, 2, pattern);
	db_bind_text(st, 3, last ? last + 1 : fold);
	struct {
		int64_t id;
		int score;
		char name[128], email[128];
	} best[3] = {{0}};
	while (db_step(st) == DB_ROW) {
		const char *cand = db_col_text(st, 3);
		int score = 0;
		for (const char *w = fold; *w;) {
			size_t len = strcspn(w, " ");
			char word[64];
			if (len && len < sizeof(word)) {
				memcpy(word, w, len);
				word[len] = 0;
				score += strstr(cand, word) != NULL;
			}
			w += len + (w[len] == ' ');
		}
		for (int k = 0; k < 3; k++) {
			if (score <= best[k].score && best[k].id)
				continue;
			memmove(&best[k + 1], &best[k], sizeof(best[0]) * (size_t)(2 - k));
			best[k].id = db_col_int(st, 0);
			best[k].score = score;
			snprintf(best[k].name, sizeof(best[k].name), "%s", db_col_text(st, 1));
			snprintf(best[k].email, sizeof(best[k].email), "%s", db_col_text(st, 2));
			break;
		}
	}
	db_done(st);
	for (int k = 0; k < 3 && best[k].id; k++)
		json_array_append_new(out, json_pack("{s:I, s:s, s:s}", "id",
						     (json_int_t)best[k].id, "full_name",
						     best[k].name, "email", best[k].email));
	return out;
}

json_t *att_unmatched(struct db *db, int64_t session_id)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(
		db, "SELECT u.id, u.name, u.name_fold, u.email, u.seconds, u.reason, "
		    "s.series_id FROM zoom_unmatched u JOIN attendance_imports i ON i.id = "
		    "u.import_id JOIN sessions s ON s.id = i.session_id WHERE i.session_id = $1 "
		    "AND u.assigned_to IS NULL ORDER BY u.seconds DESC, u.id LIMIT 200");
	struct row {
		int64_t id, seconds, series;
		char name[128], fold[128], email[128], reason[16];
	} rows[200];
	int n = 0;

	if (!st)
		return list;
	db_bind_int(st, 1, session_id);
	while (db_step(st) == DB_ROW && n < 200) {
		struct row *x = &rows[n++];
		x->id = db_col_int(st, 0);
		snprintf(x->name, sizeof(x->name), "%s", db_col_text(st, 1));
		snprintf(x->fold, sizeof(x->fold), "%s", db_col_text(st, 2));
		snprintf(x->email, sizeof(x->email), "%s", db_col_text(st, 3));
		x->seconds = db_col_int(st, 4);
		snprintf(x->reason, sizeof(x->reason), "%s", db_col_text(st, 5));
		x->series = db_col_int(st, 6);
	}
	db_done(st);
	for (int i = 0; i < n; i++)
		json_array_append_new(
			list, json_pack("{s:I, s:s, s:s, s:I, s:s, s:o}", "id",
					(json_int_t)rows[i].id, "name", rows[i].name, "email",
					rows[i].email, "minutes", (json_int_t)(rows[i].seconds / 60),
					"reason",
					strcmp(rows[i].reason, "ambiguous") == 0
						? _("trùng tên với nhiều người đăng ký")
						: _("không tìm thấy người đăng ký"),
					"suggestions",
					att_suggest(db, rows[i].series, rows[i].fold)));
	return list;
}

int att_assign(struct db *db, void *arg)
{
	struct att_assign_job *j = arg;
	struct db_stmt *st = db_prepare(
		db, "SELECT u.import_id, u.name_fold, u.email, u.seconds FROM zoom_unmatched u "
		    "JOIN attendance_imports i ON i.id = u.import_id JOIN sessions s ON s.id = "
		    "i.session_id JOIN registrations r ON r.id = $2 AND r.series_id = s.series_id "
		    "WHERE u.id = $1 AND s.series_id = $3 AND u.assigned_to IS NULL");
	int64_t import_id, seconds;
	char fold[200], email[200];

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->unmatched_id);
	db_bind_int(st, 2, j->registration_id);
	db_bind_int(st, 3, j->series_id);
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return DB_NOTFOUND;
	}
	import_id = db_col_int(st, 0);
	snprintf(fold, sizeof(fold), "n:%s", db_col_text(st, 1));
	snprintf(email, sizeof(email), "e:%s", db_col_text(st, 2));
	seconds = db_col_int(st, 3);
	db_done(st);

	const char *keys[2] = {fold, email};
	for (int k = 0; k < 2; k++) {
		if (strlen(keys[k]) <= 2)
			continue;
		st = db_prepare(db, "INSERT INTO zoom_aliases (series_id, key, registration_id) "
				    "VALUES ($1, $2, $3) ON CONFLICT (series_id, key) DO UPDATE SET "
				    "registration_id = excluded.registration_id");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, j->series_id);
		db_bind_text(st, 2, keys[k]);
		db_bind_int(st, 3, j->registration_id);
		if (db_run(st) != DB_OK)
			return DB_ERROR;
	}
	st = db_prepare(db, "INSERT INTO zoom_attendance (import_id, registration_id, seconds) "
			    "VALUES ($1, $2, $3) ON CONFLICT (import_id, registration_id) DO "
			    "UPDATE SET seconds = zoom_attendance.seconds + excluded.seconds");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, import_id);
	db_bind_int(st, 2, j->registration_id);
	db_bind_int(st, 3, seconds);
	if (db_run(st) != DB_OK)
		return DB_ERROR;
	st = db_prepare(db, "UPDATE zoom_unmatched SET assigned_to = $2 WHERE id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->unmatched_id);
	db_bind_int(st, 2, j->registration_id);
	return db_run(st);
}
