/*
 * app.h: what a running server knows, built at start-up and read-only while
 * serving: configuration, the compiled templates, the group-commit writer,
 * the CSRF secret.  Handlers reach it through req->app.
 */
#ifndef OCOP_APP_H
#define OCOP_APP_H

#include <stdbool.h>
#include <stddef.h>

struct tpl_set;
struct dbw;
struct bg;
struct reg_counts_cache;

struct app_config {
	const char *db_url;
	const char *listen; /* host:port */
	const char *base_url;
	unsigned threads;
	bool quiet; /* no access log */
	size_t upload_max; /* bytes, for R_UPLOAD routes (OCOP_UPLOAD_MAX) */
};

struct app {
	struct app_config cfg;
	struct tpl_set *tpl;
	struct dbw *writer;
	unsigned char csrf_key[32];
	bool secure_cookies; /* base URL is https */
	struct bg *bg;       /* background tasks (imports); stopped before the writer */
	struct reg_counts_cache *reg_counts; /* registrants page counts */
};

#endif
