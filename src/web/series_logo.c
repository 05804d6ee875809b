/*
 * series_logo.c: GET /s/{slug}/logo/{position}, a co-organiser's logo as
 * uploaded (PNG or JPEG, checked by content on upload), with its hash as
 * a strong ETag.  The public page links it with ?v=hash, so a new logo
 * shows at once; the bare address is revalidated on every use.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/series.h"
#include "domain/series_edit.h"
#include "web/admin_form.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>

void page_series_logo(struct req *r)
{
	struct series_logo logo = {0};
	int64_t pos = form_id(r->params[1]);

	if (!series_slug_is_wellformed(r->params[0]) || pos < 1 || pos > SERIES_ORG_MAX ||
	    series_logo_load(r->db, r->params[0], pos, &logo) != DB_OK) {
		req_error(r, 404, _("Không tìm thấy trang này."));
		return;
	}
	const char *etag = arena_printf(&r->arena, "\"%s\"", logo.hash);
	const char *inm = req_header(r, "If-None-Match");
	req_add_header(r, "ETag", etag);
	req_add_header(r, "Cache-Control", "public, no-cache");
	r->content_type = arena_strdup(&r->arena, logo.type);
	r->status = 200;
	if (inm && strcmp(inm, etag) == 0)
		r->status = 304;
	else
		buf_add(&r->out, logo.data, logo.len);
	free(logo.data);
}
