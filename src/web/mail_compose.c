/*
 * mail_compose.c: see mail_compose.h.
 */
#include "web/mail_compose.h"
#include "app.h"
#include "core/i18n.h"
#include "domain/outbox.h"
#include "domain/series.h"
#include "http/req.h"
#include "render/template.h"
#include "web/calendar.h"
#include "web/view.h"

#include <string.h>
#include <time.h>

const char *mail_given_name(struct req *r, const char *full_name)
{
	const char *last = strrchr(full_name, ' ');

	return arena_strdup(&r->arena, last ? last + 1 : full_name);
}

const char *mail_host(struct req *r)
{
	const char *h = strstr(r->app->cfg.base_url, "://");
	h = h ? h + 3 : r->app->cfg.base_url;
	size_t n = strcspn(h, ":/");

	return arena_strndup(&r->arena, h, n);
}

int mail_render(struct req *r, const char *name, json_t *ctx, struct outbox_msg *m)
{
	struct buf text, html;
	int rc = -1;

	buf_init(&text, 1 << 20);
	buf_init(&html, 1 << 20);
	char *txt_name = arena_printf(&r->arena, "%s.txt", name);
	if (tpl_render(r->app->tpl, txt_name, ctx, &text) == 0 &&
	    tpl_render(r->app->tpl, name, ctx, &html) == 0 && !text.overflow && !html.overflow) {
		m->body_text = arena_strndup(&r->arena, text.p, text.len);
		m->body_html = arena_strndup(&r->arena, html.p, html.len);
		rc = 0;
	}
	buf_release(&text);
	buf_release(&html);
	return rc;
}

struct outbox_msg *mail_confirmation(struct req *r, const struct series *s,
				     const char *full_name, const char *to_addr,
				     const char *token)
{
	json_t *series = series_load_schedule(r->db, s);
	struct outbox_msg *m = arena_alloc(&r->arena, sizeof(*m));
	struct buf ics;

	if (!series)
		return NULL;
	view_series(series);
	calendar_links(series);
	const char *personal = req_abs_url(r, arena_printf(&r->arena, "/me/%s", token));
	buf_init(&ics, 1 << 20);
	calendar_ics(&ics, series, 0, personal, mail_host(r), (int64_t)time(NULL));
	json_t *att = json_pack("[{s:s, s:s, s:s%}]", "name", "lich-tap-huan.ics", "type",
				"text/calendar; charset=utf-8; method=PUBLISH", "text", ics.p,
				ics.len);
	buf_release(&ics);
	char *att_text = json_dumps(att, JSON_COMPACT);
	json_decref(att);
	m->attachments = arena_strdup(&r->arena, att_text ? att_text : "");
	free(att_text);
	m->reason = "confirmation";
	m->to_addr = arena_strdup(&r->arena, to_addr);
	m->to_name = arena_strdup(&r->arena, full_name);
	m->subject = arena_printf(&r->arena, _("Xác nhận đăng ký – %s"),
				  json_string_value(json_object_get(series, "title")));
	json_t *ctx = json_pack("{s:o, s:s, s:s}", "series", series, "given_name",
				mail_given_name(r, full_name), "personal_url", personal);
	int rc = mail_render(r, "mail_confirm", ctx, m);
	json_decref(ctx);
	return rc == 0 ? m : NULL;
}
