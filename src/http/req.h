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

struct app;
struct route;
struct db;
struct account;

#define REQ_MAX_PARAMS 4
#define REQ_MAX_FIELDS 64

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
	struct req_field fields[REQ_MAX_FIELDS];
	int nfields;
	struct req_file files[REQ_MAX_FILES];
	int nfiles;
	json_t *json; /* parsed JSON body, for R_JSON routes */
	struct account *user; /* the logged-in organiser, on R_LOGIN routes */
	char session_hash[65];

	unsigned status;
	const char *content_type;
	struct buf out;
	int out_fd; /* req_send_fd: a file to send instead of out, or -1 */
	uint64_t out_fd_size;
	const char *hdr_name[8], *hdr_value[8];
	int nhdr;

	/* A write waiting for the group commit (http_write). */
	struct dbw_job job;
	void (*cont)(struct req *r);
	atomic_int phase; /* set by the writer thread too (req_write) */
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
/* Sends size bytes of the open file fd (from offset 0) as the body, so a
 * large download never sits in memory: libmicrohttpd reads it as the
 * socket drains (sendfile where it can).  The request owns fd from this
 * call on and closes it, whatever happens next; a later req_render,
 * req_json or req_error replaces it.  download_name (ASCII, may be NULL)
 * makes it an attachment.  (A general streaming API will replace this.) */
void req_send_fd(struct req *r, int fd, uint64_t size, const char *content_type,
		 const char *download_name);
/* The one error function: a translated message as a page or JSON. */
void req_error(struct req *r, unsigned status, const char *message);

/* Runs fn(db, arg) in the group commit and, once committed, calls cont(r)
 * on a server thread to write the response.  The handler returns right
 * after calling this. */
void req_write(struct req *r, int (*fn)(struct db *db, void *arg), void *arg,
	       void (*cont)(struct req *r));

/* CSRF: the token to put in forms (sets the cookie when needed), and the
 * check for a posted form. */
const char *req_csrf_token(struct req *r);
bool req_csrf_ok(struct req *r);

/* The absolute URL for a path under the configured base URL. */
const char *req_abs_url(struct req *r, const char *path);

#endif
