/*
 * admin_schedule.c: see admin_schedule.h.
 */
#include "web/admin_schedule.h"
#include "core/i18n.h"
#include "domain/schedule.h"
#include "domain/series.h"
#include "http/req.h"
#include "web/admin.h"
#include "web/view.h"

json_t *admin_schedule_sessions(struct req *r, const struct series *s)
{
	json_t *full = series_load(r->db, s), *list;
	size_t i;
	json_t *x;

	if (!full)
		return json_array();
	view_series(full);
	list = json_incref(json_object_get(full, "sessions"));
	json_decref(full);
	json_array_foreach(list, i, x)
	{
		json_object_set_new(
		    x, "topic_count",
		    json_integer((json_int_t)json_array_size(json_object_get(x, "topics"))));
		json_object_del(x, "topics");
	}
	return list;
}

/* "Buổi 2 · 30/09/2021" for session id, from the numbered list. */
static json_t *admin_schedule_label(json_t *sessions, int64_t id)
{
	size_t i;
	json_t *x;

	json_array_foreach(sessions, i, x)
	{
		if (json_integer_value(json_object_get(x, "id")) == id)
			return json_sprintf(
			    "%s %lld · %s", _("Buổi"),
			    (long long)json_integer_value(json_object_get(x, "number")),
			    json_string_value(json_object_get(x, "date")));
	}
	return NULL;
}

json_t *admin_schedule_topics(struct req *r, const struct series *s)
{
	json_t *sessions = admin_schedule_sessions(r, s);
	json_t *topics = schedule_topics_load(r->db, s->id);
	size_t i, n = json_array_size(topics);
	json_t *x;

	json_array_foreach(topics, i, x)
	{
		json_t *label = admin_schedule_label(
		    sessions, json_integer_value(json_object_get(x, "session_id")));
		if (label)
			json_object_set_new(x, "session_label", label);
		json_object_set_new(x, "first", json_boolean(i == 0));
		json_object_set_new(x, "last", json_boolean(i + 1 == n));
	}
	json_decref(sessions);
	return topics;
}

json_t *admin_schedule_choices(struct req *r, const struct series *s, int64_t selected)
{
	json_t *sessions = admin_schedule_sessions(r, s);
	json_t *out = json_array();
	size_t i;
	json_t *x;

	json_array_foreach(sessions, i, x)
	{
		int64_t id = json_integer_value(json_object_get(x, "id"));
		json_t *label = admin_schedule_label(sessions, id);
		const char *title = json_string_value(json_object_get(x, "title"));
		json_t *o = json_pack("{s:I, s:o, s:b}", "id", (json_int_t)id, "label", label,
		                      "selected", id == selected);
		if (title && *title)
			json_object_set_new(o, "title", json_string(title));
		json_array_append_new(out, o);
	}
	json_decref(sessions);
	return out;
}

void admin_schedule_confirm(struct req *r, const struct series *s, const char *kind,
                            const struct schedule_delete *j, bool may_confirm)
{
	json_t *ctx = admin_series_ctx(r, s, "sessions");
	bool session = kind[0] == 's';

	json_object_set_new(ctx, "may_confirm", json_boolean(may_confirm));
	json_object_set_new(ctx, "is_session", json_boolean(session));
	json_object_set_new(ctx, "topics", json_integer(j->topics));
	json_object_set_new(ctx, "action",
	                    json_sprintf("/admin/series/%s/%s/%lld/delete", s->slug,
	                                 session ? "sessions" : "topics", (long long)j->id));
	json_t *x = session ? schedule_session_load(r->db, s->id, j->id)
	                    : schedule_topic_load(r->db, s->id, j->id);
	if (x && session)
		view_session(x);
	json_object_set_new(ctx, "item", x ? x : json_object());
	req_render(r, 409, "admin_confirm", ctx);
}
