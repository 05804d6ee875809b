/*
 * buf.h: a growable byte buffer with a hard cap.  Always NUL-terminated,
 * never NULL after buf_init().  Appending past the cap sets buf.overflow and
 * drops the bytes, so a caller checks once at the end instead of after every
 * append.  The memory is malloc'ed and owned by the buffer (buf_release).
 */
#ifndef OCOP_BUF_H
#define OCOP_BUF_H

#include <stdbool.h>
#include <stddef.h>

struct buf {
	char *p;
	size_t len, cap, max;
	bool overflow;
};

#define BUF_DEFAULT_MAX (64u << 20)

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Takes the bytes out; the buffer is empty (and re-initialised) afterwards. */
char *buf_detach(struct buf *b, size_t *len);

/* Escapers named by context. */
void buf_add_html(struct buf *b, const char *s, size_t n);
void buf_add_url(struct buf *b, const char *s, size_t n); /* percent-encodes all but unreserved */
/* A JSON string, quotes included, escaped as jansson's json_dumps does
 * without flags: '"', '\\' and control characters; UTF-8 bytes as they are
 * (the caller passes valid UTF-8, as everything stored is). */
void buf_add_json(struct buf *b, const char *s, size_t n);

#endif
