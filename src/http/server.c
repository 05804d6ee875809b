/*
 * server.c: libmicrohttpd glue (see server.h).  The only file besides
 * http/req.c that includes microhttpd.h.
 *
 * A request goes: first call creates struct req (and answers nothing yet:
 * queuing a response on the first call makes libmicrohttpd drop keep-alive);
 * body chunks are appended under a hard cap (413 as soon as it is passed);
 * the final call routes, runs the central checks of the route's flags, and
 * calls the handler.  A handler that writes hands its transaction to the
 * group-commit thread and the connection is suspended until the commit;
 * then the handler's continuation renders and the response is queued.
 * The completion callback logs one line and frees the request.
 */
#include "http/server.h"
#include "http/req_internal.h"
#include "app.h"
#include "core/log.h"
#include "core/i18n.h"
#include "db/db.h"
#include "db/pool.h"
#include "routes.h"
#include "domain/account.h"
#include "http/multipart.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct server {
	struct MHD_Daemon *d;
	struct app *app;
	struct db_pool *pool;
	atomic_int in_flight;
};

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* A request holds a read connection from the pool only while it runs on
 * a server thread: from dispatch until the handler returns, and again from
 * the resumption until the continuation returns; never while suspended. */
#define SERVER_POOL_WAIT_MS 5000

/* The answer when the database cannot be reached: whatever the handler
 * wrote is dropped (nothing was sent yet) and the client may retry. */
static void server_unavailable(struct req *r)
{
	buf_reset(&r->out);
	r->nhdr = 0;
	r->content_type = NULL;
	req_add_header(r, "Retry-After", "2");
	req_error(r, 503, _("Hệ thống đang bận, xin thử lại sau ít phút."));
}

static bool server_db_acquire(struct server *s, struct req *r)
{
	r->db = db_pool_get(s->pool, SERVER_POOL_WAIT_MS);
	return r->db != NULL;
}

/* Gives the connection back; a request whose reads found the connection
 * lost answers 503, even if the handler rendered something else. */
static void server_db_release(struct server *s, struct req *r)
{
	if (!r->db)
		return;
	bool write_pending = r->cont && r->phase != REQ_PHASE_DONE;

	if (db_is_broken(r->db) && !write_pending)
		server_unavailable(r);
	db_pool_put(s->pool, r->db);
	r->db = NULL;
}

/* How a streamed body's reads get a connection: the thread's own. */
/* A streamed body borrows a pooled connection for each block it reads. */
static struct db *server_stream_acquire(void *ctx)
{
	struct server *s = ctx;

	return db_pool_get(s->pool, SERVER_POOL_WAIT_MS);
}

static void server_stream_release(void *ctx, struct db *db)
{
	struct server *s = ctx;

	if (db)
		db_pool_put(s->pool, db);
}

static struct req *server_req_new(struct server *s, struct MHD_Connection *c, const char *url,
				  const char *method)
{
	struct req *r = xcalloc(1, sizeof(*r));
	static atomic_uint_fast64_t seq;

	arena_init(&r->arena);
	buf_init(&r->body, HTTP_MAX_BODY);
	buf_init(&r->out, 0);
	r->app = s->app;
	r->conn = c;
	r->method = arena_strdup(&r->arena, method);
	r->path = arena_strndup(&r->arena, url, strnlen(url, HTTP_MAX_URL));
	r->query = "";
	r->status = 200;
	r->start_us = now_us();
	snprintf(r->request_id, sizeof(r->request_id), "%llx",
		 (unsigned long long)atomic_fetch_add(&seq, 1));
	atomic_fetch_add(&s->in_flight, 1);
	return r;
}

static void server_req_free(struct req *r)
{
	if (r->json)
		json_decref(r->json);
	req_stream_release(r);
	buf_release(&r->body);
	buf_release(&r->out);
	arena_release(&r->arena);
	free(r);
}

static enum MHD_Result server_respond(struct server *s, struct MHD_Connection *c,
				       struct req *r)
{
	struct MHD_Response *resp;

