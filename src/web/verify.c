/*
 * verify.c: anyone checks a certificate.
 *   GET  /verify                      the form: a typed code, or a serial
 *        number and the holder's name (?code= or ?serial=&name=)
 *   GET  /verify/{code}               the certificate of the QR code: valid or
 *        revoked, name, series, date, serial, organisers; a PDF check form
 *   POST /verify/{code}               a PDF uploaded: does its SHA-256 match?
 *   GET  /api/v1/certificates/{code}  the same as JSON
 * Wrong codes get one "not found", whatever was wrong, and count against
 * the client's address: past CERT_VERIFY_MAX in CERT_VERIFY_WINDOW the
 * look-ups answer 429, so 100-bit codes cannot be guessed.  No SQL here.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/vtime.h"
#include "domain/certificate.h"
#include "web/pages.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define NOT_FOUND                                                                                                            \
	N_("Không tìm thấy giấy chứng nhận. Xin kiểm tra lại mã (hoặc số hiệu và họ tên) in trên " \
	   "giấy.")

static void verify_headers(struct req *r)
{
	req_add_header(r, "Cache-Control", "no-store");
	req_add_header(r, "X-Robots-Tag", "noindex");
}

/* 429 when this address failed too often; true when answered. */
static bool verify_limited(struct req *r, bool json)
{
	int64_t now = (int64_t)time(NULL);

	if (cert_verify_failures(r->db, req_client_addr(r), now) < CERT_VERIFY_MAX)
		return false;
	req_add_header(r, "Retry-After", "600");
	const char *msg = _("Bạn đã tra cứu sai quá nhiều lần. Xin thử lại sau 10 phút.");
	if (json)
		req_json(r, 429, json_pack("{s:s, s:i}", "error", msg, "status", 429));
	else
		req_render(r, 429, "verify",
		           json_pack("{s:s, s:s, s:s}", "page_title", _("Xác thực giấy chứng nhận"),
		                     "error", msg, "csrf", req_csrf_token(r)));
	return true;
}

static void verify_form(struct req *r, unsigned status, const char *error)
{
	json_t *ctx = json_pack("{s:s, s:s}", "page_title", _("Xác thực giấy chứng nhận"), "csrf",
	                        req_csrf_token(r));
	const char *q[] = {"code", "serial", "name"};

	/* What was typed goes back into the form, when it is clean text. */
	for (int i = 0; i < 3; i++) {
		const char *v = req_query(r, q[i]);
		bool ok = v && strlen(v) <= 200 && utf8_is_clean(v, strlen(v), false);
		json_object_set_new(ctx, q[i], json_string(ok ? v : ""));
	}
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	verify_headers(r);
	req_render(r, status, "verify", ctx);
}

static void not_found_html(struct req *r)
{
	verify_form(r, 404, _(NOT_FOUND));
}

static void not_found_json(struct req *r)
{
	verify_headers(r);
	req_json(r, 404, json_pack("{s:s, s:i}", "error", _(NOT_FOUND), "status", 404));
}

/* Records the failure, then answers not found. */
static void verify_fail(struct req *r, bool json)
{
	struct cert_fail_job *j = arena_alloc(&r->arena, sizeof(*j));

	snprintf(j->key, sizeof(j->key), "a:%s", req_client_addr(r));
	j->now = (int64_t)time(NULL);
	req_write(r, cert_verify_fail, j, json ? not_found_json : not_found_html);
}

/* What anyone may know of a certificate.  with_code: the code too (not
 * when found by serial and name). */
static json_t *verify_view(struct req *r, const struct cert *c, bool with_code)
{
	char date[16], words[64], shown[CERT_CODE_SHOWN + 1], rdate[16];
	json_t *orgs = NULL;
	struct cert_tpl *t = cert_tpl_load(r->db, c->template_id);

	if (t) {
		orgs = cert_tpl_orgs(t);
		cert_tpl_free(t);
	}
	cert_code_format(c->code, shown);
	bool revoked = strcmp(c->status, "revoked") == 0;
	json_t *o = json_pack(
	    "{s:s, s:b, s:s, s:{s:s, s:s}, s:I, s:s, s:s, s:s, s:o, s:s}", "status", c->status,
	    "valid", !revoked, "full_name", c->full_name, "series", "slug", c->series_slug, "title",
	    c->series_title, "issued_at", (json_int_t)c->issued_at, "issued_date",
	    vtime_date(date, sizeof(date), c->issued_at), "issued_words",
	    vtime_date_words(words, sizeof(words), c->issued_at), "serial", c->serial, "organizers",
	    orgs ? orgs : json_array(), "sha256", c->sha256);
	if (with_code) {
		json_object_set_new(o, "code", json_string(shown));
		json_object_set_new(
		    o, "verify_url",
		    json_string(req_abs_url(r, arena_printf(&r->arena, "/verify/%s", shown))));
	}
	if (revoked) {
		json_object_set_new(o, "revoked_at", json_integer(c->revoked_at));
		json_object_set_new(o, "revoked_date",
		                    json_string(vtime_date(rdate, sizeof(rdate), c->revoked_at)));
		json_object_set_new(o, "revoke_reason", json_string(c->revoke_reason));
	}
	return o;
}

