/*
 * unsubscribe.c: GET and POST /u/{token}, leaving announcements.  The link
 * is in every announcement and in its List-Unsubscribe header; the POST is
 * the one-click form of RFC 8058 (mail clients send it without a cookie, so
 * the personal token is the authority, as for the personal page).
 * Confirmations and materials the person asked for are still sent.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/outbox.h"
#include "domain/registration.h"
#include "web/pages.h"

#include <time.h>

void page_unsubscribe_get(struct req *r)
{
	int64_t id, series;

	if (reg_lookup(r->db, r->params[0], &id, &series) != DB_OK) {
		req_error(r, 404, _("Đường dẫn không đúng hoặc đã hết hiệu lực."));
		return;
	}
	req_render(r, 200, "unsubscribe",
		   json_pack("{s:s, s:b, s:s}", "action",
			     arena_printf(&r->arena, "/u/%s", r->params[0]), "done",
			     outbox_opted_out(r->db, id), "page_title", _("Ngừng nhận thông báo")));
}

struct unsub {
	int64_t id, now;
};

static int unsub_run(struct db *db, void *arg)
{
	struct unsub *u = arg;

	return outbox_optout(db, u->id, u->now);
}

static void unsub_done(struct req *r)
{
	if (r->job.rc != DB_OK) {
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
		return;
	}
	req_render(r, 200, "unsubscribe",
		   json_pack("{s:b, s:s}", "done", 1, "page_title", _("Ngừng nhận thông báo")));
}

void page_unsubscribe_post(struct req *r)
{
	struct unsub *u = arena_alloc(&r->arena, sizeof(*u));
	int64_t series;

	if (reg_lookup(r->db, r->params[0], &u->id, &series) != DB_OK) {
		req_error(r, 404, _("Đường dẫn không đúng hoặc đã hết hiệu lực."));
		return;
	}
	u->now = (int64_t)time(NULL);
	req_write(r, unsub_run, u, unsub_done);
}
