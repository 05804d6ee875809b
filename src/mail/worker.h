/*
 * worker.h: the outbox worker: threads inside `ocop serve` (and the one-off
 * `ocop mail run`) that claim due messages, send them over SMTP and settle
 * each one the moment its outcome is known.  Polite to the mail server: a
 * rate limit shared by all threads, and one connection per thread.
 */
#ifndef OCOP_MAIL_WORKER_H
#define OCOP_MAIL_WORKER_H

#include <stdbool.h>
#include <stddef.h>

struct dbw;

struct mail_config {
	const char *smtp_url;           /* OCOP_SMTP_URL; NULL: mail stays queued */
	const char *from_addr, *from_name; /* OCOP_MAIL_FROM, OCOP_MAIL_FROM_NAME */
	double rate;                    /* messages per second, all threads (OCOP_MAIL_RATE) */
	int connections;                /* parallel SMTP connections (OCOP_MAIL_CONNECTIONS) */
	int timeout;                    /* seconds */
	int claim_seconds;              /* how long a claim lasts (OCOP_MAIL_CLAIM_SECONDS) */
	int backoff;                    /* first retry delay, seconds (OCOP_MAIL_BACKOFF) */
	size_t attach_max;              /* bytes of attachments per message (OCOP_MAIL_ATTACH_MAX) */
	const char *base_url;           /* for the links in calendars made at send time */
};

/* Reads the configuration from the environment; false (with a one-line
 * message in err) when a value is bad.  No OCOP_SMTP_URL is not an error. */
bool mail_config_from_env(struct mail_config *c, char *err, size_t errlen);

struct mail_worker;

/* Starts cfg->connections threads sending through smtp_url, claiming and
 * settling through writer, reading attachments through their own
 * connections to db_url.  NULL if there is no SMTP URL. */
struct mail_worker *mail_worker_start(const struct mail_config *cfg, struct dbw *writer,
				      const char *db_url);
/* Finishes the messages in hand (their claims settle), stops, frees. */
void mail_worker_stop(struct mail_worker *w);
/* Sends everything due now, then returns: for `ocop mail run`.  Fills the
 * counts of this run.  0, or -1 if the worker could not start. */
int mail_drain(const struct mail_config *cfg, struct dbw *writer, const char *db_url,
	       int *sent, int *failed, int *retrying);

#endif
