/*
 * qr_png.c: a QR code as a PNG file in memory, for pages that show one (the
 * check-in code on the stream).  See qr.h for the image itself.
 */
#include "render/qr.h"
#include "core/buf.h"

#include <cairo.h>

static cairo_status_t qr_png_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct buf *out = closure;

	buf_add(out, data, len);
	return out->overflow ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

int qr_png(const char *text, int px_per_module, struct buf *out)
{
	cairo_surface_t *s = qr_surface_new(text, px_per_module);
	cairo_status_t st;

	if (!s)
		return -1;
	st = cairo_surface_write_to_png_stream(s, qr_png_write, out);
	cairo_surface_destroy(s);
	return st == CAIRO_STATUS_SUCCESS ? 0 : -1;
}
