/*
 * zip.c: stored ZIP entries, streamed (see zip.h).  Layout from PKWARE's
 * APPNOTE 6.3: local header, data, then the central directory and the end
 * of central directory record; integers little-endian.
 */
#include "render/zip.h"

#include <string.h>
#include <time.h>
#include <zlib.h>

#define ZIP_VERSION 20     /* 2.0: stored entries, folders */
#define ZIP_UTF8    0x0800 /* general purpose bit 11: names are UTF-8 */
#define ZIP_MAX     0xffffffffu

static void le16(struct buf *b, unsigned v)
{
	char p[2] = {(char)(v & 0xff), (char)(v >> 8 & 0xff)};

	buf_add(b, p, 2);
}

static void le32(struct buf *b, uint32_t v)
{
	le16(b, v & 0xffff);
	le16(b, v >> 16);
}

/* DOS time and date of t in UTC+7 (2-second resolution, from 1980). */
static void dos_time(int64_t t, unsigned *time_out, unsigned *date_out)
{
	time_t tt = (time_t)(t + 7 * 3600);
	struct tm tm;

	if (!gmtime_r(&tt, &tm) || tm.tm_year < 80) {
		*time_out = 0;
		*date_out = (0 << 9) | (1 << 5) | 1; /* 1980-01-01 */
		return;
	}
	*time_out = (unsigned)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
	*date_out = (unsigned)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 | tm.tm_mday);
}

void zip_init(struct zip *z)
{
	buf_init(&z->central, 0);
	z->offset = 0;
	z->count = 0;
}

void zip_release(struct zip *z)
{
	buf_release(&z->central);
}

int zip_add(struct zip *z, struct buf *out, const char *name, const void *data, size_t len,
            int64_t mtime)
{
	size_t name_len = strlen(name);
	unsigned dt, dd;

	if (z->count == 0xffff || name_len > 0xffff || len >= ZIP_MAX ||
	    z->offset + 30 + name_len + len >= ZIP_MAX)
		return -1;
	uint32_t crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), data, (uInt)len);
	dos_time(mtime, &dt, &dd);

	size_t start = out->len;
	le32(out, 0x04034b50);
	le16(out, ZIP_VERSION);
	le16(out, ZIP_UTF8);
	le16(out, 0); /* stored */
	le16(out, dt);
	le16(out, dd);
	le32(out, crc);
	le32(out, (uint32_t)len);
	le32(out, (uint32_t)len);
	le16(out, (unsigned)name_len);
	le16(out, 0); /* no extra field */
	buf_add(out, name, name_len);
	buf_add(out, data, len);

	struct buf *c = &z->central;
	le32(c, 0x02014b50);
	le16(c, 3 << 8 | ZIP_VERSION); /* made by: Unix */
	le16(c, ZIP_VERSION);
	le16(c, ZIP_UTF8);
	le16(c, 0);
	le16(c, dt);
	le16(c, dd);
	le32(c, crc);
	le32(c, (uint32_t)len);
	le32(c, (uint32_t)len);
	le16(c, (unsigned)name_len);
	le16(c, 0);              /* extra */
	le16(c, 0);              /* comment */
	le16(c, 0);              /* disk */
	le16(c, 0);              /* internal attributes */
	le32(c, 0100644u << 16); /* external: a regular file, rw-r--r-- */
	le32(c, (uint32_t)z->offset);
	buf_add(c, name, name_len);

	z->offset += out->len - start;
	z->count++;
	return 0;
}

void zip_finish(struct zip *z, struct buf *out)
{
	buf_add(out, z->central.p, z->central.len);
	le32(out, 0x06054b50);
	le16(out, 0); /* this disk */
	le16(out, 0); /* disk of the directory */
	le16(out, z->count);
	le16(out, z->count);
	le32(out, (uint32_t)z->central.len);
	le32(out, (uint32_t)z->offset);
	le16(out, 0); /* no comment */
}
