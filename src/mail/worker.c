/*
 * worker.c: the outbox worker (see worker.h).
 *
 * Each thread: claim a few due messages (one write), then for each: wait
 * for the shared rate limiter, build the attachments (inline text, or a
 * material read once and kept for the next messages of the mailing), send,
 * and settle (one write, committed before the next message is sent).
 * Between a server's acceptance and that commit lies the only window in
 * which a crash can lead to a second delivery; the retry then carries the
 * same Message-ID.
 */
#include "mail/worker.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "db/writer.h"
#include "domain/material.h"
#include "domain/outbox.h"
#include "domain/registration.h"
#include "mail/smtp.h"
#include "core/buf.h"
#include "domain/series.h"
#include "domain/certificate.h"
#include "render/calendar.h"

#include <curl/curl.h>
#include <errno.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAIL_BATCH 8
#define MAIL_MAX_ATT 8

struct mail_worker {
	struct mail_config cfg;
	struct dbw *writer;
	const char *db_url;
	pthread_t threads[16];
	int nthreads;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	bool stopping, drain; /* drain: stop when nothing is due */
	double next_slot;     /* the rate limiter: when the next send may start */
	int sent, failed, retrying;
};

struct mail_cached {
	int64_t id;
	char *data, *name, *type;
	size_t len;
};

struct mail_thread {
	struct mail_worker *w;
	struct smtp_client *smtp;
	struct db *db;
	struct mail_cached cache[4];
};

bool mail_config_from_env(struct mail_config *c, char *err, size_t errlen)
{
	const char *v;
	char *end;

	memset(c, 0, sizeof(*c));
	c->smtp_url = getenv("OCOP_SMTP_URL");
	if (c->smtp_url && !*c->smtp_url)
		c->smtp_url = NULL;
	c->from_addr = getenv("OCOP_MAIL_FROM") ? getenv("OCOP_MAIL_FROM") : "noreply@ocop.local";
	c->from_name = getenv("OCOP_MAIL_FROM_NAME") ? getenv("OCOP_MAIL_FROM_NAME")
						     : "Ban tổ chức tập huấn OCOP";
	c->rate = 20;
	c->connections = 2;
	c->timeout = 30;
	c->claim_seconds = OUTBOX_CLAIM_SECONDS;
	c->backoff = 30;
	c->attach_max = 10u << 20;
	if ((v = getenv("OCOP_MAIL_RATE"))) {
		c->rate = strtod(v, &end);
		if (*end || c->rate <= 0 || c->rate > 10000)
			return snprintf(err, errlen, "bad OCOP_MAIL_RATE '%s'", v), false;
	}
	if ((v = getenv("OCOP_MAIL_CONNECTIONS"))) {
		c->connections = (int)strtol(v, &end, 10);
		if (*end || c->connections < 1 || c->connections > 16)
			return snprintf(err, errlen, "bad OCOP_MAIL_CONNECTIONS '%s': 1 to 16", v),
			       false;
	}
	if ((v = getenv("OCOP_MAIL_CLAIM_SECONDS"))) {
		c->claim_seconds = (int)strtol(v, &end, 10);
		if (*end || c->claim_seconds < 1 || c->claim_seconds > 86400)
			return snprintf(err, errlen, "bad OCOP_MAIL_CLAIM_SECONDS '%s'", v), false;
	}
	if ((v = getenv("OCOP_MAIL_BACKOFF"))) {
		c->backoff = (int)strtol(v, &end, 10);
		if (*end || c->backoff < 1 || c->backoff > 3600)
			return snprintf(err, errlen, "bad OCOP_MAIL_BACKOFF '%s': 1 to 3600", v),
			       false;
	}
	if ((v = getenv("OCOP_MAIL_ATTACH_MAX"))) {
		c->attach_max = (size_t)strtoull(v, &end, 10);
		if (*end || c->attach_max > (100u << 20))
			return snprintf(err, errlen, "bad OCOP_MAIL_ATTACH_MAX '%s'", v), false;
	}
	return true;
}

