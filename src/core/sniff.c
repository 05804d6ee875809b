/*
 * sniff.c: see sniff.h.  A libmagic handle is not safe to share between
 * threads, and uploads are rare, so each call opens and loads its own.
 */
#include "core/sniff.h"
#include "core/log.h"

#include <magic.h>
#include <stdio.h>

char *sniff_mime(const void *data, size_t len, char *out, size_t n)
{
	magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
	const char *t = NULL;

	if (m && magic_load(m, NULL) == 0)
		t = magic_buffer(m, data, len);
	else
		log_error("cannot load the libmagic database");
	snprintf(out, n, "%s", t ? t : "application/octet-stream");
	if (m)
		magic_close(m);
	return out;
}
