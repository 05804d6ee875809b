/*
 * req.h: one HTTP request as handlers see it, and the functions they use to
 * read input and write the response.  Nothing here includes microhttpd.h:
 * handlers never touch the library.
 *
 * Lifetime: the server creates a req when a request starts and frees it,
 * with its arena, when the request completes.  Everything a handler
 * allocates comes from req->arena.
 */
#ifndef OCOP_REQ_H
#define OCOP_REQ_H

#include "core/arena.h"
#include "core/buf.h"
#include "db/writer.h"

#include <jansson.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

struct app;
struct route;
struct db;
struct account;

#define REQ_MAX_PARAMS 4
#define REQ_MAX_FIELDS 256

struct req_file {
	const char *field, *filename, *content_type;
	const char *data; /* into the request body */
	size_t len;
};
#define REQ_MAX_FILES 8

struct req_field {
	const char *name, *value;
	size_t value_len;
};

struct req {
	struct arena arena;
	const struct app *app;
	struct db *db; /* this thread's read connection */
	void *conn;    /* the server's connection (opaque here) */

	const char *method; /* "GET", "POST", ...; HEAD is routed as GET */
	const char *path;   /* decoded path, no query */
	const char *query;  /* raw query string or "" */
	const char *params[REQ_MAX_PARAMS];
	int nparams;
	const struct route *route;
	int path_matched; /* some route has this path (405, not 404) */

	struct buf body; /* request body, capped */
	size_t body_seen;
	/* Form fields and uploaded files: arena arrays of REQ_MAX_FIELDS and
	 * REQ_MAX_FILES, made when a form is parsed (NULL before; a request
	 * without a form does not pay 6 KB of zeroing for them). */
	struct req_field *fields;
	int nfields;
	struct req_file *files;
	int nfiles;
	json_t *json; /* parsed JSON body, for R_JSON routes */
	struct account *user; /* the logged-in organiser, on R_LOGIN routes */
	char session_hash[65];

	unsigned status;
	const char *content_type;
	struct buf out;
	const char *hdr_name[12], *hdr_value[12];
	int nhdr;
	/* A streamed body (req_stream), instead of out. */
	struct req_stream_src *stream;

	/* A write waiting for the group commit (http_write). */
	struct dbw_job job;
	void (*cont)(struct req *r);
	int phase;
	bool suspended; /* set by req_write, seen by the server once */
	uint64_t start_us;
	char request_id[20];
};

/* Form field (urlencoded or query) by name, decoded; NULL if absent. */
const char *req_field(struct req *r, const char *name);
/* An uploaded file by field name (R_UPLOAD routes); NULL if none or empty. */
const struct req_file *req_file(struct req *r, const char *field);
/* Query parameter, decoded; NULL if absent. */
const char *req_query(struct req *r, const char *name);
const char *req_header(struct req *r, const char *name);
const char *req_cookie(struct req *r, const char *name);
bool req_wants_json(const struct req *r);
/* The client's IP address as text. */
const char *req_client_addr(struct req *r);

void req_add_header(struct req *r, const char *name, const char *value);
void req_set_cookie(struct req *r, const char *name, const char *value, int max_age);
void req_redirect(struct req *r, unsigned status, const char *location);
/* Renders template `name` with ctx (stolen) as the response body. */
void req_render(struct req *r, unsigned status, const char *name, json_t *ctx);
/* Dumps ctx (stolen) as the JSON response. */
void req_json(struct req *r, unsigned status, json_t *ctx);
/* The one error function: a translated message as a page or JSON. */
void req_error(struct req *r, unsigned status, const char *message);

/* Runs fn(db, arg) in the group commit and, once committed, calls cont(r)
 * on a server thread to write the response.  The handler returns right
 * after calling this. */
void req_write(struct req *r, int (*fn)(struct db *db, void *arg), void *arg,
	       void (*cont)(struct req *r));
/* The same for a job that changes nothing when it returns anything but
 * DB_OK or DB_ERROR (a registration, a submission: one INSERT ... ON
 * CONFLICT DO NOTHING, and what follows only when it inserted).  It runs
 * without a savepoint of its own; its DB_ERROR then fails every job of
 * the group commit (each answers its 503), which is rare: a full disk. */
void req_write_unguarded(struct req *r, int (*fn)(struct db *db, void *arg), void *arg,
			 void (*cont)(struct req *r));

/*
 * Streamed responses.  Instead of filling r->out, a handler may answer with
 * a body produced piece by piece while it is sent (a stored file, a CSV or
 * ZIP export), so a large body never sits whole in memory.
 *
 * read(arg, db, pos, buf, max) fills buf with up to max bytes of the body
 * starting at byte pos, and returns how many (at least 1), 0 at the end of
 * the body, or -1 on error.  The status line has gone by then, so an error
 * (or an early 0 when the size was given) cuts the connection: the client
 * sees a short body, never a wrong one.
 *
 * read runs after the handler has returned, on a server thread, between
 * other requests.  db is a read connection lent for this one call (never
 * keep it, nor a statement or transaction open across calls: the next call
 * may get another connection); when none can be had the stream is cut
 * without calling read.  read must not touch r or its arena.
 *
 * arg is owned by the stream from the call on: free_arg(arg) (may be NULL)
 * runs exactly once, when the response is done or abandoned, or at once
 * when no body is sent (304, 416, a replaced answer).  So arg is heap
 * memory, never the arena.  A handler that calls req_stream* must not
 * write another answer after it.
 */
typedef ssize_t (*req_read_fn)(void *arg, struct db *db, uint64_t pos, char *buf, size_t max);
#define REQ_SIZE_UNKNOWN UINT64_MAX /* sent with chunked transfer encoding */
/* Bytes asked of read at a time (the last block of a body may be shorter). */
#define REQ_STREAM_BLOCK (256u * 1024)

/* Answers status with a body of size bytes (or REQ_SIZE_UNKNOWN) from read.
 * Set r->content_type and headers as for any answer. */
void req_stream(struct req *r, unsigned status, uint64_t size, req_read_fn read, void *arg,
		void (*free_arg)(void *));
/* Answers with a stored entity of size bytes whose strong validator is etag
 * (without quotes; NULL for none): 304 when If-None-Match matches it; one
 * byte range (Range: bytes=a-b, a-, -n) as 206 with Content-Range, unless
 * If-Range names another validator; 416 when the range is unsatisfiable;
 * otherwise 200.  Several ranges are answered with the whole entity.  Sets
 * ETag and Accept-Ranges.  read sees positions in the entity. */
void req_stream_entity(struct req *r, uint64_t size, const char *etag, req_read_fn read,
		       void *arg, void (*free_arg)(void *));
/* Content-Disposition: attachment (or inline) with an ASCII fallback
 * filename="..." and the exact UTF-8 name as filename*=UTF-8''... (RFC 6266,
 * RFC 5987).  filename is borrowed; NULL or "" sends no name. */
void req_content_disposition(struct req *r, bool attachment, const char *filename);

/* CSRF: the token to put in forms (sets the cookie when needed), and the
 * check for a posted form. */
const char *req_csrf_token(struct req *r);
bool req_csrf_ok(struct req *r);

/* The absolute URL for a path under the configured base URL. */
const char *req_abs_url(struct req *r, const char *path);

#endif
