/*
 * admin_regs.c: GET /admin/series/{slug}/registrations, the registrants of
 * a series: counts by province and category, filters, search, a page of
 * 50 newest first with a link to the next; and the downloads
 * registrations.csv and registrations.xlsx (written to an unlinked
 * temporary file, then sent from it: the server never holds the file).
 * Viewers may see and download; editing is admin_reg_edit.c.  No SQL here.
 */
#include "http/req.h"
#include "app.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/vtime.h"
#include "domain/contact.h"
#include "domain/province.h"
#include "domain/reg_export.h"
#include "domain/reg_list.h"
#include "domain/registration.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/pages.h"
#include "web/send_file.h"
#include "web/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A query parameter that is clean one-line text of at most max bytes. */
static const char *regs_param(struct req *r, const char *name, size_t max)
{
	const char *v = req_query(r, name);

	if (!v || !*v || strlen(v) > max || !utf8_is_clean(v, strlen(v), false))
		return NULL;
	return v;
}

/* The filters of the page, checked; unknown values are dropped. */
static void regs_query(struct req *r, struct reg_query *q)
{
	const char *v;

	memset(q, 0, sizeof(*q));
	q->q = regs_param(r, "q", 200);
	if ((v = regs_param(r, "province", 3)) && province_find(v))
		q->province = v;
	if ((v = regs_param(r, "category", 40)) && reg_category_find(v))
		q->category = v;
	if ((v = regs_param(r, "status", 10)) &&
	    (strcmp(v, "active") == 0 || strcmp(v, "withdrawn") == 0))
		q->status = v;
	q->loose = regs_param(r, "any", 1) != NULL;
	if ((v = regs_param(r, "before", 19))) {
		char *end;
		long long n = strtoll(v, &end, 10);
		q->before = *end == 0 && n > 0 ? n : 0;
	}
	q->limit = REG_LIST_PAGE;
}

/* "?q=..&province=..&before=N" for the next page. */
static const char *regs_next_url(struct req *r, const struct reg_query *q, int64_t next)
{
	const char *names[] = {"q", "province", "category", "status"};
	const char *values[] = {q->q, q->province, q->category, q->status};
	struct buf b;

	buf_init(&b, 4096);
	buf_addf(&b, "/admin/series/%s/registrations?", r->params[0]);
	for (size_t i = 0; i < 4; i++) {
		if (!values[i])
			continue;
		buf_addf(&b, "%s=", names[i]);
		buf_add_url(&b, values[i], strlen(values[i]));
		buf_addc(&b, '&');
	}
	if (q->loose)
		buf_adds(&b, "any=1&");
	buf_addf(&b, "before=%lld", (long long)next);
	const char *url = arena_strdup(&r->arena, b.p);
	buf_release(&b);
	return url;
}

/* Display fields for each row. */
static void regs_view_rows(json_t *rows)
{
	size_t i;
	json_t *x;
	char phone[PHONE_MAX], d[32], t[16];

	json_array_foreach(rows, i, x)
	{
		const struct province *p =
			province_find(json_string_value(json_object_get(x, "province_code")));
		const struct reg_category *c =
			reg_category_find(json_string_value(json_object_get(x, "category")));
		int64_t at = json_integer_value(json_object_get(x, "created_at"));
		phone_local(json_string_value(json_object_get(x, "phone")), phone);
		json_object_set_new(x, "phone_local", json_string(phone));
		json_object_set_new(x, "province", json_string(p ? p->name : ""));
		json_object_set_new(x, "category_label", json_string(c ? _(c->label) : ""));
		json_object_set_new(x, "when", json_sprintf("%s %s", vtime_date(d, sizeof(d), at),
							    vtime_hm(t, sizeof(t), at)));
		json_object_set_new(x, "withdrawn",
				    json_boolean(strcmp(json_string_value(json_object_get(x, "status")),
							"withdrawn") == 0));
	}
}

