/*
 * zip.h: ZIP archives written front to back, entries stored (PDFs are
 * compressed already), so an archive of any size can be streamed while it
 * is made: each entry's bytes are in hand when its header is written, so
 * sizes and CRC-32 go in the local header (no data descriptor).  Names are
 * UTF-8 (general purpose bit 11).  No ZIP64: at most 65,535 entries and
 * 4 GB, which zip_add() refuses to pass.  Knows nothing of certificates.
 */
#ifndef OCOP_ZIP_H
#define OCOP_ZIP_H

#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

struct zip {
	struct buf central; /* the central directory, built as entries go */
	uint64_t offset;    /* bytes of the archive written so far */
	uint32_t count;
};

void zip_init(struct zip *z);
void zip_release(struct zip *z);
/* Appends the local header and data of one entry to out; mtime (Unix
 * seconds, shown in UTC+7) becomes its DOS date.  Returns 0, or -1 when
 * the archive would outgrow the format (out unchanged). */
int zip_add(struct zip *z, struct buf *out, const char *name, const void *data, size_t len,
            int64_t mtime);
/* Appends the central directory and the end record to out. */
void zip_finish(struct zip *z, struct buf *out);

#endif
