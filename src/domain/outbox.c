/*
 * outbox.c: see outbox.h.
 */
#include "domain/outbox.h"
#include "core/arena.h"
#include "db/db.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

int outbox_queue(struct db *db, const struct outbox_msg *m, const char *host, int64_t now)
{
	char mid[128];
	const char *message_id = m->message_id;

	if (!message_id) {
		unsigned char raw[12];
		char hex[25];
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
		snprintf(mid, sizeof(mid), "<%s.%s@%s>", m->reason, hex, host && *host ? host : "ocop");
		message_id = mid;
	}
	struct db_stmt *st = db_prepare(
		db, "INSERT INTO outbox (mailing_id, registration_id, reason, to_addr, to_name, "
		    "subject, body_text, body_html, attachments, unsubscribe_url, message_id, "
		    "next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
		    "$11, $12, $12)");
	if (!st)
		return DB_ERROR;
	if (m->mailing_id)
		db_bind_int(st, 1, m->mailing_id);
	else
		db_bind_null(st, 1);
	if (m->registration_id)
		db_bind_int(st, 2, m->registration_id);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, m->reason);
	db_bind_text(st, 4, m->to_addr);
	db_bind_text(st, 5, m->to_name ? m->to_name : "");
	db_bind_text(st, 6, m->subject);
	db_bind_text(st, 7, m->body_text);
	db_bind_text(st, 8, m->body_html ? m->body_html : "");
	db_bind_text(st, 9, m->attachments ? m->attachments : "");
	db_bind_text(st, 10, m->unsubscribe_url ? m->unsubscribe_url : "");
	db_bind_text(st, 11, message_id);
	db_bind_int(st, 12, now);
	return db_run(st);
}

int outbox_claim(struct db *db, struct arena *a, int64_t now, int claim_seconds,
		 struct outbox_msg *out, int max)
{
	/* Due messages, and claims of a crashed worker, oldest first.  The
	 * condition is repeated outside the subquery: on PostgreSQL a row that
	 * another instance claimed meanwhile is checked again after its lock
	 * and skipped (and db_begin there serialises writers anyway). */
	struct db_stmt *st = db_prepare(
		db, "UPDATE outbox SET state = 'sending', claimed_until = $2 WHERE id IN (SELECT id "
		    "FROM outbox WHERE (state = 'queued' AND next_attempt_at <= $1) OR (state = "
		    "'sending' AND claimed_until < $1) ORDER BY next_attempt_at, id LIMIT $3) "
		    "AND ((state = 'queued' AND next_attempt_at <= $1) OR (state = 'sending' AND "
		    "claimed_until < $1)) RETURNING id, COALESCE(mailing_id, 0), COALESCE(registration_id, 0), reason, "
		    "to_addr, to_name, subject, body_text, body_html, attachments, unsubscribe_url, "
		    "message_id, attempts");
	int n = 0, rc;

	if (!st)
		return -1;
	db_bind_int(st, 1, now);
	db_bind_int(st, 2, now + claim_seconds);
	db_bind_int(st, 3, max);
	while ((rc = db_step(st)) == DB_ROW && n < max) {
		struct outbox_msg *m = &out[n++];
		m->id = db_col_int(st, 0);
		m->mailing_id = db_col_int(st, 1);
		m->registration_id = db_col_int(st, 2);
		m->reason = arena_strdup(a, db_col_text(st, 3));
		m->to_addr = arena_strdup(a, db_col_text(st, 4));
		m->to_name = arena_strdup(a, db_col_text(st, 5));
		m->subject = arena_strdup(a, db_col_text(st, 6));
		m->body_text = arena_strdup(a, db_col_text(st, 7));
		m->body_html = arena_strdup(a, db_col_text(st, 8));
		m->attachments = arena_strdup(a, db_col_text(st, 9));
		m->unsubscribe_url = arena_strdup(a, db_col_text(st, 10));
		m->message_id = arena_strdup(a, db_col_text(st, 11));
		m->attempts = (int)db_col_int(st, 12);
	}
	db_done(st);
	return rc == DB_ERROR ? -1 : n;
}

int64_t outbox_backoff(int attempts, int base)
{
	int64_t s = base > 0 ? base : 30;

	for (int i = 1; i < attempts && s < 3600; i++)
		s *= 2;
	if (s > 3600)
		s = 3600;
	int64_t jitter = (int64_t)randombytes_uniform((uint32_t)(s * 2 / 5 + 1)) - s / 5;
	return s + jitter;
}

