/*
 * admin_eval_io.c: an evaluation leaving and entering the console:
 *   GET  .../evaluations/{id}/export.json   the portable form (eval_json.h)
 *   POST .../evaluations/import             a JSON file -> a new evaluation
 *   POST .../evaluations/{id}/duplicate     a copy for another session
 * An import or a copy is placed on a session (or the whole series) and
 * takes that session's default window; it gets a new public code.  No
 * SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "domain/eval_json.h"
#include "web/admin_eval.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>

#define IMPORT_MAX (1u << 20) /* a 200-question bank is ~150 KB */

void page_admin_eval_export(struct req *r)
{
	struct admin_eval x;

	if (admin_eval_load(r, &x, false, true) != 0)
		return;
	json_t *doc = eval_export_json(&x.e);
	char *s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	r->status = 200;
	r->content_type = "application/json; charset=utf-8";
	buf_reset(&r->out);
	buf_adds(&r->out, s ? s : "{}");
	buf_addc(&r->out, '\n');
	free(s);
	req_add_header(r, "Content-Disposition",
		       arena_printf(&r->arena, "attachment; filename=\"evaluation-%lld.json\"",
				    (long long)x.e.id));
}

/* The session field: 0 (whole series) or one of the series' sessions;
 * fills the default window.  -1 if not valid. */
static int io_session(struct req *r, const struct admin_eval *x, struct eval *e)
{
	const char *v = req_field(r, "session_id");

	e->session_id = v && strcmp(v, "0") == 0 ? 0 : admin_eval_id(v);
	if (!v || (!e->session_id && strcmp(v, "0") != 0))
		return -1;
	return admin_eval_default_window(x->series, e->session_id, &e->opens_at, &e->closes_at);
}

static void io_created(struct req *r)
{
	struct eval_edit *j = r->job.arg;
	struct admin_eval *x = j->done_arg;

	admin_eval_answer(r, arena_printf(&r->arena, "%s/%lld?done=%s", x->base,
					  (long long)j->new_id,
					  strcmp(j->source, "import") == 0 ? "imported"
									   : "duplicated"));
}

static void io_refuse(struct req *r, const struct admin_eval *x, json_t *errors,
		      const char *msg)
{
	if (!errors)
		errors = json_array();
	if (msg)
		json_array_append_new(errors, json_string(msg));
	admin_evals_page(r, x, 422, errors);
}

void page_admin_eval_import(struct req *r)
{
	struct admin_eval *x = arena_alloc(&r->arena, sizeof(*x));
	struct eval *e = arena_alloc(&r->arena, sizeof(*e));
	const struct req_file *f = req_file(r, "file");
	json_error_t jerr;

	if (admin_eval_load(r, x, true, false) != 0)
		return;
	if (!f) {
		io_refuse(r, x, NULL, _("Xin chọn một tệp JSON."));
		return;
	}
	if (f->len > IMPORT_MAX) {
		io_refuse(r, x, NULL, _("Tệp quá lớn (tối đa 1 MB)."));
		return;
	}
	json_t *doc = json_loadb(f->data, f->len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		io_refuse(r, x, NULL,
			  arena_printf(&r->arena, _("Tệp không phải JSON hợp lệ (dòng %d: %s)."),
				       jerr.line, jerr.text));
		return;
	}
	json_t *errors = json_array();
	int rc = eval_import_json(&r->arena, doc, e, errors);
	json_decref(doc);
	if (rc != 0) {
		io_refuse(r, x, errors, NULL);
		return;
	}
	json_decref(errors);
	if (io_session(r, x, e) != 0) {
		io_refuse(r, x, NULL, _("Xin chọn một buổi của chuỗi tập huấn."));
		return;
	}
	struct eval_edit *j = admin_eval_job(r, x, EQ_CREATE);
	j->def = e;
	j->source = "import";
	j->done_arg = x;
	req_write(r, eval_edit_run, j, io_created);
}

void page_admin_eval_duplicate(struct req *r)
{
	struct admin_eval *x = arena_alloc(&r->arena, sizeof(*x));
	struct eval *e = arena_alloc(&r->arena, sizeof(*e));

	if (admin_eval_load(r, x, true, true) != 0)
		return;
	*e = x->e; /* settings and live questions, with their options */
	if (io_session(r, x, e) != 0) {
		req_error(r, 422, _("Xin chọn một buổi của chuỗi tập huấn."));
		return;
	}
	struct eval_edit *j = admin_eval_job(r, x, EQ_CREATE);
	j->def = e;
	j->source = arena_printf(&r->arena, "duplicate:%lld", (long long)x->e.id);
	j->done_arg = x;
	req_write(r, eval_edit_run, j, io_created);
}
