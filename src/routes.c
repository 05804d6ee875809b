/*
 * routes.c: THE route table, the only place a URL meets a handler (see
 * routes.h).  Matching is a linear walk: the table is short, and a walk
 * over a few dozen patterns costs less than the request's own parsing.
 */
#include "routes.h"
#include "http/req_internal.h"
#include "web/pages.h"

#include <string.h>

static const struct route routes[] = {
	{"GET", "/", page_home, 0},
	{"GET", "/healthz", page_healthz, 0},
	{"GET", "/static/{}", page_static, 0},
	{"GET", "/s/{}", page_series, 0},
	{"GET", "/s/{}/register", page_register_get, 0},
	{"POST", "/s/{}/register", page_register_post, R_FORM | R_CSRF},
	{"GET", "/me/{}", page_me, 0},
	{"GET", "/me/{}/calendar.ics", page_me_ics, 0},
	{"POST", "/me/{}/checkin", page_me_checkin, R_FORM | R_CSRF},
	{"GET", "/api/v1/series/{}", api_series_get, 0},
	{"POST", "/api/v1/series/{}/registrations", api_registrations_post, R_JSON},

	/* Evaluations. */
	{"GET", "/e/{}", page_eval_link_get, 0},
	{"POST", "/e/{}", page_eval_link_post, R_FORM | R_CSRF},
	{"GET", "/me/{}/evaluations/{}", page_eval_get, 0},
	{"POST", "/me/{}/evaluations/{}", page_eval_post, R_FORM | R_CSRF},
	{"GET", "/api/v1/me/{}/evaluations", api_evals_list, 0},
	{"GET", "/api/v1/me/{}/evaluations/{}", api_eval_get, 0},
	{"POST", "/api/v1/me/{}/evaluations/{}/submissions", api_eval_submit, R_JSON},

	/* Mail */
	{"GET", "/u/{}", page_unsubscribe_get, 0},
	{"POST", "/u/{}", page_unsubscribe_post, R_FORM},
	{"GET", "/admin/series/{}/mail", page_admin_mail, R_VIEWER},
	{"POST", "/admin/series/{}/mail/materials", page_admin_mail_materials,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/mail/announcement", page_admin_mail_announcement,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/mail/certificates", page_admin_mail_certificates,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/mail/{}/retry", page_admin_mail_retry,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/mail/{}/cancel", page_admin_mail_cancel,
	 R_FORM | R_CSRF | R_ORGANIZER},

	/* Console: attendance */
	{"GET", "/admin/series/{}/attendance", page_admin_attendance, R_VIEWER},
	{"GET", "/admin/series/{}/attendance.csv", page_admin_attendance_csv, R_VIEWER},
	{"GET", "/admin/series/{}/sessions/{}/attendance", page_admin_session_attendance, R_VIEWER},
	{"POST", "/admin/series/{}/sessions/{}/attendance/rule", page_admin_attendance_rule,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/sessions/{}/attendance/import", page_admin_attendance_import,
	 R_UPLOAD | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/sessions/{}/attendance/assign", page_admin_attendance_assign,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/sessions/{}/checkins", page_admin_checkin_open,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/sessions/{}/checkins/{}/close", page_admin_checkin_close,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"GET", "/admin/series/{}/sessions/{}/checkins/{}/qr.png", page_admin_checkin_qr, R_VIEWER},
	{"GET", "/c/{}", page_checkin_link_get, 0},
	{"POST", "/c/{}", page_checkin_link_post, R_FORM | R_CSRF},
	/* OCOP self-assessment */
	{"GET", "/me/{}/ocop", page_ocop_list, 0},
	{"POST", "/me/{}/ocop", page_ocop_start, R_FORM | R_CSRF},
	{"GET", "/me/{}/ocop/{}", page_ocop_form, 0},
	{"POST", "/me/{}/ocop/{}", page_ocop_save, R_FORM | R_CSRF},
	{"GET", "/me/{}/ocop/{}/result", page_ocop_result, 0},
	{"GET", "/me/{}/ocop/{}/report.pdf", page_ocop_pdf, 0},
	{"GET", "/ocop", page_ocop_demo_get, 0},
	{"POST", "/ocop", page_ocop_demo_post, R_FORM | R_CSRF},
	{"GET", "/admin/series/{}/ocop", page_admin_ocop, R_VIEWER},
	{"GET", "/admin/series/{}/ocop.xlsx", page_admin_ocop_xlsx, R_VIEWER},

	/* The organisers' console. */
	{"GET", "/admin/login", page_admin_login_get, 0},
	{"POST", "/admin/login", page_admin_login_post, R_FORM | R_CSRF},
	{"POST", "/admin/logout", page_admin_logout, R_FORM | R_CSRF | R_VIEWER},
	{"GET", "/admin", page_admin_home, R_VIEWER},
	{"GET", "/admin/audit", page_admin_audit, R_ADMIN},

	/* Materials */
	{"GET", "/admin/series/{}/materials", page_admin_materials, R_VIEWER},
	{"POST", "/admin/series/{}/materials", page_admin_materials_upload,
	 R_UPLOAD | R_CSRF | R_ORGANIZER},
	{"GET", "/admin/series/{}/materials/{}/download", page_admin_material_download, R_VIEWER},
	{"GET", "/admin/series/{}/materials/{}/delete", page_admin_material_delete_get,
	 R_ORGANIZER},
	{"POST", "/admin/series/{}/materials/{}/delete", page_admin_material_delete,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/materials/{}/public", page_admin_material_public,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"GET", "/me/{}/materials/{}", page_me_material, 0},
	{"GET", "/s/{}/materials/{}", page_series_material, 0},
	/* Console: series editing */
#define R_EDIT (R_FORM | R_CSRF | R_ORGANIZER)
	{"GET", "/s/{}/logo/{}", page_series_logo, 0},
	{"GET", "/admin/series/new", page_admin_series_new, R_ORGANIZER},
	{"POST", "/admin/series/new", page_admin_series_create, R_UPLOAD | R_CSRF | R_ORGANIZER},
	{"GET", "/admin/series/{}", page_admin_series, R_VIEWER},
	{"GET", "/admin/series/{}/edit", page_admin_series_edit, R_ORGANIZER},
	{"POST", "/admin/series/{}/edit", page_admin_series_update, R_UPLOAD | R_CSRF | R_ORGANIZER},
	{"GET", "/admin/series/{}/sessions", page_admin_schedule, R_VIEWER},
	{"GET", "/admin/series/{}/sessions/new", page_admin_session_new, R_ORGANIZER},
	{"POST", "/admin/series/{}/sessions/new", page_admin_session_create, R_EDIT},
	{"GET", "/admin/series/{}/sessions/{}", page_admin_session_edit, R_ORGANIZER},
	{"POST", "/admin/series/{}/sessions/{}", page_admin_session_update, R_EDIT},
	{"POST", "/admin/series/{}/sessions/{}/delete", page_admin_session_delete, R_EDIT},
	{"GET", "/admin/series/{}/topics/new", page_admin_topic_new, R_ORGANIZER},
	{"POST", "/admin/series/{}/topics/new", page_admin_topic_create, R_EDIT},
	{"GET", "/admin/series/{}/topics/{}", page_admin_topic_edit, R_ORGANIZER},
	{"POST", "/admin/series/{}/topics/{}", page_admin_topic_update, R_EDIT},
	{"POST", "/admin/series/{}/topics/{}/delete", page_admin_topic_delete, R_EDIT},
	{"POST", "/admin/series/{}/topics/{}/move", page_admin_topic_move, R_EDIT},
	{"GET", "/admin/series/{}/members", page_admin_members, R_ADMIN},
	{"POST", "/admin/series/{}/members", page_admin_members_add, R_FORM | R_CSRF | R_ADMIN},
	{"POST", "/admin/series/{}/members/remove", page_admin_members_remove,
	 R_FORM | R_CSRF | R_ADMIN},
#undef R_EDIT
	/* Console: evaluations */
#define EV "/admin/series/{}/evaluations"
#define EV_EDIT (R_FORM | R_CSRF | R_ORGANIZER)
	{"GET", EV, page_admin_evals, R_VIEWER},
	{"GET", EV "/new", page_admin_eval_new, R_ORGANIZER},
	{"POST", EV "/new", page_admin_eval_create, EV_EDIT},
	{"POST", EV "/import", page_admin_eval_import, R_UPLOAD | R_CSRF | R_ORGANIZER},
	{"GET", EV "/{}", page_admin_eval, R_VIEWER},
	{"POST", EV "/{}", page_admin_eval_save, EV_EDIT},
	{"POST", EV "/{}/duplicate", page_admin_eval_duplicate, EV_EDIT},
	{"GET", EV "/{}/export.json", page_admin_eval_export, R_VIEWER},
	{"POST", EV "/{}/questions", page_admin_eval_q_add, EV_EDIT},
	{"GET", EV "/{}/questions/{}", page_admin_eval_q, R_VIEWER},
	{"POST", EV "/{}/questions/{}", page_admin_eval_q_post, EV_EDIT},
	{"POST", EV "/{}/questions/{}/options", page_admin_eval_o_add, EV_EDIT},
	{"POST", EV "/{}/questions/{}/options/{}", page_admin_eval_o_post, EV_EDIT},
	{"GET", EV "/{}/results", page_admin_eval_results, R_VIEWER},
	{"GET", EV "/{}/results.csv", page_admin_eval_csv, R_VIEWER},
	{"GET", EV "/{}/results.xlsx", page_admin_eval_xlsx, R_VIEWER},
	{"GET", EV "/{}/results/{}", page_admin_eval_person, R_VIEWER},
#undef EV
#undef EV_EDIT
	/* Console: registrants */
	{"GET", "/admin/series/{}/registrations", page_admin_regs, R_VIEWER},
	{"GET", "/admin/series/{}/registrations.csv", page_admin_regs_csv, R_VIEWER},
	{"GET", "/admin/series/{}/registrations.xlsx", page_admin_regs_xlsx, R_VIEWER},
	{"GET", "/admin/series/{}/registrations/import", page_admin_import_get, R_ORGANIZER},
	{"POST", "/admin/series/{}/registrations/import", page_admin_import_post,
	 R_UPLOAD | R_CSRF | R_ORGANIZER},
	{"GET", "/admin/series/{}/imports/{}", page_admin_import_job, R_ORGANIZER},
	{"GET", "/admin/series/{}/registrations/{}", page_admin_reg_get, R_VIEWER},
	{"POST", "/admin/series/{}/registrations/{}", page_admin_reg_post,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/registrations/{}/status", page_admin_reg_status,
	 R_FORM | R_CSRF | R_ORGANIZER},
	/* Reports */
	{"GET", "/admin/series/{}/report", page_admin_report, R_VIEWER},
	{"GET", "/admin/series/{}/report.pdf", page_admin_report_pdf, R_VIEWER},
	{"GET", "/admin/series/{}/report.xlsx", page_admin_report_xlsx, R_VIEWER},

	/* Certificates */
	{"GET", "/admin/series/{}/certificates", page_admin_certificates, R_VIEWER},
	{"POST", "/admin/series/{}/certificates/rules", page_admin_certificates_rules,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/certificates/settings", page_admin_certificates_settings,
	 R_UPLOAD | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/certificates/decision", page_admin_certificates_decision,
	 R_FORM | R_CSRF | R_ADMIN},
	{"POST", "/admin/series/{}/certificates/issue", page_admin_certificates_issue,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"POST", "/admin/series/{}/certificates/revoke", page_admin_certificates_revoke,
	 R_FORM | R_CSRF | R_ORGANIZER},
	{"GET", "/admin/series/{}/certificates.zip", page_admin_certificates_zip, R_VIEWER},
	{"GET", "/admin/series/{}/certificates.csv", page_admin_certificates_csv, R_VIEWER},
	{"GET", "/me/{}/certificate.pdf", page_me_certificate, 0},
	{"GET", "/verify", page_verify, 0},
	{"GET", "/verify/{}", page_verify_code, 0},
	{"POST", "/verify/{}", page_verify_check, R_UPLOAD | R_CSRF},
	{"GET", "/api/v1/certificates/{}", api_certificate_get, 0},
};

/* Matches one pattern; fills params (arena copies) when it matches. */
static int routes_match(struct req *r, const char *pat, const char *path, int fill)
{
	int n = 0;

	while (*pat && *path) {
		if (pat[0] == '{' && pat[1] == '}') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);
			if (len == 0 || n == REQ_MAX_PARAMS)
				return 0;
			if (fill)
				r->params[n] = arena_strndup(&r->arena, path, len);
			n++;
			path += len;
			pat += 2;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	if (*pat || *path)
		return 0;
	if (fill)
		r->nparams = n;
	return 1;
}

const struct route *routes_find(struct req *r, const char *method, const char *path,
				int *path_matched)
{
	*path_matched = 0;
	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!routes_match(r, routes[i].pattern, path, 0))
			continue;
		*path_matched = 1;
		if (strcmp(routes[i].method, method) == 0) {
			routes_match(r, routes[i].pattern, path, 1);
			return &routes[i];
		}
	}
	return NULL;
}

const char *routes_allow(const char *path)
{
	int get = 0, post = 0;

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!routes_match(NULL, routes[i].pattern, path, 0))
			continue;
		if (strcmp(routes[i].method, "GET") == 0)
			get = 1;
		else if (strcmp(routes[i].method, "POST") == 0)
			post = 1;
	}
	return get && post ? "GET, HEAD, POST" : post ? "POST" : "GET, HEAD";
}
