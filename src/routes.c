/*
 * routes.c: THE route table, the only place a URL meets a handler (see
 * routes.h).  Matching is a linear walk: the table is short, and a walk
 * over a few dozen patterns costs less than the request's own parsing.
 */
#include "routes.h"
#include "http/req_internal.h"
#include "web/pages.h"

#include <string.h>

static const struct route routes[] = {
	{"GET", "/", page_home, 0},
	{"GET", "/healthz", page_healthz, 0},
	{"GET", "/static/{}", page_static, 0},
	{"GET", "/s/{}", page_series, 0},
	{"GET", "/s/{}/register", page_register_get, 0},
	{"POST", "/s/{}/register", page_register_post, R_FORM | R_CSRF},
	{"GET", "/me/{}", page_me, 0},
	{"GET", "/me/{}/calendar.ics", page_me_ics, 0},
	{"GET", "/api/v1/series/{}", api_series_get, 0},
	{"POST", "/api/v1/series/{}/registrations", api_registrations_post, R_JSON},

	/* The organisers' console. */
	{"GET", "/admin/login", page_admin_login_get, 0},
	{"POST", "/admin/login", page_admin_login_post, R_FORM | R_CSRF},
	{"POST", "/admin/logout", page_admin_logout, R_FORM | R_CSRF | R_VIEWER},
	{"GET", "/admin", page_admin_home, R_VIEWER},
	{"GET", "/admin/audit", page_admin_audit, R_ADMIN},

	/* Console: registrants */
	{"GET", "/admin/series/{}/registrations", page_admin_regs, R_VIEWER},
	{"GET", "/admin/series/{}/registrations.csv", page_admin_regs_csv, R_VIEWER},
	{"GET", "/admin/series/{}/registrations.xlsx", page_admin_regs_xlsx, R_VIEWER},
	{"GET", "/admin/series/{}/registrations/import", page_admin_import_get, R_ORGANIZER},
	{"POST", "/admin/series/{}/registrations/import", page_admin_import_post,
	 R_UPLOAD | R_CSRF | R_ORGANIZER},
	{"GET", "/admin/series/{}/imports/{}", page_admin_import_job, R_ORGANIZER},
	{"GET", "/admin/series/{}/registrations/{}", page_admin_reg_get, R_VIEWER},
	{"POST", "/admin/series/{}/registrations/{}", page_admin_reg_post,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/registrations/{}/status", page_admin_reg_status,
	 R_FORM | R_CSRF | R_ORGANIZER},
};

/* Matches one pattern; fills params (arena copies) when it matches. */
static int routes_match(struct req *r, const char *pat, const char *path, int fill)
{
	int n = 0;

	while (*pat && *path) {
		if (pat[0] == '{' && pat[1] == '}') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);
			if (len == 0 || n == REQ_MAX_PARAMS)
				return 0;
			if (fill)
				r->params[n] = arena_strndup(&r->arena, path, len);
			n++;
			path += len;
			pat += 2;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	if (*pat || *path)
		return 0;
	if (fill)
		r->nparams = n;
	return 1;
}

const struct route *routes_find(struct req *r, const char *method, const char *path,
				int *path_matched)
{
	*path_matched = 0;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!routes_match(r, routes[i].pattern, path, 0))
			continue;
		*path_matched = 1;
		if (strcmp(routes[i].method, method) == 0) {
			routes_match(r, routes[i].pattern, path, 1);
			return &routes[i];
		}
	}
	return NULL;
}

const char *routes_allow(const char *path)
{
	int get = 0, post = 0;

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!routes_match(NULL, routes[i].pattern, path, 0))
			continue;
		if (strcmp(routes[i].method, "GET") == 0)
			get = 1;
		else if (strcmp(routes[i].method, "POST") == 0)
			post = 1;
	}
	return get && post ? "GET, HEAD, POST" : post ? "POST" : "GET, HEAD";
}
