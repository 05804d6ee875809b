/*
 * outbox.h: the durable outbox.  Messages are queued inside the write that
 * causes them (outbox_queue, in a group-commit job), claimed by the worker
 * (outbox_claim), and settled with the result of each SMTP conversation
 * the moment it is known (outbox_settle), so a restart resumes a mailing
 * without sending twice what the server accepted.  A message whose outcome
 * is unknown (the connection dropped after the body) is retried with the
 * same Message-ID, which lets the receiving side see the duplicate.
 */
#ifndef OCOP_OUTBOX_H
#define OCOP_OUTBOX_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct db;
struct arena;

#define OUTBOX_MAX_ATTEMPTS 8
#define OUTBOX_CLAIM_SECONDS 300 /* a claim not settled by then is retried */

struct outbox_msg {
	int64_t id, mailing_id, registration_id;
	const char *reason, *to_addr, *to_name, *subject, *body_text, *body_html;
	const char *attachments;     /* JSON array of material ids, or "" */
	const char *unsubscribe_url; /* or "" */
	const char *message_id;
	int attempts;
	/* For outbox_queue only: a body shared by many messages (migration
	 * 0016).  When body_key is set, body_text and body_html are the shared
	 * body, with OUTBOX_VAR(name) markers that outbox_claim() replaces by
	 * the string `name` of body_vars (a JSON object; HTML-escaped in the
	 * HTML), and body_key is outbox_body_key() of the two.  Stored once per
	 * key, in the same transaction as the first message that names it. */
	const char *body_key, *body_vars;
};

/* A marker in a shared body; names are [a-z_]. */
#define OUTBOX_MARK "\x1f"
#define OUTBOX_VAR(name) OUTBOX_MARK name OUTBOX_MARK

/* The key of a shared body: the hex SHA-256 of text, a NUL and html. */
void outbox_body_key(const char *text, const char *html, char out[65]);

/* Queues m (id, attempts ignored) at `now`.  m->message_id may be NULL:
 * one is made from the time, random bytes and host.  DB_OK or DB_ERROR. */
int outbox_queue(struct db *db, const struct outbox_msg *m, const char *host, int64_t now);

/* Claims up to max due messages (queued and due, or sending with an expired
 * claim) for claim_seconds; fills out (arena strings, shared bodies put
 * together with their values).  Returns the number claimed or -1.  Runs as
 * one write. */
int outbox_claim(struct db *db, struct arena *a, int64_t now, int claim_seconds,
		 struct outbox_msg *out, int max);

enum outbox_result { OUTBOX_SENT, OUTBOX_RETRY, OUTBOX_FAILED };
/* Records the outcome of one attempt; RETRY schedules the next attempt
 * retry_delay seconds later, or fails after OUTBOX_MAX_ATTEMPTS. */
int outbox_settle(struct db *db, int64_t id, enum outbox_result r, const char *error,
		  int attempts, int64_t now, int64_t retry_delay);
/* Seconds before attempt n+1 (n >= 1): base doubling, capped at 1 h, with
 * +-20 % jitter so that a burst of failures does not come back as one. */
int64_t outbox_backoff(int attempts, int base);

/* Counts by state for a mailing (or, with mailing_id 0, all mail of a
 * series): {queued, sending, sent, failed, cancelled, retrying, total}. */
json_t *outbox_progress(struct db *db, int64_t series_id, int64_t mailing_id);
/* Requeue the failed messages of a mailing / cancel what is not sent. */
int outbox_retry_failed(struct db *db, int64_t mailing_id, int64_t now);
int outbox_cancel(struct db *db, int64_t mailing_id);
/* The newest message states of a registration: [{reason, state, at, error}]. */
json_t *outbox_for_registration(struct db *db, int64_t registration_id);
/* Has the participant opted out of announcements? */
bool outbox_opted_out(struct db *db, int64_t registration_id);
int outbox_optout(struct db *db, int64_t registration_id, int64_t now);

#endif
