/*
 * cert_job.c: issuing a series' certificates in one job (see
 * certificate.h).
 *
 * The job row (cert_jobs) is made with a frozen template and the date to
 * print; then cert_job_run() takes everyone who qualifies and has no
 * certificate yet, in official order, and cuts them into batches of
 * CERT_BATCH.  Worker threads render each certificate once, to hash it
 * (rendering is the CPU work: PDFs are not kept), while this thread writes
 * finished batches in order through the group-commit writer.
 *
 * No gap and no double, whatever happens: a batch is one transaction that
 * first checks that the series' highest serial number is the one just
 * before the batch and that the job is still running, then inserts the
 * rows (UNIQUE on series and participant, on series and number) and moves
 * the job's progress.  A crash loses a whole batch or none; a resumed job
 * recomputes who is left and continues from the highest number.
 */
#include "domain/certificate.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "db/db.h"
#include "db/writer.h"

#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CERT_BATCH 100

struct item {
	int64_t registration_id, serial_no;
	const char *full_name;
	char serial[CERT_SERIAL_MAX], code[CERT_CODE_LEN + 1], sha256[65];
};

struct batch {
	struct item *v;
	size_t n;
	bool rendered, failed;
};

struct run {
	int64_t job_id, series_id, template_id, issued_at;
	const struct cert_tpl *tpl;
	struct batch *b;
	size_t nb, next_render;
	const atomic_bool *stop;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	/* The batch being written, for the writer job. */
	struct batch *writing;
	int64_t done;
};

