/*
 * admin_mail.c: the mail of a series in the console.
 *   GET  /admin/series/{slug}/mail                  mailings with progress, forms
 *   POST /admin/series/{slug}/mail/materials        send the materials to all
 *   POST /admin/series/{slug}/mail/announcement     a message to a chosen group
 *   POST /admin/series/{slug}/mail/{id}/retry | cancel
 * Messages are rendered here (templates/mail_*.txt and .html) and written
 * with their mailing in one transaction; the worker sends them.
 */
#include "http/req.h"
#include "app.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/mailing.h"
#include "domain/material.h"
#include "domain/outbox.h"
#include "domain/province.h"
#include "domain/registration.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/mail_compose.h"
#include "web/pages.h"
#include "web/view.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static void mail_page(struct req *r, unsigned status, const char *notice, const char *error)
{
	struct series s;

	if (admin_series(r, &s, false) != 0)
		return;
	json_t *ctx = admin_series_ctx(r, &s, "mail");
	json_t *list = mailing_list(r->db, s.id);
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		json_t *p = json_object_get(x, "progress");
		json_int_t total = json_integer_value(json_object_get(p, "total"));
		json_int_t sent = json_integer_value(json_object_get(p, "sent"));
		json_object_set_new(x, "percent", json_integer(total ? sent * 100 / total : 0));
		json_object_set_new(x, "has_failed",
				    json_boolean(json_integer_value(json_object_get(p, "failed")) > 0));
		json_object_set_new(x, "has_queued",
				    json_boolean(json_integer_value(json_object_get(p, "queued")) +
							 json_integer_value(json_object_get(p, "retrying")) >
						 0));
	}
	json_object_set_new(ctx, "mailings", list);
	json_object_set_new(ctx, "all", outbox_progress(r->db, s.id, 0));
	json_object_set_new(ctx, "smtp", json_boolean(r->app->mail.smtp_url != NULL));
	json_object_set_new(ctx, "provinces", view_provinces(NULL));
	json_object_set_new(ctx, "categories", view_categories(NULL, s.legacy_units));
	json_t *full = series_load(r->db, &s);
	if (full) {
		view_series(full);
		json_object_set_new(ctx, "sessions", json_incref(json_object_get(full, "sessions")));
		json_decref(full);
	}
	json_object_set_new(ctx, "materials", material_list(r->db, s.id, false));
	if (notice)
		json_object_set_new(ctx, "notice", json_string(notice));
	if (error)
		json_object_set_new(ctx, "error", json_string(error));
	req_render(r, status, "admin_mail", ctx);
}

void page_admin_mail(struct req *r)
{
	const char *done = req_query(r, "done");

	mail_page(r, 200, done ? _("Đã đưa thư vào hàng đợi gửi.") : NULL, NULL);
}

static void mail_created(struct req *r)
{
	if (r->job.rc == DB_OK)
		req_redirect(r, 303, arena_printf(&r->arena, "/admin/series/%s/mail?done=1",
						  r->params[0]));
	else
		req_error(r, 503, _("Hệ thống đang bận, chưa tạo được đợt gửi. Xin thử lại."));
}

/* The write: the mailing with its messages, and the audit line. */
struct mail_audited {
	struct mailing_job job;
	const struct account *who;
	const char *object;
	json_t *after;
};

static int mail_audited_run(struct db *db, void *arg)
{
	struct mail_audited *a = arg;
	int rc = mailing_create(db, &a->job);

	if (rc == DB_OK)
		rc = audit_add(db, a->who, "mail.create", a->object, NULL, a->after, a->job.now);
	return rc;
}

/* Renders one message per recipient from template pair `tpl` with ctx
 * (borrowed; "given_name", "personal_url" and "unsubscribe_url" are set per
 * recipient) and queues the mailing.  ctx's "subject" is the subject. */
