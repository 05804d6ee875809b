/*
 * test_cert_rules.c: domain/cert_rules.c and domain/cert_code.c.
 *
 * The rules: exact "what is missing" texts for each kind of shortfall, then
 * every combination of rule (session evaluations x how they count x final
 * test x sessions x hand decision) against a set of participants, checked
 * against an oracle written here from the words.  The codes:
 * alphabet, length, randomness, and what people type (case, dashes,
 * look-alikes) normalised; serial numbers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "domain/certificate.h"

/* ---- exact reasons ---- */

static const struct {
	const char *what;
	struct cert_rule rule;
	struct cert_facts facts;
	bool qualifies;
	const char *why;
} reason_cases[] = {
    {"no rules yet",
     {.set = false},
     {.sessions_total = 8},
     false,
     "chưa đặt điều kiện cấp giấy chứng nhận"},
    {"no rules, granted",
     {.set = false},
     {.override = CERT_OV_GRANT, .override_reason = "x"},
     true,
     "chưa đặt điều kiện cấp giấy chứng nhận"},
    {"empty rules: everyone", {.set = true}, {0}, true, ""},
    {"sessions short",
     {.set = true, .sessions_min = 6},
     {.sessions_total = 8, .sessions_attended = 5},
     false,
     "có mặt 5/8 buổi, cần 6"},
    {"all sessions",
     {.set = true, .sessions_min = CERT_ALL},
     {.sessions_total = 8, .sessions_attended = 7},
     false,
     "có mặt 7/8 buổi, cần 8"},
    {"submitted short",
     {.set = true, .evals_min = 3},
     {.evals_total = 8, .evals_submitted = 2, .evals_ok = 2},
     false,
     "nộp 2/8 bài đánh giá buổi học, cần 3"},
    {"passed short",
     {.set = true, .evals_min = CERT_ALL, .evals_pass = true},
     {.evals_total = 4, .evals_submitted = 4, .evals_ok = 3},
     false,
     "đạt 3/4 bài đánh giá buổi học, cần 4"},
    {"mark short",
     {.set = true, .evals_min = 2, .evals_pass = true, .evals_mark = 80},
     {.evals_total = 4, .evals_submitted = 4, .evals_ok = 1},
     false,
     "1/4 bài đánh giá buổi học đạt từ 80%, cần 2"},
    {"no final test in the series",
     {.set = true, .final_need = CERT_FINAL_SUBMITTED},
     {.finals_total = 0},
     false,
     "chuỗi chưa có bài kiểm tra cuối khóa"},
    {"final not submitted",
     {.set = true, .final_need = CERT_FINAL_PASSED},
     {.finals_total = 1},
     false,
     "chưa nộp bài kiểm tra cuối khóa"},
    {"final failed",
     {.set = true, .final_need = CERT_FINAL_PASSED},
     {.finals_total = 1, .finals_submitted = 1},
     false,
     "bài kiểm tra cuối khóa chưa đạt"},
    {"final under the mark",
     {.set = true, .final_need = CERT_FINAL_PASSED, .final_mark = 70},
     {.finals_total = 1, .finals_submitted = 1},
     false,
     "bài kiểm tra cuối khóa dưới 70%"},
    {"final submitted is enough",
     {.set = true, .final_need = CERT_FINAL_SUBMITTED},
     {.finals_total = 1, .finals_submitted = 1},
     true,
     ""},
    {"several shortfalls, in order",
     {.set = true, .evals_min = 2, .final_need = CERT_FINAL_SUBMITTED, .sessions_min = 6},
     {.evals_total = 8, .finals_total = 1, .sessions_total = 8, .sessions_attended = 1},
     false,
     "nộp 0/8 bài đánh giá buổi học, cần 2; chưa nộp bài kiểm tra cuối khóa; có mặt 1/8 "
     "buổi, cần 6"},
    {"refused though qualified",
     {.set = true},
     {.override = CERT_OV_REFUSE, .override_reason = "trùng đăng ký"},
     false,
     "Ban tổ chức từ chối: trùng đăng ký"},
    {"refused and short",
     {.set = true, .sessions_min = 2},
     {.sessions_total = 8, .override = CERT_OV_REFUSE, .override_reason = "<b>\"x\""},
     false,
     "Ban tổ chức từ chối: <b>\"x\"; có mặt 0/8 buổi, cần 2"},
    {"granted though short: the shortfall still shown",
     {.set = true, .sessions_min = 6},
     {.sessions_total = 8, .sessions_attended = 4, .override = CERT_OV_GRANT},
     true,
     "có mặt 4/8 buổi, cần 6"},
    {"more sessions asked than exist",
     {.set = true, .sessions_min = 10},
     {.sessions_total = 8, .sessions_attended = 8},
     false,
     "có mặt 8/8 buổi, cần 10"},
};

