/*
 * report.c: loading the cube of report.h: the series, the province lists,
 * every registration with its bucket, then the other rows through
 * report_rows.c and report_certs.c.  The registrations are read once, in
 * id order, into arrays that the later steps look people up in (a direct
 * table when the series' ids are dense, as they are, else a binary
 * search), so no other query has to join registrations.
 */
#include "domain/report_int.h"
#include "core/arena.h"
#include "core/log.h"
#include "db/db.h"
#include "domain/registration.h"
#include "domain/series.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RC_LOCAL_OFFSET 25200 /* UTC+7: days are Vietnamese days */

const char *const report_aspects[4] = {"content", "speaker", "organisation", "platform"};

const char *report_aspect_label(int i)
{
	static const char *const labels[4] = {"Nội dung", "Báo cáo viên", "Công tác tổ chức",
	                                      "Nền tảng trực tuyến"};
	return i >= 0 && i < 4 ? labels[i] : "";
}

/* One province list ('2025' or 'pre2025') into out, in code order. */
static int rc_provinces(struct db *db, const char *list, struct rc_province *out, int *n)
{
	struct db_stmt *st = db_prepare(db, "SELECT code, name, COALESCE(successor_code, code) "
	                                    "FROM provinces WHERE list = $1 ORDER BY code");
	int rc;

	*n = 0;
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, list);
	while ((rc = db_step(st)) == DB_ROW && *n < RC_PROV - 1) {
		struct rc_province *p = &out[(*n)++];
		snprintf(p->code, sizeof(p->code), "%s", db_col_text(st, 0));
		snprintf(p->name, sizeof(p->name), "%s", db_col_text(st, 1));
		snprintf(p->successor, sizeof(p->successor), "%s", db_col_text(st, 2));
	}
	db_done(st);
	return rc == DB_ROW || rc == DB_DONE ? DB_OK : DB_ERROR;
}

static int rc_series(struct db *db, struct report_cube *c)
{
	struct series s;
	struct db_stmt *st;
	int rc;

	if (series_find_id(db, c->series_id, &s) != DB_OK)
		return DB_ERROR;
	if (!(c->series = series_load_schedule(db, &s)))
		return DB_ERROR;
	if (!(st = db_prepare(db, "SELECT province_list FROM series WHERE id = $1")))
		return DB_ERROR;
	db_bind_int(st, 1, c->series_id);
	if ((rc = db_step(st)) == DB_ROW)
		c->pre2025 = strcmp(db_col_text(st, 0), "pre2025") == 0;
	db_done(st);
	if (rc != DB_ROW)
		return DB_ERROR;
	if (rc_provinces(db, "2025", c->cur, &c->ncur) != DB_OK)
		return DB_ERROR;
	if (!c->pre2025) {
		memcpy(c->prov, c->cur, sizeof(c->cur));
		c->nprov = c->ncur;
		return DB_OK;
	}
	return rc_provinces(db, "pre2025", c->prov, &c->nprov);
}

static void rc_regs_push(struct rc_regs *r, int64_t id, int bucket, bool active, int32_t day)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 4096;
		r->id = xrealloc(r->id, r->cap * sizeof(*r->id));
		r->bucket = xrealloc(r->bucket, r->cap * sizeof(*r->bucket));
		r->active = xrealloc(r->active, r->cap * sizeof(*r->active));
		r->attended = xrealloc(r->attended, r->cap * sizeof(*r->attended));
		r->day = xrealloc(r->day, r->cap * sizeof(*r->day));
	}
	r->id[r->n] = id;
	r->bucket[r->n] = (int16_t)bucket;
	r->active[r->n] = active;
	r->attended[r->n] = 0;
	r->day[r->n] = day;
	r->n++;
}

/* Province codes are two digits: a table by their value. */
static void rc_code_table(const struct report_cube *c, int8_t ix[100])
{
	memset(ix, RC_PROV - 1, 100);
	for (int i = 0; i < c->nprov; i++) {
		const char *k = c->prov[i].code;
		if (k[0] >= '0' && k[0] <= '9' && k[1] >= '0' && k[1] <= '9' && !k[2])
			ix[(k[0] - '0') * 10 + (k[1] - '0')] = (int8_t)i;
	}
}

static int rc_province_index(const int8_t ix[100], const char *k)
{
	if (k[0] >= '0' && k[0] <= '9' && k[1] >= '0' && k[1] <= '9' && !k[2])
		return ix[(k[0] - '0') * 10 + (k[1] - '0')];
	return RC_PROV - 1;
}

static int rc_category_index(const char *code)
{
	for (size_t i = 0; i < reg_ncategories && i < RC_CAT - 1; i++)
		if (strcmp(reg_categories[i].code, code) == 0)
			return (int)i;
	return RC_CAT - 1;
}

