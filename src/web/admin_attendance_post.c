/*
 * admin_attendance_post.c: the changes of the session attendance page
 * (see admin_attendance.c): the attendance rule, a Zoom report upload, a
 * hand assignment, opening and closing a check-in code.  Each is one write
 * through the group commit with its audit entry.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/account.h"
#include "domain/attendance.h"
#include "domain/audit.h"
#include "domain/series.h"
#include "domain/registration.h"
#include "web/admin.h"
#include "web/admin_attendance.h"
#include "web/pages.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


static int att_post_session(struct req *r, struct series *s, struct att_session *ss)
{
	char *end;

	if (admin_series(r, s, true) != 0)
		return -1;
	long long id = strtoll(r->params[1], &end, 10);
	if (*end || id <= 0 || att_session_load(r->db, id, ss) != DB_OK || ss->series_id != s->id) {
		req_error(r, 404, _("Không tìm thấy buổi tập huấn này."));
		return -1;
	}
	return 0;
}

static void att_back(struct req *r, const char *what)
{
	req_redirect(r, 303,
		     arena_printf(&r->arena, "/admin/series/%s/sessions/%s/attendance?done=%s",
				  r->params[0], r->params[1], what));
}

/* A job with its audit entry: the change, then the log line. */
struct att_audited {
	int (*fn)(struct db *db, void *arg);
	void *arg;
	const struct account *who;
	const char *action, *object;
	json_t *after;
	int64_t now;
};

static int att_audited_run(struct db *db, void *arg)
{
	struct att_audited *a = arg;
	int rc = a->fn(db, a->arg);

	if (rc == DB_OK)
		rc = audit_add(db, a->who, a->action, a->object, NULL, a->after, a->now);
	return rc;
}

static void att_write(struct req *r, int (*fn)(struct db *, void *), void *arg, const char *action,
		      json_t *after, void (*cont)(struct req *r))
{
	struct att_audited *a = arena_alloc(&r->arena, sizeof(*a));

	a->fn = fn;
	a->arg = arg;
	a->who = r->user;
	a->action = action;
	a->object = arena_printf(&r->arena, "series:%s/session:%s", r->params[0], r->params[1]);
	a->after = after;
	a->now = (int64_t)time(NULL);
	arena_defer(&r->arena, (void (*)(void *))json_decref, after);
	req_write(r, att_audited_run, a, cont);
}

static void att_rule_done(struct req *r)
{
	if (r->job.rc == DB_OK)
		att_back(r, "rule");
	else
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
}

static bool att_int_field(struct req *r, const char *name, int lo, int hi, int *out)
{
	const char *v = req_field(r, name);
	char *end;

	if (!v || !*v)
		return false;
	long n = strtol(v, &end, 10);
	if (*end || n < lo || n > hi)
		return false;
	*out = (int)n;
	return true;
}

void page_admin_attendance_rule(struct req *r)
{
	struct series s;
	struct att_session ss;
	struct att_rule_job *j = arena_alloc(&r->arena, sizeof(*j));

	if (att_post_session(r, &s, &ss) != 0)
		return;
	if (!att_int_field(r, "min_percent", 1, 100, &j->rule.min_percent) ||
	    !att_int_field(r, "min_checkins", 0, 20, &j->rule.min_checkins)) {
		att_session_page_post(r, 422, NULL, NULL,
				      _("Tỉ lệ thời gian từ 1 đến 100 (%), số lần điểm danh từ 0 "
					"đến 20."));
		return;
	}
	j->session_id = ss.id;
	att_write(r, att_rule_save, j, "attendance.rule",
		  json_pack("{s:i, s:i}", "min_percent", j->rule.min_percent, "min_checkins",
			    j->rule.min_checkins),
		  att_rule_done);
}

struct att_upload {
	const char *data;
	size_t len, pos;
};

static size_t att_upload_read(void *arg, char *buf, size_t n)
{
	struct att_upload *u = arg;
	size_t left = u->len - u->pos;

	if (n > left)
		n = left;
	memcpy(buf, u->data + u->pos, n);
	u->pos += n;
	return n;
}

static void att_import_done(struct req *r)
{
	struct att_import_job *j = r->job.arg;
	json_t *report = att_import_report(j->imp);

	if (r->job.rc != DB_OK) {
		json_decref(report);
		req_error(r, 503, _("Hệ thống đang bận, chưa nhập được báo cáo. Xin thử lại."));
		return;
	}
	att_session_page_post(r, 200, report,
			      json_is_true(json_object_get(report, "unchanged"))
				      ? _("Tệp này đã được nhập trước đó: không có gì thay đổi.")
			      : json_is_true(json_object_get(report, "replaced"))
				      ? _("Đã nhập lại: bản sửa thay cho lần nhập trước của tệp này.")
				      : _("Đã nhập báo cáo Zoom."),
			      NULL);
}

static void att_import_free_cb(void *p)
{
	att_import_free(p);
}

