/*
 * calendar.c: see calendar.h.
 */
#include "render/calendar.h"
#include "core/arena.h"
#include "core/buf.h"
#include "render/ics.h"

#include <stdio.h>
#include <string.h>

/* A session's join links: its own, else the series channel of that kind. */
void calendar_links(json_t *series)
{
	static const char *const kinds[] = {"zoom", "facebook", "youtube"};
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(series, "sessions"), i, x)
	{
		json_t *links = json_array();
		for (size_t k = 0; k < 3; k++) {
			char key[32];
			snprintf(key, sizeof(key), "%s_url", kinds[k]);
			const char *url = json_string_value(json_object_get(x, key));
			const char *label = k == 0 ? "Zoom" : k == 1 ? "Facebook" : "YouTube";
			size_t j;
			json_t *c;
			if (!url || !*url)
				json_array_foreach(json_object_get(series, "channels"), j, c)
				{
					if (strcmp(json_string_value(json_object_get(c, "kind")),
						   kinds[k]) == 0) {
						url = json_string_value(json_object_get(c, "url"));
						break;
					}
				}
			if (url && *url)
				json_array_append_new(links,
						      json_pack("{s:s, s:s, s:s, s:b}", "label",
								label, "url", url, "kind", kinds[k],
								kinds[k], 1));
		}
		json_object_set_new(x, "links", links);
	}
}

void calendar_ics(struct buf *out, json_t *series, int64_t registration_id,
		  const char *personal_url, const char *host, int64_t stamp)
{
	const char *title = json_string_value(json_object_get(series, "title"));
	size_t i, j;
	json_t *x, *t, *l;
	char line[300];

	ics_begin(out, "-//ocop//ocop//VI", title);
	json_array_foreach(json_object_get(series, "sessions"), i, x)
	{
		struct buf desc;
		const char *first = NULL;

		buf_init(&desc, 1 << 16);
		json_array_foreach(json_object_get(x, "topics"), j, t)
		{
			buf_addf(&desc, "Chuyên đề %lld: %s\n",
				 (long long)json_integer_value(json_object_get(t, "position")),
				 json_string_value(json_object_get(t, "title")));
		}
		json_array_foreach(json_object_get(x, "links"), j, l)
		{
			const char *url = json_string_value(json_object_get(l, "url"));
			buf_addf(&desc, "%s: %s\n", json_string_value(json_object_get(l, "label")),
				 url);
			if (!first)
				first = url;
		}
		buf_addf(&desc, "Trang cá nhân: %s", personal_url);
		ics_raw(out, "BEGIN", "VEVENT");
		snprintf(line, sizeof(line), "session-%lld-reg-%lld@%s",
			 (long long)json_integer_value(json_object_get(x, "id")),
			 (long long)registration_id, host);
		ics_raw(out, "UID", line);
		ics_time(out, "DTSTAMP", stamp);
		ics_time(out, "DTSTART", json_integer_value(json_object_get(x, "starts_at")));
		ics_time(out, "DTEND", json_integer_value(json_object_get(x, "ends_at")));
		snprintf(line, sizeof(line), "Buổi %zu – %s", i + 1, title ? title : "");
		ics_text(out, "SUMMARY", line);
		ics_text(out, "DESCRIPTION", desc.p);
		if (first) {
			ics_text(out, "LOCATION", first);
			ics_raw(out, "URL", first);
		}
		ics_raw(out, "BEGIN", "VALARM");
		ics_raw(out, "ACTION", "DISPLAY");
		ics_text(out, "DESCRIPTION", "Sắp bắt đầu buổi tập huấn");
		ics_raw(out, "TRIGGER", "-PT30M");
		ics_raw(out, "END", "VALARM");
		ics_raw(out, "END", "VEVENT");
		buf_release(&desc);
	}
	ics_end(out);
}
