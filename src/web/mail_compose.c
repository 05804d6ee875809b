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
#include "web/view.h"

#include <pthread.h>
#include <stdlib.h>
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

/*
 * A confirmation is the same for everyone in a series but for the greeting
 * and the personal link.  It is rendered once per series with markers in
 * their place (OUTBOX_VAR) and kept for MAIL_PART_TTL_MS; each message
 * names that shared body (stored once in the database, outbox.h) and
 * carries only the two values, so a registration neither reads the
 * schedule nor renders a template, and its outbox row is small.  Entries
 * are immutable once made (replaced whole), so a request copies what it
 * needs under the lock.
 */
#define MAIL_PART_SLOTS 16
#define MAIL_PART_TTL_MS 2000

struct mail_part {
	int64_t series_id, at_ms;
	char *title, *body_text, *body_html;
	char key[65];
};

static struct mail_part mail_parts[MAIL_PART_SLOTS];
static pthread_mutex_t mail_part_lock = PTHREAD_MUTEX_INITIALIZER;

static int64_t mail_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void mail_part_free(struct mail_part *p)
{
	free(p->title);
	free(p->body_text);
	free(p->body_html);
	memset(p, 0, sizeof(*p));
}

/* The confirmation of series s with markers for the greeting and the
 * personal link, into p (malloc'ed strings). */
static int mail_part_make(struct req *r, const struct series *s, struct mail_part *p)
{
	json_t *series = series_load_schedule(r->db, s);
	struct buf t, h, o;
	struct outbox_msg m = {0};
	int rc = -1;

	if (!series)
		return -1;
	view_series(series);
	json_t *ctx = json_pack("{s:O}", "series", series);
	buf_init(&t, 1 << 20);
	buf_init(&h, 1 << 20);
	buf_init(&o, 1 << 16);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(series, "organizers"), i, x)
	{
		buf_adds(&o, json_string_value(json_object_get(x, "name")));
		buf_addc(&o, '\n');
	}
	if (tpl_render(r->app->tpl, "mail_schedule.txt", ctx, &t) != 0 ||
	    tpl_render(r->app->tpl, "mail_schedule", ctx, &h) != 0 || t.overflow || h.overflow)
		goto out;
	const char *title = json_string_value(json_object_get(series, "title"));
	json_t *mail = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "title", title, "given_name",
				 OUTBOX_VAR("given_name"), "personal_url",
				 OUTBOX_VAR("personal_url"), "schedule_text", t.p, "schedule_html",
				 h.p, "organizers_text", o.p);
	rc = mail_render(r, "mail_confirm", mail, &m);
	json_decref(mail);
	if (rc != 0)
		goto out;
	p->title = xstrdup(title);
	p->body_text = xstrdup(m.body_text);
	p->body_html = xstrdup(m.body_html);
	outbox_body_key(p->body_text, p->body_html, p->key);
	p->series_id = s->id;
	p->at_ms = mail_now_ms();
out:
	buf_release(&t);
	buf_release(&h);
	buf_release(&o);
	json_decref(ctx);
	json_decref(series);
	return rc;
}

/* Copies the shared part of series s into the request's arena. */
static int mail_part_get(struct req *r, const struct series *s, struct mail_part *out)
{
	unsigned slot = (unsigned)((uint64_t)s->id % MAIL_PART_SLOTS);
	struct mail_part fresh = {0};

	pthread_mutex_lock(&mail_part_lock);
	struct mail_part *p = &mail_parts[slot];
	if (p->series_id != s->id || mail_now_ms() - p->at_ms >= MAIL_PART_TTL_MS) {
		pthread_mutex_unlock(&mail_part_lock);
		if (mail_part_make(r, s, &fresh) != 0)
			return -1;
		pthread_mutex_lock(&mail_part_lock);
		mail_part_free(p);
		*p = fresh;
	}
	out->title = arena_strdup(&r->arena, p->title);
	out->body_text = arena_strdup(&r->arena, p->body_text);
	out->body_html = arena_strdup(&r->arena, p->body_html);
	memcpy(out->key, p->key, sizeof(out->key));
	pthread_mutex_unlock(&mail_part_lock);
	return 0;
}

struct outbox_msg *mail_confirmation(struct req *r, const struct series *s,
				     const char *full_name, const char *to_addr,
				     const char *token)
{
	struct outbox_msg *m = arena_alloc(&r->arena, sizeof(*m));
	struct mail_part part;

	if (mail_part_get(r, s, &part) != 0)
		return NULL;
	const char *personal = req_abs_url(r, arena_printf(&r->arena, "/me/%s", token));
	/* The calendar is made when the message is sent (mail/worker.c): it is
	 * the larger part of the message and the same for everyone. */
	m->attachments = "[{\"calendar\": true}]";
	m->reason = "confirmation";
	m->to_addr = arena_strdup(&r->arena, to_addr);
	m->to_name = arena_strdup(&r->arena, full_name);
	m->subject = arena_printf(&r->arena, _("Xác nhận đăng ký – %s"), part.title);
	m->body_text = part.body_text;
	m->body_html = part.body_html;
	m->body_key = arena_strdup(&r->arena, part.key);
	json_t *vars = json_pack("{s:s, s:s}", "given_name", mail_given_name(r, full_name),
				 "personal_url", personal);
	char *v = vars ? json_dumps(vars, JSON_COMPACT) : NULL;
	json_decref(vars);
	if (!v)
		return NULL;
	m->body_vars = arena_strdup(&r->arena, v);
	free(v);
	return m;
}