static void test_reasons(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(reason_cases) / sizeof(*reason_cases); i++) {
		char why[320];
		bool q =
		    cert_qualifies(&reason_cases[i].rule, &reason_cases[i].facts, why, sizeof(why));
		if (q != reason_cases[i].qualifies || strcmp(why, reason_cases[i].why) != 0)
			fail_msg("%s: got %d '%s'", reason_cases[i].what, q, why);
	}
	/* A small buffer cuts, never overflows. */
	char small[8];
	struct cert_rule r = {.set = true, .sessions_min = 6};
	struct cert_facts f = {.sessions_total = 8};
	assert_false(cert_qualifies(&r, &f, small, sizeof(small)));
	assert_true(strlen(small) < sizeof(small));
}

static void test_submission_counts(void **state)
{
	(void)state;
	assert_true(cert_submission_counts(false, 0, false, 0, 100)); /* submitted */
	assert_true(cert_submission_counts(true, 0, true, 10, 100));  /* its own verdict */
	assert_false(cert_submission_counts(true, 0, false, 99, 100));
	assert_true(cert_submission_counts(true, 80, false, 800, 1000)); /* exactly the mark */
	assert_false(cert_submission_counts(true, 80, true, 799, 1000));
	assert_true(cert_submission_counts(true, 80, true, 0, 0)); /* a survey */
}

/* ---- every combination against an oracle ---- */

struct sub {
	bool given, passed;
	int percent;
};

struct who {
	struct sub evals[4]; /* four session evaluations */
	struct sub final;
	int attended; /* of 8 */
	enum cert_override ov;
};

static bool counts(const struct sub *s, bool need_pass, int mark)
{
	if (!s->given)
		return false;
	if (!need_pass)
		return true;
	return mark ? s->percent >= mark : s->passed;
}

/* The words: evaluations submitted (and passed, with what mark),
 * the final test, sessions attended, all of them; a hand decision wins. */
static bool oracle(const struct cert_rule *r, const struct who *w)
{
	if (w->ov == CERT_OV_GRANT)
		return true;
	if (w->ov == CERT_OV_REFUSE || !r->set)
		return false;
	int ok = 0;
	for (int i = 0; i < 4; i++)
		ok += counts(&w->evals[i], r->evals_pass, r->evals_mark);
	if (ok < (r->evals_min == CERT_ALL ? 4 : r->evals_min))
		return false;
	if (r->final_need && !counts(&w->final, r->final_need == CERT_FINAL_PASSED, r->final_mark))
		return false;
	return w->attended >= (r->sessions_min == CERT_ALL ? 8 : r->sessions_min);
}

static struct cert_facts facts_of(const struct cert_rule *r, const struct who *w)
{
	struct cert_facts f = {.evals_total = 4,
	                       .finals_total = 1,
	                       .sessions_total = 8,
	                       .sessions_attended = w->attended,
	                       .override = w->ov,
	                       .override_reason = "lý do"};
	for (int i = 0; i < 4; i++) {
		const struct sub *s = &w->evals[i];
		if (!s->given)
			continue;
		f.evals_submitted++;
		f.evals_ok += cert_submission_counts(r->evals_pass, r->evals_mark, s->passed,
		                                     s->percent, 100);
	}
	if (w->final.given) {
		f.finals_submitted = 1;
		f.finals_ok =
		    cert_submission_counts(r->final_need == CERT_FINAL_PASSED, r->final_mark,
		                           w->final.passed, w->final.percent, 100);
	}
	return f;
}

