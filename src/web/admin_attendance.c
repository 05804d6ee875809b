/*
 * admin_attendance.c: the attendance of a series in the console.
 *   GET  /admin/series/{slug}/attendance            the matrix (participants x
 *        sessions: minutes and source), counts per session and source
 *   GET  /admin/series/{slug}/attendance.csv        one row per participant and session
 *   GET  /admin/series/{slug}/sessions/{id}/attendance   a session: its rule, Zoom
 *        imports, the unmatched people, check-in codes
 *   POST .../attendance/rule | import | assign | checkins | checkins/{cid}/close
 * No SQL here: domain/attendance*.c and checkin.c.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/account.h"
#include "domain/attendance.h"
#include "domain/audit.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/admin_attendance.h"
#include "web/pages.h"
#include "web/send_file.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The series and one of its sessions (params 0 and 1). */
static int att_page_session(struct req *r, struct series *s, struct att_session *ss, bool edit)
{
	char *end;

	if (admin_series(r, s, edit) != 0)
		return -1;
	long long id = strtoll(r->params[1], &end, 10);
	if (*end || id <= 0 || att_session_load(r->db, id, ss) != DB_OK || ss->series_id != s->id) {
		req_error(r, 404, _("Không tìm thấy buổi tập huấn này."));
		return -1;
	}
	return 0;
}

static const char *att_session_base(struct req *r)
{
	return arena_printf(&r->arena, "/admin/series/%s/sessions/%s/attendance", r->params[0],
			    r->params[1]);
}

struct att_count {
	int64_t attended, zoom, checkin, evaluation;
	const struct att_session *s;
	const struct att_rule *rule;
};

static void att_count_one(const struct att_record *rec, void *arg)
{
	struct att_count *c = arg;
	unsigned src = att_attended(c->s, c->rule, rec);

	c->attended += src != 0;
	c->zoom += (src & ATT_ZOOM) != 0;
	c->checkin += (src & ATT_CHECKIN) != 0;
	c->evaluation += (src & ATT_EVALUATION) != 0;
}

/* The series' sessions with their attendance counts. */
static json_t *att_sessions_view(struct req *r, int64_t series_id)
{
	json_t *series_sessions = json_array();
	struct series s;

	if (series_find_id(r->db, series_id, &s) != DB_OK)
		return series_sessions;
	json_t *full = series_load(r->db, &s);
	size_t i;
	json_t *x;
	char d[16];

	json_array_foreach(json_object_get(full, "sessions"), i, x)
	{
		struct att_session ss;
		struct att_rule rule;
		struct att_count c = {0};
		int64_t id = json_integer_value(json_object_get(x, "id"));
		if (att_session_load(r->db, id, &ss) != DB_OK)
			continue;
		att_rule_load(r->db, id, &rule);
		c.s = &ss;
		c.rule = &rule;
		att_session_records(r->db, id, att_count_one, &c);
		json_array_append_new(
			series_sessions,
			json_pack("{s:I, s:i, s:s, s:I, s:I, s:I, s:I, s:i}", "id", (json_int_t)id,
				  "number", (int)i + 1, "date",
				  vtime_date(d, sizeof(d), ss.starts_at), "attended",
				  (json_int_t)c.attended, "zoom", (json_int_t)c.zoom, "checkin",
				  (json_int_t)c.checkin, "evaluation", (json_int_t)c.evaluation,
				  "min_percent", rule.min_percent));
	}
	json_decref(full);
	return series_sessions;
}

/* The matrix: one page of participants (by registration order) against
 * every session. */
struct att_matrix {
	json_t *rows, *cur;
	int64_t cur_id, skip, take, seen;
};

static void att_matrix_row(const struct att_row *x, void *arg)
{
	struct att_matrix *m = arg;

	if (x->registration_id != m->cur_id) {
		m->cur_id = x->registration_id;
		m->seen++;
		m->cur = NULL;
		if (m->seen > m->skip && m->seen <= m->skip + m->take) {
			m->cur = json_pack("{s:s, s:s, s:[]}", "full_name", x->full_name, "email",
					   x->email, "cells");
			json_array_append_new(m->rows, m->cur);
		}
	}
	if (m->cur)
		json_array_append_new(json_object_get(m->cur, "cells"),
				      json_pack("{s:b, s:I, s:i, s:b, s:s}", "attended",
						x->sources != 0, "minutes", (json_int_t)x->minutes,
						"checkins", x->checkins, "evaluation", x->evaluation,
						"source", att_source_text(x->sources)));
}

