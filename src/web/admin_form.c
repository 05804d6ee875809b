/*
 * admin_form.c: see admin_form.h.
 */
#include "web/admin_form.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/vtime.h"
#include "http/req.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void form_init(struct form *f, struct req *r)
{
	f->r = r;
	f->values = json_object();
	f->errors = json_object();
}

void form_release(struct form *f)
{
	json_decref(f->values);
	json_decref(f->errors);
	f->values = f->errors = NULL;
}

bool form_ok(const struct form *f)
{
	return json_object_size(f->errors) == 0;
}

void form_error(struct form *f, const char *name, const char *message)
{
	if (!json_object_get(f->errors, name))
		json_object_set_new(f->errors, name, json_string(message));
}

/* The raw value, kept for the form; "" when absent. */
static const char *form_raw(struct form *f, const char *name)
{
	const char *v = req_field(f->r, name);

	if (!v)
		return "";
	if (utf8_is_clean(v, strlen(v), true))
		json_object_set_new(f->values, name, json_string(v));
	return v;
}

const char *form_text(struct form *f, const char *name, size_t max, unsigned flags)
{
	const char *v = form_raw(f, name);
	bool multi = flags & FORM_MULTILINE;
	char *s;

	if (!utf8_is_clean(v, strlen(v), multi) ||
	    !(s = utf8_nfc(&f->r->arena, v, strlen(v), !multi))) {
		form_error(f, name, _("Có ký tự không hợp lệ."));
		return NULL;
	}
	if (multi) { /* browsers send CRLF line breaks: keep LF only */
		char *w = s;
		for (const char *p = s; *p; p++)
			if (*p != '\r')
				*w++ = *p;
		*w = 0;
	}
	if (!*s && (flags & FORM_REQUIRED)) {
		form_error(f, name, _("Xin điền mục này."));
		return NULL;
	}
	if (utf8_length(s, strlen(s)) > max) {
		form_error(f, name, arena_printf(&f->r->arena, _("Dài quá %zu ký tự."), max));
		return NULL;
	}
	return s;
}

const char *form_url(struct form *f, const char *name, unsigned flags)
{
	const char *v = form_text(f, name, 500, flags);

	if (!v || !*v)
		return v;
	size_t skip = strncmp(v, "https://", 8) == 0 ? 8 : strncmp(v, "http://", 7) == 0 ? 7 : 0;
	if (!skip || !v[skip] || v[skip] == '/' || strpbrk(v, " \"'<>\\")) {
		form_error(f, name, _("Địa chỉ phải bắt đầu bằng https:// hoặc http://."));
		return NULL;
	}
	return v;
}

/* Digits only, exactly n of them (or 1..n when !exact). */
static bool form_digits(const char *s, size_t len, size_t n, bool exact)
{
	if (len == 0 || len > n || (exact && len != n))
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* The value of digits already checked by form_digits(). */
static int form_num(const char *s, size_t len)
{
	int v = 0;

	for (size_t i = 0; i < len; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

static int form_parse_date(const char *s, int *y, int *m, int *d)
{
	const char *a = strchr(s, '-') ? "-" : "/";
	char *p1 = strchr(s, a[0]), *p2 = p1 ? strchr(p1 + 1, a[0]) : NULL;

	if (!p1 || !p2)
		return -1;
	const char *x = s, *yv = p1 + 1, *z = p2 + 1;
	size_t lx = (size_t)(p1 - s), ly = (size_t)(p2 - yv), lz = strlen(z);
	if (a[0] == '-') { /* yyyy-mm-dd */
		if (!form_digits(x, lx, 4, true) || !form_digits(yv, ly, 2, false) ||
		    !form_digits(z, lz, 2, false))
			return -1;
		*y = form_num(x, lx), *m = form_num(yv, ly), *d = form_num(z, lz);
	} else { /* dd/mm/yyyy */
		if (!form_digits(x, lx, 2, false) || !form_digits(yv, ly, 2, false) ||
		    !form_digits(z, lz, 4, true))
			return -1;
		*d = form_num(x, lx), *m = form_num(yv, ly), *y = form_num(z, lz);
	}
	return 0;
}

static int form_parse_time(const char *s, int *h, int *mi)
{
	const char *c = strchr(s, ':');

	if (!c || !form_digits(s, (size_t)(c - s), 2, false) ||
	    !form_digits(c + 1, strlen(c + 1), 2, true))
		return -1;
	*h = form_num(s, (size_t)(c - s)), *mi = form_num(c + 1, 2);
	return 0;
}

int64_t form_datetime(struct form *f, const char *date_name, const char *time_name,
                      const char *err_name, unsigned flags)
{
	const char *d = form_raw(f, date_name), *t = form_raw(f, time_name);
	int y, m, day, h = 0, mi = 0;
	int64_t v;

	if (!*d && !*t && !(flags & FORM_REQUIRED))
		return 0;
	if (!*d || !*t) {
		form_error(f, err_name ? err_name : date_name, _("Xin điền cả ngày và giờ."));
		return -1;
	}
	if (strlen(d) > 10 || strlen(t) > 5 || form_parse_date(d, &y, &m, &day) != 0 ||
	    form_parse_time(t, &h, &mi) != 0 || (v = vtime_local(y, m, day, h, mi)) < 0 ||
	    y < 2000 || y > 2100) {
		form_error(f, err_name ? err_name : date_name,
		           _("Ngày giờ không hợp lệ (ngày dd/mm/yyyy, giờ HH:MM)."));
		return -1;
	}
	return v;
}

int64_t form_int(struct form *f, const char *name, int64_t min, int64_t max)
{
	const char *v = form_raw(f, name);

	if (!*v)
		return 0;
	int64_t n = form_digits(v, strlen(v), 9, false) ? form_num(v, strlen(v)) : -1;
	if (n < min || n > max) {
		form_error(f, name,
		           arena_printf(&f->r->arena, _("Nhập một số từ %lld đến %lld."),
		                        (long long)min, (long long)max));
		return -1;
	}
	return n;
}

int64_t form_id(const char *s)
{
	if (!s || !form_digits(s, strlen(s), 15, false) || s[0] == '0')
		return 0;
	return strtoll(s, NULL, 10);
}

void form_set_datetime(json_t *values, const char *date_name, const char *time_name, int64_t t)
{
	char iso[40], hm[8];

	if (!t)
		return;
	vtime_iso(iso, sizeof(iso), t);
	iso[10] = 0;
	json_object_set_new(values, date_name, json_string(iso));
	json_object_set_new(values, time_name, json_string(vtime_hm(hm, sizeof(hm), t)));
}