static void test_every_combination(void **state)
{
	static const int evals_min[] = {0, 2, CERT_ALL};
	static const struct {
		bool pass;
		int mark;
	} how[] = {{false, 0}, {true, 0}, {true, 80}};
	static const struct {
		int need, mark;
	} finals[] = {{CERT_FINAL_NO, 0},
	              {CERT_FINAL_SUBMITTED, 0},
	              {CERT_FINAL_PASSED, 0},
	              {CERT_FINAL_PASSED, 70}};
	static const int sessions_min[] = {0, 6, CERT_ALL};
	static const struct sub subs[] = {{false, false, 0},
	                                  {true, false, 40},
	                                  {true, true, 60},
	                                  {true, false, 85},
	                                  {true, true, 100}};
	int checked = 0, yes = 0;

	(void)state;
	for (int set = 0; set < 2; set++)
		for (size_t a = 0; a < 3; a++)
			for (size_t b = 0; b < 3; b++)
				for (size_t c = 0; c < 4; c++)
					for (size_t d = 0; d < 3; d++) {
						struct cert_rule r = {.set = set,
						                      .evals_min = evals_min[a],
						                      .evals_pass = how[b].pass,
						                      .evals_mark = how[b].mark,
						                      .final_need = finals[c].need,
						                      .final_mark = finals[c].mark,
						                      .sessions_min =
						                          sessions_min[d]};
						/* Participants: each submission kind in each slot
						 * pattern, attendance 0/6/8, each decision. */
						for (int p = 0; p < 5 * 5 * 3 * 3; p++) {
							struct who w = {0};
							int x = p;
							for (int i = 0; i < 4; i++)
								w.evals[i] =
								    subs[(x + i * (i + 1)) % 5];
							x /= 5;
							w.final = subs[x % 5];
							x /= 5;
							w.attended = (int[]){0, 6, 8}[x % 3];
							x /= 3;
							w.ov = (enum cert_override)(x % 3);
							struct cert_facts f = facts_of(&r, &w);
							char why[320];
							bool got = cert_qualifies(&r, &f, why,
							                          sizeof(why));
							bool want = oracle(&r, &w);
							if (got != want)
								fail_msg("rule set=%d evals "
								         "%d/%d/%d final %d/%d "
								         "sessions %d, person %d: "
								         "got %d",
								         set, r.evals_min,
								         r.evals_pass, r.evals_mark,
								         r.final_need, r.final_mark,
								         r.sessions_min, p, got);
							/* A verdict by the rules alone is "nothing
							 * missing"; a refusal always says why. */
							if (w.ov == CERT_OV_NONE)
								assert_int_equal(got, why[0] == 0);
							if (w.ov == CERT_OV_REFUSE)
								assert_non_null(
								    strstr(why, "từ chối"));
							checked++;
							yes += got;
						}
					}
	assert_int_equal(checked, 2 * 3 * 3 * 4 * 3 * 225);
	assert_true(yes > 0 && yes < checked);
}