void page_admin_attendance(struct req *r)
{
	struct series s;
	const char *pg = req_query(r, "page");
	long page = pg ? strtol(pg, NULL, 10) : 1;

	if (admin_series(r, &s, false) != 0)
		return;
	if (page < 1 || page > 100000)
		page = 1;
	struct att_matrix m = {.rows = json_array(), .cur_id = -1, .skip = (page - 1) * 100,
			       .take = 100};
	att_export(r->db, s.id, att_matrix_row, &m);
	json_t *ctx = admin_series_ctx(r, &s, "attendance");
	json_object_set_new(ctx, "slug", json_string(s.slug));
	json_object_set_new(ctx, "sessions", att_sessions_view(r, s.id));
	json_object_set_new(ctx, "rows", m.rows);
	json_object_set_new(ctx, "participants", json_integer(m.seen));
	if (page > 1)
		json_object_set_new(ctx, "prev_page", json_integer(page - 1));
	if (m.seen > page * 100)
		json_object_set_new(ctx, "next_page", json_integer(page + 1));
	req_render(r, 200, "admin_attendance", ctx);
}

static void csv_field(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void att_csv_row(const struct att_row *x, void *arg)
{
	FILE *f = arg;

	csv_field(f, x->email);
	fputc(',', f);
	csv_field(f, x->full_name);
	fprintf(f, ",%s,%d,%lld,%d,%s,", x->session_date, x->session->position,
		(long long)x->minutes, x->checkins, x->evaluation ? "có" : "không");
	csv_field(f, att_source_text(x->sources));
	fprintf(f, ",%s\r\n", x->sources ? "có" : "không");
}

/* Writes the attendance CSV of a series to f (UTF-8 with a BOM for Excel). */
int att_write_csv(struct db *db, int64_t series_id, FILE *f)
{
	fputs("\xEF\xBB\xBF", f);
	fputs("E-mail,Họ và tên,Ngày buổi học,Buổi,Số phút Zoom,Số lần điểm danh,"
	      "Nộp bài đánh giá,Nguồn,Có mặt\r\n",
	      f);
	return att_export(db, series_id, att_csv_row, f);
}

void page_admin_attendance_csv(struct req *r)
{
	struct series s;
	FILE *f;

	if (admin_series(r, &s, false) != 0)
		return;
	if (!(f = tmpfile()) || att_write_csv(r->db, s.id, f) != DB_OK) {
		if (f)
			fclose(f);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	send_file(r, f, "text/csv; charset=utf-8",
		  arena_printf(&r->arena, "diem-danh-%s.csv", s.slug));
}

/* The session page, with an import report or a message when given. */
void att_session_page_post(struct req *r, unsigned status, json_t *report, const char *notice,
			     const char *error)
{
	struct series s;
	struct att_session ss;
	struct att_rule rule;
	char d[16], t1[8], t2[8];

	if (att_page_session(r, &s, &ss, false) != 0) {
		json_decref(report);
		return;
	}
	att_rule_load(r->db, ss.id, &rule);
	json_t *ctx = admin_ctx(r);
	json_object_set_new(ctx, "slug", json_string(s.slug));
	json_object_set_new(ctx, "base", json_string(att_session_base(r)));
	json_object_set_new(ctx, "sbase", json_string(arena_printf(&r->arena,
								   "/admin/series/%s/sessions/%s",
								   r->params[0], r->params[1])));
	json_object_set_new(ctx, "session",
			    json_pack("{s:i, s:s, s:s, s:s, s:i, s:i}", "number", ss.position,
				      "date", vtime_date(d, sizeof(d), ss.starts_at), "start",
				      vtime_hm(t1, sizeof(t1), ss.starts_at), "end",
				      vtime_hm(t2, sizeof(t2), ss.ends_at), "min_percent",
				      rule.min_percent, "min_checkins", rule.min_checkins));
	json_object_set_new(ctx, "unmatched", att_unmatched(r->db, ss.id));
	json_object_set_new(ctx, "imports", att_imports_list(r->db, ss.id));
	json_object_set_new(ctx, "checkins", checkin_list(r->db, ss.id, (int64_t)time(NULL)));
	if (report)
		json_object_set_new(ctx, "report", report);
	if (notice)
		json_object_set_new(ctx, "notice", json_string(notice));
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	req_render(r, status, "admin_session_attendance", ctx);
}

void page_admin_session_attendance(struct req *r)
{
	const char *done = req_query(r, "done");

	att_session_page_post(r, 200, NULL,
			 done && strcmp(done, "rule") == 0     ? _("Đã lưu quy tắc điểm danh.")
			 : done && strcmp(done, "assign") == 0 ? _("Đã gán người tham dự.")
			 : done && strcmp(done, "checkin") == 0 ? _("Đã cập nhật mã điểm danh.")
								: NULL,
			 NULL);
}
