/*
 * certificate.c: a participant's own certificate.
 *   GET /me/{token}/certificate.pdf   rendered on demand (the same bytes as
 *       at issue: its SHA-256 is the ETag, so 304 and ranges come free)
 * and cert_me_view(), the box on /me.  Exports page_me_certificate() and
 * cert_me_view(); no SQL here.
 */
#include "web/certificate.h"
#include "http/req.h"
#include "core/i18n.h"
#include "domain/certificate.h"
#include "domain/registration.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>

struct pdf_mem {
	char *p;
	size_t len;
};

static ssize_t pdf_mem_read(void *arg, struct db *db, uint64_t pos, char *buf, size_t max)
{
	struct pdf_mem *m = arg;

	(void)db;
	if (pos >= m->len)
		return 0;
	size_t n = m->len - pos < max ? m->len - pos : max;
	memcpy(buf, m->p + pos, n);
	return (ssize_t)n;
}

static void pdf_mem_free(void *arg)
{
	struct pdf_mem *m = arg;

	free(m->p);
	free(m);
}

void cert_send_pdf(struct req *r, const struct cert *c)
{
	struct buf pdf;

	buf_init(&pdf, 16u << 20);
	if (cert_pdf_of(r->db, c, &pdf) != 0) {
		buf_release(&pdf);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	struct pdf_mem *m = xmalloc(sizeof(*m));
	m->p = buf_detach(&pdf, &m->len);
	r->content_type = "application/pdf";
	req_content_disposition(r, false,
	                        arena_printf(&r->arena, "%s - %s.pdf", c->serial, c->full_name));
	req_stream_entity(r, m->len, arena_strdup(&r->arena, c->sha256), pdf_mem_read, m,
	                  pdf_mem_free);
}

void page_me_certificate(struct req *r)
{
	int64_t reg, series;
	struct cert c;

	if (!reg_token_is_wellformed(r->params[0]) ||
	    reg_lookup(r->db, r->params[0], &reg, &series) != DB_OK) {
		req_error(r, 404, _("Đường dẫn cá nhân không đúng hoặc đã hết hiệu lực."));
		return;
	}
	switch (cert_find_reg(r->db, &r->arena, reg, &c)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		req_error(r, 404, _("Bạn chưa được cấp giấy chứng nhận."));
		return;
	default:
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	if (strcmp(c.status, "valid") != 0) {
		req_error(r, 410, _("Giấy chứng nhận này đã bị thu hồi."));
		return;
	}
	req_add_header(r, "X-Robots-Tag", "noindex");
	req_add_header(r, "Cache-Control", "private, no-cache");
	cert_send_pdf(r, &c);
}

json_t *cert_me_view(struct req *r, int64_t registration_id, const char *path)
{
	struct cert c;
	char shown[CERT_CODE_SHOWN + 1];

	if (cert_find_reg(r->db, &r->arena, registration_id, &c) != DB_OK)
		return NULL;
	cert_code_format(c.code, shown);
	return json_pack("{s:s, s:b, s:s, s:s}", "serial", c.serial, "valid",
	                 strcmp(c.status, "valid") == 0, "pdf",
	                 arena_printf(&r->arena, "%s/certificate.pdf", path), "verify",
	                 arena_printf(&r->arena, "/verify/%s", shown));
}