	if (r->stream) {
		struct stream_db db = {server_stream_acquire, server_stream_release, s};
		resp = stream_response(r, &db);
	} else {
		size_t len;
		char *body = buf_detach(&r->out, &len);
		resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		if (!resp)
			free(body);
	}
	if (!resp)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
				r->content_type ? r->content_type : "text/html; charset=utf-8");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Content-Security-Policy",
				"default-src 'self'; img-src 'self' data:; style-src 'self'; "
				"script-src 'self'; frame-ancestors 'none'; form-action 'self'; "
				"base-uri 'none'");
	for (int i = 0; i < r->nhdr; i++)
		MHD_add_response_header(resp, r->hdr_name[i], r->hdr_value[i]);
	enum MHD_Result ret = MHD_queue_response(c, r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void server_touch_done(struct dbw_job *job)
{
	free(job->arg);
	free(job);
}

/* The login and role checks of R_VIEWER / R_ORGANIZER / R_ADMIN routes.
 * Returns 0 when the handler may run; otherwise the answer is written. */
static int server_check_login(struct req *r)
{
	unsigned flags = r->route->flags;
	int64_t now = (int64_t)time(NULL);
	struct account *a = arena_alloc(&r->arena, sizeof(*a));

	if (account_from_session(r->db, req_cookie(r, "ocop_session"), now, a, r->session_hash) !=
	    DB_OK) {
		if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0) {
			struct buf next;
			buf_init(&next, 4096);
			buf_adds(&next, "/admin/login?next=");
			buf_add_url(&next, r->path, strlen(r->path));
			req_redirect(r, 303, arena_strdup(&r->arena, next.p));
			buf_release(&next);
		} else {
			req_error(r, 401, _("Phiên đăng nhập đã hết hạn. Xin đăng nhập lại."));
		}
		return -1;
	}
	r->user = a;
	enum account_role need = flags & R_VIEWER      ? ROLE_VIEWER
				 : flags & R_ORGANIZER ? ROLE_ORGANIZER
						       : ROLE_ADMIN;
	if (a->role < need) {
		req_error(r, 403, _("Tài khoản của bạn không có quyền làm việc này."));
		return -1;
	}
	/* Slide the idle expiry at most once a minute, without waiting. */
	if (now - a->session_last_seen > 60) {
		struct dbw_job *job = xcalloc(1, sizeof(*job));
		struct account_touch_job *t = xcalloc(1, sizeof(*t));
		t->session_id = a->session_id;
		t->now = now;
		job->fn = account_touch;
		job->arg = t;
		job->done = server_touch_done;
		dbw_submit(r->app->writer, job);
	}
	req_add_header(r, "Cache-Control", "no-store");
	return 0;
}

/* multipart/form-data into r->fields and r->files. */
static int server_parse_upload(struct req *r)
{
	struct multipart_part parts[REQ_MAX_FIELDS];
	const char *b = multipart_boundary(&r->arena, req_header(r, "Content-Type"));
	int n;

	if (!b) {
		req_error(r, 415, _("Tệp phải được gửi bằng biểu mẫu multipart/form-data."));
		return -1;
	}
	n = multipart_parse(&r->arena, b, r->body.p, r->body.len, parts, REQ_MAX_FIELDS);
	if (n < 0) {
		req_error(r, n == -2 ? 413 : 400, n == -2 ? _("Biểu mẫu có quá nhiều trường.")
							  : _("Dữ liệu biểu mẫu không hợp lệ."));
		return -1;
	}
	req_form_alloc(r);
	for (int i = 0; i < n; i++) {
		if (parts[i].filename) {
			if (r->nfiles == REQ_MAX_FILES) {
				req_error(r, 413, _("Gửi quá nhiều tệp một lần."));
				return -1;
			}
			struct req_file *f = &r->files[r->nfiles++];
			f->field = parts[i].name;
			f->filename = parts[i].filename;
			f->content_type = parts[i].content_type;
			f->data = parts[i].data;
			f->len = parts[i].len;
		} else if (parts[i].len < 65536 && !memchr(parts[i].data, 0, parts[i].len)) {
			r->fields[r->nfields].name = parts[i].name;
			r->fields[r->nfields].value =
				arena_strndup(&r->arena, parts[i].data, parts[i].len);
			r->fields[r->nfields].value_len = parts[i].len;
			r->nfields++;
		} else {
			req_error(r, 400, _("Dữ liệu biểu mẫu không hợp lệ."));
			return -1;
		}
	}
	return 0;
}

