/*
 * admin_certs_post.c: the changes of the certificate page (see
 * admin_certs.c):
 *   POST .../certificates/rules      who earns one
 *   POST .../certificates/settings   the page's wording, signer, images
 *   POST .../certificates/decision   grant or refuse one participant by hand
 *   POST .../certificates/issue      start (or resume) the issue job
 *   POST .../certificates/revoke     revoke one, keeping its serial
 * Each is one group-commit write with its audit entry; the issue job then
 * runs in the background (domain/cert_runner.c).
 */
#include "http/req.h"
#include "app.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/vtime.h"
#include "domain/account.h"
#include "domain/certificate.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/admin_certs.h"
#include "web/pages.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TEXT_MAX 500 /* bytes, for each setting and reason */

static void certs_back(struct req *r, const char *what)
{
	req_redirect(
	    r, 303,
	    arena_printf(&r->arena, "/admin/series/%s/certificates?done=%s", r->params[0], what));
}

static void certs_done(struct req *r, const char *what)
{
	if (r->job.rc == DB_OK)
		certs_back(r, what);
	else
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
}

static void rules_done(struct req *r)
{
	certs_done(r, "rules");
}

static void settings_done(struct req *r)
{
	certs_done(r, "settings");
}

static void decision_done(struct req *r)
{
	certs_done(r, "decision");
}

/* A whole number lo..hi; empty is 0. */
static bool int_field(struct req *r, const char *name, int lo, int hi, int *out)
{
	const char *v = req_field(r, name);
	char *end;

	if (!v || !*v) {
		*out = 0;
		return true;
	}
	long n = strtol(v, &end, 10);
	if (*end || n < lo || n > hi)
		return false;
	*out = (int)n;
	return true;
}

/* Clean one-line text (NFC, squeezed), at most TEXT_MAX bytes. */
static const char *text_field(struct req *r, const char *name, bool *ok)
{
	const char *v = req_field(r, name);

	if (!v || !*v)
		return "";
	const char *s =
	    utf8_is_clean(v, strlen(v), false) ? utf8_nfc(&r->arena, v, strlen(v), true) : NULL;
	if (!s || strlen(s) > TEXT_MAX) {
		*ok = false;
		return "";
	}
	return s;
}

void page_admin_certificates_rules(struct req *r)
{
	struct series s;
	struct cert_rule_job *j = arena_alloc(&r->arena, sizeof(*j));
	const char *err = NULL;

	if (admin_series(r, &s, true) != 0)
		return;
	struct cert_rule *x = &j->rule;
	x->set = true;
	const char *how = req_field(r, "evals_how");
	x->evals_pass = how && !strcmp(how, "passed");
	if (!int_field(r, "evals_min", 0, 200, &x->evals_min) ||
	    !int_field(r, "evals_mark", 0, 100, &x->evals_mark) ||
	    !int_field(r, "final_need", 0, 2, &x->final_need) ||
	    !int_field(r, "final_mark", 0, 100, &x->final_mark) ||
	    !int_field(r, "sessions_min", 0, 200, &x->sessions_min))
		err = N_("Số buổi và số bài từ 0 đến 200; điểm tối thiểu từ 0 đến 100 (%).");
	if (req_field(r, "evals_all"))
		x->evals_min = CERT_ALL;
	if (req_field(r, "sessions_all"))
		x->sessions_min = CERT_ALL;
	if (!err && cert_rule_validate(x, &err) == 0) {
		j->series_id = s.id;
		j->now = (int64_t)time(NULL);
		j->who = r->user;
		j->object = arena_printf(&r->arena, "series:%s", s.slug);
		req_write(r, cert_rule_save, j, rules_done);
		return;
	}
	admin_certs_page(r, 422, NULL, _(err));
}