/* The counts as lists with names: [{name, n, n_text}], largest first. */
static json_t *regs_view_counts(json_t *by, bool province)
{
	json_t *list = json_array();
	const char *k;
	json_t *v;
	char n[32];

	json_object_foreach(by, k, v)
	{
		const struct province *p = province ? province_find(k) : NULL;
		const struct reg_category *c = province ? NULL : reg_category_find(k);
		const char *name = p ? p->name : c ? _(c->label) : k;
		vtime_count(n, sizeof(n), json_integer_value(v));
		json_array_append_new(list, json_pack("{s:s, s:s, s:I}", "name", name, "n_text", n,
						      "n", (json_int_t)json_integer_value(v)));
	}
	/* Few entries (34 at most): insertion sort by count, descending. */
	for (size_t i = 1; i < json_array_size(list); i++)
		for (size_t j = i; j > 0; j--) {
			json_t *a = json_array_get(list, j - 1), *b = json_array_get(list, j);
			if (json_integer_value(json_object_get(a, "n")) >=
			    json_integer_value(json_object_get(b, "n")))
				break;
			json_incref(a);
			json_array_set(list, j - 1, b);
			json_array_set_new(list, j, a);
		}
	return list;
}

void page_admin_regs(struct req *r)
{
	struct series s;
	struct reg_query q;
	int64_t next = 0;
	char n[32];

	if (admin_series(r, &s, false) != 0)
		return;
	regs_query(r, &q);
	json_t *series = series_head(r->db, &s);
	json_t *rows = reg_list(r->db, &r->arena, s.id, &q, &next);
	json_t *counts = reg_counts(r->db, r->app->reg_counts, s.id);
	if (!series || !rows || !counts) {
		json_decref(series);
		json_decref(rows);
		json_decref(counts);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	regs_view_rows(rows);
	json_t *ctx = admin_ctx(r);
	json_object_set_new(ctx, "series", series);
	json_object_set_new(ctx, "rows", rows);
	json_object_set_new(ctx, "empty", json_boolean(json_array_size(rows) == 0));
	json_object_set_new(ctx, "by_province",
			    regs_view_counts(json_object_get(counts, "province"), true));
	json_object_set_new(ctx, "by_category",
			    regs_view_counts(json_object_get(counts, "category"), false));
	vtime_count(n, sizeof(n), json_integer_value(json_object_get(counts, "active")));
	json_object_set_new(ctx, "active_text", json_string(n));
	vtime_count(n, sizeof(n), json_integer_value(json_object_get(counts, "withdrawn")));
	json_object_set_new(ctx, "withdrawn_text", json_string(n));
	json_decref(counts);
	json_object_set_new(ctx, "provinces", view_provinces(q.province));
	json_object_set_new(ctx, "categories", view_categories(q.category, s.legacy_units));
	json_object_set_new(ctx, "q", json_string(q.q ? q.q : ""));
	json_object_set_new(ctx, "status_active", json_boolean(q.status && *q.status == 'a'));
	json_object_set_new(ctx, "status_withdrawn", json_boolean(q.status && *q.status == 'w'));
	if (next)
		json_object_set_new(ctx, "next_url", json_string(regs_next_url(r, &q, next)));
	if (q.before)
		json_object_set_new(ctx, "first_url",
				    json_sprintf("/admin/series/%s/registrations", s.slug));
	req_render(r, 200, "admin_regs", ctx);
}

/* Writes the export into an unlinked temporary file and sends it. */
static void regs_export(struct req *r, bool xlsx)
{
	char path[] = "/tmp/ocop-export-XXXXXX";
	struct series s;
	struct stat sb;
	int fd, rc;

	if (admin_series(r, &s, false) != 0)
		return;
	if ((fd = mkstemp(path)) < 0) {
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	if (xlsx) {
		rc = reg_export_xlsx(r->db, s.id, path);
	} else {
		FILE *f = fdopen(dup(fd), "wb");
		rc = f ? reg_export_csv(r->db, s.id, f) : -1;
		if (f && fclose(f) != 0)
			rc = -1;
	}
	/* libxlsxwriter opened path with "wb", truncating the very file fd
	 * refers to; once unlinked, the file lives until fd is closed. */
	unlink(path);
	if (rc != 0 || fstat(fd, &sb) != 0 || lseek(fd, 0, SEEK_SET) != 0) {
		close(fd);
		req_error(r, 500, _("Không tạo được tệp xuất. Xin thử lại sau."));
		return;
	}
	FILE *out = fdopen(fd, "rb");
	if (!out) {
		close(fd);
		req_error(r, 500, _("Không tạo được tệp xuất. Xin thử lại sau."));
		return;
	}
	send_file(r, out,
		  xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
		       : "text/csv; charset=utf-8",
		  arena_printf(&r->arena, "dang-ky-%s.%s", s.slug, xlsx ? "xlsx" : "csv"));
}

void page_admin_regs_csv(struct req *r)
{
	regs_export(r, false);
}

void page_admin_regs_xlsx(struct req *r)
{
	regs_export(r, true);
}
