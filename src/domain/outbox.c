/*
 * outbox.c: see outbox.h.
 */
#include "domain/outbox.h"
#include "core/arena.h"
#include "core/buf.h"
#include "db/db.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

void outbox_body_key(const char *text, const char *html, char out[65])
{
	crypto_hash_sha256_state h;
	unsigned char d[crypto_hash_sha256_BYTES];

	crypto_hash_sha256_init(&h);
	crypto_hash_sha256_update(&h, (const unsigned char *)text, strlen(text) + 1);
	crypto_hash_sha256_update(&h, (const unsigned char *)html, strlen(html));
	crypto_hash_sha256_final(&h, d);
	sodium_bin2hex(out, 65, d, sizeof(d));
}

/* Stores a shared body unless it is there already. */
static int outbox_body_store(struct db *db, const struct outbox_msg *m, int64_t now)
{
	struct db_stmt *st = db_prepare(db, "INSERT INTO mail_bodies (sha256, body_text, body_html, "
					    "created_at) VALUES ($1, $2, $3, $4) "
					    "ON CONFLICT (sha256) DO NOTHING");

	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, m->body_key);
	db_bind_text(st, 2, m->body_text);
	db_bind_text(st, 3, m->body_html ? m->body_html : "");
	db_bind_int(st, 4, now);
	return db_run(st);
}

int outbox_queue(struct db *db, const struct outbox_msg *m, const char *host, int64_t now)
{
	char mid[128];
	const char *message_id = m->message_id;
	bool shared = m->body_key != NULL;

	if (!message_id) {
		/* The time first: the unique index on message_id then grows at
		 * its end, instead of a random page of it per message. */
		unsigned char raw[12];
		char hex[25];
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2hex(hex, sizeof(hex), raw, sizeof(raw));
		snprintf(mid, sizeof(mid), "<%s.%010llx.%s@%s>", m->reason, (unsigned long long)now,
			 hex, host && *host ? host : "ocop");
		message_id = mid;
	}
	if (shared && outbox_body_store(db, m, now) != DB_OK)
		return DB_ERROR;
	struct db_stmt *st = db_prepare(
		db, "INSERT INTO outbox (mailing_id, registration_id, reason, to_addr, to_name, "
		    "subject, body_text, body_html, attachments, unsubscribe_url, message_id, "
		    "next_attempt_at, created_at, body_id, body_vars) VALUES ($1, $2, $3, $4, $5, "
		    "$6, $7, $8, $9, $10, $11, $12, $12, (SELECT id FROM mail_bodies WHERE "
		    "sha256 = $13), $14)");
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
	db_bind_text(st, 7, shared ? "" : m->body_text);
	db_bind_text(st, 8, shared || !m->body_html ? "" : m->body_html);
	db_bind_text(st, 9, m->attachments ? m->attachments : "");
	db_bind_text(st, 10, m->unsubscribe_url ? m->unsubscribe_url : "");
	db_bind_text(st, 11, message_id);
	db_bind_int(st, 12, now);
	if (shared)
		db_bind_text(st, 13, m->body_key);
	else
		db_bind_null(st, 13);
	db_bind_text(st, 14, shared && m->body_vars ? m->body_vars : "");
	return db_run(st);
}

/* body with each marker replaced by its value in vars (HTML-escaped when
 * html); a marker without a value stays as it is. */
static const char *outbox_expand(struct arena *a, const char *body, json_t *vars, bool html)
{
	struct buf b;
	const char *p = body, *q, *e;

	buf_init(&b, 0);
	while ((q = strchr(p, OUTBOX_MARK[0])) && (e = strchr(q + 1, OUTBOX_MARK[0]))) {
		const char *v = json_string_value(json_object_getn(vars, q + 1, (size_t)(e - q - 1)));

		buf_add(&b, p, (size_t)(q - p));
		if (!v)
			buf_add(&b, q, (size_t)(e + 1 - q));
		else if (html)
			buf_add_html(&b, v, strlen(v));
		else
			buf_adds(&b, v);
		p = e + 1;
	}
	buf_adds(&b, p);
	const char *out = arena_strndup(a, b.p, b.len);
	buf_release(&b);
	return out;
}

/* Puts together the messages of a claim that name a shared body. */
static int outbox_assemble(struct db *db, struct arena *a, struct outbox_msg *m,
			   const int64_t *body_id, int n)
{
	for (int i = 0; i < n; i++) {
		if (!body_id[i])
			continue;
		struct db_stmt *st =
			db_prepare(db, "SELECT body_text, body_html FROM mail_bodies WHERE id = $1");
		if (!st)
			return -1;
		db_bind_int(st, 1, body_id[i]);
		if (db_step(st) != DB_ROW) {
			db_done(st);
			return -1;
		}
		json_t *vars = json_loads(m[i].body_text, 0, NULL);
		m[i].body_text = outbox_expand(a, db_col_text(st, 0), vars, false);
		m[i].body_html = outbox_expand(a, db_col_text(st, 1), vars, true);
		json_decref(vars);
		db_done(st);
	}
	return 0;
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
		    "message_id, attempts, COALESCE(body_id, 0), body_vars");
	int64_t *body_id = arena_alloc(a, sizeof(*body_id) * (size_t)(max > 0 ? max : 1));
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
		body_id[n - 1] = db_col_int(st, 13);
		if (body_id[n - 1]) /* the values, until outbox_assemble() */
			m->body_text = arena_strdup(a, db_col_text(st, 14));
	}
	db_done(st);
	if (rc == DB_ERROR || outbox_assemble(db, a, out, body_id, n) != 0)
		return -1;
	return n;
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