static double mail_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Waits for this thread's turn under the shared rate.  false: stopping. */
static bool mail_rate_wait(struct mail_worker *w)
{
	pthread_mutex_lock(&w->lock);
	double now = mail_now();
	double slot = w->next_slot > now ? w->next_slot : now;
	w->next_slot = slot + 1.0 / w->cfg.rate;
	bool stop = w->stopping;
	pthread_mutex_unlock(&w->lock);
	if (stop)
		return false;
	double wait = slot - now;
	if (wait > 0) {
		struct timespec ts = {(time_t)wait, (long)((wait - (time_t)wait) * 1e9)};
		nanosleep(&ts, NULL);
	}
	return true;
}

struct mail_claim_job {
	struct arena arena;
	struct outbox_msg msgs[MAIL_BATCH];
	int n;
	int claim_seconds;
};

static int mail_claim(struct db *db, void *arg)
{
	struct mail_claim_job *j = arg;
	int64_t now = (int64_t)time(NULL);

	j->n = outbox_claim(db, &j->arena, now, j->claim_seconds, j->msgs, MAIL_BATCH);
	return j->n < 0 ? DB_ERROR : DB_OK;
}

struct mail_settle_job {
	int64_t id;
	enum outbox_result r;
	const char *error;
	int attempts;
	int64_t delay;
};

static int mail_settle(struct db *db, void *arg)
{
	struct mail_settle_job *j = arg;

	return outbox_settle(db, j->id, j->r, j->error, j->attempts, (int64_t)time(NULL), j->delay);
}

/* A material's bytes, read once per thread and kept for the next message. */
static struct mail_cached *mail_material(struct mail_thread *t, int64_t series, int64_t id,
					 size_t max)
{
	struct material m;
	struct mail_cached *c = &t->cache[id % 4];

	if (c->id == id)
		return c;
	free(c->data);
	free(c->name);
	free(c->type);
	memset(c, 0, sizeof(*c));
	if (material_find(t->db, series, id, &m) != DB_OK || (uint64_t)m.size > max)
		return NULL;
	c->data = xmalloc(m.size ? (size_t)m.size : 1);
	for (size_t pos = 0; pos < (size_t)m.size;) {
		ssize_t n = material_read(t->db, id, pos, c->data + pos, (size_t)m.size - pos);
		if (n <= 0) {
			free(c->data);
			c->data = NULL;
			return NULL;
		}
		pos += (size_t)n;
	}
	c->id = id;
	c->len = (size_t)m.size;
	c->name = xstrdup(m.filename);
	c->type = xstrdup(m.content_type);
	return c;
}

/* The participant's calendar (.ics) into out, made now from the series'
 * schedule.  0 or -1. */
static int mail_calendar(struct mail_thread *t, int64_t registration_id, struct buf *out)
{
	struct reg_brief reg;
	char url[512];
	struct series s;

	if (reg_brief_by_id(t->db, NULL, registration_id, &reg) != DB_OK)
		return -1;
	if (series_find_id(t->db, reg.series_id, &s) != DB_OK)
		return -1;
	json_t *series = series_load_schedule(t->db, &s);
	if (!series)
		return -1;
	const char *base = t->w->cfg.base_url ? t->w->cfg.base_url : "";
	const char *host = strstr(base, "://") ? strstr(base, "://") + 3 : "ocop.local";
	snprintf(url, sizeof(url), "%s/me/%s", base, reg.token);
	calendar_links(series);
	calendar_ics(out, series, registration_id, url, host, reg.created_at);
	json_decref(series);
	return out->overflow ? -1 : 0;
}

/* The attachments of m; -1 when one cannot be had (retried later).  cal
 * receives a calendar made for the message. */
static int mail_attachments(struct mail_thread *t, const struct outbox_msg *m, json_t **keep,
			    struct mail_attachment *att, size_t *n, struct buf *cal)
{
	json_t *list = *m->attachments ? json_loads(m->attachments, 0, NULL) : NULL;
	size_t i, total = 0;
	json_t *x;

