/*
 * admin_login.c: GET and POST /admin/login, POST /admin/logout.
 * Failures answer the same way whether or not the e-mail has an account;
 * more than LOGIN_MAX_PER_ACCOUNT failures for an e-mail, or
 * LOGIN_MAX_PER_ADDRESS from one address, within LOGIN_WINDOW, answer 429
 * without checking the password.  A login always gets a new session token
 * (the old one, if any, is ended: no fixation).
 */
#include "http/req.h"
#include "app.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "domain/account.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>

static void login_form(struct req *r, unsigned status, const char *message)
{
	const char *next = req_field(r, "next") ? req_field(r, "next") : req_query(r, "next");
	const char *email = req_field(r, "email");

	req_render(r, status, "admin_login",
		   json_pack("{s:s, s:s?, s:s?, s:s?}", "csrf", req_csrf_token(r), "message", message,
			     "email", email, "next", next));
}

void page_admin_login_get(struct req *r)
{
	login_form(r, 200, NULL);
}

/* Only local paths under /admin, so the login cannot send anyone away. */
static const char *login_next(struct req *r)
{
	const char *next = req_field(r, "next");

	if (!next || strncmp(next, "/admin", 6) != 0 || strchr(next, '\\') ||
	    strstr(next, "//") || !utf8_is_clean(next, strlen(next), false))
		return "/admin";
	return next;
}

static void login_done(struct req *r)
{
	struct account_login_job *j = r->job.arg;

	if (r->job.rc != DB_OK) {
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
		return;
	}
	req_set_cookie(r, "ocop_session", j->token, SESSION_MAX);
	req_redirect(r, 303, login_next(r));
}

static void login_failed_done(struct req *r)
{
	login_form(r, 401, _("E-mail hoặc mật khẩu không đúng."));
}

void page_admin_login_post(struct req *r)
{
	const char *email = req_field(r, "email");
	const char *password = req_field(r, "password");
	int64_t now = (int64_t)time(NULL);
	struct account a;
	char key_email[300], key_addr[80];

	if (!email || !password || !*email || !*password || strlen(email) > 254 ||
	    strlen(password) > PASSWORD_MAX) {
		login_form(r, 422, _("Xin nhập e-mail và mật khẩu."));
		return;
	}
	snprintf(key_email, sizeof(key_email), "e:%s", email);
	for (char *p = key_email; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + 32);
	snprintf(key_addr, sizeof(key_addr), "a:%s", req_client_addr(r));
	if (account_failures(r->db, key_email, now) >= LOGIN_MAX_PER_ACCOUNT ||
	    account_failures(r->db, key_addr, now) >= LOGIN_MAX_PER_ADDRESS) {
		req_add_header(r, "Retry-After", "900");
		login_form(r, 429,
			   _("Đăng nhập sai quá nhiều lần. Xin thử lại sau 15 phút."));
		return;
	}
	if (account_check_password(r->db, email, password, &a) != DB_OK) {
		struct account_failure_job *f = arena_alloc(&r->arena, sizeof(*f));
		memcpy(f->key_email, key_email, sizeof(key_email));
		memcpy(f->key_addr, key_addr, sizeof(key_addr));
		f->now = now;
		req_write(r, account_record_failure, f, login_failed_done);
		return;
	}
	struct account_login_job *j = arena_alloc(&r->arena, sizeof(*j));
	j->user_id = a.id;
	j->now = now;
	struct account old;
	char hash[65];
	if (account_from_session(r->db, req_cookie(r, "ocop_session"), now, &old, hash) == DB_OK)
		memcpy(j->old_token_hash, hash, sizeof(hash));
	req_write(r, account_login, j, login_done);
}

static void logout_done(struct req *r)
{
	req_set_cookie(r, "ocop_session", "", 0);
	req_redirect(r, 303, "/admin/login");
}

void page_admin_logout(struct req *r)
{
	char *hash = arena_strdup(&r->arena, r->session_hash);

	req_write(r, account_logout, hash, logout_done);
}
