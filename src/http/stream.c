/*
 * stream.c: streamed responses (see req.h): req_stream(), the entity
 * rules on top of it (ETag and If-None-Match, single byte ranges), and
 * Content-Disposition.  server.c turns a request's stream into a
 * libmicrohttpd callback response with stream_response().
 *
 * Parsing Range and matching ETags is in range.c (no libmicrohttpd there,
 * so unit tests reach it).
 *
 * The stream's state is heap memory owned first by the request, then by
 * the libmicrohttpd response: the response can outlive the request (it is
 * freed when the last byte is sent or the connection drops), so nothing
 * here points into the request's arena.
 */
#include "http/req_internal.h"
#include "core/log.h"
#include "core/utf8.h"
#include "http/range.h"

#include <inttypes.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>

struct req_stream_src {
	req_read_fn read;
	void *arg;
	void (*free_arg)(void *);
	uint64_t offset; /* of the first byte sent, in the entity */
	uint64_t size;   /* bytes to send, or REQ_SIZE_UNKNOWN */
	struct stream_db db;
};

static void stream_free(void *cls)
{
	struct req_stream_src *s = cls;

	if (s->free_arg)
		s->free_arg(s->arg);
	free(s);
}

void req_stream_release(struct req *r)
{
	if (r->stream)
		stream_free(r->stream);
	r->stream = NULL;
}

static void stream_set(struct req *r, unsigned status, uint64_t offset, uint64_t size,
                       req_read_fn read, void *arg, void (*free_arg)(void *))
{
	struct req_stream_src *s = xcalloc(1, sizeof(*s));

	req_stream_release(r);
	s->read = read;
	s->arg = arg;
	s->free_arg = free_arg;
	s->offset = offset;
	s->size = size;
	r->stream = s;
	r->status = status;
	buf_reset(&r->out);
}

void req_stream(struct req *r, unsigned status, uint64_t size, req_read_fn read, void *arg,
                void (*free_arg)(void *))
{
	stream_set(r, status, 0, size, read, arg, free_arg);
}

void req_stream_entity(struct req *r, uint64_t size, const char *etag, req_read_fn read, void *arg,
                       void (*free_arg)(void *))
{
	const char *inm = req_header(r, "If-None-Match");
	const char *range = req_header(r, "Range");
	const char *if_range = req_header(r, "If-Range");
	uint64_t first = 0, last = 0;

	req_add_header(r, "Accept-Ranges", "bytes");
	if (etag) {
		req_add_header(r, "ETag", arena_printf(&r->arena, "\"%s\"", etag));
		if (inm && range_etag_in(inm, etag)) {
			if (free_arg)
				free_arg(arg);
			req_stream_release(r);
			r->status = 304;
			buf_reset(&r->out);
			return;
		}
	}
	/* If-Range: the range holds only for the copy the client has. */
	if (range && if_range &&
	    (!etag || strncmp(if_range, "W/", 2) == 0 || !range_etag_in(if_range, etag)))
		range = NULL;
	int rc = range ? range_parse(range, size, &first, &last) : 0;
	if (rc < 0) {
		if (free_arg)
			free_arg(arg);
		req_stream_release(r);
		req_add_header(r, "Content-Range",
		               arena_printf(&r->arena, "bytes */%" PRIu64, size));
		r->status = 416;
		r->content_type = "text/plain; charset=utf-8";
		buf_reset(&r->out);
		return;
	}
	if (rc == 0) {
		stream_set(r, 200, 0, size, read, arg, free_arg);
		return;
	}
	req_add_header(
	    r, "Content-Range",
	    arena_printf(&r->arena, "bytes %" PRIu64 "-%" PRIu64 "/%" PRIu64, first, last, size));
	stream_set(r, 206, first, last - first + 1, read, arg, free_arg);
}

void req_content_disposition(struct req *r, bool attachment, const char *filename)
{
	const char *kind = attachment ? "attachment" : "inline";
	struct buf b;

	if (!filename || !*filename) {
		req_add_header(r, "Content-Disposition", kind);
		return;
	}
	/* The fallback is the name without marks ("Bài giảng" -> "bai giang");
	 * what has no ASCII form becomes '_'. */
	const char *ascii = utf8_fold(&r->arena, filename, strlen(filename));
	buf_init(&b, 4096);
	buf_addf(&b, "%s; filename=\"", kind);
	for (const unsigned char *p = (const unsigned char *)(ascii ? ascii : filename); *p; p++) {
		if (*p >= 0x80) {
			/* One '_' per non-ASCII character, not per byte. */
			if ((*p & 0xC0) != 0x80)
				buf_addc(&b, '_');
		} else if (*p < 0x20 || *p == 0x7f || *p == '"' || *p == '\\') {
			buf_addc(&b, '_');
		} else {
			buf_addc(&b, (char)*p);
		}
	}
	buf_adds(&b, "\"; filename*=UTF-8''");
	buf_add_url(&b, filename, strlen(filename));
	req_add_header(r, "Content-Disposition", arena_strdup(&r->arena, b.p));
	buf_release(&b);
}

/* libmicrohttpd's reader: positions are in the body sent, the handler's in
 * the entity. */
static ssize_t stream_reader(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct req_stream_src *s = cls;
	struct db *db = s->db.acquire(s->db.ctx);
	ssize_t n = -1;

	if (db) {
		n = s->read(s->arg, db, s->offset + pos, buf, max);
		s->db.release(s->db.ctx, db);
	}

	if (n > 0 && (size_t)n <= max)
		return n;
	if (n == 0 && s->size == REQ_SIZE_UNKNOWN)
		return MHD_CONTENT_READER_END_OF_STREAM;
	log_error("stream cut at byte %" PRIu64 " of %" PRIu64, s->offset + pos, s->size);
	return MHD_CONTENT_READER_END_WITH_ERROR;
}

struct MHD_Response *stream_response(struct req *r, const struct stream_db *db)
{
	struct req_stream_src *s = r->stream;
	struct MHD_Response *resp;

	s->db = *db;
	r->stream = NULL; /* the response owns it now, or it is freed here */
	if (s->size == 0) {
		resp = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
		stream_free(s);
		return resp;
	}
	/* For HEAD, libmicrohttpd sends the headers and never calls the reader. */
	resp = MHD_create_response_from_callback(s->size == REQ_SIZE_UNKNOWN ? MHD_SIZE_UNKNOWN
	                                                                     : s->size,
	                                         REQ_STREAM_BLOCK, stream_reader, s, stream_free);
	if (!resp)
		stream_free(s);
	return resp;
}