	*n = 0;
	*keep = list;
	json_array_foreach(list, i, x)
	{
		if (*n == MAIL_MAX_ATT)
			break;
		struct mail_attachment *a = &att[*n];
		if (json_is_true(json_object_get(x, "certificate"))) {
			struct cert c;
			struct arena ca;
			arena_init(&ca);
			int rc = cert_find_reg(t->db, &ca, m->registration_id, &c);
			buf_reset(cal);
			if (rc != DB_OK || strcmp(c.status, "valid") != 0 ||
			    cert_pdf_of(t->db, &c, cal) != 0) {
				arena_release(&ca);
				return -1;
			}
			a->filename = "giay-chung-nhan.pdf";
			a->content_type = "application/pdf";
			a->data = cal->p;
			a->len = cal->len;
			arena_release(&ca);
		} else if (json_is_true(json_object_get(x, "calendar"))) {
			if (mail_calendar(t, m->registration_id, cal) != 0)
				return -1;
			a->filename = "lich-tap-huan.ics";
			a->content_type = "text/calendar; charset=utf-8; method=PUBLISH";
			a->data = cal->p;
			a->len = cal->len;
		} else if (json_object_get(x, "text")) {
			a->filename = json_string_value(json_object_get(x, "name"));
			a->content_type = json_string_value(json_object_get(x, "type"));
			a->data = json_string_value(json_object_get(x, "text"));
			a->len = json_string_length(json_object_get(x, "text"));
		} else {
			struct mail_cached *c = mail_material(
				t, json_integer_value(json_object_get(x, "series")),
				json_integer_value(json_object_get(x, "material")),
				t->w->cfg.attach_max - total);
			if (!c)
				return -1;
			a->filename = c->name;
			a->content_type = c->type;
			a->data = c->data;
			a->len = c->len;
		}
		total += a->len;
		(*n)++;
	}
	return 0;
}

static void mail_send_one(struct mail_thread *t, const struct outbox_msg *m)
{
	struct mail_worker *w = t->w;
	struct mail_attachment att[MAIL_MAX_ATT];
	size_t natt = 0;
	json_t *keep = NULL;
	char err[512] = "";
	struct mail_settle_job j = {.id = m->id, .attempts = m->attempts + 1};
	struct buf cal;

	buf_init(&cal, 1 << 20);
	if (mail_attachments(t, m, &keep, att, &natt, &cal) != 0) {
		j.r = OUTBOX_RETRY;
		j.error = "attachment unavailable";
	} else {
		struct mail_message msg = {
			.from_name = w->cfg.from_name,
			.from_addr = w->cfg.from_addr,
			.to_name = m->to_name,
			.to_addr = m->to_addr,
			.subject = m->subject,
			.message_id = m->message_id,
			.list_unsubscribe = *m->unsubscribe_url ? m->unsubscribe_url : NULL,
			.text = m->body_text,
			.html = *m->body_html ? m->body_html : NULL,
			.att = att,
			.n_att = natt,
		};
		enum smtp_result r = smtp_send(t->smtp, &msg, err, sizeof(err));
		j.r = r == SMTP_SENT ? OUTBOX_SENT : r == SMTP_PERMFAIL ? OUTBOX_FAILED : OUTBOX_RETRY;
		j.error = err;
	}
	j.delay = outbox_backoff(j.attempts, w->cfg.backoff);
	if (dbw_run(w->writer, mail_settle, &j) != DB_OK)
		log_error("mail %lld: cannot record the outcome (%s)", (long long)m->id, err);
	if (j.r != OUTBOX_SENT)
		log_info("mail %lld to %s: %s: %s", (long long)m->id, m->to_addr,
			 j.r == OUTBOX_FAILED ? "failed" : "will retry", err);
	pthread_mutex_lock(&w->lock);
	if (j.r == OUTBOX_SENT)
		w->sent++;
	else if (j.r == OUTBOX_FAILED || j.attempts >= OUTBOX_MAX_ATTEMPTS)
		w->failed++;
	else
		w->retrying++;
	pthread_mutex_unlock(&w->lock);
	json_decref(keep);
	buf_release(&cal);
}