static void *render_main(void *arg)
{
	struct run *r = arg;
	struct buf pdf;

	buf_init(&pdf, 8u << 20);
	for (;;) {
		pthread_mutex_lock(&r->lock);
		size_t i = r->next_render++;
		pthread_mutex_unlock(&r->lock);
		if (i >= r->nb || atomic_load(r->stop))
			break;
		/* A batch once taken is finished, stop or not: the writer waits
		 * for batches in order. */
		struct batch *b = &r->b[i];
		bool failed = false;
		for (size_t k = 0; k < b->n && !failed; k++) {
			struct item *it = &b->v[k];
			buf_reset(&pdf);
			if (cert_pdf(r->tpl, it->full_name, it->serial, it->code, r->issued_at,
			             &pdf) != 0) {
				log_error("certificate for registration %lld: cannot render",
				          (long long)it->registration_id);
				failed = true;
				break;
			}
			cert_sha256_hex(pdf.p, pdf.len, it->sha256);
		}
		pthread_mutex_lock(&r->lock);
		b->rendered = true;
		b->failed = failed;
		pthread_cond_broadcast(&r->cond);
		pthread_mutex_unlock(&r->lock);
	}
	buf_release(&pdf);
	/* Wake the writer: it may be waiting for a batch nobody will take. */
	pthread_mutex_lock(&r->lock);
	pthread_cond_broadcast(&r->cond);
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

/* The batch's transaction (see the top of the file). */
static int batch_write(struct db *db, void *arg)
{
	struct run *r = arg;
	struct batch *b = r->writing;
	int64_t max = 0, ok = 0;
	struct db_stmt *st = db_prepare(db, "SELECT COALESCE(MAX(serial_no), 0) FROM certificates "
	                                    "WHERE series_id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, r->series_id);
	if (db_one_int(st, &max) != DB_OK || max != b->v[0].serial_no - 1)
		return DB_CONFLICT;
	st = db_prepare(db, "SELECT COUNT(*) FROM cert_jobs WHERE id = $1 AND state = 'running'");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, r->job_id);
	if (db_one_int(st, &ok) != DB_OK || !ok)
		return DB_NOTFOUND;
	for (size_t k = 0; k < b->n; k++) {
		const struct item *it = &b->v[k];
		st = db_prepare(db, "INSERT INTO certificates (series_id, registration_id, job_id, "
		                    "template_id, serial_no, serial, code, full_name, issued_at, "
		                    "sha256) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, r->series_id);
		db_bind_int(st, 2, it->registration_id);
		db_bind_int(st, 3, r->job_id);
		db_bind_int(st, 4, r->template_id);
		db_bind_int(st, 5, it->serial_no);
		db_bind_text(st, 6, it->serial);
		db_bind_text(st, 7, it->code);
		db_bind_text(st, 8, it->full_name);
		db_bind_int(st, 9, r->issued_at);
		db_bind_text(st, 10, it->sha256);
		int rc = db_run(st);
		if (rc != DB_OK)
			return rc;
		/* Certificates are mailed when the organiser says so (console:
		 * Thư -> Gửi giấy chứng nhận), attached as issued (mail/worker.c). */
	}
	st = db_prepare(db, "UPDATE cert_jobs SET done = done + $2, updated_at = $3 WHERE id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, r->job_id);
	db_bind_int(st, 2, (int64_t)b->n);
	db_bind_int(st, 3, (int64_t)time(NULL));
	return db_run(st);
}

struct job_end {
	int64_t job_id, total;
	const char *state, *error; /* state NULL: only set the total */
};

static int job_end(struct db *db, void *arg)
{
	struct job_end *e = arg;
	struct db_stmt *st;

	if (!e->state) {
		st = db_prepare(db, "UPDATE cert_jobs SET total = done + $2, updated_at = $3 "
		                    "WHERE id = $1");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 2, e->total);
	} else {
		st = db_prepare(db, "UPDATE cert_jobs SET state = $2, updated_at = $3, error = $4 "
		                    "WHERE id = $1 AND state = 'running'");
		if (!st)
			return DB_ERROR;
		db_bind_text(st, 2, e->state);
		db_bind_text(st, 4, e->error ? e->error : "");
	}
	db_bind_int(st, 1, e->job_id);
	db_bind_int(st, 3, (int64_t)time(NULL));
	return db_run(st);
}

/* Loads the job; DB_NOTFOUND when it is not running. */
static int run_load(struct db *db, struct run *r)
{
	struct db_stmt *st = db_prepare(db, "SELECT series_id, template_id, issued_at, done FROM "
	                                    "cert_jobs WHERE id = $1 AND state = 'running'");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, r->job_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		r->series_id = db_col_int(st, 0);
		r->template_id = db_col_int(st, 1);
		r->issued_at = db_col_int(st, 2);
		r->done = db_col_int(st, 3);
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

/* Who is left, cut into numbered batches (arena memory). */
static int run_plan(struct db *db, struct arena *a, struct run *r)
{
	struct cert_rule rule;
	struct cert_person *p;
	size_t n, left = 0;
	int64_t max = 0;

	if (cert_rule_load(db, r->series_id, &rule) != DB_OK ||
	    cert_people_load(db, a, r->series_id, &rule, &p, &n) != DB_OK)
		return DB_ERROR;
	struct db_stmt *st = db_prepare(db, "SELECT COALESCE(MAX(serial_no), 0) FROM certificates "
	                                    "WHERE series_id = $1");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, r->series_id);
	if (db_one_int(st, &max) != DB_OK)
		return DB_ERROR;
	for (size_t i = 0; i < n; i++)
		left += p[i].qualifies && !p[i].serial;
	r->nb = (left + CERT_BATCH - 1) / CERT_BATCH;
	r->b = arena_alloc(a, sizeof(*r->b) * (r->nb + 1));
	for (size_t i = 0, k = 0; i < n; i++) {
		if (!p[i].qualifies || p[i].serial)
			continue;
		struct batch *b = &r->b[k / CERT_BATCH];
		if (!b->v)
			b->v = arena_alloc(a, sizeof(*b->v) * CERT_BATCH);
		struct item *it = &b->v[b->n++];
		it->registration_id = p[i].registration_id;
		it->full_name = p[i].full_name;
		it->serial_no = max + (int64_t)++k;
		cert_serial_format(cert_tpl_prefix(r->tpl), r->issued_at, it->serial_no,
		                   it->serial);
		cert_code_new(it->code);
	}
	return DB_OK;
}

/* Writes the batches in order as they are rendered.  0 (all written, or
 * stopping, or the job ended elsewhere), 1 (another runner writes this
 * series' certificates: leave the job to it) or -1 (why set). */
static int run_write(struct dbw *w, struct run *r,
                     void (*progress)(int64_t done, int64_t total, void *arg), void *arg,
                     int64_t total, const char **why)
{
	for (size_t i = 0; i < r->nb; i++) {
		struct batch *b = &r->b[i];
		pthread_mutex_lock(&r->lock);
		while (!b->rendered && !atomic_load(r->stop))
			pthread_cond_wait(&r->cond, &r->lock);
		pthread_mutex_unlock(&r->lock);
		if (!b->rendered)
			return 0; /* stopping: the job resumes later */
		if (b->failed) {
			*why = "cannot render a certificate (see the log)";
			return -1;
		}
		r->writing = b;
		int rc = dbw_run(w, batch_write, r);
		if (rc == DB_NOTFOUND)
			return 0; /* no longer running: ended elsewhere */
		if (rc == DB_CONFLICT) {
			/* The serials moved, or the people got certificates, under
			 * us: only another runner of this job does that (the server
			 * and `ocop certificates issue` at once).  No row was
			 * written; the job stays running for the other one. */
			log_info("certificate job %lld: another runner is issuing; leaving it",
			         (long long)r->job_id);
			return 1;
		}
		if (rc != DB_OK) {
			*why = "cannot store a batch";
			return -1;
		}
		r->done += (int64_t)b->n;
		if (progress)
			progress(r->done, total, arg);
	}
	return 0;
}

/*
 * Each render allocates and frees a few megabytes (cairo's streams, pango's
 * layouts).  With glibc's defaults the large blocks come from mmap and the
 * render threads' arenas are trimmed after every PDF: a third of the time
 * went to page faults and madvise.  Keeping freed memory (it is reused by
 * the next PDF at once) costs a few megabytes of resident memory.
 */
static void malloc_tune(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

int cert_job_run(struct db *db, struct dbw *w, int64_t job_id, int threads, const atomic_bool *stop,
                 void (*progress)(int64_t done, int64_t total, void *arg), void *arg)
{
	struct run r = {.job_id = job_id, .stop = stop};
	struct arena a;
	pthread_t th[8];
	int nth = 0, rc = -1;
	const char *why = NULL;
	struct cert_tpl *tpl = NULL;

	static pthread_once_t tuned = PTHREAD_ONCE_INIT;
	pthread_once(&tuned, malloc_tune);
	arena_init(&a);
	pthread_mutex_init(&r.lock, NULL);
	pthread_cond_init(&r.cond, NULL);
	int lrc = run_load(db, &r);
	if (lrc != DB_OK) {
		rc = lrc == DB_NOTFOUND ? 0 : -1;
		goto out;
	}
	if (!(tpl = cert_tpl_load(db, r.template_id))) {
		why = "cannot load the certificate template";
		goto end;
	}
	r.tpl = tpl;
	if (run_plan(db, &a, &r) != DB_OK) {
		why = "cannot read the participants";
		goto end;
	}
	int64_t left = 0;
	for (size_t i = 0; i < r.nb; i++)
		left += (int64_t)r.b[i].n;
	struct job_end tot = {.job_id = job_id, .total = left};
	if (dbw_run(w, job_end, &tot) != DB_OK) {
		why = "cannot store the job's progress";
		goto end;
	}
	if (progress)
		progress(r.done, r.done + left, arg);
	threads = threads < 1 ? 1 : threads > 8 ? 8 : threads;
	for (int i = 0; i < threads && (size_t)i < r.nb; i++)
		if (pthread_create(&th[nth], NULL, render_main, &r) == 0)
			nth++;
	if (r.nb && !nth) {
		why = "cannot start the rendering threads";
		goto end;
	}
	int wrc = run_write(w, &r, progress, arg, r.done + left, &why);
	if (wrc != 0) {
		/* Let the workers see there is nothing more to do. */
		pthread_mutex_lock(&r.lock);
		r.next_render = r.nb;
		pthread_mutex_unlock(&r.lock);
	}
	for (int i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	if (wrc == 1 || (wrc == 0 && atomic_load(stop))) {
		rc = 0;
		goto out;
	}
end:;
	struct job_end e = {.job_id = job_id, .state = why ? "failed" : "done", .error = why};
	if (dbw_run(w, job_end, &e) != DB_OK)
		log_error("certificate job %lld: cannot record its end", (long long)job_id);
	if (why)
		log_error("certificate job %lld failed: %s", (long long)job_id, why);
	rc = why ? -1 : 0;
out:
	cert_tpl_free(tpl);
	pthread_mutex_destroy(&r.lock);
	pthread_cond_destroy(&r.cond);
	arena_release(&a);
	return rc;
}