/* Runs the route's central checks, then the handler. */
static void server_dispatch(struct server *s, struct req *r)
{
	if (!server_db_acquire(s, r)) {
		server_unavailable(r);
		return;
	}
	if (!r->route) {
		if (r->path_matched) {
			req_add_header(r, "Allow", routes_allow(r->path));
			req_error(r, 405, _("Phương thức này không được hỗ trợ cho địa chỉ này."));
		} else {
			req_error(r, 404, _("Không tìm thấy trang này."));
		}
		return;
	}
	if (r->body.overflow) {
		req_error(r, 413, _("Dữ liệu gửi lên quá lớn."));
		return;
	}
	if ((r->route->flags & R_UPLOAD) && server_parse_upload(r) != 0)
		return;
	if (r->route->flags & R_FORM) {
		const char *ct = req_header(r, "Content-Type");
		if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0) {
			req_error(r, 415, _("Biểu mẫu phải được gửi dạng application/x-www-form-urlencoded."));
			return;
		}
		int rc = req_parse_form(r, r->body.p, r->body.len);
		if (rc != 0) {
			req_error(r, rc == -2 ? 413 : 400, rc == -2 ? _("Biểu mẫu có quá nhiều trường.")
								  : _("Dữ liệu biểu mẫu không hợp lệ."));
			return;
		}
	}
	if ((r->route->flags & R_LOGIN) && server_check_login(r) != 0)
		return;
	if ((r->route->flags & R_CSRF) && !req_csrf_ok(r)) {
		req_error(r, 403, _("Phiên của biểu mẫu đã hết hạn hoặc không hợp lệ. Xin tải lại trang và gửi lại."));
		return;
	}
	if (r->route->flags & R_JSON) {
		const char *ct = req_header(r, "Content-Type");
		json_error_t jerr;

		if (!ct || strncasecmp(ct, "application/json", 16) != 0) {
			req_error(r, 415, _("Nội dung phải là JSON (Content-Type: application/json)."));
			return;
		}
		r->json = json_loadb(r->body.p, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
		if (!r->json || !json_is_object(r->json)) {
			req_error(r, 400, _("Nội dung JSON không hợp lệ: cần một đối tượng JSON."));
			return;
		}
	}
	r->route->handler(r);
}

static enum MHD_Result server_on_request(void *cls, struct MHD_Connection *c, const char *url,
					 const char *method, const char *version,
					 const char *upload_data, size_t *upload_data_size,
					 void **con_cls)
{
	struct server *s = cls;
	struct req *r = *con_cls;

	(void)version;
	if (!r) {
		r = server_req_new(s, c, url, method);
		*con_cls = r;
		/* The route decides the body limit. */
		r->route = routes_find(r, strcmp(method, "HEAD") == 0 ? "GET" : method, r->path,
				       &r->path_matched);
		/* A file may be upload_max bytes; the form around it gets the
		 * usual allowance on top. */
		if (r->route && (r->route->flags & R_UPLOAD))
			r->body.max = s->app->cfg.upload_max + HTTP_MAX_BODY;
		/* A declared body over the limit is refused before it is read:
		 * only a response queued now reaches the client. */
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > r->body.max) {
			r->phase = REQ_PHASE_DONE;
			req_error(r, 413, _("Dữ liệu gửi lên quá lớn."));
			return server_respond(s, c, r);
		}
		return MHD_YES;
	}
	if (r->phase == REQ_PHASE_WAITING)
		return MHD_YES; /* spurious call while suspended */
	if (r->phase == REQ_PHASE_RESUMED) {
		r->phase = REQ_PHASE_DONE;
		if (r->job.lost || !server_db_acquire(s, r))
			server_unavailable(r); /* not committed: the client retries */
		else
			r->cont(r);
		server_db_release(s, r);
		return server_respond(s, c, r);
	}
	if (r->phase == REQ_PHASE_DONE) {
		*upload_data_size = 0; /* response already queued (early 413) */
		return MHD_YES;
	}
	if (*upload_data_size) {
		/* Past the cap (a chunked body), bytes are counted and dropped,
		 * and the request ends in 413; a sender that goes on for long
		 * loses the connection. */
		r->body_seen += *upload_data_size;
		buf_add(&r->body, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return r->body_seen > r->body.max + 16 * HTTP_MAX_BODY ? MHD_NO : MHD_YES;
	}
	server_dispatch(s, r);
	server_db_release(s, r);
	/* Not r->phase: the writer may already have committed and set it to
	 * RESUMED; the resumed call then writes the answer. */
	if (r->suspended) {
		r->suspended = false;
		return MHD_YES;
	}
	r->phase = REQ_PHASE_DONE;
	return server_respond(s, c, r);
}

