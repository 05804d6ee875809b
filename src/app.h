/*
 * app.h: what a running server knows, built at start-up and read-only while
 * serving: configuration, the compiled templates, the group-commit writer,
 * the CSRF secret, the criteria registry.  Handlers reach it through req->app.
 */
#ifndef OCOP_APP_H
#define OCOP_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "mail/worker.h"

struct tpl_set;
struct dbw;
struct eval_cache;
struct criteria_registry;
struct bg;
struct reg_counts_cache;
struct report_cache;
struct cert_runner;

struct app_config {
	const char *db_url;
	const char *listen; /* host:port */
	const char *base_url;
	unsigned threads;
	unsigned db_pool; /* read connections (OCOP_DB_POOL); 0: one per thread */
	bool quiet; /* no access log */
	size_t upload_max; /* bytes, for R_UPLOAD routes (OCOP_UPLOAD_MAX) */
};

struct app {
	struct app_config cfg;
	struct tpl_set *tpl;
	struct dbw *writer;
	struct eval_cache *evals; /* evaluation definitions, shared */
	/* Shipped and stored OCOP criteria sets, built before the server starts
	 * and only read while serving. */
	struct criteria_registry *criteria;
	struct mail_config mail; /* from the environment; smtp_url NULL: queued */
	struct cert_runner *certs; /* certificate issue jobs, in the background */
	unsigned char csrf_key[32];
	bool secure_cookies; /* base URL is https */
	int listen_fd;
	struct bg *bg;       /* background tasks (imports); stopped before the writer */
	struct reg_counts_cache *reg_counts; /* registrants page counts */
	struct report_cache *reports;         /* the dashboard's counts (domain/report.h) */
};

#endif