/* dd/mm/yyyy to 09:00 that day (UTC+7); 0 for empty; -1 if invalid. */
static int64_t date_field(const char *v)
{
	int d = 0, m = 0, y = 0, k = 0;

	if (!v || !*v)
		return 0;
	int *parts[3] = {&d, &m, &y};
	for (const char *p = v; *p; p++) {
		if (*p == '/' && k < 2)
			k++;
		else if (*p >= '0' && *p <= '9' && *parts[k] < 10000)
			*parts[k] = *parts[k] * 10 + (*p - '0');
		else
			return -1;
	}
	if (k != 2 || y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	int64_t t = vtime_local(y, m, d, 9, 0);
	return t > 0 ? t : -1;
}

void page_admin_certificates_settings(struct req *r)
{
	struct series s;
	struct cert_settings_job *j = arena_alloc(&r->arena, sizeof(*j));
	bool ok = true;

	if (admin_series(r, &s, true) != 0)
		return;
	if (cert_settings_load(r->db, &r->arena, s.id, &j->s) != DB_OK) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	const char *prefix = req_field(r, "prefix");
	if (!prefix || !cert_prefix_ok(prefix)) {
		admin_certs_page(r, 422, NULL,
		                 _("Tiền tố số hiệu: 1 đến 12 chữ in hoa không dấu hoặc chữ số."));
		return;
	}
	snprintf(j->s.prefix, sizeof(j->s.prefix), "%s", prefix);
	j->s.place = text_field(r, "place", &ok);
	j->s.issuer = text_field(r, "issuer", &ok);
	j->s.signer_name = text_field(r, "signer_name", &ok);
	j->s.signer_title = text_field(r, "signer_title", &ok);
	j->s.wording = text_field(r, "wording", &ok);
	j->s.second_lang = text_field(r, "second_lang", &ok);
	j->s.issue_date = date_field(req_field(r, "issue_date"));
	const struct req_file *bg = req_file(r, "background"), *logo = req_file(r, "logo");
	static const unsigned char png_magic[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
	bool png_ok = (!bg || (bg->len > 8 && !memcmp(bg->data, png_magic, 8))) &&
	              (!logo || (logo->len > 8 && !memcmp(logo->data, png_magic, 8)));
	if (!ok || j->s.issue_date < 0 || !png_ok) {
		admin_certs_page(r, 422, NULL,
		                 !png_ok ? _("Hình nền và biểu trưng phải là tệp PNG.")
		                 : j->s.issue_date < 0
		                     ? _("Ngày cấp theo dạng ngày/tháng/năm, ví dụ 15/10/2021.")
		                     : _("Mỗi ô tối đa 500 ký tự, không có ký tự điều khiển."));
		return;
	}
	if (bg) {
		j->background = bg->data;
		j->background_len = bg->len;
	}
	if (logo) {
		j->logo = logo->data;
		j->logo_len = logo->len;
	}
	j->clear_images = req_field(r, "clear_images") != NULL;
	j->series_id = s.id;
	j->now = (int64_t)time(NULL);
	j->who = r->user;
	j->object = arena_printf(&r->arena, "series:%s", s.slug);
	req_write(r, cert_settings_save, j, settings_done);
}

void page_admin_certificates_decision(struct req *r)
{
	struct series s;
	struct cert_override_job *j = arena_alloc(&r->arena, sizeof(*j));
	const char *d = req_field(r, "decision"), *reg = req_field(r, "registration");
	bool ok = true;
	char *end;

	if (admin_series(r, &s, true) != 0)
		return;
	j->reason = text_field(r, "reason", &ok);
	j->decision = d && !strcmp(d, "grant")    ? CERT_OV_GRANT
	              : d && !strcmp(d, "refuse") ? CERT_OV_REFUSE
	                                          : CERT_OV_NONE;
	long long id = reg ? strtoll(reg, &end, 10) : 0;
	if (!reg || *end || id <= 0 || (d && strcmp(d, "clear") && j->decision == CERT_OV_NONE)) {
		admin_certs_page(r, 422, NULL, _("Người tham dự không hợp lệ."));
		return;
	}
	if (!ok || (j->decision != CERT_OV_NONE && !*j->reason)) {
		admin_certs_page(r, 422, NULL, _("Xin ghi lý do (tối đa 500 ký tự)."));
		return;
	}
	j->series_id = s.id;
	j->registration_id = id;
	j->now = (int64_t)time(NULL);
	j->by = r->user->email;
	j->who = r->user;
	req_write(r, cert_override_save, j, decision_done);
}

static void issue_done(struct req *r)
{
	struct cert_job_new *j = r->job.arg;

	if (r->job.rc != DB_OK) {
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
		return;
	}
	cert_runner_submit(r->app->certs, j->job_id);
	certs_back(r, "issue");
}

void page_admin_certificates_issue(struct req *r)
{
	struct series s;
	struct cert_job_new *j = arena_alloc(&r->arena, sizeof(*j));

	if (admin_series(r, &s, true) != 0)
		return;
	j->series_id = s.id;
	j->now = (int64_t)time(NULL);
	j->by = r->user->email;
	j->verify_base = req_abs_url(r, "");
	req_write(r, cert_job_create, j, issue_done);
}

static void revoke_done(struct req *r)
{
	switch (r->job.rc) {
	case DB_OK:
		certs_back(r, "revoke");
		break;
	case DB_NOTFOUND:
		admin_certs_page(r, 404, NULL, _("Không có giấy chứng nhận với số hiệu này."));
		break;
	case DB_CONFLICT:
		admin_certs_page(r, 409, NULL, _("Giấy chứng nhận này đã bị thu hồi từ trước."));
		break;
	default:
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
	}
}

void page_admin_certificates_revoke(struct req *r)
{
	struct series s;
	struct cert_revoke_job *j = arena_alloc(&r->arena, sizeof(*j));
	struct cert c;
	bool ok = true;

	if (admin_series(r, &s, true) != 0)
		return;
	j->reason = text_field(r, "reason", &ok);
	if (!cert_serial_normalize(req_field(r, "serial"), j->serial) ||
	    cert_find_serial(r->db, &r->arena, j->serial, &c) != DB_OK || c.series_id != s.id) {
		admin_certs_page(r, 404, NULL, _("Không có giấy chứng nhận với số hiệu này."));
		return;
	}
	if (!ok || !*j->reason) {
		admin_certs_page(r, 422, NULL, _("Xin ghi lý do thu hồi (tối đa 500 ký tự)."));
		return;
	}
	j->by = r->user->email;
	j->who = r->user;
	j->now = (int64_t)time(NULL);
	req_write(r, cert_revoke, j, revoke_done);
}
