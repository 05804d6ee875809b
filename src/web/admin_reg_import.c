/*
 * admin_reg_import.c: importing registrations from a CSV upload.
 * GET  /admin/series/{slug}/registrations/import  the upload form
 * POST /admin/series/{slug}/registrations/import  check the file, start the import
 * GET  /admin/series/{slug}/imports/{id}          progress, then the report
 *
 * The upload is checked whole while the organiser waits (not UTF-8, no
 * header, a broken quote, too many rows: the form again with the reason,
 * nothing written).  Then an import_jobs row is created and the import runs
 * on a background task (core/bg.c) through the group commit, 1,000 rows
 * per write job; the progress page reloads itself every second (a meta
 * refresh, no script) until the report is there.  No SQL here.
 */
#include "http/req.h"
#include "app.h"
#include "core/bg.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "db/writer.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/reg_import.h"
#include "domain/reg_import_job.h"
#include "domain/reg_list.h"
#include "domain/reg_map.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/pages.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* What the background task owns: a copy of the file and of the account. */
struct import_task {
	const struct app *app;
	struct account who;
	struct reg_map map;
	struct reg_import imp;
	struct reg_import_job job;
	char *data;
	size_t len;
};

static void import_form(struct req *r, unsigned status, const char *slug, const char *error)
{
	json_t *ctx = admin_ctx(r);

	json_object_set_new(ctx, "series", json_pack("{s:s}", "slug", slug));
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	json_object_set_new(ctx, "max_rows", json_integer(REG_IMPORT_MAX_ROWS));
	req_render(r, status, "admin_import", ctx);
}

void page_admin_import_get(struct req *r)
{
	struct series s;

	if (admin_series(r, &s, true) == 0)
		import_form(r, 200, s.slug, NULL);
}

static int import_task_run(void *ctx, int (*fn)(struct db *db, void *arg), void *arg)
{
	struct import_task *t = ctx;

	return dbw_run_alone(t->app->writer, fn, arg);
}

static bool import_task_stop(void *ctx)
{
	struct import_task *t = ctx;

	return bg_stopping(t->app->bg);
}

/* The job's end and its audit entry, in one transaction. */
static int import_task_finish(struct db *db, void *arg)
{
	struct import_task *t = arg;
	char object[64];
	json_t *summary = json_pack("{s:I, s:s, s:I, s:I, s:I}", "job", (json_int_t)t->job.id,
				    "file", t->job.filename, "imported",
				    (json_int_t)t->imp.imported, "merged", (json_int_t)t->imp.merged,
				    "rejected", (json_int_t)t->imp.rejected);
	int rc = reg_import_job_finish(db, &t->job);

	snprintf(object, sizeof(object), "series:%lld", (long long)t->job.series_id);
	if (rc == DB_OK)
		rc = audit_add(db, &t->who, "registrations.import", object, NULL, summary,
			       t->job.now);
	json_decref(summary);
	return rc;
}

static void import_task(void *arg)
{
	struct import_task *t = arg;

	t->imp.job_id = t->job.id;
	int rc = reg_import_run(&t->imp, t->data, t->len);

	t->job.report = reg_import_report(&t->imp);
	t->job.state = rc == 0 ? "done" : "failed";
	t->job.now = (int64_t)time(NULL);
	dbw_run(t->app->writer, import_task_finish, t);
	reg_counts_invalidate(t->app->reg_counts, t->job.series_id);
	json_decref(t->job.report);
	reg_import_release(&t->imp);
	free((char *)t->job.filename);
	free(t->data);
	free(t);
}

static void import_task_free(struct import_task *t)
{
	free((char *)t->job.filename);
	free(t->data);
	free(t);
}

static void import_started(struct req *r)
{
	/* The write job's argument was &t->job. */
	struct import_task *t =
		(struct import_task *)((char *)r->job.arg - offsetof(struct import_task, job));

	if (r->job.rc != DB_OK) {
		import_task_free(t);
		req_error(r, 503, _("Hệ thống đang bận, chưa bắt đầu nhập được. Xin gửi lại."));
		return;
	}
	int64_t id = t->job.id;
	if (bg_start(r->app->bg, import_task, t) != 0) {
		import_task_free(t);
		req_error(r, 503, _("Máy chủ đang tắt; xin gửi lại sau ít phút."));
		return;
	}
	req_redirect(r, 303,
		     arena_printf(&r->arena, "/admin/series/%s/imports/%lld", r->params[0],
				  (long long)id));
}

void page_admin_import_post(struct req *r)
{
	struct series s;
	const struct req_file *f;
	const char *msg;
	size_t rows;

	if (admin_series(r, &s, true) != 0)
		return;
	if (!(f = req_file(r, "file"))) {
		import_form(r, 422, s.slug, _("Xin chọn một tệp CSV."));
		return;
	}
	struct import_task *t = xcalloc(1, sizeof(*t));
	if (reg_map_load(&t->map, r->db) != 0) {
		free(t);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	if (reg_import_check(&t->map, &r->arena, f->data, f->len, &rows, &msg) != 0) {
		free(t);
		import_form(r, 422, s.slug, msg);
		return;
	}
	t->app = r->app;
	t->who = *r->user;
	t->data = xmalloc(f->len);
	memcpy(t->data, f->data, f->len);
	t->len = f->len;
	t->job = (struct reg_import_job){.series_id = s.id, .user_id = r->user->id,
					 .total = (int64_t)rows, .now = (int64_t)time(NULL),
					 .filename = xstrdup(f->filename ? f->filename : "")};
	t->imp = (struct reg_import){.map = &t->map, .series_id = s.id,
				     .allow_legacy = s.legacy_units, .now = t->job.now,
				     .run = import_task_run, .stop = import_task_stop, .ctx = t,
				     .total = rows};
	/* The job row first: its id is where the organiser is sent. */
	req_write(r, reg_import_job_create, &t->job, import_started);
}

void page_admin_import_job(struct req *r)
{
	struct series s;
	char *end;
	long long id;
	json_t *job;

	if (admin_series(r, &s, true) != 0)
		return;
	id = strtoll(r->params[1], &end, 10);
	if (*end || id <= 0 || !(job = reg_import_job_load(r->db, s.id, id))) {
		req_error(r, 404, _("Không tìm thấy lần nhập này."));
		return;
	}
	int64_t total = json_integer_value(json_object_get(job, "total"));
	int64_t done = json_integer_value(json_object_get(job, "done"));
	const char *state = json_string_value(json_object_get(job, "state"));
	json_t *ctx = admin_ctx(r);
	json_object_set_new(ctx, "series", json_pack("{s:s}", "slug", s.slug));
	json_object_set_new(ctx, "running", json_boolean(strcmp(state, "running") == 0));
	json_object_set_new(ctx, "refresh", json_boolean(strcmp(state, "running") == 0));
	json_object_set_new(ctx, "failed", json_boolean(strcmp(state, "failed") == 0));
	json_object_set_new(ctx, "percent", json_integer(total ? (json_int_t)(done * 100 / total) : 0));
	json_object_set_new(ctx, "has_rejects",
			    json_boolean(json_array_size(json_object_get(
						 json_object_get(job, "report"), "rejects")) > 0));
	json_object_set_new(ctx, "job", job);
	req_render(r, 200, "admin_import_job", ctx);
}
