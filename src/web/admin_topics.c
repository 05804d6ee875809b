/*
 * admin_topics.c: the topics of a series in the console: new, edit,
 * delete, move up and down, each one a job in the group commit.  A topic
 * that other rows (materials, ...) still point at is not deleted: the
 * page says so and nothing changes.  Exports page_admin_topic_*(); no SQL.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/schedule.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/admin_form.h"
#include "web/admin_schedule.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>

static void topic_form(struct req *r, unsigned status, const struct series *s, int64_t id,
                       json_t *values, json_t *errors, int64_t session_id)
{
	json_t *ctx = admin_series_ctx(r, s, "sessions");

	json_object_set_new(ctx, "values", values);
	json_object_set_new(ctx, "errors", errors);
	json_object_set_new(ctx, "choices", admin_schedule_choices(r, s, session_id));
	json_object_set_new(
	    ctx, "action",
	    id ? json_sprintf("/admin/series/%s/topics/%lld", s->slug, (long long)id)
	       : json_sprintf("/admin/series/%s/topics/new", s->slug));
	json_object_set_new(ctx, "is_new", json_boolean(!id));
	if (json_object_size(errors))
		json_object_set_new(ctx, "has_errors", json_true());
	req_render(r, status, "admin_topic_form", ctx);
}

void page_admin_topic_new(struct req *r)
{
	struct series s;

	if (admin_series(r, &s, true) == 0)
		topic_form(r, 200, &s, 0, json_object(), json_object(),
		           form_id(req_query(r, "session")));
}

void page_admin_topic_edit(struct req *r)
{
	struct series s;
	json_t *x;

	if (admin_series(r, &s, true) != 0)
		return;
	int64_t id = form_id(r->params[1]);
	if (!(x = schedule_topic_load(r->db, s.id, id))) {
		req_error(r, 404, _("Không tìm thấy chuyên đề này."));
		return;
	}
	int64_t session_id = json_integer_value(json_object_get(x, "session_id"));
	topic_form(r, 200, &s, id, x, json_object(), session_id);
}

static void topic_saved(struct req *r)
{
	switch (r->job.rc) {
	case DB_OK:
		req_redirect(r, 303,
		             arena_printf(&r->arena, "/admin/series/%s/sessions?done=1#topics",
		                          r->params[0]));
		return;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy chuyên đề hoặc buổi này."));
		return;
	default:
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được. Xin gửi lại."));
	}
}

/* The session field: "" for none, else a session of this series. */
static int64_t topic_session(struct form *f, const struct series *s)
{
	const char *v = req_field(f->r, "session_id");
	int64_t id = v && *v ? form_id(v) : 0;
	json_t *x;

	if (!v || !*v)
		return 0;
	if (!id || !(x = schedule_session_load(f->r->db, s->id, id))) {
		form_error(f, "session_id", _("Buổi này không có trong chuỗi tập huấn."));
		return -1;
	}
	json_decref(x);
	return id;
}

static void topic_post(struct req *r, int64_t id)
{
	struct series s;
	struct form f;
	struct topic_input *in = arena_alloc(&r->arena, sizeof(*in));

	if (admin_series(r, &s, true) != 0)
		return;
	form_init(&f, r);
	in->title = form_text(&f, "title", 300, FORM_REQUIRED);
	in->speaker = form_text(&f, "speaker", 200, 0);
	in->speaker_org = form_text(&f, "speaker_org", 200, 0);
	in->session_id = topic_session(&f, &s);
	if (!form_ok(&f)) {
		topic_form(r, 422, &s, id, json_incref(f.values), json_incref(f.errors),
		           in->session_id > 0 ? in->session_id : 0);
		form_release(&f);
		return;
	}
	form_release(&f);
	in->series_id = s.id;
	in->id = id;
	in->who = r->user;
	in->now = (int64_t)time(NULL);
	req_write(r, schedule_topic_save, in, topic_saved);
}

void page_admin_topic_create(struct req *r)
{
	topic_post(r, 0);
}

void page_admin_topic_update(struct req *r)
{
	int64_t id = form_id(r->params[1]);

	if (!id)
		req_error(r, 404, _("Không tìm thấy chuyên đề này."));
	else
		topic_post(r, id);
}

static void topic_deleted(struct req *r)
{
	struct series s;

	if (r->job.rc == DB_REFERENCED) {
		if (admin_series(r, &s, true) == 0)
			admin_schedule_confirm(r, &s, "topic", r->job.arg, false);
		return;
	}
	topic_saved(r);
}

void page_admin_topic_delete(struct req *r)
{
	struct series s;
	struct schedule_delete *j = arena_alloc(&r->arena, sizeof(*j));

	if (admin_series(r, &s, true) != 0)
		return;
	j->series_id = s.id;
	j->id = form_id(r->params[1]);
	j->who = r->user;
	j->now = (int64_t)time(NULL);
	req_write(r, schedule_topic_delete, j, topic_deleted);
}

void page_admin_topic_move(struct req *r)
{
	struct series s;
	struct topic_move *m = arena_alloc(&r->arena, sizeof(*m));
	const char *dir = req_field(r, "dir");

	if (admin_series(r, &s, true) != 0)
		return;
	if (!dir || (strcmp(dir, "up") != 0 && strcmp(dir, "down") != 0)) {
		req_error(r, 400, _("Dữ liệu biểu mẫu không hợp lệ."));
		return;
	}
	m->series_id = s.id;
	m->id = form_id(r->params[1]);
	m->dir = dir[0] == 'u' ? -1 : 1;
	m->who = r->user;
	m->now = (int64_t)time(NULL);
	req_write(r, schedule_topic_move, m, topic_saved);
}
