/*
 * attendance.c: the one definition of "attended" and the records it is
 * computed from (see attendance.h).
 */
#include "domain/attendance.h"
#include "core/i18n.h"
#include "db/db.h"

int att_session_load(struct db *db, int64_t session_id, struct att_session *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, series_id, starts_at, ends_at, position "
					    "FROM sessions WHERE id = $1");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, session_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->series_id = db_col_int(st, 1);
		out->starts_at = db_col_int(st, 2);
		out->ends_at = db_col_int(st, 3);
		out->position = (int)db_col_int(st, 4);
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

int att_rule_load(struct db *db, int64_t session_id, struct att_rule *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT min_percent, min_checkins FROM "
					    "attendance_rules WHERE session_id = $1");
	int rc;

	out->min_percent = 60;
	out->min_checkins = 0;
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, session_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->min_percent = (int)db_col_int(st, 0);
		out->min_checkins = (int)db_col_int(st, 1);
	}
	db_done(st);
	return rc == DB_ERROR ? DB_ERROR : DB_OK;
}

unsigned att_attended(const struct att_session *s, const struct att_rule *rule,
		      const struct att_record *rec)
{
	unsigned src = ATT_NONE;
	int64_t length = s->ends_at - s->starts_at;

	if (rec->zoom_seconds > 0 && length > 0 &&
	    rec->zoom_seconds * 100 >= (int64_t)rule->min_percent * length)
		src |= ATT_ZOOM;
	if (rule->min_checkins > 0 && rec->checkins >= rule->min_checkins)
		src |= ATT_CHECKIN;
	if (rec->evaluation)
		src |= ATT_EVALUATION;
	return src;
}

const char *att_source_text(unsigned s)
{
	static const char *const names[8] = {
		"",
		N_("Zoom"),
		N_("mã điểm danh"),
		N_("Zoom, mã điểm danh"),
		N_("bài đánh giá"),
		N_("Zoom, bài đánh giá"),
		N_("mã điểm danh, bài đánh giá"),
		N_("Zoom, mã điểm danh, bài đánh giá"),
	};
	return _(names[s & 7]);
}

int att_session_records(struct db *db, int64_t session_id,
			void (*fn)(const struct att_record *rec, void *arg), void *arg)
{
	/* The three sources side by side, one row per participant.  Zoom
	 * time from several reports of the session adds up (different
	 * meetings), but never beyond the session's length. */
	struct db_stmt *st = db_prepare(
		db, "SELECT registration_id, SUM(zs), SUM(ck), MAX(ev) FROM ("
		    " SELECT za.registration_id, za.seconds AS zs, 0 AS ck, 0 AS ev"
		    " FROM zoom_attendance za JOIN attendance_imports ai ON ai.id = za.import_id"
		    " WHERE ai.session_id = $1"
		    " UNION ALL SELECT ce.registration_id, 0, 1, 0 FROM checkin_entries ce"
		    " JOIN checkins c ON c.id = ce.checkin_id WHERE c.session_id = $1"
		    " UNION ALL SELECT s.registration_id, 0, 0, 1 FROM submissions s"
		    " JOIN evaluations e ON e.id = s.evaluation_id WHERE e.session_id = $1"
		    " AND e.counts_as_presence = 1 AND s.submitted_at >= e.opens_at"
		    " AND s.submitted_at < e.closes_at"
		    ") x GROUP BY registration_id");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, session_id);
	while ((rc = db_step(st)) == DB_ROW) {
		struct att_record rec = {
			.registration_id = db_col_int(st, 0),
			.zoom_seconds = db_col_int(st, 1),
			.checkins = (int)db_col_int(st, 2),
			.evaluation = db_col_int(st, 3) > 0,
		};
		fn(&rec, arg);
	}
	db_done(st);
	return rc == DB_DONE ? DB_OK : DB_ERROR;
}

json_t *att_imports_list(struct db *db, int64_t session_id)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(
		db, "SELECT id, filename, meeting_topic, rows_read, rows_rejected, people, matched, "
		    "imported_at, imported_by FROM attendance_imports WHERE session_id = $1 "
		    "ORDER BY imported_at");

	if (!st)
		return list;
	db_bind_int(st, 1, session_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(
			list, json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:s}", "id",
					(json_int_t)db_col_int(st, 0), "filename", db_col_text(st, 1),
					"topic", db_col_text(st, 2), "rows",
					(json_int_t)db_col_int(st, 3), "rejected",
					(json_int_t)db_col_int(st, 4), "people",
					(json_int_t)db_col_int(st, 5), "matched",
					(json_int_t)db_col_int(st, 6), "imported_at",
					(json_int_t)db_col_int(st, 7), "by", db_col_text(st, 8)));
	db_done(st);
	return list;
}

int att_rule_save(struct db *db, void *arg)
{
	struct att_rule_job *j = arg;
	struct db_stmt *st = db_prepare(
		db, "INSERT INTO attendance_rules (session_id, min_percent, min_checkins) VALUES "
		    "($1, $2, $3) ON CONFLICT (session_id) DO UPDATE SET min_percent = "
		    "excluded.min_percent, min_checkins = excluded.min_checkins");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, j->session_id);
	db_bind_int(st, 2, j->rule.min_percent);
	db_bind_int(st, 3, j->rule.min_checkins);
	return db_run(st);
}
