/*
 * ocop_form.c: the self-assessment form, read strictly (see ocop_form.h).
 *
 * An option id carries its criterion ("1.4:2"), so a value moved from one
 * radio group to another is caught by name instead of silently scoring a
 * different option; a criterion answered twice is refused rather than
 * "first one wins", because the two answers may differ and we cannot know
 * which one the person meant.
 */
#include "domain/ocop_form.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "domain/criteria.h"
#include "domain/province.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CRIT_PREFIX "c:"

const char **ocop_dossier_list(struct arena *a, const struct criteria_set *s, size_t *n)
{
	size_t cap = 0, k = 0;

	for (size_t i = 0; i < s->n_items; i++)
		cap += s->items[i].n_evidence;
	const char **docs = arena_alloc(a, (cap + 1) * sizeof(*docs));
	for (size_t i = 0; i < s->n_items; i++)
		for (size_t e = 0; e < s->items[i].n_evidence; e++) {
			const char *d = s->items[i].evidence[e];
			size_t j = 0;

			while (j < k && strcmp(docs[j], d) != 0)
				j++;
			if (j == k)
				docs[k++] = d;
		}
	*n = k;
	return docs;
}

/* A whole number in [1, max] written in decimal, or 0. */
static int position(const char *v, size_t max)
{
	char *end;
	long n;

	if (!*v || *v == '+' || *v == '-' || *v == ' ')
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	return errno || *end || n < 1 || (size_t)n > max ? 0 : (int)n;
}

static int parse_answer(const struct criteria_set *s, struct ocop_form *f, const char *code,
                        const char *v, char *err, size_t errlen)
{
	long i = criteria_set_find_item(s, code);
	size_t clen = strlen(code);
	int n;

	if (i < 0) {
		snprintf(err, errlen, _("Bộ tiêu chí này không có tiêu chí '%.40s'."), code);
		return -1;
	}
	if (!*v)
		return 0; /* nothing chosen */
	if (f->choice[i]) {
		snprintf(err, errlen, _("Tiêu chí %s được trả lời hai lần."), code);
		return -1;
	}
	if (strncmp(v, code, clen) != 0 || v[clen] != ':') {
		snprintf(err, errlen, _("Phương án '%.40s' không thuộc tiêu chí %s."), v, code);
		return -1;
	}
	if (!(n = position(v + clen + 1, s->items[i].n_options))) {
		snprintf(err, errlen,
		         _("Tiêu chí %s không có phương án '%.40s' (chỉ có %zu phương án)."), code,
		         v, s->items[i].n_options);
		return -1;
	}
	f->choice[i] = n;
	return 0;
}

static int parse_doc(struct ocop_form *f, const char *v, char *err, size_t errlen)
{
	int n = position(v, f->n_docs);

	if (!n) {
		snprintf(err, errlen, _("Tài liệu '%.40s' không có trong danh mục hồ sơ."), v);
		return -1;
	}
	if (f->has_doc[n - 1]) {
		snprintf(err, errlen, _("Tài liệu %d được đánh dấu hai lần."), n);
		return -1;
	}
	f->has_doc[n - 1] = true;
	return 0;
}

/* A product field: clean, NFC, squeezed, at most OCOP_TEXT_MAX characters. */
static const char *text_field(struct arena *a, const char *label, const char *v, char *err,
                              size_t errlen)
{
	char *t;

	if (strlen(v) > OCOP_TEXT_MAX * 4 || !utf8_is_clean(v, strlen(v), false) ||
	    !(t = utf8_nfc(a, v, strlen(v), true))) {
		snprintf(err, errlen, _("%s: có ký tự không hợp lệ hoặc quá dài."), label);
		return NULL;
	}
	if (utf8_length(t, strlen(t)) > OCOP_TEXT_MAX) {
		snprintf(err, errlen, _("%s: quá dài (tối đa %d ký tự)."), label, OCOP_TEXT_MAX);
		return NULL;
	}
	return t;
}

