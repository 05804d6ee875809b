/*
 * view.c: display fields for templates (see view.h).
 */
#include "web/view.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/province.h"
#include "domain/registration.h"

#include <string.h>

static void view_set(json_t *o, const char *key, const char *v)
{
	json_object_set_new(o, key, json_string(v));
}

void view_session(json_t *x)
{
	char b[64];
	int64_t start = json_integer_value(json_object_get(x, "starts_at"));
	int64_t end = json_integer_value(json_object_get(x, "ends_at"));

	view_set(x, "date", vtime_date(b, sizeof(b), start));
	view_set(x, "weekday", vtime_weekday(b, sizeof(b), start));
	view_set(x, "start", vtime_hm(b, sizeof(b), start));
	view_set(x, "end", vtime_hm(b, sizeof(b), end));
	view_set(x, "starts_iso", vtime_iso(b, sizeof(b), start));
}

void view_series(json_t *s)
{
	char a[32], b[32], n[32];
	size_t i;
	json_t *x;

	vtime_date(a, sizeof(a), json_integer_value(json_object_get(s, "starts_at")));
	vtime_date(b, sizeof(b), json_integer_value(json_object_get(s, "ends_at")));
	json_object_set_new(s, "dates_text", json_sprintf("%s – %s", a, b));
	json_object_set_new(s, "session_count",
			    json_integer((json_int_t)json_array_size(json_object_get(s, "sessions"))));
	size_t topics = 0;
	json_array_foreach(json_object_get(s, "sessions"), i, x)
	{
		view_session(x);
		json_object_set_new(x, "number", json_integer((json_int_t)i + 1));
		topics += json_array_size(json_object_get(x, "topics"));
	}
	json_object_set_new(s, "topic_count", json_integer((json_int_t)topics));
	vtime_count(n, sizeof(n), json_integer_value(json_object_get(s, "registration_count")));
	view_set(s, "registration_count_text", n);
	json_array_foreach(json_object_get(s, "organizers"), i, x)
	{
		const char *h = json_string_value(json_object_get(x, "logo_hash"));
		if (h && *h)
			json_object_set_new(
				x, "logo_url",
				json_sprintf("/s/%s/logo/%lld?v=%s",
					     json_string_value(json_object_get(s, "slug")),
					     (long long)json_integer_value(json_object_get(x, "position")),
					     h));
	}
	json_array_foreach(json_object_get(s, "channels"), i, x)
	{
		const char *kind = json_string_value(json_object_get(x, "kind"));
		json_object_set_new(x, kind && *kind ? kind : "other", json_true());
	}
}

json_t *view_provinces(const char *selected)
{
	size_t n;
	const struct province *p = province_all(&n);
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++) {
		json_t *o = json_pack("{s:s, s:s}", "code", p[i].code, "name", p[i].name);
		if (selected && strcmp(selected, p[i].code) == 0)
			json_object_set_new(o, "selected", json_true());
		json_array_append_new(a, o);
	}
	return a;
}

json_t *view_categories(const char *selected, int allow_legacy)
{
	json_t *a = json_array();

	for (size_t i = 0; i < reg_ncategories; i++) {
		const struct reg_category *c = &reg_categories[i];
		if (c->legacy && !allow_legacy)
			continue;
		json_t *o = json_pack("{s:s, s:s}", "code", c->code, "label", _(c->label));
		if (selected && strcmp(selected, c->code) == 0)
			json_object_set_new(o, "selected", json_true());
		json_array_append_new(a, o);
	}
	return a;
}
