/*
 * sniff.h: the type of uploaded bytes, decided by their content (libmagic),
 * never by the name or the Content-Type the browser sent.
 */
#ifndef OCOP_SNIFF_H
#define OCOP_SNIFF_H

#include <stddef.h>

/* The MIME type of data[0..len) ("image/png", ...) into out (n bytes);
 * "application/octet-stream" when libmagic cannot tell.  Returns out.
 * Thread-safe: each call has its own magic handle (uploads are rare). */
char *sniff_mime(const void *data, size_t len, char *out, size_t n);

#endif