static int parse_product(struct arena *a, const char *name, const char *v, struct ocop_form *f,
                         char *err, size_t errlen)
{
	static const struct {
		const char *name, *label;
		size_t off;
	} fields[] = {
	    {"product_name", N_("Tên sản phẩm"), offsetof(struct ocop_form, product_name)},
	    {"product_set", N_("Bộ sản phẩm"), offsetof(struct ocop_form, product_set)},
	    {"producer", N_("Chủ thể sản xuất"), offsetof(struct ocop_form, producer)},
	};

	for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++) {
		const char **slot = (const char **)((char *)f + fields[k].off);

		if (strcmp(name, fields[k].name) != 0)
			continue;
		return (*slot = text_field(a, _(fields[k].label), v, err, errlen)) ? 0 : -1;
	}
	if (strcmp(name, "province_code") == 0) {
		if (*v && !province_find(v)) {
			snprintf(err, errlen, _("Mã tỉnh, thành phố '%.8s' không đúng."), v);
			return -1;
		}
		f->province_code = v;
	}
	return 0;
}

int ocop_form_parse(struct arena *a, const struct criteria_set *s, const char *const *names,
                    const char *const *values, size_t n, struct ocop_form *f, char *err,
                    size_t errlen)
{
	*f = (struct ocop_form){
	    .product_name = "", .product_set = "", .producer = "", .province_code = ""};
	f->choice = arena_alloc(a, (s->n_items + 1) * sizeof(*f->choice));
	ocop_dossier_list(a, s, &f->n_docs);
	f->has_doc = arena_alloc(a, f->n_docs + 1);
	for (size_t k = 0; k < n; k++) {
		const char *name = names[k], *v = values[k];
		int rc;

		if (strncmp(name, CRIT_PREFIX, strlen(CRIT_PREFIX)) == 0)
			rc = parse_answer(s, f, name + strlen(CRIT_PREFIX), v, err, errlen);
		else if (strcmp(name, "doc") == 0)
			rc = parse_doc(f, v, err, errlen);
		else
			rc = parse_product(a, name, v, f, err, errlen);
		if (rc)
			return -1;
	}
	return 0;
}

size_t ocop_form_missing(const struct criteria_set *s, const int *choice, bool *missing)
{
	size_t n = 0;

	memset(missing, 0, s->n_items * sizeof(*missing));
	for (size_t i = 0; i < s->n_items; i++)
		if (choice[i] > 0 && s->items[i].options[choice[i] - 1].knockout)
			return 0;
	for (size_t i = 0; i < s->n_items; i++) {
		const struct criteria_item *it = &s->items[i];
		int c = it->has_condition ? choice[it->cond_item] : 0;
		bool applies =
		    !it->has_condition ||
		    (c > 0 && s->items[it->cond_item].options[c - 1].points >= it->cond_min_points);

		if (applies && choice[i] == 0) {
			missing[i] = true;
			n++;
		}
	}
	return n;
}

const char *ocop_answers_text(struct arena *a, const struct criteria_set *s, const int *choice)
{
	json_t *o = json_object();

	for (size_t i = 0; i < s->n_items; i++)
		if (choice[i] > 0)
			json_object_set_new(o, s->items[i].code, json_integer(choice[i]));
	char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	const char *out = arena_strdup(a, t);
	free(t);
	json_decref(o);
	return out;
}

const char *ocop_dossier_text(struct arena *a, const bool *has_doc, size_t n_docs)
{
	struct buf b;

	buf_init(&b, 1 << 16);
	buf_add(&b, "[", 1);
	for (size_t k = 0; k < n_docs; k++)
		if (has_doc[k])
			buf_addf(&b, "%s%zu", b.len > 1 ? "," : "", k + 1);
	buf_add(&b, "]", 1);
	const char *out = arena_strdup(a, b.p);
	buf_release(&b);
	return out;
}

void ocop_form_load(struct arena *a, const struct criteria_set *s, const char *answers,
                    const char *dossier, struct ocop_form *f)
{
	json_t *o = json_loads(answers ? answers : "{}", 0, NULL);
	json_t *d = json_loads(dossier ? dossier : "[]", 0, NULL);
	const char *key;
	json_t *v;
	size_t k;

	f->choice = arena_alloc(a, (s->n_items + 1) * sizeof(*f->choice));
	ocop_dossier_list(a, s, &f->n_docs);
	f->has_doc = arena_alloc(a, f->n_docs + 1);
	json_object_foreach(o, key, v)
	{
		long i = criteria_set_find_item(s, key);
		json_int_t n = json_integer_value(v);

		if (i >= 0 && n >= 1 && n <= (json_int_t)s->items[i].n_options)
			f->choice[i] = (int)n;
	}
	json_array_foreach(d, k, v)
	{
		json_int_t n = json_integer_value(v);

		if (n >= 1 && n <= (json_int_t)f->n_docs)
			f->has_doc[n - 1] = true;
	}
	json_decref(o);
	json_decref(d);
}