int outbox_settle(struct db *db, int64_t id, enum outbox_result r, const char *error,
		  int attempts, int64_t now, int64_t retry_delay)
{
	struct db_stmt *st;

	if (r == OUTBOX_RETRY && attempts >= OUTBOX_MAX_ATTEMPTS)
		r = OUTBOX_FAILED;
	if (r == OUTBOX_SENT) {
		st = db_prepare(db, "UPDATE outbox SET state = 'sent', sent_at = $2, attempts = $3, "
				    "last_error = '', claimed_until = NULL WHERE id = $1");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, id);
		db_bind_int(st, 2, now);
		db_bind_int(st, 3, attempts);
		return db_run(st);
	}
	st = db_prepare(db, "UPDATE outbox SET state = $2, attempts = $3, last_error = $4, "
			    "next_attempt_at = $5, claimed_until = NULL WHERE id = $1 AND state = "
			    "'sending'");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, r == OUTBOX_FAILED ? "failed" : "queued");
	db_bind_int(st, 3, attempts);
	db_bind_text(st, 4, error ? error : "");
	db_bind_int(st, 5, now + (r == OUTBOX_RETRY ? retry_delay : 0));
	return db_run(st);
}

json_t *outbox_progress(struct db *db, int64_t series_id, int64_t mailing_id)
{
	json_t *o = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "queued", 0, "sending", 0,
			      "sent", 0, "failed", 0, "cancelled", 0, "retrying", 0, "total", 0);
	struct db_stmt *st = db_prepare(
		db, "SELECT o.state, o.attempts > 0 AND o.state = 'queued', COUNT(*) FROM outbox o "
		    "LEFT JOIN registrations r ON r.id = o.registration_id LEFT JOIN mailings m ON "
		    "m.id = o.mailing_id WHERE ($2 <> 0 AND o.mailing_id = $2) OR ($2 = 0 AND "
		    "(r.series_id = $1 OR m.series_id = $1)) GROUP BY o.state, 2");
	int64_t total = 0;

	if (!st)
		return o;
	db_bind_int(st, 1, series_id);
	db_bind_int(st, 2, mailing_id);
	while (db_step(st) == DB_ROW) {
		const char *state = db_col_text(st, 0);
		int64_t n = db_col_int(st, 2);
		const char *key = db_col_int(st, 1) ? "retrying" : state;
		json_object_set_new(o, key,
				    json_integer(json_integer_value(json_object_get(o, key)) + n));
		total += n;
	}
	db_done(st);
	json_object_set_new(o, "total", json_integer(total));
	return o;
}

int outbox_retry_failed(struct db *db, int64_t mailing_id, int64_t now)
{
	struct db_stmt *st = db_prepare(db, "UPDATE outbox SET state = 'queued', attempts = 0, "
					    "next_attempt_at = $2 WHERE mailing_id = $1 AND state = "
					    "'failed'");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, mailing_id);
	db_bind_int(st, 2, now);
	return db_run(st);
}

int outbox_cancel(struct db *db, int64_t mailing_id)
{
	struct db_stmt *st = db_prepare(db, "UPDATE outbox SET state = 'cancelled' WHERE "
					    "mailing_id = $1 AND state = 'queued'");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, mailing_id);
	return db_run(st);
}

json_t *outbox_for_registration(struct db *db, int64_t registration_id)
{
	json_t *list = json_array();
	struct db_stmt *st = db_prepare(db, "SELECT reason, state, COALESCE(sent_at, created_at), "
					    "last_error, subject FROM outbox WHERE registration_id = "
					    "$1 ORDER BY id DESC LIMIT 20");

	if (!st)
		return list;
	db_bind_int(st, 1, registration_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(list, json_pack("{s:s, s:s, s:I, s:s, s:s}", "reason",
						      db_col_text(st, 0), "state",
						      db_col_text(st, 1), "at",
						      (json_int_t)db_col_int(st, 2), "error",
						      db_col_text(st, 3), "subject",
						      db_col_text(st, 4)));
	db_done(st);
	return list;
}

bool outbox_opted_out(struct db *db, int64_t registration_id)
{
	int64_t n = 0;
	struct db_stmt *st =
		db_prepare(db, "SELECT COUNT(*) FROM mail_optouts WHERE registration_id = $1");

	if (!st)
		return false;
	db_bind_int(st, 1, registration_id);
	return db_one_int(st, &n) == DB_OK && n > 0;
}

int outbox_optout(struct db *db, int64_t registration_id, int64_t now)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO mail_optouts (registration_id, at) VALUES "
					    "($1, $2) ON CONFLICT (registration_id) DO NOTHING");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, registration_id);
	db_bind_int(st, 2, now);
	return db_run(st);
}