static void *mail_thread_main(void *arg)
{
	struct mail_thread *t = arg;
	struct mail_worker *w = t->w;

	for (;;) {
		struct mail_claim_job j = {.claim_seconds = w->cfg.claim_seconds};
		arena_init(&j.arena);
		if (dbw_run(w->writer, mail_claim, &j) != DB_OK)
			j.n = 0;
		for (int i = 0; i < j.n; i++) {
			if (!mail_rate_wait(w)) {
				/* Stopping: the rest of the claim expires and is retried. */
				j.n = 0;
				break;
			}
			mail_send_one(t, &j.msgs[i]);
		}
		int got = j.n;
		arena_release(&j.arena);
		pthread_mutex_lock(&w->lock);
		if (w->stopping || (got == 0 && w->drain)) {
			pthread_mutex_unlock(&w->lock);
			break;
		}
		if (got == 0) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_sec += 1;
			pthread_cond_timedwait(&w->wake, &w->lock, &ts);
		}
		pthread_mutex_unlock(&w->lock);
	}
	for (int i = 0; i < 4; i++) {
		free(t->cache[i].data);
		free(t->cache[i].name);
		free(t->cache[i].type);
	}
	smtp_client_free(t->smtp);
	db_close(t->db);
	free(t);
	return NULL;
}

static struct mail_worker *mail_start(const struct mail_config *cfg, struct dbw *writer,
				      const char *db_url, bool drain)
{
	struct mail_worker *w;
	char err[256];

	if (!cfg->smtp_url)
		return NULL;
	curl_global_init(CURL_GLOBAL_DEFAULT);
	w = xcalloc(1, sizeof(*w));
	w->cfg = *cfg;
	w->writer = writer;
	w->db_url = db_url;
	w->drain = drain;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->wake, NULL);
	for (int i = 0; i < cfg->connections && i < 16; i++) {
		struct mail_thread *t = xcalloc(1, sizeof(*t));
		t->w = w;
		t->smtp = smtp_client_new(cfg->smtp_url, cfg->timeout);
		if (!t->smtp || db_open(db_url, &t->db, err, sizeof(err)) != 0) {
			log_error("mail: cannot start a sender for '%s'", cfg->smtp_url);
			smtp_client_free(t->smtp);
			free(t);
			continue;
		}
		if (pthread_create(&w->threads[w->nthreads], NULL, mail_thread_main, t) == 0)
			w->nthreads++;
	}
	if (w->nthreads == 0) {
		free(w);
		return NULL;
	}
	return w;
}

struct mail_worker *mail_worker_start(const struct mail_config *cfg, struct dbw *writer,
				      const char *db_url)
{
	return mail_start(cfg, writer, db_url, false);
}

static void mail_join(struct mail_worker *w)
{
	for (int i = 0; i < w->nthreads; i++)
		pthread_join(w->threads[i], NULL);
	pthread_mutex_destroy(&w->lock);
	pthread_cond_destroy(&w->wake);
	free(w);
}

void mail_worker_stop(struct mail_worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = true;
	pthread_cond_broadcast(&w->wake);
	pthread_mutex_unlock(&w->lock);
	mail_join(w);
}

int mail_drain(const struct mail_config *cfg, struct dbw *writer, const char *db_url,
	       int *sent, int *failed, int *retrying)
{
	struct mail_worker *w = mail_start(cfg, writer, db_url, true);

	if (!w)
		return -1;
	for (int i = 0; i < w->nthreads; i++)
		pthread_join(w->threads[i], NULL);
	*sent = w->sent;
	*failed = w->failed;
	*retrying = w->retrying;
	w->nthreads = 0;
	mail_join(w);
	return 0;
}