static void server_on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
				enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct req *r = *con_cls;

	(void)c;
	(void)toe;
	if (!r)
		return;
	log_access(r->method, r->path, r->status, now_us() - r->start_us);
	server_req_free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&s->in_flight, 1);
}

void req_suspend(struct req *r)
{
	MHD_suspend_connection(r->conn);
}

void req_resume(struct req *r)
{
	MHD_resume_connection(r->conn);
}

int server_parse_listen(const char *listen, struct sockaddr_in *sa, char *err,
			       size_t errlen)
{
	const char *colon = strrchr(listen, ':');
	char host[64];
	char *end;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (!colon || (size_t)(colon - listen) >= sizeof(host)) {
		snprintf(err, errlen, "bad listen address '%s': want HOST:PORT", listen);
		return -1;
	}
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = 0;
	errno = 0;
	long port = strtol(colon + 1, &end, 10);
	if (errno || *end || end == colon + 1 || port < 0 || port > 65535) {
		snprintf(err, errlen, "bad port in '%s'", listen);
		return -1;
	}
	if (strcmp(host, "localhost") == 0 || host[0] == 0)
		strcpy(host, "127.0.0.1"); /* NOLINT: fits, checked above */
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1) {
		snprintf(err, errlen, "bad address in '%s': want an IPv4 address", listen);
		return -1;
	}
	sa->sin_port = htons((uint16_t)port);
	return 0;
}

struct server *server_start(struct app *app, char *err, size_t errlen)
{
	struct server *s = xcalloc(1, sizeof(*s));

	s->app = app;
	s->pool = db_pool_new(app->cfg.db_url, app->cfg.db_pool ? app->cfg.db_pool : app->cfg.threads);
	s->d = MHD_start_daemon(
		MHD_USE_EPOLL | MHD_USE_INTERNAL_POLLING_THREAD | MHD_ALLOW_SUSPEND_RESUME |
			MHD_USE_ERROR_LOG,
		0, NULL, NULL, server_on_request, s, MHD_OPTION_LISTEN_SOCKET, app->listen_fd,
		MHD_OPTION_THREAD_POOL_SIZE, app->cfg.threads, MHD_OPTION_CONNECTION_LIMIT,
		(unsigned)4000, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED,
		server_on_completed, s, MHD_OPTION_END);
	if (!s->d) {
		snprintf(err, errlen, "cannot listen on '%s': %s", app->cfg.listen,
			 errno ? strerror(errno) : "libmicrohttpd refused");
		db_pool_free(s->pool);
		free(s);
		return NULL;
	}
	return s;
}

int server_listen(const char *addr, unsigned *port, char *err, size_t errlen)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t len = sizeof(sa);
	int fd, one = 1;

	if (server_parse_listen(addr, &sa, err, errlen) != 0)
		return -2;
	fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0 || listen(fd, 1024) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0) {
		snprintf(err, errlen, "cannot listen on '%s': %s", addr, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	*port = ntohs(sa.sin_port);
	return fd;
}

void server_stop(struct server *s)
{
	if (!s)
		return;
	MHD_quiesce_daemon(s->d);
	/* Let requests in flight finish (up to 10 s), including those waiting
	 * for the group commit. */
	for (int i = 0; i < 1000 && atomic_load(&s->in_flight) > 0; i++)
		usleep(10000);
	MHD_stop_daemon(s->d);
	db_pool_free(s->pool);
	free(s);
}