static void mail_send(struct req *r, const struct series *s, const char *kind, const char *tpl,
		      json_t *ctx, const struct mailing_filter *f, const char *attachments)
{
	size_t n = 0;
	struct mailing_recipient *to = mailing_recipients(r->db, s->id, f, &n);
	struct mail_audited *a = arena_alloc(&r->arena, sizeof(*a));

	if (!to) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	arena_defer(&r->arena, free, to);
	if (n == 0) {
		mail_page(r, 422, NULL, _("Không có người nhận nào khớp với lựa chọn."));
		return;
	}
	/* Strings must outlive ctx: the write runs after this returns. */
	const char *subject =
		arena_strdup(&r->arena, json_string_value(json_object_get(ctx, "subject")));
	a->job.msgs = arena_alloc(&r->arena, sizeof(struct outbox_msg) * n);
	for (size_t i = 0; i < n; i++) {
		struct outbox_msg *m = &a->job.msgs[i];
		const char *me = req_abs_url(r, arena_printf(&r->arena, "/me/%s", to[i].token));
		json_object_set_new(ctx, "given_name",
				    json_string(mail_given_name(r, to[i].full_name)));
		json_object_set_new(ctx, "personal_url", json_string(me));
		m->unsubscribe_url =
			f->announcement ? req_abs_url(r, arena_printf(&r->arena, "/u/%s",
								      to[i].token))
					: "";
		json_object_set_new(ctx, "unsubscribe_url", json_string(m->unsubscribe_url));
		if (mail_render(r, tpl, ctx, m) != 0) {
			req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
			return;
		}
		m->registration_id = to[i].id;
		m->reason = kind;
		m->to_addr = arena_strdup(&r->arena, to[i].email);
		m->to_name = arena_strdup(&r->arena, to[i].full_name);
		m->subject = subject;
		m->attachments = attachments;
	}
	a->job.n = n;
	a->job.series_id = s->id;
	a->job.now = (int64_t)time(NULL);
	a->job.kind = kind;
	a->job.subject = subject;
	a->job.created_by = r->user->email;
	a->job.host = mail_host(r);
	json_t *filter = json_pack("{s:s, s:s, s:I}", "province",
				   f->province_code ? f->province_code : "", "category",
				   f->category ? f->category : "", "session",
				   (json_int_t)f->attended_session);
	char *fj = json_dumps(filter, JSON_COMPACT);
	json_decref(filter);
	a->job.filter_json = arena_strdup(&r->arena, fj ? fj : "");
	free(fj);
	a->who = r->user;
	a->object = arena_printf(&r->arena, "series:%s/mail", s->slug);
	a->after = json_pack("{s:s, s:s, s:I}", "kind", kind, "subject", a->job.subject,
			     "recipients", (json_int_t)n);
	arena_defer(&r->arena, (void (*)(void *))json_decref, a->after);
	req_write(r, mail_audited_run, a, mail_created);
}

void page_admin_mail_materials(struct req *r)
{
	struct series s;
	struct mailing_filter f = {0};

	if (admin_series(r, &s, true) != 0)
		return;
	json_t *mats = material_list(r->db, s.id, false);
	arena_defer(&r->arena, (void (*)(void *))json_decref, mats);
	if (json_array_size(mats) == 0) {
		mail_page(r, 422, NULL, _("Chuỗi tập huấn chưa có tài liệu nào để gửi."));
		return;
	}
	/* Attached while the total is within the limit; above it, links. */
	size_t i, total = 0;
	json_t *x, *att = json_array();
	json_array_foreach(mats, i, x)
	{
		total += (size_t)json_integer_value(json_object_get(x, "size"));
		json_array_append_new(att, json_pack("{s:I, s:I}", "material",
						     json_integer_value(json_object_get(x, "id")),
						     "series", (json_int_t)s.id));
	}
	bool attach = total <= r->app->mail.attach_max;
	char *att_text = attach ? json_dumps(att, JSON_COMPACT) : NULL;
	json_decref(att);
	const char *attachments = arena_strdup(&r->arena, att_text ? att_text : "");
	free(att_text);
	json_t *series = series_load(r->db, &s);
	json_t *ctx = json_pack("{s:O, s:o, s:b, s:s}", "materials", mats, "series", series,
				"attached", attach, "subject",
				arena_printf(&r->arena, _("Tài liệu – %s"),
					     json_string_value(json_object_get(series, "title"))));
	mail_send(r, &s, "materials", "mail_materials", ctx, &f, attachments);
	json_decref(ctx);
}

