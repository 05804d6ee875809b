/*
 * admin_materials.c: the console's materials of a series.
 *   GET  /admin/series/{slug}/materials                 list and upload form
 *   POST /admin/series/{slug}/materials                 upload (multipart)
 *   GET  /admin/series/{slug}/materials/{id}/download   the file
 *   GET  /admin/series/{slug}/materials/{id}/delete     "delete this?"
 *   POST /admin/series/{slug}/materials/{id}/delete     delete
 *   POST /admin/series/{slug}/materials/{id}/public     public=1|0
 * An upload is checked whole before anything is written (size, type from
 * the content, title, topic); the row and every chunk then go in one write
 * job, so a refused or failed upload leaves nothing behind.  Changes answer
 * 303 back to the list.  No SQL here.
 */
#include "http/req.h"
#include "app.h"
#include "core/filename.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/utf8.h"
#include "domain/filetype.h"
#include "domain/material.h"
#include "domain/series.h"
#include "web/admin.h"
#include "web/materials.h"
#include "web/pages.h"

#include <string.h>
#include <time.h>

static const char *am_base(struct req *r)
{
	return arena_printf(&r->arena, "/admin/series/%s/materials", r->params[0]);
}

/* The list and the form; error (may be NULL) is shown above the form. */
static void am_render(struct req *r, const struct series *s, unsigned status, const char *error)
{
	json_t *series = series_load(r->db, s);
	json_t *ctx = admin_ctx(r);
	json_t *topics = material_topics(r->db, s->id);
	const char *topic = req_field(r, "topic_id");
	const char *done = status == 200 ? req_query(r, "done") : NULL;
	size_t i;
	json_t *x;
	char max[32];

	if (!series) {
		json_decref(ctx);
		json_decref(topics);
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	json_array_foreach(topics, i, x)
	{
		char id[24];
		snprintf(id, sizeof(id), "%lld",
		         (long long)json_integer_value(json_object_get(x, "id")));
		json_object_set_new(x, "selected", json_boolean(topic && strcmp(topic, id) == 0));
	}
	json_object_set_new(ctx, "series", series);
	json_object_set_new(ctx, "topics", topics);
	json_t *list = materials_view(r, s->id, false, am_base(r));
	json_object_set_new(ctx, "empty", json_boolean(json_array_size(list) == 0));
	json_object_set_new(ctx, "materials", list);
	json_object_set_new(ctx, "base", json_string(am_base(r)));
	json_object_set_new(ctx, "error", error ? json_string(error) : json_null());
	json_object_set_new(ctx, "title",
	                    json_string(req_field(r, "title") ? req_field(r, "title") : ""));
	json_object_set_new(ctx, "is_public", json_boolean(req_field(r, "is_public") != NULL));
	json_object_set_new(
	    ctx, "max_text",
	    json_string(materials_size_text(max, sizeof(max), (int64_t)r->app->cfg.upload_max)));
	json_object_set_new(ctx, "max_bytes", json_integer((json_int_t)r->app->cfg.upload_max));
	json_object_set_new(ctx, "types", json_string(filetype_labels()));
	const char *notice = !done                         ? NULL
	                     : strcmp(done, "upload") == 0 ? _("Đã tải lên tài liệu.")
	                     : strcmp(done, "delete") == 0 ? _("Đã xoá tài liệu.")
	                     : strcmp(done, "public") == 0 ? _("Đã cập nhật quyền xem tài liệu.")
	                                                   : NULL;
	json_object_set_new(ctx, "notice", notice ? json_string(notice) : json_null());
	req_render(r, status, "admin_materials", ctx);
}

void page_admin_materials(struct req *r)
{
	struct series s;

	if (admin_series(r, &s, false) == 0)
		am_render(r, &s, 200, NULL);
}

static void am_changed(struct req *r)
{
	const char *what = r->job.fn == material_insert   ? "upload"
	                   : r->job.fn == material_delete ? "delete"
	                                                  : "public";

	if (r->job.rc == DB_OK)
		req_redirect(r, 303, arena_printf(&r->arena, "%s?done=%s", am_base(r), what));
	else if (r->job.rc == DB_NOTFOUND)
		req_error(r, 404, _("Không tìm thấy tài liệu này."));
	else
		req_error(r, 503, _("Hệ thống đang bận, chưa lưu được thay đổi. Xin thử lại."));
}

/* The title typed, else the file's name without its extension. */
static const char *am_title(struct req *r, const char *filename)
{
	const char *t = req_field(r, "title");
	char *clean;

	if (t && *t) {
		if (!utf8_is_clean(t, strlen(t), false))
			return NULL;
		clean = utf8_nfc(&r->arena, t, strlen(t), true);
	} else {
		clean = arena_strdup(&r->arena, filename);
		char *dot = strrchr(clean, '.');
		if (dot && dot != clean)
			*dot = 0;
	}
	if (!clean || !*clean || utf8_length(clean, strlen(clean)) > MATERIAL_TITLE_MAX)
		return NULL;
	return clean;
}

void page_admin_materials_upload(struct req *r)
{
	struct series s;
	const struct req_file *f = req_file(r, "file");
	const char *sniffed = NULL, *topic = req_field(r, "topic_id");
	char max[32];

	if (admin_series(r, &s, true) != 0)
		return;
	if (!f) {
		am_render(r, &s, 422, _("Xin chọn một tệp để tải lên."));
		return;
	}
	materials_size_text(max, sizeof(max), (int64_t)r->app->cfg.upload_max);
	if (f->len > r->app->cfg.upload_max) {
		am_render(r, &s, 413,
		          arena_printf(&r->arena, _("Tệp quá lớn: mỗi tệp tối đa %s."), max));
		return;
	}
	const struct filetype *t = filetype_sniff(f->data, f->len, &sniffed);
	if (!t) {
		log_info("[%s] upload refused: content is %s", r->request_id, sniffed);
		const char *shown = filename_clean(&r->arena, f->filename);
		am_render(r, &s, 415,
		          arena_printf(&r->arena,
		                       _("Không nhận loại tệp này: nội dung của “%s” không phải là "
		                         "%s (hệ thống xét nội dung tệp, không xét tên tệp)."),
		                       shown ? shown : _("tệp đã chọn"), filetype_labels()));
		return;
	}
	struct material_new *in = arena_alloc(&r->arena, sizeof(*in));
	memset(in, 0, sizeof(*in));
	in->filename = filetype_name(&r->arena, t, filename_clean(&r->arena, f->filename));
	in->title = am_title(r, in->filename);
	if (!in->title) {
		am_render(r, &s, 422,
		          arena_printf(&r->arena, _("Tên tài liệu cần có từ 1 đến %d ký tự."),
		                       MATERIAL_TITLE_MAX));
		return;
	}
	if (topic && *topic) {
		in->topic_id = materials_parse_id(topic);
		if (!in->topic_id || !material_topic_ok(r->db, s.id, in->topic_id)) {
			am_render(r, &s, 422,
			          _("Chuyên đề đã chọn không thuộc chuỗi tập huấn này."));
			return;
		}
	}
	in->who = r->user;
	in->series_id = s.id;
	in->content_type = t->mime;
	in->data = f->data;
	in->len = f->len;
	in->is_public = req_field(r, "is_public") != NULL;
	in->now = (int64_t)time(NULL);
	material_sha256(f->data, f->len, in->sha256);
	req_write(r, material_insert, in, am_changed);
}

/* The series (edit or not) and the material of the path; 0 or answered. */
static int am_material(struct req *r, struct series *s, bool edit, struct material *m)
{
	int64_t id = materials_param_id(r, 1);
	int rc;

	if (admin_series(r, s, edit) != 0)
		return -1;
	rc = id ? material_find(r->db, s->id, id, m) : DB_NOTFOUND;
	if (rc == DB_OK)
		return 0;
	req_error(r, rc == DB_NOTFOUND ? 404 : 500,
	          rc == DB_NOTFOUND ? _("Không tìm thấy tài liệu này.")
	                            : _("Lỗi hệ thống. Xin thử lại sau."));
	return -1;
}

void page_admin_material_download(struct req *r)
{
	struct series s;
	struct material m;

	if (am_material(r, &s, false, &m) == 0)
		materials_send(r, &m);
}

void page_admin_material_delete_get(struct req *r)
{
	struct series s;
	struct material m;
	char size[32];

	if (am_material(r, &s, true, &m) != 0)
		return;
	json_t *ctx = admin_ctx(r);
	json_object_set_new(ctx, "material",
	                    json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)m.id, "title",
	                              m.title, "filename", m.filename, "size_text",
	                              materials_size_text(size, sizeof(size), m.size)));
	json_object_set_new(ctx, "base", json_string(am_base(r)));
	req_render(r, 200, "admin_material_delete", ctx);
}

static struct material_change *am_change(struct req *r, const struct series *s,
                                         const struct material *m)
{
	struct material_change *c = arena_alloc(&r->arena, sizeof(*c));

	memset(c, 0, sizeof(*c));
	c->who = r->user;
	c->series_id = s->id;
	c->id = m->id;
	c->now = (int64_t)time(NULL);
	return c;
}

void page_admin_material_delete(struct req *r)
{
	struct series s;
	struct material m;

	if (am_material(r, &s, true, &m) == 0)
		req_write(r, material_delete, am_change(r, &s, &m), am_changed);
}

void page_admin_material_public(struct req *r)
{
	struct series s;
	struct material m;
	const char *v = req_field(r, "public");

	if (!v || (strcmp(v, "1") != 0 && strcmp(v, "0") != 0)) {
		req_error(r, 422, _("Dữ liệu biểu mẫu không hợp lệ."));
		return;
	}
	if (am_material(r, &s, true, &m) != 0)
		return;
	struct material_change *c = am_change(r, &s, &m);
	c->is_public = v[0] == '1';
	req_write(r, material_set_public, c, am_changed);
}
