/*
 * admin_series_form.c: see admin_series_form.h.  Co-organisers are form
 * slots org1..org6 (the position): name, short name, address, a logo
 * file and a "remove the logo" box.  A logo is checked by its bytes
 * (libmagic): PNG or JPEG, at most 1 MB.
 */
#include "web/admin_series_form.h"
#include "core/i18n.h"
#include "core/sniff.h"
#include "domain/series.h"
#include "domain/series_edit.h"
#include "http/req.h"
#include "web/admin.h"
#include "web/admin_form.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void series_form_logo(struct form *f, int pos, struct series_org_input *o)
{
	char name[32], type[32];
	const struct req_file *file;

	snprintf(name, sizeof(name), "org%d_logo", pos);
	file = req_file(f->r, name);
	o->logo_remove = req_field(f->r, arena_printf(&f->r->arena, "org%d_logo_remove", pos));
	if (!file)
		return;
	if (file->len > SERIES_LOGO_MAX) {
		form_error(f, name, _("Logo lớn quá 1 MB."));
		return;
	}
	sniff_mime(file->data, file->len, type, sizeof(type));
	if (strcmp(type, "image/png") != 0 && strcmp(type, "image/jpeg") != 0) {
		form_error(f, name, _("Logo phải là ảnh PNG hoặc JPEG."));
		return;
	}
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)file->data, file->len, NULL, 0);
	sodium_bin2hex(o->logo_hash, sizeof(o->logo_hash), h, sizeof(h));
	snprintf(o->logo_type, sizeof(o->logo_type), "%s", type);
	o->logo = file->data;
	o->logo_len = file->len;
}

static void series_form_org(struct form *f, int pos, struct series_org_input *o)
{
	char n[4][32];

	snprintf(n[0], sizeof(n[0]), "org%d_name", pos);
	snprintf(n[1], sizeof(n[1]), "org%d_short", pos);
	snprintf(n[2], sizeof(n[2]), "org%d_url", pos);
	o->name = form_text(f, n[0], 200, 0);
	o->short_name = form_text(f, n[1], 50, 0);
	o->url = form_url(f, n[2], 0);
	series_form_logo(f, pos, o);
	if (o->name && !*o->name &&
	    ((o->short_name && *o->short_name) || (o->url && *o->url) || o->logo))
		form_error(f, n[0], _("Xin điền tên đơn vị."));
}

void series_form_parse(struct form *f, struct series_input *in)
{
	in->title = form_text(f, "title", SERIES_TITLE_MAX, FORM_REQUIRED);
	in->slug = form_text(f, "slug", SERIES_SLUG_MAX, FORM_REQUIRED);
	if (in->slug && (!series_slug_is_wellformed(in->slug) || strcmp(in->slug, "new") == 0))
		form_error(f, "slug",
		           _("Chỉ dùng chữ thường không dấu (a-z), chữ số và dấu "
		             "gạch ngang (-), không dùng từ \"new\"."));
	in->description = form_text(f, "description", SERIES_DESCRIPTION_MAX, FORM_MULTILINE);
	in->reg_opens_at = form_datetime(f, "reg_opens_date", "reg_opens_time", NULL, 0);
	in->reg_closes_at = form_datetime(f, "reg_closes_date", "reg_closes_time", NULL, 0);
	if (in->reg_opens_at > 0 && in->reg_closes_at > 0 && in->reg_closes_at <= in->reg_opens_at)
		form_error(f, "reg_closes_date",
		           _("Thời điểm đóng phải sau thời điểm mở đăng ký."));
	in->capacity = form_int(f, "capacity", 1, SERIES_CAPACITY_MAX);
	for (int i = 0; i < SERIES_ORG_MAX; i++)
		series_form_org(f, i + 1, &in->orgs[i]);
}

