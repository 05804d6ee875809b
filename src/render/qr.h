/*
 * qr.h: QR codes for certificate verification URLs, drawn on cairo as ONE
 * image (one pixel per module, nearest-neighbour scaling) rather than a path
 * per module: smaller PDFs, faster rendering, crisp edges in every viewer.
 * Exports qr_surface_new() and qr_draw(); knows nothing of certificates.
 */
#ifndef OCOP_QR_H
#define OCOP_QR_H

#include <cairo.h>

/* Quiet zone around the symbol, in modules (ISO/IEC 18004 asks for 4). */
#define QR_QUIET  4
#define QR_MAX_PX 16

/*
 * Encodes text (NUL-terminated UTF-8, case kept, error correction level M)
 * into a CAIRO_FORMAT_RGB24 image, black modules on white, px_per_module
 * pixels (1..QR_MAX_PX) a side per module, the quiet zone included.  Several
 * pixels per module matter for viewers that smooth small upscaled images
 * whatever /Interpolate says (poppler does below 4x, and blurs a QR at
 * 100 dpi until zbar cannot read it); as a 1-bit image it costs ~1 KB.
 * Returns NULL if text is NULL, empty or too long for a QR symbol.  The
 * caller owns the surface (cairo_surface_destroy).
 */
cairo_surface_t *qr_surface_new(const char *text, int px_per_module);

/*
 * Paints qr (from qr_surface_new) as a square of side size points with its
 * top-left corner at (x, y), scaled with CAIRO_FILTER_NEAREST.  The quiet
 * zone is part of the square.  Borrows both cr and qr; leaves cr's state as
 * it found it.
 */
void qr_draw(cairo_t *cr, cairo_surface_t *qr, double x, double y, double size);

struct buf;
/* The QR code of text as a PNG appended to out (qr_png.c).  0 or -1. */
int qr_png(const char *text, int px_per_module, struct buf *out);

#endif
