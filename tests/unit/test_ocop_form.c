/*
 * test_ocop_form.c: unit tests of src/domain/ocop_form.c, the
 * self-assessment form read strictly: option ids of another criterion,
 * criteria answered twice, positions written every wrong way, documents
 * out of range or ticked twice, product fields at and over the limit or
 * not clean UTF-8, unknown provinces; what counts as unanswered; and the
 * stored texts read back.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "db/db.h"
#include "domain/criteria.h"
#include "domain/ocop_form.h"
#include "domain/province.h"

#define PROCESSED "qd1048-2019-che-bien-rau-cu-qua-hat"

struct fixture {
	struct criteria_registry reg;
	struct arena arena;
	const struct criteria_set *s;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct db *db;
	char err[256];

	if (criteria_registry_init(&f->reg, err, sizeof(err)) ||
	    db_open(":memory:", &db, err, sizeof(err)))
		return -1;
	if (db_migrate(db, err, sizeof(err)) < 0 || province_load(db) != 0)
		return -1;
	db_close(db);
	arena_init(&f->arena);
	f->s = criteria_registry_find(&f->reg, PROCESSED);
	*state = f;
	return f->s ? 0 : -1;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	arena_release(&f->arena);
	criteria_registry_release(&f->reg);
	free(f);
	return 0;
}

/* Parses pairs "name", "value", ... (NULL-terminated); 0 or -1 with err. */
static int parse(struct fixture *f, struct ocop_form *out, char *err, size_t errlen, ...)
{
	const char *names[64], *values[64];
	size_t n = 0;
	va_list ap;

	va_start(ap, errlen);
	for (const char *k; n < 64 && (k = va_arg(ap, const char *));) {
		names[n] = k;
		values[n++] = va_arg(ap, const char *);
	}
	va_end(ap);
	err[0] = 0;
	return ocop_form_parse(&f->arena, f->s, names, values, n, out, err, errlen);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct ocop_form form;
	char err[256];
	static const struct {
		const char *name, *value, *name2, *value2, *want;
	} cases[] = {
	    {"c:1.1", "1.2:2", NULL, NULL, "Phương án '1.2:2' không thuộc tiêu chí 1.1."},
	    {"c:1.1", "2", NULL, NULL, "Phương án '2' không thuộc tiêu chí 1.1."},
	    {"c:1.1", "1.10:1", NULL, NULL, "Phương án '1.10:1' không thuộc tiêu chí 1.1."},
	    {"c:1.1", "1.1:2", "c:1.1", "1.1:3", "Tiêu chí 1.1 được trả lời hai lần."},
	    {"c:1.1", "1.1:2", "c:1.1", "1.1:2", "Tiêu chí 1.1 được trả lời hai lần."},
	    {"c:1.1", "1.1:9", NULL, NULL,
	     "Tiêu chí 1.1 không có phương án '1.1:9' (chỉ có 4 phương án)."},
	    {"c:1.1", "1.1:0", NULL, NULL, "không có phương án '1.1:0'"},
	    {"c:1.1", "1.1:", NULL, NULL, "không có phương án '1.1:'"},
	    {"c:1.1", "1.1:+2", NULL, NULL, "không có phương án '1.1:+2'"},
	    {"c:1.1", "1.1:-1", NULL, NULL, "không có phương án '1.1:-1'"},
	    {"c:1.1", "1.1: 2", NULL, NULL, "không có phương án '1.1: 2'"},
	    {"c:1.1", "1.1:2x", NULL, NULL, "không có phương án '1.1:2x'"},
	    {"c:1.1", "1.1:99999999999999999999", NULL, NULL, "không có phương án"},
	    {"c:99", "99:1", NULL, NULL, "Bộ tiêu chí này không có tiêu chí '99'."},
	    {"c:", "1", NULL, NULL, "Bộ tiêu chí này không có tiêu chí ''."},
	    {"doc", "0", NULL, NULL, "Tài liệu '0' không có trong danh mục hồ sơ."},
	    {"doc", "20", NULL, NULL, "Tài liệu '20' không có trong danh mục hồ sơ."},
	    {"doc", "x", NULL, NULL, "Tài liệu 'x' không có trong danh mục hồ sơ."},
	    {"doc", "3", "doc", "3", "Tài liệu 3 được đánh dấu hai lần."},
	    {"province_code", "zz", NULL, NULL, "Mã tỉnh, thành phố 'zz' không đúng."},
	    {"product_name",
	     "a\x01"
	     "b",
	     NULL, NULL, "Tên sản phẩm: có ký tự không hợp lệ"},
	    {"producer", "\xff", NULL, NULL, "Chủ thể sản xuất: có ký tự không hợp lệ"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int rc =
		    cases[i].name2
		        ? parse(f, &form, err, sizeof(err), cases[i].name, cases[i].value,
		                cases[i].name2, cases[i].value2, NULL)
		        : parse(f, &form, err, sizeof(err), cases[i].name, cases[i].value, NULL);
		if (rc != -1 || !strstr(err, cases[i].want))
			fail_msg("case %zu: rc %d, err '%s', want '%s'", i, rc, err, cases[i].want);
	}
}

static void test_text_limits(void **state)
{
	struct fixture *f = *state;
	struct ocop_form form;
	char err[256], name[OCOP_TEXT_MAX * 3 + 8];
	size_t len = strlen("ệ");

	/* 200 characters of three bytes fit (characters are counted, not bytes);
	 * one more does not. */
	for (int i = 0; i <= OCOP_TEXT_MAX; i++)
		memcpy(name + (size_t)i * len, "ệ", len);
	name[OCOP_TEXT_MAX * len] = 0;
	assert_int_equal(parse(f, &form, err, sizeof(err), "product_name", name, NULL), 0);
	memcpy(name + OCOP_TEXT_MAX * len, "ệ", len);
	name[(OCOP_TEXT_MAX + 1) * len] = 0;
	assert_int_equal(parse(f, &form, err, sizeof(err), "product_name", name, NULL), -1);
	memset(name, 'a', OCOP_TEXT_MAX);
	name[OCOP_TEXT_MAX] = 0;
	assert_int_equal(parse(f, &form, err, sizeof(err), "product_name", name, NULL), 0);
	name[OCOP_TEXT_MAX] = 'a';
	name[OCOP_TEXT_MAX + 1] = 0;
	assert_int_equal(parse(f, &form, err, sizeof(err), "product_name", name, NULL), -1);
	assert_string_equal(err, "Tên sản phẩm: quá dài (tối đa 200 ký tự).");
	/* Hostile but valid text is kept as typed (escaping is the output's job),
	 * squeezed and in NFC. */
	assert_int_equal(parse(f, &form, err, sizeof(err), "product_name", "  \"'<>&  Mè   xửng ",
	                       "province_code", "79", "producer", "", NULL),
	                 0);
	assert_string_equal(form.product_name, "\"'<>& Mè xửng");
	assert_string_equal(form.province_code, "79");
	assert_string_equal(form.producer, "");
}

static void test_missing_and_roundtrip(void **state)
{
	struct fixture *f = *state;
	const struct criteria_set *s = f->s;
	bool *missing = calloc(s->n_items, sizeof(*missing));
	struct ocop_form form, back = {0};
	char err[256];

	/* 5.1 at 0 points: 5.2 and 5.3 do not apply, so they are not missing. */
	assert_int_equal(parse(f, &form, err, sizeof(err), "c:5.1", "5.1:1", "doc", "2", "doc",
	                       "19", "csrf", "ignored", NULL),
	                 0);
	size_t n = ocop_form_missing(s, form.choice, missing);
	assert_int_equal(n, s->n_items - 3);
	assert_false(missing[criteria_set_find_item(s, "5.2")]);
	assert_false(missing[criteria_set_find_item(s, "5.1")]);
	assert_true(missing[criteria_set_find_item(s, "1.1")]);
	/* A knock-out ends the evaluation: nothing is missing any more. */
	assert_int_equal(parse(f, &form, err, sizeof(err), "c:1.1", "1.1:1", NULL), 0);
	assert_int_equal(ocop_form_missing(s, form.choice, missing), 0);

	assert_int_equal(parse(f, &form, err, sizeof(err), "c:5.1", "5.1:4", "c:10", "10:3", "doc",
	                       "2", "doc", "19", NULL),
	                 0);
	const char *answers = ocop_answers_text(&f->arena, s, form.choice);
	const char *dossier = ocop_dossier_text(&f->arena, form.has_doc, form.n_docs);
	assert_string_equal(answers, "{\"5.1\":4,\"10\":3}");
	assert_string_equal(dossier, "[2,19]");
	ocop_form_load(&f->arena, s, answers, dossier, &back);
	assert_memory_equal(back.choice, form.choice, s->n_items * sizeof(int));
	assert_int_equal(back.n_docs, 19);
	assert_true(back.has_doc[1] && back.has_doc[18] && !back.has_doc[0]);
	/* Stored text that no longer fits is dropped, not trusted. */
	ocop_form_load(&f->arena, s, "{\"1.1\":9,\"nope\":1,\"1.2\":\"2\"}", "[0,20,\"1\"]", &back);
	for (size_t i = 0; i < s->n_items; i++)
		assert_int_equal(back.choice[i], 0);
	for (size_t k = 0; k < back.n_docs; k++)
		assert_false(back.has_doc[k]);
	free(missing);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_text_limits, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_missing_and_roundtrip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
