/*
 * qr.c: QR symbols as cairo image surfaces (see qr.h).  libqrencode does the
 * encoding; this file only turns its module matrix into pixels and paints
 * them.  No PDF, no certificate layout here.
 */
#include "render/qr.h"

#include <qrencode.h>
#include <stddef.h>
#include <stdint.h>

cairo_surface_t *qr_surface_new(const char *text, int px_per_module)
{
	cairo_surface_t *s = NULL;
	QRcode *q = NULL;

	if (!text || !*text || px_per_module < 1 || px_per_module > QR_MAX_PX)
		goto out;
	/* Mode hint QR_MODE_8 with case kept: libqrencode still packs runs of
	 * digits and upper-case letters compactly, and a URL's path survives. */
	q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		goto out;

	int k = px_per_module, side = (q->width + 2 * QR_QUIET) * k;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, side, side);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		s = NULL;
		goto out;
	}
	cairo_surface_flush(s);
	unsigned char *px = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < side; y++) {
		uint32_t *row = (uint32_t *)(px + (size_t)y * (size_t)stride);
		for (int x = 0; x < side; x++) {
			int mx = x / k - QR_QUIET, my = y / k - QR_QUIET;
			int dark = mx >= 0 && my >= 0 && mx < q->width && my < q->width &&
			           (q->data[my * q->width + mx] & 1);
			row[x] = dark ? 0x000000u : 0xffffffu;
		}
	}
	cairo_surface_mark_dirty(s);
out:
	if (q)
		QRcode_free(q);
	return s;
}

void qr_draw(cairo_t *cr, cairo_surface_t *qr, double x, double y, double size)
{
	int side = cairo_image_surface_get_width(qr);

	if (side <= 0)
		return;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, size / side, size / side);
	cairo_set_source_surface(cr, qr, 0, 0);
	/* Nearest: modules stay sharp squares; in a PDF this becomes
	 * /Interpolate false, which viewers and printers honour. */
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
	cairo_rectangle(cr, 0, 0, side, side);
	cairo_fill(cr);
	cairo_restore(cr);
}