static void test_rule_validate(void **state)
{
	const char *err;
	struct cert_rule ok = {.set = true, .evals_min = CERT_ALL, .sessions_min = 6};
	struct cert_rule bad[] = {{.evals_min = -2},
	                          {.evals_mark = 101},
	                          {.final_need = 3},
	                          {.sessions_min = 201},
	                          {.final_mark = -1}};

	(void)state;
	assert_int_equal(cert_rule_validate(&ok, &err), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_int_equal(cert_rule_validate(&bad[i], &err), -1);
}

/* ---- codes and serials ---- */

static void test_code_new(void **state)
{
	char a[CERT_CODE_LEN + 1], b[CERT_CODE_LEN + 1], n[CERT_CODE_LEN + 1];
	int seen[256] = {0};

	(void)state;
	for (int i = 0; i < 2000; i++) {
		cert_code_new(a);
		assert_int_equal(strlen(a), CERT_CODE_LEN);
		for (int k = 0; k < CERT_CODE_LEN; k++) {
			assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", a[k]));
			seen[(unsigned char)a[k]]++;
		}
		assert_true(cert_code_normalize(a, n));
		assert_string_equal(a, n);
	}
	/* Every one of the 32 symbols turns up, none of I L O U. */
	int symbols = 0;
	for (int c = 0; c < 256; c++)
		symbols += seen[c] > 0;
	assert_int_equal(symbols, 32);
	assert_int_equal(seen['I'] + seen['L'] + seen['O'] + seen['U'], 0);
	cert_code_new(b);
	assert_string_not_equal(a, b);
}

static void test_code_typed(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"7KQ2M9XD4HPA0BCDEFGH", "7KQ2M9XD4HPA0BCDEFGH"},
	    {"7kq2m-9xd4h-pa0bc-defgh", "7KQ2M9XD4HPA0BCDEFGH"},
	    {" 7KQ2M 9XD4H PA0BC DEFGH ", "7KQ2M9XD4HPA0BCDEFGH"},
	    {"oOiIlL-00000-00000-00000", "001111000000000000000"},
	    {"7KQ2M.9XD4H.PAOBC.DEFGH", "7KQ2M9XD4HPA0BCDEFGH"},
	};
	static const char *const bad[] = {
	    "",
	    "7KQ2M9XD4HPA0BCDEFG",
	    "7KQ2M9XD4HPA0BCDEFGHJ",
	    "UKQ2M9XD4HPA0BCDEFGH",
	    "7KQ2M9XD4HPA0BCDEFG*",
	    "7KQ2M9XD4HPA0BCDEFGĐ",
	    "<script>alert(1)</script>",
	    NULL,
	};
	char out[CERT_CODE_LEN + 1], shown[CERT_CODE_SHOWN + 1];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		bool ok = cert_code_normalize(cases[i].in, out);
		if (strlen(cases[i].out) != CERT_CODE_LEN) {
			assert_false(ok); /* 21 characters after folding */
			continue;
		}
		assert_true(ok);
		assert_string_equal(out, cases[i].out);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		assert_false(cert_code_normalize(bad[i], out));
	cert_code_format("7KQ2M9XD4HPA0BCDEFGH", shown);
	assert_string_equal(shown, "7KQ2M-9XD4H-PA0BC-DEFGH");
}

static void test_serials(void **state)
{
	char s[CERT_SERIAL_MAX];

	(void)state;
	/* 31/12/2021 20:00 UTC is already 2022 in Vietnam. */
	cert_serial_format("OCOP", 1640980800, 123, s);
	assert_string_equal(s, "OCOP-2022-000123");
	cert_serial_format("OCOP", 1633046400, 1, s);
	assert_string_equal(s, "OCOP-2021-000001");
	cert_serial_format("X", 1633046400, 1234567, s);
	assert_string_equal(s, "X-2021-1234567");
	assert_true(cert_serial_normalize("  ocop-2021-000123 ", s));
	assert_string_equal(s, "OCOP-2021-000123");
	assert_false(cert_serial_normalize("OCOP 2021", s));
	assert_false(cert_serial_normalize("OCOP-2021-'1'", s));
	assert_false(cert_serial_normalize("", s));
	assert_true(cert_prefix_ok("OCOP"));
	assert_true(cert_prefix_ok("CN2021"));
	assert_false(cert_prefix_ok(""));
	assert_false(cert_prefix_ok("ocop"));
	assert_false(cert_prefix_ok("OC-OP"));
	assert_false(cert_prefix_ok("ABCDEFGHIJKLM"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_reasons),           cmocka_unit_test(test_submission_counts),
	    cmocka_unit_test(test_every_combination), cmocka_unit_test(test_rule_validate),
	    cmocka_unit_test(test_code_new),          cmocka_unit_test(test_code_typed),
	    cmocka_unit_test(test_serials),
	};

	if (sodium_init() < 0)
		return 1;
	return cmocka_run_group_tests(tests, NULL, NULL);
}
