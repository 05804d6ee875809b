/*
 * admin_sessions.c: GET /admin/series/{slug}/sessions, the schedule page
 * (sessions and topics), and the session form: new, edit, delete.
 * Deleting a session with topics asks first (a confirmation page that says
 * the topics stay, unassigned); a session that other rows still point at
 * is never deleted.  Exports page_admin_schedule() and
 * page_admin_session_*(); no SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/schedule.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/admin_form.h"
#include "web/admin_schedule.h"
#include "web/pages.h"
#include "web/view.h"

#include <time.h>

void page_admin_schedule(struct req *r)
{
	struct series s;

	if (admin_series(r, &s, false) != 0)
		return;
	json_t *ctx = admin_series_ctx(r, &s, "sessions");
	json_t *sessions = admin_schedule_sessions(r, &s), *topics = admin_schedule_topics(r, &s);
	json_object_set_new(ctx, "has_sessions", json_boolean(json_array_size(sessions)));
	json_object_set_new(ctx, "has_topics", json_boolean(json_array_size(topics)));
	json_object_set_new(ctx, "sessions", sessions);
	json_object_set_new(ctx, "topics", topics);
	const char *done = req_query(r, "done");
	if (done && *done)
		json_object_set_new(ctx, "saved", json_true());
	req_render(r, 200, "admin_schedule", ctx);
}

static void session_form(struct req *r, unsigned status, const struct series *s, int64_t id,
                         json_t *values, json_t *errors)
{
	json_t *ctx = admin_series_ctx(r, s, "sessions");

	json_object_set_new(ctx, "values", values);
	json_object_set_new(ctx, "errors", errors);
	json_object_set_new(
	    ctx, "action",
	    id ? json_sprintf("/admin/series/%s/sessions/%lld", s->slug, (long long)id)
	       : json_sprintf("/admin/series/%s/sessions/new", s->slug));
	json_object_set_new(ctx, "is_new", json_boolean(!id));
	if (json_object_size(errors))
		json_object_set_new(ctx, "has_errors", json_true());
	req_render(r, status, "admin_session_form", ctx);
}

void page_admin_session_new(struct req *r)
{
	struct series s;

	if (admin_series(r, &s, true) == 0)
		session_form(r, 200, &s, 0, json_object(), json_object());
}

void page_admin_session_edit(struct req *r)
{
	struct series s;
	json_t *x;

	if (admin_series(r, &s, true) != 0)
		return;
	if (!(x = schedule_session_load(r->db, s.id, form_id(r->params[1])))) {
		req_error(r, 404, _("Không tìm thấy buổi này."));
		return;
	}
	json_t *v = json_pack("{s:O, s:O, s:O, s:O}", "title", json_object_get(x, "title"),
	                      "zoom_url", json_object_get(x, "zoom_url"), "facebook_url",
	                      json_object_get(x, "facebook_url"), "youtube_url",
	                      json_object_get(x, "youtube_url"));
	int64_t end = json_integer_value(json_object_get(x, "ends_at"));
	form_set_datetime(v, "date", "start", json_integer_value(json_object_get(x, "starts_at")));
	form_set_datetime(v, "end_date", "end", end);
	json_object_del(v, "end_date");
	json_decref(x);
	session_form(r, 200, &s, form_id(r->params[1]), v, json_object());
}

static void session_saved(struct req *r)
{
	switch (r->job.rc) {
	case DB_OK:
		req_redirect(
		    r, 303,
		    arena_printf(&r->arena, "/admin/series/%s/sessions?done=1", r->params[0]));
		return;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy buổi này."));
		return;
	default:
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được. Xin gửi lại."));
	}
}

static void session_post(struct req *r, int64_t id)
{
	struct series s;
	struct form f;
	struct session_input *in = arena_alloc(&r->arena, sizeof(*in));

	if (admin_series(r, &s, true) != 0)
		return;
	form_init(&f, r);
	in->title = form_text(&f, "title", 200, 0);
	in->starts_at = form_datetime(&f, "date", "start", "date", FORM_REQUIRED);
	in->ends_at = form_datetime(&f, "date", "end", "end", FORM_REQUIRED);
	/* An end earlier in the day than the start is the next morning (an
	 * evening session), as long as the session stays under 12 hours. */
	if (in->starts_at > 0 && in->ends_at > 0 && in->ends_at <= in->starts_at &&
	    in->ends_at + 86400 - in->starts_at <= 12 * 3600)
		in->ends_at += 86400;
	if (in->starts_at > 0 && in->ends_at > 0 && in->ends_at <= in->starts_at)
		form_error(&f, "end", _("Giờ kết thúc phải sau giờ bắt đầu."));
	in->zoom_url = form_url(&f, "zoom_url", 0);
	in->facebook_url = form_url(&f, "facebook_url", 0);
	in->youtube_url = form_url(&f, "youtube_url", 0);
	if (!form_ok(&f)) {
		session_form(r, 422, &s, id, json_incref(f.values), json_incref(f.errors));
		form_release(&f);
		return;
	}
	form_release(&f);
	in->series_id = s.id;
	in->id = id;
	in->who = r->user;
	in->now = (int64_t)time(NULL);
	req_write(r, schedule_session_save, in, session_saved);
}

void page_admin_session_create(struct req *r)
{
	session_post(r, 0);
}

void page_admin_session_update(struct req *r)
{
	int64_t id = form_id(r->params[1]);

	if (!id)
		req_error(r, 404, _("Không tìm thấy buổi này."));
	else
		session_post(r, id);
}

static void session_deleted(struct req *r)
{
	struct schedule_delete *j = r->job.arg;
	struct series s;

	switch (r->job.rc) {
	case DB_OK:
		session_saved(r);
		return;
	case DB_CONFLICT:
	case DB_REFERENCED:
		if (admin_series(r, &s, true) == 0)
			admin_schedule_confirm(r, &s, "session", j, r->job.rc == DB_CONFLICT);
		return;
	default:
		session_saved(r);
	}
}

void page_admin_session_delete(struct req *r)
{
	struct series s;
	struct schedule_delete *j = arena_alloc(&r->arena, sizeof(*j));

	if (admin_series(r, &s, true) != 0)
		return;
	j->series_id = s.id;
	j->id = form_id(r->params[1]);
	j->confirm = req_field(r, "confirm") != NULL;
	j->who = r->user;
	j->now = (int64_t)time(NULL);
	req_write(r, schedule_session_delete, j, session_deleted);
}
