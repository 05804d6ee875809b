/*
 * misc.c: GET /healthz (ok when the database answers) and the embedded
 * static files under /static/ (with an ETag and a long cache life).
 */
#include "http/req.h"
#include "core/embed.h"
#include "core/i18n.h"
#include "db/db.h"
#include "web/pages.h"

#include <string.h>

void page_healthz(struct req *r)
{
	struct db_stmt *st = db_prepare(r->db, "SELECT 1");
	int64_t one = 0;

	r->content_type = "text/plain; charset=utf-8";
	req_add_header(r, "Cache-Control", "no-store");
	if (!st || db_one_int(st, &one) != DB_OK || one != 1) {
		r->status = 503;
		buf_adds(&r->out, "database unavailable\n");
		return;
	}
	buf_adds(&r->out, "ok\n");
}

static const char *static_type(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (!dot)
		return "application/octet-stream";
	if (strcmp(dot, ".css") == 0)
		return "text/css; charset=utf-8";
	if (strcmp(dot, ".js") == 0)
		return "text/javascript; charset=utf-8";
	if (strcmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (strcmp(dot, ".png") == 0)
		return "image/png";
	if (strcmp(dot, ".ico") == 0)
		return "image/x-icon";
	return "application/octet-stream";
}

void page_static(struct req *r)
{
	char name[128];
	const struct embed *e;

	if (strlen(r->params[0]) > 100 || strstr(r->params[0], "..")) {
		req_error(r, 404, _("Không tìm thấy trang này."));
		return;
	}
	snprintf(name, sizeof(name), "static/%s", r->params[0]);
	if (!(e = embed_find(name))) {
		req_error(r, 404, _("Không tìm thấy trang này."));
		return;
	}
	/* The build's content never changes while the binary runs: its length
	 * and a cheap hash make a strong enough ETag. */
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < e->len; i++)
		h = (h ^ e->data[i]) * 16777619u;
	const char *etag = arena_printf(&r->arena, "\"%zx-%08x\"", e->len, h);
	const char *inm = req_header(r, "If-None-Match");
	req_add_header(r, "ETag", etag);
	req_add_header(r, "Cache-Control", "public, max-age=3600");
	r->content_type = static_type(name);
	if (inm && strcmp(inm, etag) == 0) {
		r->status = 304;
		return;
	}
	buf_add(&r->out, e->data, e->len);
}
