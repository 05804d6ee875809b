/*
 * admin_certs.c: the certificates of a series in the console.
 *   GET /admin/series/{slug}/certificates   the rules and settings forms,
 *       counts, the issue button and the job's progress (the page refreshes
 *       itself while a job runs), and the participants in official order
 *       with their certificate, or what is missing, and the hand decisions
 * The changes are in admin_certs_post.c, the ZIP and CSV in
 * admin_certs_export.c.  No SQL here.
 */
#include "web/admin_certs.h"
#include "http/req.h"
#include "core/i18n.h"
#include "core/vtime.h"
#include "domain/account.h"
#include "domain/certificate.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>

#define PAGE_SIZE 100

static json_t *rules_view(const struct cert_rule *r)
{
	return json_pack("{s:b, s:i, s:b, s:b, s:i, s:b, s:b, s:b, s:i, s:i, s:b}", "set", r->set,
	                 "evals_min", r->evals_min == CERT_ALL ? 0 : r->evals_min, "evals_all",
	                 r->evals_min == CERT_ALL, "evals_pass", r->evals_pass, "evals_mark",
	                 r->evals_mark, "final_no", r->final_need == CERT_FINAL_NO,
	                 "final_submitted", r->final_need == CERT_FINAL_SUBMITTED, "final_passed",
	                 r->final_need == CERT_FINAL_PASSED, "final_mark", r->final_mark,
	                 "sessions_min", r->sessions_min == CERT_ALL ? 0 : r->sessions_min,
	                 "sessions_all", r->sessions_min == CERT_ALL);
}

static json_t *settings_view(const struct cert_settings *s)
{
	char d[16] = "";

	if (s->issue_date)
		vtime_date(d, sizeof(d), s->issue_date);
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:i}", "prefix", s->prefix,
	                 "place", s->place, "issuer", s->issuer, "signer_name", s->signer_name,
	                 "signer_title", s->signer_title, "wording", s->wording, "second_lang",
	                 s->second_lang, "issue_date", d, "background", s->background_id != 0,
	                 "logos", (int)json_array_size(s->logos));
}

static json_t *job_view(struct req *r, int64_t series_id, bool *running)
{
	struct cert_job_view v;
	char t[16], d[16];

	*running = false;
	if (cert_job_latest(r->db, series_id, &v) != DB_OK)
		return NULL;
	*running = strcmp(v.state, "running") == 0;
	int pct = v.total ? (int)(v.done * 100 / v.total) : *running ? 0 : 100;
	return json_pack("{s:I, s:I, s:I, s:i, s:b, s:b, s:b, s:s, s:s}", "id", (json_int_t)v.id,
	                 "done", (json_int_t)v.done, "total", (json_int_t)v.total, "percent", pct,
	                 "running", *running, "finished", strcmp(v.state, "done") == 0, "failed",
	                 strcmp(v.state, "failed") == 0, "error", v.error, "when",
	                 arena_printf(&r->arena, "%s %s", vtime_date(d, sizeof(d), v.updated_at),
	                              vtime_hm(t, sizeof(t), v.updated_at)));
}

static json_t *person_view(const struct cert_person *p)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:b, s:s}", "id", (json_int_t)p->registration_id,
	                      "full_name", p->full_name, "email", p->email, "qualifies",
	                      p->qualifies, "why", p->why);

	if (p->serial) {
		json_object_set_new(o, "serial", json_string(p->serial));
		json_object_set_new(o, "revoked", json_boolean(strcmp(p->status, "revoked") == 0));
	}
	if (p->facts.override != CERT_OV_NONE) {
		json_object_set_new(o, p->facts.override == CERT_OV_GRANT ? "granted" : "refused",
		                    json_true());
		json_object_set_new(o, "decision_reason", json_string(p->facts.override_reason));
	}
	return o;
}

/* Which rows to show: all, the ones to issue, the ones missing something. */
static bool person_shown(const struct cert_person *p, const char *show)
{
	if (!strcmp(show, "due"))
		return p->qualifies && !p->serial;
	if (!strcmp(show, "missing"))
		return !p->qualifies && !p->serial;
	if (!strcmp(show, "issued"))
		return p->serial != NULL;
	return true;
}

