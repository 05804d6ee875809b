/*
 * req.c: the request API handlers use (see req.h): input fields, cookies,
 * headers, rendering, errors, CSRF, and handing a write to the group
 * commit.  Responses are built in memory; nothing reaches the socket until
 * the handler (or its continuation) returns.
 */
#include "http/req_internal.h"
#include "app.h"
#include "core/i18n.h"
#include "core/log.h"
#include "render/template.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static int req_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes application/x-www-form-urlencoded text; NULL if malformed or if
 * it decodes to a NUL byte. */
static char *req_urldecode(struct arena *a, const char *s, size_t len, size_t *out_len)
{
	char *out = arena_alloc(a, len + 1);
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == '+') {
			c = ' ';
		} else if (c == '%') {
			int hi, lo;
			if (i + 2 >= len)
				return NULL;
			hi = req_hexval(s[i + 1]);
			lo = req_hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			c = (char)(hi * 16 + lo);
			i += 2;
		}
		if (c == 0)
			return NULL;
		out[n++] = c;
	}
	out[n] = 0;
	*out_len = n;
	return out;
}

void req_form_alloc(struct req *r)
{
	if (!r->fields)
		r->fields = arena_alloc(&r->arena, sizeof(*r->fields) * REQ_MAX_FIELDS);
	if (!r->files)
		r->files = arena_alloc(&r->arena, sizeof(*r->files) * REQ_MAX_FILES);
}

int req_parse_form(struct req *r, const char *body, size_t len)
{
	size_t i = 0;

	req_form_alloc(r);
	while (i < len) {
		size_t end = i;
		while (end < len && body[end] != '&')
			end++;
		if (end > i) {
			const char *eq = memchr(body + i, '=', end - i);
			size_t klen = eq ? (size_t)(eq - (body + i)) : end - i;
			size_t nlen, vlen = 0;
			char *name, *value;

			if (r->nfields == REQ_MAX_FIELDS)
				return -2;
			name = req_urldecode(&r->arena, body + i, klen, &nlen);
			value = eq ? req_urldecode(&r->arena, eq + 1, (size_t)(body + end - eq - 1),
						   &vlen)
				   : arena_strdup(&r->arena, "");
			if (!name || !value)
				return -1;
			r->fields[r->nfields].name = name;
			r->fields[r->nfields].value = value;
			r->fields[r->nfields].value_len = vlen;
			r->nfields++;
		}
		i = end + 1;
	}
	return 0;
}

const char *req_field(struct req *r, const char *name)
{
	for (int i = 0; i < r->nfields; i++)
		if (strcmp(r->fields[i].name, name) == 0)
			return r->fields[i].value;
	return NULL;
}

const struct req_file *req_file(struct req *r, const char *field)
{
	for (int i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].field, field) == 0 && r->files[i].len > 0)
			return &r->files[i];
	return NULL;
}

const char *req_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_client_addr(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char *out = arena_alloc(&r->arena, INET6_ADDRSTRLEN);

	if (!ci || !ci->client_addr)
		return "unknown";
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, out,
			  INET6_ADDRSTRLEN);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr,
			  out, INET6_ADDRSTRLEN);
	else
		return "unknown";
	return out;
}

bool req_wants_json(const struct req *r)
{
	return strncmp(r->path, "/api/", 5) == 0;
}

void req_add_header(struct req *r, const char *name, const char *value)
{
	if (r->nhdr == (int)(sizeof(r->hdr_name) / sizeof(r->hdr_name[0]))) {
		log_error("too many response headers for %s", r->path);
		return;
	}
	r->hdr_name[r->nhdr] = name;
	r->hdr_value[r->nhdr] = value;
	r->nhdr++;
}

void req_set_cookie(struct req *r, const char *name, const char *value, int max_age)
{
	req_add_header(r, "Set-Cookie",
		       arena_printf(&r->arena, "%s=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s",
				    name, value, max_age,
				    r->app->secure_cookies ? "; Secure" : ""));
}

void req_redirect(struct req *r, unsigned status, const char *location)
{
	req_stream_release(r);
	r->status = status;
	req_add_header(r, "Location", location);
	buf_reset(&r->out);
}


void req_render(struct req *r, unsigned status, const char *name, json_t *ctx)
{
	req_stream_release(r);
	r->status = status;
	r->content_type = "text/html; charset=utf-8";
	buf_reset(&r->out);
	/* Pages about one series are titled by it unless they say otherwise. */
	json_t *series = json_object_get(ctx, "series");
	if (!json_object_get(ctx, "page_title") && json_is_object(series))
		json_object_set(ctx, "page_title", json_object_get(series, "title"));
	if (tpl_render(r->app->tpl, name, ctx, &r->out) != 0 || r->out.overflow) {
		log_error("[%s] cannot render '%s'", r->request_id, name);
		json_decref(ctx);
		r->status = 500;
		buf_reset(&r->out);
		buf_adds(&r->out, "<!doctype html><meta charset=utf-8><title>500</title>"
				  "<p>Lỗi hệ thống. Xin thử lại sau.</p>");
		return;
	}
	json_decref(ctx);
}