json_t *series_form_values(json_t *snap)
{
	json_t *v = json_object();
	size_t i;
	json_t *o;

	json_object_set(v, "title", json_object_get(snap, "title"));
	json_object_set(v, "slug", json_object_get(snap, "slug"));
	json_object_set(v, "description", json_object_get(snap, "description"));
	form_set_datetime(v, "reg_opens_date", "reg_opens_time",
	                  json_integer_value(json_object_get(snap, "reg_opens_at")));
	form_set_datetime(v, "reg_closes_date", "reg_closes_time",
	                  json_integer_value(json_object_get(snap, "reg_closes_at")));
	if (json_integer_value(json_object_get(snap, "capacity")))
		json_object_set_new(v, "capacity",
		                    json_sprintf("%lld", (long long)json_integer_value(
		                                             json_object_get(snap, "capacity"))));
	json_array_foreach(json_object_get(snap, "organizers"), i, o)
	{
		int pos = (int)json_integer_value(json_object_get(o, "position"));
		char k[32];
		snprintf(k, sizeof(k), "org%d_name", pos);
		json_object_set(v, k, json_object_get(o, "name"));
		snprintf(k, sizeof(k), "org%d_short", pos);
		json_object_set(v, k, json_object_get(o, "short_name"));
		snprintf(k, sizeof(k), "org%d_url", pos);
		json_object_set(v, k, json_object_get(o, "url"));
	}
	return v;
}

/* The logo hash of an existing co-organiser at pos, or NULL. */
static const char *series_form_logo_hash(json_t *existing, int pos)
{
	size_t i;
	json_t *o;

	json_array_foreach(json_object_get(existing, "organizers"), i, o)
	{
		const char *h = json_string_value(json_object_get(o, "logo_hash"));
		if (json_integer_value(json_object_get(o, "position")) == pos && h && *h)
			return h;
	}
	return NULL;
}

/* The slots to show: every one up to the last filled, and one empty. */
static json_t *series_form_slots(json_t *values, json_t *errors, json_t *existing, const char *slug)
{
	json_t *slots = json_array();
	int last = 0;
	char k[4][32];

	for (int p = 1; p <= SERIES_ORG_MAX; p++) {
		snprintf(k[0], sizeof(k[0]), "org%d_name", p);
		const char *n = json_string_value(json_object_get(values, k[0]));
		if ((n && *n) || series_form_logo_hash(existing, p))
			last = p;
	}
	for (int p = 1; p <= last + 1 && p <= SERIES_ORG_MAX; p++) {
		snprintf(k[0], sizeof(k[0]), "org%d_name", p);
		snprintf(k[1], sizeof(k[1]), "org%d_short", p);
		snprintf(k[2], sizeof(k[2]), "org%d_url", p);
		snprintf(k[3], sizeof(k[3]), "org%d_logo", p);
		const char *h = series_form_logo_hash(existing, p);
		json_t *slot = json_pack(
		    "{s:i, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "pos", p, "name",
		    json_object_get(values, k[0]), "short_name", json_object_get(values, k[1]),
		    "url", json_object_get(values, k[2]), "err_name", json_object_get(errors, k[0]),
		    "err_short", json_object_get(errors, k[1]), "err_url",
		    json_object_get(errors, k[2]), "err_logo", json_object_get(errors, k[3]));
		if (h && slug)
			json_object_set_new(slot, "logo_url",
			                    json_sprintf("/s/%s/logo/%d?v=%s", slug, p, h));
		json_array_append_new(slots, slot);
	}
	return slots;
}

void series_form_render(struct req *r, unsigned status, const struct series *s, json_t *values,
                        json_t *errors, json_t *existing)
{
	json_t *ctx = s ? admin_series_ctx(r, s, "edit") : admin_ctx(r);

	json_object_set(ctx, "values", values);
	json_object_set(ctx, "errors", errors);
	json_object_set_new(ctx, "orgs",
	                    series_form_slots(values, errors, existing, s ? s->slug : NULL));
	json_object_set_new(ctx, "action",
	                    s ? json_sprintf("/admin/series/%s/edit", s->slug)
	                      : json_string("/admin/series/new"));
	json_object_set_new(ctx, "is_new", json_boolean(!s));
	if (json_object_size(errors))
		json_object_set_new(ctx, "has_errors", json_true());
	req_render(r, status, "admin_series_form", ctx);
}
