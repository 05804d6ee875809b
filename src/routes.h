/*
 * routes.h: the route table, the only place a URL meets a handler.
 * Patterns are literal segments and {} for a parameter (captured into
 * req->params in order).  Flags drive the central checks done before a
 * handler runs.
 */
#ifndef OCOP_ROUTES_H
#define OCOP_ROUTES_H

#include <stddef.h>

struct req;

enum {
	R_FORM = 1 << 0, /* parse an urlencoded body into fields */
	R_CSRF = 1 << 1, /* the form must carry a valid CSRF token */
	R_JSON = 1 << 2, /* the body must be a JSON object */
	R_VIEWER = 1 << 3,    /* logged in: any role (read and export) */
	R_ORGANIZER = 1 << 4, /* logged in as organizer or admin */
	R_ADMIN = 1 << 5,     /* logged in as admin */
	R_UPLOAD = 1 << 6, /* multipart/form-data up to the upload limit */
};
#define R_LOGIN (R_VIEWER | R_ORGANIZER | R_ADMIN)

struct route {
	const char *method;
	const char *pattern;
	void (*handler)(struct req *r);
	unsigned flags;
};

/* Finds the route for method and path, filling r->params.  Returns NULL;
 * then *path_matched tells 404 from 405. */
const struct route *routes_find(struct req *r, const char *method, const char *path,
				int *path_matched);

#endif