void page_admin_mail_announcement(struct req *r)
{
	struct series s;
	struct mailing_filter f = {.announcement = true};
	const char *subject = req_field(r, "subject"), *body = req_field(r, "body");
	const char *session = req_field(r, "session");

	if (admin_series(r, &s, true) != 0)
		return;
	char *subj = subject ? utf8_nfc(&r->arena, subject, strlen(subject), true) : NULL;
	char *text = body ? utf8_nfc(&r->arena, body, strlen(body), false) : NULL;
	if (!subj || !*subj || utf8_length(subj, strlen(subj)) > 150 || !text || !*text ||
	    utf8_length(text, strlen(text)) > 10000) {
		mail_page(r, 422, NULL,
			  _("Cần tiêu đề (tối đa 150 ký tự) và nội dung (tối đa 10.000 ký tự)."));
		return;
	}
	f.province_code = req_field(r, "province_code");
	f.category = req_field(r, "category");
	if (f.province_code && *f.province_code && !province_find(f.province_code)) {
		mail_page(r, 422, NULL, _("Tỉnh, thành phố không có trong danh sách."));
		return;
	}
	if (f.category && *f.category && !reg_category_find(f.category)) {
		mail_page(r, 422, NULL, _("Đối tượng tham gia không có trong danh sách."));
		return;
	}
	f.attended_session = session && *session ? strtoll(session, NULL, 10) : 0;
	json_t *series = series_load(r->db, &s);
	json_t *ctx = json_pack("{s:o, s:s, s:s}", "series", series, "subject", subj, "body",
				text);
	mail_send(r, &s, "announcement", "mail_announce", ctx, &f, "");
	json_decref(ctx);
}

/* Each certified participant gets their certificate, attached (made when
 * the message is sent, from the stored template: the same bytes as the
 * download, whose hash the certificate records). */
void page_admin_mail_certificates(struct req *r)
{
	struct series s;
	struct mailing_filter f = {.certified = true};

	if (admin_series(r, &s, true) != 0)
		return;
	json_t *series = series_load_schedule(r->db, &s);
	json_t *ctx = json_pack("{s:o, s:s}", "series", series, "subject",
				arena_printf(&r->arena, _("Giấy chứng nhận – %s"),
					     json_string_value(json_object_get(series, "title"))));
	mail_send(r, &s, "certificates", "mail_certificate", ctx, &f, "[{\"certificate\": true}]");
	json_decref(ctx);
}

static int mail_mailing(struct req *r, struct series *s, int64_t *id)
{
	char *end;

	if (admin_series(r, s, true) != 0)
		return -1;
	*id = strtoll(r->params[1], &end, 10);
	if (*end || *id <= 0 || !mailing_in_series(r->db, *id, s->id)) {
		req_error(r, 404, _("Không tìm thấy đợt gửi thư này."));
		return -1;
	}
	return 0;
}

struct mail_change {
	int64_t id, now;
	bool retry;
};

static int mail_change_run(struct db *db, void *arg)
{
	struct mail_change *c = arg;

	return c->retry ? outbox_retry_failed(db, c->id, c->now) : outbox_cancel(db, c->id);
}

static void mail_change(struct req *r, bool retry)
{
	struct series s;
	struct mail_change *c = arena_alloc(&r->arena, sizeof(*c));

	if (mail_mailing(r, &s, &c->id) != 0)
		return;
	c->retry = retry;
	c->now = (int64_t)time(NULL);
	req_write(r, mail_change_run, c, mail_created);
}

void page_admin_mail_retry(struct req *r)
{
	mail_change(r, true);
}

void page_admin_mail_cancel(struct req *r)
{
	mail_change(r, false);
}