static int req_json_add(const char *s, size_t n, void *out)
{
	buf_add(out, s, n);
	return 0;
}

void req_json(struct req *r, unsigned status, json_t *ctx)
{
	req_stream_release(r);
	r->status = status;
	r->content_type = "application/json; charset=utf-8";
	buf_reset(&r->out);
	/* Straight into the response, not through a malloc'ed copy. */
	if (ctx && json_dump_callback(ctx, req_json_add, &r->out, JSON_COMPACT) == 0)
		buf_addc(&r->out, '\n');
	else
		buf_reset(&r->out);
	json_decref(ctx);
}

void req_error(struct req *r, unsigned status, const char *message)
{
	if (status >= 500)
		log_error("[%s] %s %s -> %u", r->request_id, r->method, r->path, status);
	if (req_wants_json(r)) {
		req_json(r, status, json_pack("{s:s, s:i}", "error", message, "status", (int)status));
		return;
	}
	req_render(r, status, "error",
		   json_pack("{s:i, s:s}", "status", (int)status, "message", message));
}

static void req_job_done(struct dbw_job *job)
{
	struct req *r = job->done_arg;

	r->phase = REQ_PHASE_RESUMED;
	req_resume(r);
}

void req_write(struct req *r, int (*fn)(struct db *db, void *arg), void *arg,
	       void (*cont)(struct req *r))
{
	r->cont = cont;
	r->phase = REQ_PHASE_WAITING;
	r->suspended = true;
	r->job.fn = fn;
	r->job.arg = arg;
	r->job.done = req_job_done;
	r->job.done_arg = r;
	req_suspend(r);
	dbw_submit(r->app->writer, &r->job);
}

void req_write_unguarded(struct req *r, int (*fn)(struct db *db, void *arg), void *arg,
			 void (*cont)(struct req *r))
{
	r->job.unguarded = true;
	req_write(r, fn, arg, cont);
}

/*
 * CSRF: a signed double-submit token.  The cookie holds a random value; the
 * form carries HMAC(key, value).  A forged form from another site has
 * neither the cookie's value nor the key.  The key is shared by every
 * instance through the database (settings.csrf_key).
 */
#define CSRF_COOKIE "ocop_csrf"
#define CSRF_RAW 16

static const char *req_csrf_sign(struct req *r, const char *value)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	char *out = arena_alloc(&r->arena, sodium_base64_ENCODED_LEN(
						    sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING));

	crypto_auth_hmacsha256(mac, (const unsigned char *)value, strlen(value), r->app->csrf_key);
	sodium_bin2base64(out,
			  sodium_base64_ENCODED_LEN(sizeof(mac),
						    sodium_base64_VARIANT_URLSAFE_NO_PADDING),
			  mac, sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return out;
}

static bool req_csrf_cookie_ok(const char *v)
{
	if (!v || strlen(v) != 22)
		return false;
	for (const char *p = v; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

const char *req_csrf_token(struct req *r)
{
	const char *v = req_cookie(r, CSRF_COOKIE);

	if (!req_csrf_cookie_ok(v)) {
		unsigned char raw[CSRF_RAW];
		char *fresh = arena_alloc(&r->arena, 32);

		randombytes_buf(raw, sizeof(raw));
		sodium_bin2base64(fresh, 32, raw, sizeof(raw),
				  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		req_set_cookie(r, CSRF_COOKIE, fresh, 7 * 24 * 3600);
		v = fresh;
	}
	return req_csrf_sign(r, v);
}

bool req_csrf_ok(struct req *r)
{
	const char *v = req_cookie(r, CSRF_COOKIE);
	const char *sent = req_field(r, "csrf");

	if (!req_csrf_cookie_ok(v) || !sent)
		return false;
	const char *want = req_csrf_sign(r, v);
	size_t n = strlen(want);
	return strlen(sent) == n && sodium_memcmp(sent, want, n) == 0;
}

const char *req_abs_url(struct req *r, const char *path)
{
	const char *base = r->app->cfg.base_url;
	size_t n = strlen(base);

	while (n && base[n - 1] == '/')
		n--;
	return arena_printf(&r->arena, "%.*s%s", (int)n, base, path);
}
