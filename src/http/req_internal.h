/*
 * req_internal.h: what server.c and req.c share and handlers need not see.
 */
#ifndef OCOP_REQ_INTERNAL_H
#define OCOP_REQ_INTERNAL_H

#include "http/req.h"

enum {
	REQ_PHASE_READING = 0,
	REQ_PHASE_WAITING, /* suspended until the group commit */
	REQ_PHASE_RESUMED, /* committed; the continuation is due */
	REQ_PHASE_DONE,    /* response queued */
};

/* Makes r->fields and r->files if not yet made. */
void req_form_alloc(struct req *r);
/* Parses an urlencoded body into r->fields.  0, -1 malformed, -2 too many. */
int req_parse_form(struct req *r, const char *body, size_t len);
void req_suspend(struct req *r);
void req_resume(struct req *r);
/* The Allow header for a path that matched with another method. */
const char *routes_allow(const char *path);

/* stream.c: the libmicrohttpd response for r->stream (taken from r), or
 * NULL; db says how a read connection is lent to each read; and freeing a
 * stream the request never got to send. */
struct MHD_Response;
struct stream_db {
	struct db *(*acquire)(void *ctx); /* NULL: none to be had */
	void (*release)(void *ctx, struct db *db);
	void *ctx;
};
struct MHD_Response *stream_response(struct req *r, const struct stream_db *db);
void req_stream_release(struct req *r);

#endif
