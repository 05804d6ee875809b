/* test_registration.c: migrations (src/db/migrate.c), registration rules
 * and the insert with its duplicate handling (src/domain/registration.c),
 * on a real SQLite database in a temporary file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/arena.h"
#include "db/db.h"
#include "domain/demo.h"
#include "domain/province.h"
#include "domain/registration.h"
#include "domain/series.h"

static char path[64];

static int setup(void **state)
{
	struct db *db;
	char err[256];
	snprintf(path, sizeof(path), "/tmp/ocop-unit-%d.db", (int)getpid());
	unlink(path);
	if (db_open(path, &db, err, sizeof(err)) != 0)
		return -1;
	*state = db;
	return 0;
}

static int teardown(void **state)
{
	char p[80];
	db_close(*state);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	return 0;
}

static void test_migrate(void **state)
{
	struct db *db = *state;
	char err[256];
	int n = db_migrate(db, err, sizeof(err));
	assert_true(n >= 2);
	assert_int_equal(db_migrate(db, err, sizeof(err)), 0); /* twice: nothing */
	/* Numbers may have gaps (branches reserve theirs): at least n. */
	assert_true(db_schema_version(db) >= n);
	assert_int_equal(province_load(db), 0);
	size_t np;
	province_all(&np);
	assert_int_equal(np, 34);
	assert_string_equal(province_find("79")->name, "TP Hồ Chí Minh");
	assert_null(province_find("02")); /* Hà Giang: a pre-2025 code only */
	assert_int_equal(demo_load(db, false), 1);
	assert_int_equal(demo_load(db, false), 0);
}

static struct reg_raw good = {
	.full_name = "  Nguye\xcc\x82\xcc\x83n Thị   Cơ ",
	.email = "Co.Nguyen@Example.COM",
	.phone = "0912 345 678",
	.province_code = "79",
	.category = "cooperative",
	.organization = "HTX Rau sạch",
	.position = "",
	.consent = true,
};

static void test_validate(void **state)
{
	struct arena a;
	struct reg_input in = {.allow_legacy = false};
	(void)state;
	arena_init(&a);
	assert_null(reg_validate(&a, &good, &in));
	assert_string_equal(in.full_name, "Nguyễn Thị Cơ");
	assert_string_equal(in.name_fold, "nguyen thi co");
	assert_string_equal(in.email_norm, "co.nguyen@example.com");
	assert_string_equal(in.phone, "+84912345678");

	struct reg_raw bad = good;
	char longname[400];
	memset(longname, 'a', 101);
	longname[101] = 0;
	bad.full_name = longname;
	bad.email = "nope";
	bad.phone = "12";
	bad.province_code = "02";
	bad.category = "district_official"; /* not for a series after July 2025 */
	bad.organization = "ok";
	json_t *e = reg_validate(&a, &bad, &in);
	assert_non_null(e);
	assert_int_equal(json_object_size(e), 5);
	assert_non_null(json_object_get(e, "full_name"));
	assert_non_null(json_object_get(e, "category"));
	json_decref(e);

	longname[100] = 0; /* exactly the maximum */
	bad = good;
	bad.full_name = longname;
	assert_null(reg_validate(&a, &bad, &in));
	in.allow_legacy = true;
	bad.category = "district_official";
	assert_null(reg_validate(&a, &bad, &in));
	bad.full_name = "a\xff";
	e = reg_validate(&a, &bad, &in);
	assert_non_null(json_object_get(e, "full_name"));
	json_decref(e);
	bad.full_name = "   ";
	e = reg_validate(&a, &bad, &in);
	assert_non_null(json_object_get(e, "full_name"));
	json_decref(e);
	arena_release(&a);
}

static void test_insert(void **state)
{
	struct db *db = *state;
	struct arena a;
	struct series s;
	struct reg_input in = {0}, again = {0};

	arena_init(&a);
	assert_int_equal(series_find(db, "ocop-2021", &s), DB_OK);
	assert_true(s.legacy_units);
	in.series_id = again.series_id = s.id;
	assert_null(reg_validate(&a, &good, &in));
	assert_int_equal(reg_insert(db, &in), DB_OK);
	assert_true(reg_token_is_wellformed(in.token));

	struct reg_raw other = good;
	other.email = "co.nguyen@example.com"; /* same address, other case */
	other.phone = "0987 654 321";
	assert_null(reg_validate(&a, &other, &again));
	assert_int_equal(reg_insert(db, &again), DB_CONFLICT);
	assert_string_equal(again.token, in.token);
	assert_string_equal(again.existing_phone, "+84912345678");

	json_t *r = reg_find_by_token(db, in.token);
	assert_non_null(r);
	assert_string_equal(json_string_value(json_object_get(r, "full_name")), "Nguyễn Thị Cơ");
	json_decref(r);
	assert_null(reg_find_by_token(db, "not-a-token"));
	assert_null(reg_find_by_token(db, "AAAAAAAAAAAAAAAAAAAAAA"));
	arena_release(&a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_insert),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
