/*
 * eval_link.c: GET and POST /e/{code}, the short public link of an
 * evaluation, easy to read out on a stream.  The participant types the
 * e-mail they registered with; if it is registered in the evaluation's
 * series, their personal link to the evaluation is mailed to that address
 * (never shown here), so no one can answer for someone else.  The answer
 * is the same whether or not the address is registered.
 */
#include "http/req.h"
#include "core/i18n.h"
#include "db/db.h"
#include "domain/contact.h"
#include "domain/evaluation.h"
#include "domain/outbox.h"
#include "domain/registration.h"
#include "web/mail_compose.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>

static void eval_link_page(struct req *r, unsigned status, const char *title, bool sent,
			   const char *error)
{
	req_render(r, status, "eval_link",
		   json_pack("{s:s, s:s, s:s, s:b, s:s?, s:s}", "page_title", title, "title", title,
			     "csrf", req_csrf_token(r), "sent", sent, "error", error, "action",
			     arena_printf(&r->arena, "/e/%s", r->params[0])));
}

void page_eval_link_get(struct req *r)
{
	int64_t id, series;
	const char *title;

	if (eval_find_code(r->db, &r->arena, r->params[0], &id, &series, &title) != DB_OK) {
		req_error(r, 404, _("Không tìm thấy bài đánh giá với mã này."));
		return;
	}
	eval_link_page(r, 200, title, false, NULL);
}

struct eval_link_job {
	struct outbox_msg m;
	const char *host, *title;
	int64_t now;
};

static int eval_link_queue(struct db *db, void *arg)
{
	struct eval_link_job *j = arg;

	return outbox_queue(db, &j->m, j->host, j->now);
}

static void eval_link_done(struct req *r)
{
	if (r->job.rc != DB_OK) {
		req_error(r, 503, _("Hệ thống đang bận. Xin thử lại."));
		return;
	}
	eval_link_page(r, 200, ((struct eval_link_job *)r->job.arg)->title, true, NULL);
}

void page_eval_link_post(struct req *r)
{
	int64_t id, series;
	const char *title, *email = req_field(r, "email");
	char norm[EMAIL_MAX + 1];

	if (eval_find_code(r->db, &r->arena, r->params[0], &id, &series, &title) != DB_OK) {
		req_error(r, 404, _("Không tìm thấy bài đánh giá với mã này."));
		return;
	}
	if (!email || strlen(email) > EMAIL_MAX || !email_canonical(email, norm)) {
		eval_link_page(r, 422, title, false,
			       _("Địa chỉ e-mail không hợp lệ, ví dụ đúng: ten@example.com."));
		return;
	}
	struct reg_brief reg;
	int rc = reg_brief_by_email(r->db, &r->arena, series, norm, &reg);
	if (rc == DB_ERROR) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	if (rc != DB_OK) {
		/* The same answer for a registered address and for any other. */
		eval_link_page(r, 200, title, true, NULL);
		return;
	}
	struct eval_link_job *j = arena_alloc(&r->arena, sizeof(*j));
	const char *token = reg.token;
	const char *name = reg.full_name;
	j->m.registration_id = reg.id;
	const char *link = req_abs_url(r, arena_printf(&r->arena, "/me/%s/evaluations/%lld", token,
						       (long long)id));
	json_t *ctx = json_pack("{s:s, s:s, s:s}", "given_name", mail_given_name(r, name), "title",
				title, "link", link);
	if (mail_render(r, "mail_link", ctx, &j->m) != 0) {
		json_decref(ctx);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	json_decref(ctx);
	j->m.reason = "link";
	j->m.to_addr = arena_strdup(&r->arena, norm);
	j->m.to_name = name;
	j->m.subject = arena_printf(&r->arena, _("Đường dẫn làm bài: %s"), title);
	j->m.attachments = "";
	j->host = mail_host(r);
	j->title = title;
	j->now = (int64_t)time(NULL);
	req_write(r, eval_link_queue, j, eval_link_done);
}
