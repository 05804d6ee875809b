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
struct eval_cache;
struct cert_runner;

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
	struct eval_cache *evals; /* evaluation definitions, shared */
	struct cert_runner *certs; /* certificate issue jobs, in the background */
	unsigned char csrf_key[32];
	bool secure_cookies; /* base URL is https */
	int listen_fd;
};

#endif
