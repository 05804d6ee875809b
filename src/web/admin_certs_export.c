/*
 * admin_certs_export.c: a series' certificates leaving the console.
 *   GET /admin/series/{slug}/certificates.zip   every valid certificate, one
 *       PDF each ("{serial} - {full name}.pdf"), streamed: each PDF is
 *       rendered when the stream reaches it, so the archive never sits whole
 *       in memory, and stored (PDFs are compressed already)
 *   GET /admin/series/{slug}/certificates.csv   the register (as the CLI's
 *       'certificates list', with a BOM for Excel)
 * No SQL here.
 */
#include "http/req.h"
#include "core/filename.h"
#include "core/i18n.h"
#include "domain/certificate.h"
#include "domain/series.h"
#include "render/zip.h"
#include "web/admin.h"
#include "web/pages.h"
#include "web/send_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct zip_stream {
	char (*serials)[CERT_SERIAL_MAX];
	size_t n, next;
	struct zip z;
	struct buf pending;
	size_t off;
	bool finished;
	struct buf pdf;
	int64_t tpl_id;
	struct cert_tpl *tpl;
};

static void zip_collect(const struct cert *c, void *arg)
{
	struct zip_stream *zs = arg;

	if (strcmp(c->status, "valid") != 0)
		return;
	zs->serials = xrealloc(zs->serials, (zs->n + 1) * sizeof(*zs->serials));
	snprintf(zs->serials[zs->n++], CERT_SERIAL_MAX, "%s", c->serial);
}

static void zip_stream_free(void *arg)
{
	struct zip_stream *zs = arg;

	free(zs->serials);
	zip_release(&zs->z);
	buf_release(&zs->pending);
	buf_release(&zs->pdf);
	cert_tpl_free(zs->tpl);
	free(zs);
}

/* Appends the next entry (or the directory) to pending.  0 or -1. */
static int zip_next(struct zip_stream *zs, struct db *db)
{
	struct arena a;
	struct cert c;
	int rc = -1;

	if (zs->next == zs->n) {
		zip_finish(&zs->z, &zs->pending);
		zs->finished = true;
		return 0;
	}
	arena_init(&a);
	if (cert_find_serial(db, &a, zs->serials[zs->next++], &c) != DB_OK)
		goto out;
	if (!zs->tpl || zs->tpl_id != c.template_id) {
		cert_tpl_free(zs->tpl);
		zs->tpl_id = c.template_id;
		if (!(zs->tpl = cert_tpl_load(db, c.template_id)))
			goto out;
	}
	buf_reset(&zs->pdf);
	if (cert_pdf(zs->tpl, c.full_name, c.serial, c.code, c.issued_at, &zs->pdf) != 0)
		goto out;
	const char *name =
	    filename_clean(&a, arena_printf(&a, "%s - %s.pdf", c.serial, c.full_name));
	if (!name || zip_add(&zs->z, &zs->pending, name, zs->pdf.p, zs->pdf.len, c.issued_at))
		goto out;
	rc = 0;
out:
	arena_release(&a);
	return rc;
}

static ssize_t zip_read(void *arg, struct db *db, uint64_t pos, char *buf, size_t max)
{
	struct zip_stream *zs = arg;

	(void)pos; /* sent front to back, no ranges */
	while (zs->off == zs->pending.len) {
		if (zs->finished)
			return 0;
		buf_reset(&zs->pending);
		zs->off = 0;
		if (zip_next(zs, db) != 0)
			return -1;
	}
	size_t n = zs->pending.len - zs->off < max ? zs->pending.len - zs->off : max;
	memcpy(buf, zs->pending.p + zs->off, n);
	zs->off += n;
	return (ssize_t)n;
}

void page_admin_certificates_zip(struct req *r)
{
	struct series s;

	if (admin_series(r, &s, false) != 0)
		return;
	struct zip_stream *zs = xcalloc(1, sizeof(*zs));
	zip_init(&zs->z);
	buf_init(&zs->pending, 0);
	buf_init(&zs->pdf, 16u << 20);
	if (cert_each(r->db, s.id, zip_collect, zs) != DB_OK) {
		zip_stream_free(zs);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	if (!zs->n) {
		zip_stream_free(zs);
		req_error(r, 404, _("Chuỗi tập huấn này chưa có giấy chứng nhận nào."));
		return;
	}
	r->content_type = "application/zip";
	req_content_disposition(r, true, arena_printf(&r->arena, "giay-chung-nhan-%s.zip", s.slug));
	req_stream(r, 200, REQ_SIZE_UNKNOWN, zip_read, zs, zip_stream_free);
}

void page_admin_certificates_csv(struct req *r)
{
	struct series s;
	FILE *f;

	if (admin_series(r, &s, false) != 0)
		return;
	if (!(f = tmpfile())) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	fputs("\xEF\xBB\xBF", f);
	if (cert_write_csv(r->db, s.id, f) != DB_OK) {
		fclose(f);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	send_file(r, f, "text/csv; charset=utf-8",
	          arena_printf(&r->arena, "giay-chung-nhan-%s.csv", s.slug));
}