static void verify_render(struct req *r, const struct cert *c, bool with_code, json_t *check)
{
	json_t *ctx = json_pack("{s:s, s:o, s:s}", "page_title", _("Xác thực giấy chứng nhận"),
	                        "cert", verify_view(r, c, with_code), "csrf", req_csrf_token(r));

	if (check)
		json_object_set_new(ctx, "check", check);
	if (with_code)
		json_object_set_new(ctx, "action",
		                    json_string(arena_printf(&r->arena, "/verify/%s", c->code)));
	verify_headers(r);
	req_render(r, 200, "verify", ctx);
}

/* Finds the certificate of params[0]; answers (and counts) not found. */
static int verify_find(struct req *r, bool json, struct cert *c)
{
	char code[CERT_CODE_LEN + 1];

	if (verify_limited(r, json))
		return -1;
	int rc = cert_code_normalize(r->params[0], code) ? cert_find_code(r->db, &r->arena, code, c)
	                                                 : DB_NOTFOUND;
	if (rc == DB_OK)
		return 0;
	if (rc == DB_NOTFOUND)
		verify_fail(r, json);
	else
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
	return -1;
}

void page_verify_code(struct req *r)
{
	struct cert c;

	if (verify_find(r, false, &c) == 0)
		verify_render(r, &c, true, NULL);
}

void api_certificate_get(struct req *r)
{
	struct cert c;

	if (verify_find(r, true, &c) != 0)
		return;
	verify_headers(r);
	req_json(r, 200, verify_view(r, &c, true));
}

void page_verify_check(struct req *r)
{
	struct cert c;
	const struct req_file *f = req_file(r, "pdf");
	char hex[65];

	if (verify_find(r, false, &c) != 0)
		return;
	if (!f) {
		verify_render(r, &c, true,
		              json_pack("{s:b, s:s}", "error", 1, "message",
		                        _("Xin chọn tệp PDF của giấy chứng nhận.")));
		return;
	}
	cert_sha256_hex(f->data, f->len, hex);
	bool match = strcmp(hex, c.sha256) == 0;
	verify_render(r, &c, true,
	              json_pack("{s:b, s:b, s:s, s:s}", "match", match, "error", 0, "sha256", hex,
	                        "message",
	                        match ? _("Tệp này đúng là bản gốc của giấy chứng nhận.")
	                              : _("Tệp này KHÔNG khớp với giấy chứng nhận đã cấp: nội dung "
	                                  "đã bị thay đổi, hoặc đây là giấy khác.")));
}

/* GET /verify: the form, or a look-up by code or by serial and name. */
void page_verify(struct req *r)
{
	const char *code = req_query(r, "code"), *serial = req_query(r, "serial"),
	           *name = req_query(r, "name");
	char norm[CERT_CODE_LEN + 1], sn[CERT_SERIAL_MAX], shown[CERT_CODE_SHOWN + 1];
	struct cert c;

	if ((!code || !*code) && (!serial || !*serial)) {
		verify_form(r, 200, NULL);
		return;
	}
	if (verify_limited(r, false))
		return;
	if (code && *code) {
		if (!cert_code_normalize(code, norm)) {
			verify_fail(r, false);
			return;
		}
		cert_code_format(norm, shown);
		req_redirect(r, 303, arena_printf(&r->arena, "/verify/%s", shown));
		return;
	}
	const char *want = name ? utf8_fold(&r->arena, name, strlen(name)) : NULL;
	int rc = want && *want && cert_serial_normalize(serial, sn)
	             ? cert_find_serial(r->db, &r->arena, sn, &c)
	             : DB_NOTFOUND;
	if (rc == DB_OK) {
		const char *have = utf8_fold(&r->arena, c.full_name, strlen(c.full_name));
		if (!have || strcmp(have, want) != 0)
			rc = DB_NOTFOUND;
	}
	if (rc == DB_OK)
		verify_render(r, &c, false, NULL);
	else if (rc == DB_NOTFOUND)
		verify_fail(r, false);
	else
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
}