/* Every registration, then the per-day counts. */
static int rc_registrations(struct db *db, struct report_cube *c)
{
	struct db_stmt *st =
	    db_prepare(db, "SELECT id, province_code, category, status = 'active', created_at "
	                   "FROM registrations WHERE series_id = $1 ORDER BY id");
	int8_t ix[100];
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	int rc, last_k = 0;
	char last_cat[48] = "";

	if (!st)
		return DB_ERROR;
	rc_code_table(c, ix);
	db_bind_int(st, 1, c->series_id);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *cat = db_col_text(st, 2);
		if (strcmp(cat, last_cat) != 0) { /* most rows repeat a few values */
			last_k = rc_category_index(cat);
			snprintf(last_cat, sizeof(last_cat), "%s", cat);
		}
		int b = rc_province_index(ix, db_col_text(st, 1)) * RC_CAT + last_k;
		bool active = db_col_int(st, 3) != 0;
		int32_t day = (int32_t)((db_col_int(st, 4) + RC_LOCAL_OFFSET) / 86400);
		rc_regs_push(&c->regs, db_col_int(st, 0), b, active, day);
		if (active) {
			c->reg_active[b]++;
			lo = day < lo ? day : lo;
			hi = day > hi ? day : hi;
		} else {
			c->reg_withdrawn[b]++;
		}
	}
	db_done(st);
	if (rc != DB_DONE)
		return DB_ERROR;
	if (lo > hi)
		return DB_OK;
	/* A registration period longer than RC_DAYS_MAX days keeps its last
	 * days; earlier ones count on the first day shown. */
	if (hi - lo >= RC_DAYS_MAX)
		lo = hi - RC_DAYS_MAX + 1;
	c->day0 = lo;
	c->ndays = hi - lo + 1;
	c->days = xcalloc((size_t)c->ndays * RC_B, sizeof(*c->days));
	for (size_t i = 0; i < c->regs.n; i++) {
		if (!c->regs.active[i])
			continue;
		int32_t d = c->regs.day[i] < lo ? 0 : c->regs.day[i] - lo;
		c->days[(size_t)d * RC_B + (size_t)c->regs.bucket[i]]++;
	}
	return DB_OK;
}

int rc_bucket(const struct report_cube *c, int64_t reg_id, size_t *index)
{
	const struct rc_regs *r = &c->regs;
	size_t lo = 0, hi = r->n;

	if (r->n == 0)
		return -1;
	/* Ids of one series are mostly consecutive: try the guess first. */
	int64_t guess = reg_id - r->id[0];
	if (guess >= 0 && (size_t)guess < r->n && r->id[guess] == reg_id) {
		lo = (size_t)guess;
	} else {
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (r->id[mid] < reg_id)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == r->n || r->id[lo] != reg_id)
			return -1;
	}
	if (index)
		*index = lo;
	return r->bucket[lo];
}

/* Who took part (at least one session) and who stayed (every one). */
static void rc_people(struct report_cube *c)
{
	for (size_t i = 0; i < c->regs.n; i++) {
		if (!c->regs.active[i] || !c->regs.attended[i])
			continue;
		c->took_part[c->regs.bucket[i]]++;
		if (c->nsess > 0 && c->regs.attended[i] >= c->nsess)
			c->stayed[c->regs.bucket[i]]++;
	}
}

/* The second half of the work, on a thread of its own with its own
 * connection: half the sessions' attendance, then the mail. */
struct rc_half {
	struct db *db;
	struct report_cube *c;
	int from, to;
	uint8_t *attended;
	int rc;
};

static void *rc_half_run(void *arg)
{
	struct rc_half *h = arg;

	h->rc = rc_load_attendance(h->db, h->c, h->from, h->to, h->attended);
	if (h->rc == DB_OK)
		h->rc = rc_load_mail(h->db, h->c);
	return NULL;
}

/* Attendance, evaluations and mail: split over two connections when
 * there are two (the attendance of a session is a sort of its records,
 * 0.2 s for 250,000 people, so 8 sessions take two cores well). */
static int rc_load_rest(struct db *db, struct db *db2, struct report_cube *c)
{
	struct rc_half h = {.db = db2, .c = c, .from = 0, .to = c->nsess / 2};
	pthread_t t;
	int rc;

	h.attended = xcalloc(c->regs.n + 1, 1);
	if (!db2 || pthread_create(&t, NULL, rc_half_run, &h) != 0) {
		h.db = db;
		rc_half_run(&h);
		db2 = NULL;
	}
	rc = rc_load_attendance(db, c, h.to, c->nsess, c->regs.attended);
	if (rc == DB_OK)
		rc = rc_load_evaluations(db, c);
	if (db2)
		pthread_join(t, NULL);
	for (size_t i = 0; i < c->regs.n; i++)
		c->regs.attended[i] = (uint8_t)(c->regs.attended[i] + h.attended[i]);
	free(h.attended);
	return rc == DB_OK && h.rc == DB_OK ? DB_OK : DB_ERROR;
}

struct report_cube *report_cube_load(struct db *db, struct db *db2, int64_t series_id)
{
	struct report_cube *c = xcalloc(1, sizeof(*c));
	const char *step = "series";

	atomic_init(&c->refs, 1);
	c->series_id = series_id;
	c->at = (int64_t)time(NULL);
	if (rc_series(db, c) != DB_OK)
		goto fail;
	rc_init_sessions(c);
	step = "registrations";
	if (rc_registrations(db, c) != DB_OK)
		goto fail;
	step = "attendance, evaluations or mail";
	if (rc_load_rest(db, db2, c) != DB_OK)
		goto fail;
	rc_people(c);
	step = "certificates";
	if (rc_load_certs(db, c) != DB_OK)
		goto fail;
	free(c->regs.day);
	c->regs.day = NULL;
	return c;
fail:
	log_error("report: cannot read the %s of series %lld: %s", step, (long long)series_id,
	          db_errmsg(db));
	report_cube_free(c);
	return NULL;
}

int64_t report_cube_time(const struct report_cube *c)
{
	return c->at;
}

struct report_cube *report_cube_hold(struct report_cube *c)
{
	atomic_fetch_add(&c->refs, 1);
	return c;
}

void report_cube_free(struct report_cube *c)
{
	if (!c || atomic_fetch_sub(&c->refs, 1) != 1)
		return;
	json_decref(c->series);
	free(c->regs.id);
	free(c->regs.bucket);
	free(c->regs.active);
	free(c->regs.attended);
	free(c->regs.day);
	free(c->days);
	free(c->sess);
	free(c->evals);
	free(c->speakers);
	free(c);
}
