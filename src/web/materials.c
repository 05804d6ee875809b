/*
 * materials.c: sending a material (a streamed body read chunk by chunk
 * from the database) and listing materials for a template, shared by the
 * console and the participants' pages; and the two download pages outside
 * the console: GET /me/{token}/materials/{id} (registered participants:
 * any material of their series) and GET /s/{slug}/materials/{id} (anyone:
 * public materials only).  Every "no" is the same 404, so a guessed id
 * tells nothing.  Exports page_me_material(), page_series_material() and
 * the helpers of materials.h; no SQL here.
 */
#include "web/materials.h"
#include "core/i18n.h"
#include "domain/filetype.h"
#include "domain/material.h"
#include "domain/registration.h"
#include "domain/series.h"
#include "http/req.h"
#include "web/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The stream's argument: the material's id (heap, freed by the stream). */
static ssize_t materials_read(void *arg, struct db *db, uint64_t pos, char *buf, size_t max)
{
	return material_read(db, *(const int64_t *)arg, pos, buf, max);
}

void materials_send(struct req *r, const struct material *m)
{
	const struct filetype *t = filetype_find(m->content_type);
	const char *dl = req_query(r, "download");
	int64_t *id = xmalloc(sizeof(*id));

	*id = m->id;
	r->content_type = arena_strdup(&r->arena, m->content_type);
	req_content_disposition(r, !(t && t->is_inline) || (dl && strcmp(dl, "1") == 0),
	                        m->filename);
	if (!r->user) /* the console already says no-store */
		req_add_header(r, "Cache-Control", "private, no-cache");
	req_stream_entity(r, (uint64_t)m->size, m->sha256, materials_read, id, free);
}

const char *materials_size_text(char *out, size_t n, int64_t size)
{
	if (size < 1024)
		snprintf(out, n, "%lld B", (long long)size);
	else if (size < 1024 * 1024)
		snprintf(out, n, "%lld KB", (long long)((size + 1023) / 1024));
	else {
		long long tenths = (size * 10 + 512 * 1024) / (1024 * 1024);
		if (tenths % 10)
			snprintf(out, n, "%lld,%lld MB", tenths / 10, tenths % 10);
		else
			snprintf(out, n, "%lld MB", tenths / 10);
	}
	return out;
}

json_t *materials_view(struct req *r, int64_t series_id, bool public_only, const char *base)
{
	json_t *list = material_list(r->db, series_id, public_only);
	size_t i;
	json_t *x;
	char size[32];

	json_array_foreach(list, i, x)
	{
		const struct filetype *t =
		    filetype_find(json_string_value(json_object_get(x, "content_type")));
		int64_t pos = json_integer_value(json_object_get(x, "topic_position"));
		materials_size_text(size, sizeof(size),
		                    json_integer_value(json_object_get(x, "size")));
		json_object_set_new(x, "size_text", json_string(size));
		json_object_set_new(x, "type_label", json_string(t ? t->label : ""));
		json_object_set_new(
		    x, "topic_label",
		    pos ? json_sprintf("%s %lld: %s", _("Chuyên đề"), (long long)pos,
		                       json_string_value(json_object_get(x, "topic_title")))
		        : json_string(""));
		json_object_set_new(
		    x, "url",
		    json_sprintf("%s/%lld", base,
		                 (long long)json_integer_value(json_object_get(x, "id"))));
	}
	return list;
}

int64_t materials_param_id(struct req *r, int i)
{
	return materials_parse_id(i < r->nparams ? r->params[i] : NULL);
}

int64_t materials_parse_id(const char *p)
{
	int64_t v = 0;

	if (!p || !*p || strlen(p) > 15)
		return 0;
	for (; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* Finds material params[1] of series_id, answering 404/500 itself. */
static int materials_load(struct req *r, int64_t series_id, bool public_only, struct material *m)
{
	int64_t id = materials_param_id(r, 1);
	int rc = id ? material_find(r->db, series_id, id, m) : DB_NOTFOUND;

	if (rc == DB_OK && public_only && !m->is_public)
		rc = DB_NOTFOUND;
	if (rc == DB_OK)
		return 0;
	if (rc == DB_NOTFOUND)
		req_error(r, 404, _("Không tìm thấy tài liệu này."));
	else
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
	return -1;
}

void page_me_material(struct req *r)
{
	json_t *reg = reg_find_by_token(r->db, r->params[0]);
	struct material m;

	if (!reg) {
		req_error(r, 404, _("Đường dẫn cá nhân không đúng hoặc đã hết hiệu lực."));
		return;
	}
	int64_t series_id = json_integer_value(json_object_get(reg, "series_id"));
	json_decref(reg);
	if (materials_load(r, series_id, false, &m) != 0)
		return;
	req_add_header(r, "X-Robots-Tag", "noindex");
	materials_send(r, &m);
}

void page_series_material(struct req *r)
{
	struct series s;
	struct material m;

	switch (series_find(r->db, r->params[0], &s)) {
	case DB_OK:
		break;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy tài liệu này."));
		return;
	default:
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return;
	}
	if (materials_load(r, s.id, true, &m) == 0)
		materials_send(r, &m);
}