void admin_certs_page(struct req *r, unsigned status, const char *notice, const char *error)
{
	struct series s;
	struct cert_rule rule;
	struct cert_settings set;
	struct cert_person *people;
	size_t n;
	const char *show = req_query(r, "show"), *pg = req_query(r, "page");
	long page = pg ? strtol(pg, NULL, 10) : 1;

	if (admin_series(r, &s, false) != 0)
		return;
	if (cert_rule_load(r->db, s.id, &rule) != DB_OK ||
	    cert_settings_load(r->db, &r->arena, s.id, &set) != DB_OK ||
	    cert_people_load(r->db, &r->arena, s.id, &rule, &people, &n) != DB_OK) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	if (!show || (strcmp(show, "due") && strcmp(show, "missing") && strcmp(show, "issued")))
		show = "all";
	if (page < 1 || page > 100000)
		page = 1;
	int64_t due = 0, issued = 0, revoked = 0, missing = 0, shown = 0;
	json_t *rows = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct cert_person *p = &people[i];
		due += p->qualifies && !p->serial;
		issued += p->serial != NULL;
		revoked += p->serial && !strcmp(p->status, "revoked");
		missing += !p->qualifies && !p->serial;
		if (!person_shown(p, show))
			continue;
		shown++;
		if (shown > (page - 1) * PAGE_SIZE && shown <= page * PAGE_SIZE)
			json_array_append_new(rows, person_view(p));
	}
	bool running;
	json_t *ctx = admin_ctx(r);
	json_object_set_new(ctx, "slug", json_string(s.slug));
	json_object_set_new(
	    ctx, "base",
	    json_string(arena_printf(&r->arena, "/admin/series/%s/certificates", s.slug)));
	json_object_set_new(ctx, "rules", rules_view(&rule));
	json_object_set_new(ctx, "settings", settings_view(&set));
	json_t *job = job_view(r, s.id, &running);
	if (job)
		json_object_set_new(ctx, "job", job);
	if (running)
		json_object_set_new(ctx, "refresh", json_integer(2));
	json_object_set_new(ctx, "counts",
	                    json_pack("{s:I, s:I, s:I, s:I, s:I}", "participants", (json_int_t)n,
	                              "due", (json_int_t)due, "issued", (json_int_t)issued,
	                              "revoked", (json_int_t)revoked, "missing",
	                              (json_int_t)missing));
	json_object_set_new(ctx, "may_issue", json_boolean(due > 0 && !running));
	json_object_set_new(ctx, "rows", rows);
	json_object_set_new(ctx, "show", json_string(show));
	json_object_set_new(ctx, arena_printf(&r->arena, "show_%s", show), json_true());
	if (page > 1)
		json_object_set_new(ctx, "prev_page", json_integer(page - 1));
	if (shown > page * PAGE_SIZE)
		json_object_set_new(ctx, "next_page", json_integer(page + 1));
	if (notice)
		json_object_set_new(ctx, "notice", json_string(notice));
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	req_render(r, status, "admin_certificates", ctx);
}

void page_admin_certificates(struct req *r)
{
	static const struct {
		const char *key, *msg;
	} done[] = {
	    {"rules", N_("Đã lưu điều kiện cấp giấy chứng nhận.")},
	    {"settings", N_("Đã lưu mẫu giấy chứng nhận.")},
	    {"decision", N_("Đã lưu quyết định.")},
	    {"issue", N_("Đang cấp giấy chứng nhận…")},
	    {"revoke", N_("Đã thu hồi giấy chứng nhận.")},
	};
	const char *d = req_query(r, "done"), *notice = NULL;

	for (size_t i = 0; d && i < sizeof(done) / sizeof(*done); i++)
		if (!strcmp(d, done[i].key))
			notice = _(done[i].msg);
	admin_certs_page(r, 200, notice, NULL);
}