void page_admin_attendance_import(struct req *r)
{
	struct series s;
	struct att_session ss;
	const struct req_file *f = req_file(r, "file");
	unsigned char hash[crypto_hash_sha256_BYTES];
	char hex[65], err[400];

	if (att_post_session(r, &s, &ss) != 0)
		return;
	if (!f) {
		att_session_page_post(r, 422, NULL, NULL, _("Xin chọn tệp báo cáo Zoom (.csv)."));
		return;
	}
	crypto_hash_sha256(hash, (const unsigned char *)f->data, f->len);
	sodium_bin2hex(hex, sizeof(hex), hash, sizeof(hash));
	struct att_upload u = {.data = f->data, .len = f->len};
	struct att_import *imp = att_import_parse(r->db, &ss, f->filename, hex, att_upload_read, &u,
						  err, sizeof(err));
	if (!imp) {
		att_session_page_post(r, 422, NULL, NULL, err);
		return;
	}
	arena_defer(&r->arena, att_import_free_cb, imp);
	const char *warn = att_import_date_warning(imp);
	if (warn && !req_field(r, "confirm")) {
		att_session_page_post(
			r, 409, NULL, NULL,
			arena_printf(&r->arena,
				     _("%s. Nếu đúng là báo cáo của buổi này, hãy chọn lại tệp, "
				       "đánh dấu “Tôi xác nhận” và gửi lại."),
				     warn));
		return;
	}
	struct att_import_job *j = arena_alloc(&r->arena, sizeof(*j));
	j->imp = imp;
	j->imported_by = r->user->email;
	j->now = (int64_t)time(NULL);
	att_write(r, att_import_store, j, "attendance.import",
		  json_pack("{s:s, s:s}", "file", f->filename, "sha256", hex), att_import_done);
}

static void att_assign_done(struct req *r)
{
	if (r->job.rc == DB_OK)
		att_back(r, "assign");
	else if (r->job.rc == DB_NOTFOUND)
		att_session_page_post(r, 422, NULL, NULL,
				      _("Không gán được: người đăng ký không thuộc chuỗi tập huấn "
					"này hoặc dòng đã được gán."));
	else
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
}

void page_admin_attendance_assign(struct req *r)
{
	struct series s;
	struct att_session ss;
	struct att_assign_job *j = arena_alloc(&r->arena, sizeof(*j));
	const char *u = req_field(r, "unmatched"), *g = req_field(r, "registration");
	const char *email = req_field(r, "registration_email");
	char *e1 = NULL, *e2 = NULL;

	if (att_post_session(r, &s, &ss) != 0)
		return;
	j->unmatched_id = u ? strtoll(u, &e1, 10) : 0;
	j->registration_id = g && *g ? strtoll(g, &e2, 10) : 0;
	if (!j->registration_id && email && *email)
		j->registration_id = reg_id_by_email(r->db, s.id, email);
	if (!u || *e1 || (e2 && *e2) || j->unmatched_id <= 0 || j->registration_id <= 0) {
		att_session_page_post(r, 422, NULL, NULL, _("Xin chọn người đăng ký để gán."));
		return;
	}
	j->series_id = s.id;
	att_write(r, att_assign, j, "attendance.assign",
		  json_pack("{s:I, s:I}", "unmatched", (json_int_t)j->unmatched_id, "registration",
			    (json_int_t)j->registration_id),
		  att_assign_done);
}

static void att_checkin_done(struct req *r)
{
	if (r->job.rc == DB_OK)
		att_back(r, "checkin");
	else
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
}

void page_admin_checkin_open(struct req *r)
{
	struct series s;
	struct att_session ss;
	struct checkin_open_job *j = arena_alloc(&r->arena, sizeof(*j));

	if (att_post_session(r, &s, &ss) != 0)
		return;
	if (!att_int_field(r, "minutes", 1, 240, &j->minutes)) {
		att_session_page_post(r, 422, NULL, NULL,
				      _("Thời gian mở mã từ 1 đến 240 phút."));
		return;
	}
	j->session_id = ss.id;
	j->series_id = s.id;
	j->now = (int64_t)time(NULL);
	att_write(r, checkin_open, j, "checkin.open",
		  json_pack("{s:i}", "minutes", j->minutes), att_checkin_done);
}

void page_admin_checkin_close(struct req *r)
{
	struct series s;
	struct att_session ss;
	struct checkin_close_job *j = arena_alloc(&r->arena, sizeof(*j));
	char *end;

	if (att_post_session(r, &s, &ss) != 0)
		return;
	j->checkin_id = strtoll(r->params[2], &end, 10);
	if (*end || !checkin_belongs(r->db, j->checkin_id, ss.id)) {
		req_error(r, 404, _("Không tìm thấy mã điểm danh này."));
		return;
	}
	j->now = (int64_t)time(NULL);
	att_write(r, checkin_close, j, "checkin.close",
		  json_pack("{s:I}", "checkin", (json_int_t)j->checkin_id), att_checkin_done);
}
