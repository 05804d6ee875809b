/*
 * cert_rules.c: who earns a certificate, and in words what the others
 * miss (see certificate.h).  Pure: the facts come counted from
 * cert_people.c, so every combination is a unit test.
 *
 * The conditions combine with AND: session evaluations (submitted, or
 * passed, or passed with a mark), the final test, sessions attended.  A
 * hand decision overrides them; the missing items are still listed, so
 * the console shows why a grant was needed.
 */
#include "domain/certificate.h"
#include "core/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool cert_submission_counts(bool need_pass, int mark, bool passed, int64_t score, int64_t max)
{
	if (!need_pass)
		return true;
	if (mark > 0)
		return max <= 0 || score * 100 >= (int64_t)mark * max;
	return passed;
}

int cert_rule_validate(const struct cert_rule *r, const char **err)
{
	if (r->evals_min < CERT_ALL || r->evals_min > 200) {
		*err = N_("Số bài đánh giá buổi học từ 0 đến 200, hoặc tất cả.");
		return -1;
	}
	if (r->evals_mark < 0 || r->evals_mark > 100 || r->final_mark < 0 || r->final_mark > 100) {
		*err = N_("Điểm tối thiểu từ 0 đến 100 (%).");
		return -1;
	}
	if (r->final_need < CERT_FINAL_NO || r->final_need > CERT_FINAL_PASSED) {
		*err = N_("Yêu cầu về bài kiểm tra cuối khóa không hợp lệ.");
		return -1;
	}
	if (r->sessions_min < CERT_ALL || r->sessions_min > 200) {
		*err = N_("Số buổi có mặt từ 0 đến 200, hoặc tất cả.");
		return -1;
	}
	return 0;
}

/* Appends one reason to why, "; " between reasons. */
__attribute__((format(printf, 3, 4))) static void why_add(char *why, size_t n, const char *fmt, ...)
{
	size_t len = strlen(why);
	va_list ap;

	if (len + 3 >= n)
		return;
	if (len) {
		memcpy(why + len, "; ", 3);
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(why + len, n - len, fmt, ap);
	va_end(ap);
}

static void why_evals(const struct cert_rule *r, const struct cert_facts *f, char *why, size_t n)
{
	int need = r->evals_min == CERT_ALL ? f->evals_total : r->evals_min;

	if (f->evals_ok >= need)
		return;
	if (!r->evals_pass)
		why_add(why, n, _("nộp %d/%d bài đánh giá buổi học, cần %d"), f->evals_submitted,
		        f->evals_total, need);
	else if (r->evals_mark > 0)
		why_add(why, n, _("%d/%d bài đánh giá buổi học đạt từ %d%%, cần %d"), f->evals_ok,
		        f->evals_total, r->evals_mark, need);
	else
		why_add(why, n, _("đạt %d/%d bài đánh giá buổi học, cần %d"), f->evals_ok,
		        f->evals_total, need);
}

static void why_final(const struct cert_rule *r, const struct cert_facts *f, char *why, size_t n)
{
	if (r->final_need == CERT_FINAL_NO)
		return;
	if (f->finals_total == 0)
		why_add(why, n, "%s", _("chuỗi chưa có bài kiểm tra cuối khóa"));
	else if (f->finals_submitted < f->finals_total)
		why_add(why, n, "%s", _("chưa nộp bài kiểm tra cuối khóa"));
	else if (r->final_need == CERT_FINAL_PASSED && f->finals_ok < f->finals_total) {
		if (r->final_mark > 0)
			why_add(why, n, _("bài kiểm tra cuối khóa dưới %d%%"), r->final_mark);
		else
			why_add(why, n, "%s", _("bài kiểm tra cuối khóa chưa đạt"));
	}
}

bool cert_qualifies(const struct cert_rule *r, const struct cert_facts *f, char *why, size_t n)
{
	if (!n)
		return false;
	why[0] = 0;
	if (f->override == CERT_OV_REFUSE)
		why_add(why, n, _("Ban tổ chức từ chối: %s"),
		        f->override_reason && *f->override_reason ? f->override_reason : "—");
	if (!r->set) {
		why_add(why, n, "%s", _("chưa đặt điều kiện cấp giấy chứng nhận"));
	} else {
		why_evals(r, f, why, n);
		why_final(r, f, why, n);
		int need = r->sessions_min == CERT_ALL ? f->sessions_total : r->sessions_min;
		if (f->sessions_attended < need)
			why_add(why, n, _("có mặt %d/%d buổi, cần %d"), f->sessions_attended,
			        f->sessions_total, need);
	}
	if (f->override == CERT_OV_GRANT)
		return true;
	if (f->override == CERT_OV_REFUSE)
		return false;
	return why[0] == 0;
}
