/*
 * report_build.c: report_build(), the cube summed under a filter into the
 * JSON of every figure (see report.h).  Pure arithmetic on the cube: no
 * SQL, so the dashboard, the PDF and the XLSX, which all call this, show
 * the same numbers by construction.
 */
#include "domain/attendance.h"
#include "domain/registration.h"
#include "domain/report_int.h"
#include "core/vtime.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* What a filter selects, and where each province is shown. */
struct rb {
	const struct report_cube *c;
	bool sel[RC_B];
	int dprov[RC_PROV]; /* display index of each province of the series' list */
	const struct rc_province *list;
	int nlist;
	bool mapped;
};

static int64_t rb_sum(const struct rb *x, const int64_t *v)
{
	int64_t n = 0;

	for (int b = 0; b < RC_B; b++)
		if (x->sel[b])
			n += v[b];
	return n;
}

/* a/b as a percent with one decimal, null without a base. */
static json_t *rb_pct(int64_t a, int64_t b)
{
	return b > 0 ? json_real(round(1000.0 * (double)a / (double)b) / 10.0) : json_null();
}

static json_t *rb_mean(int64_t sum, int64_t n)
{
	return n > 0 ? json_real(round(100.0 * (double)sum / (double)n) / 100.0) : json_null();
}

static void rb_init(struct rb *x, const struct report_cube *c, const struct report_filter *f,
                    json_t *filter)
{
	int fp = -2, fk = -1;

	memset(x, 0, sizeof(*x));
	x->c = c;
	x->mapped = c->pre2025 && f->map_2025;
	x->list = c->pre2025 && !x->mapped ? c->prov : c->cur;
	x->nlist = c->pre2025 && !x->mapped ? c->nprov : c->ncur;
	for (int p = 0; p < RC_PROV; p++) {
		x->dprov[p] = p < c->nprov ? p : -1;
		if (x->mapped && p < c->nprov) {
			x->dprov[p] = -1;
			for (int k = 0; k < c->ncur; k++)
				if (strcmp(c->cur[k].code, c->prov[p].successor) == 0)
					x->dprov[p] = k;
		}
	}
	for (int k = 0; f->province && k < x->nlist; k++)
		if (strcmp(x->list[k].code, f->province) == 0) {
			fp = k;
			json_object_set_new(filter, "province", json_string(x->list[k].code));
			json_object_set_new(filter, "province_name", json_string(x->list[k].name));
		}
	for (size_t k = 0; f->category && k < reg_ncategories && k < RC_CAT - 1; k++)
		if (strcmp(reg_categories[k].code, f->category) == 0) {
			fk = (int)k;
			json_object_set_new(filter, "category",
			                    json_string(reg_categories[k].code));
			json_object_set_new(filter, "category_label",
			                    json_string(reg_categories[k].label));
		}
	for (int b = 0; b < RC_B; b++)
		x->sel[b] =
		    (fp == -2 || x->dprov[b / RC_CAT] == fp) && (fk < 0 || b % RC_CAT == fk);
}

static json_t *rb_filter(const struct report_cube *c, const struct report_filter *f)
{
	const char *note =
	    !c->pre2025 ? "Tỉnh, thành phố theo 34 đơn vị hành chính cấp tỉnh từ ngày 01/07/2025."
	    : f->map_2025
	        ? "Chuỗi ghi nhận tỉnh, thành phố theo 63 đơn vị trước ngày 01/07/2025; "
	          "số liệu được quy về 34 đơn vị hiện nay theo đơn vị kế thừa (Nghị quyết "
	          "202/2025/QH15)."
	        : "Tỉnh, thành phố theo 63 đơn vị hành chính trước ngày 01/07/2025, như khi "
	          "đăng ký.";

	return json_pack("{s:n, s:n, s:n, s:n, s:s, s:b, s:b, s:s}", "province", "province_name",
	                 "category", "category_label", "list",
	                 c->pre2025 && !f->map_2025 ? "pre2025" : "2025", "mapped",
	                 c->pre2025 && f->map_2025, "pre2025", c->pre2025, "note", note);
}

static json_t *rb_series(const struct report_cube *c)
{
	json_t *s = c->series, *orgs = json_array(), *o;
	char a[16], b[16];
	size_t i;

	json_array_foreach(json_object_get(s, "organizers"), i, o)
	    json_array_append(orgs, json_object_get(o, "name"));
	vtime_date(a, sizeof(a), json_integer_value(json_object_get(s, "starts_at")));
	vtime_date(b, sizeof(b), json_integer_value(json_object_get(s, "ends_at")));
	return json_pack("{s:I, s:O, s:O, s:o, s:s++, s:i}", "id", (json_int_t)c->series_id, "slug",
	                 json_object_get(s, "slug"), "title", json_object_get(s, "title"),
	                 "organizers", orgs, "dates", a, " – ", b, "session_count", c->nsess);
}

static json_t *rb_by_day(const struct rb *x)
{
	const struct report_cube *c = x->c;
	json_t *a = json_array();
	int64_t total = 0;
	char d[16];

	for (int i = 0; i < c->ndays; i++) {
		int64_t n = 0;
		for (int b = 0; b < RC_B; b++)
			if (x->sel[b])
				n += c->days[(size_t)i * RC_B + (size_t)b];
		total += n;
		int64_t t = (c->day0 + i) * 86400 - 25200; /* local midnight */
		json_array_append_new(a, json_pack("{s:I, s:s, s:I, s:I}", "t", (json_int_t)t,
		                                   "date", vtime_date(d, sizeof(d), t + 3600), "n",
		                                   (json_int_t)n, "cumulative", (json_int_t)total));
	}
	return a;
}

/* A display province's sum of v over the selected buckets. */
static int64_t rb_prov_sum(const struct rb *x, int k, const int64_t *v)
{
	int64_t n = 0;

	for (int b = 0; b < RC_B; b++)
		if (x->sel[b] && x->dprov[b / RC_CAT] == k)
			n += v[b];
	return n;
}

static int rb_rank(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	int64_t na = json_integer_value(json_object_get(a, "registered"));
	int64_t nb = json_integer_value(json_object_get(b, "registered"));

	if (na != nb)
		return na > nb ? -1 : 1;
	return strcmp(json_string_value(json_object_get(a, "code")),
	              json_string_value(json_object_get(b, "code")));
}

/* Every province of the list shown, ranked; "not in the list" last when
 * anyone is there. */
static json_t *rb_by_province(const struct rb *x)
{
	const struct report_cube *c = x->c;
	json_t *rows[RC_PROV], *a = json_array();
	int n = 0;

	for (int k = -1; k < x->nlist; k++) {
		int64_t reg = rb_prov_sum(x, k, c->reg_active);
		if (k < 0 && reg == 0)
			continue;
		rows[n++] = json_pack(
		    "{s:s, s:s, s:I, s:I, s:I, s:o}", "code", k < 0 ? "" : x->list[k].code, "name",
		    k < 0 ? "Không rõ" : x->list[k].name, "registered", (json_int_t)reg,
		    "took_part", (json_int_t)rb_prov_sum(x, k, c->took_part), "stayed",
		    (json_int_t)rb_prov_sum(x, k, c->stayed), "certified",
		    c->certs_available ? json_integer(rb_prov_sum(x, k, c->cert_valid))
		                       : json_null());
	}
	qsort(rows, (size_t)n, sizeof(rows[0]), rb_rank);
	for (int i = 0; i < n; i++)
		json_array_append_new(a, rows[i]);
	return a;
}

static json_t *rb_by_category(const struct rb *x)
{
	json_t *a = json_array();

	for (int k = 0; k < RC_CAT; k++) {
		int64_t n = 0;
		for (int p = 0; p < RC_PROV; p++)
			if (x->sel[p * RC_CAT + k])
				n += x->c->reg_active[p * RC_CAT + k];
		/* The district level is a pre-2025 category: shown when used. */
		bool legacy = k < RC_CAT - 1 && reg_categories[k].legacy;
		if ((k == RC_CAT - 1 || legacy) && n == 0)
			continue;
		json_array_append_new(
		    a, json_pack("{s:s, s:s, s:I}", "code",
		                 k < RC_CAT - 1 ? reg_categories[k].code : "", "label",
		                 k < RC_CAT - 1 ? reg_categories[k].label : "Không rõ", "n",
		                 (json_int_t)n));
	}
	return a;
}

/* Submissions, passes, mean score and ratings of the evaluations whose
 * session is session_id (-1: every one, 0: the series' own, e.g. a final
 * test), added to o. */
static void rb_eval_figures(const struct rb *x, json_t *o, int64_t session_id, int64_t eval_id)
{
	int64_t subs = 0, passed = 0, score = 0, max = 0, rs[4] = {0}, rn[4] = {0};
	json_t *ratings = json_object();

	for (int i = 0; i < x->c->nevals; i++) {
		const struct rc_eval *e = &x->c->evals[i];
		if ((eval_id && e->id != eval_id) ||
		    (!eval_id && session_id >= 0 && e->session_id != session_id))
			continue;
		subs += rb_sum(x, e->subs);
		passed += rb_sum(x, e->passed);
		score += rb_sum(x, e->score);
		max += rb_sum(x, e->max);
		for (int k = 0; k < 4; k++) {
			rs[k] += rb_sum(x, e->rsum[k]);
			rn[k] += rb_sum(x, e->rcnt[k]);
		}
	}
	for (int k = 0; k < 4; k++)
		json_object_set_new(
		    ratings, report_aspects[k],
		    json_pack("{s:I, s:o}", "n", (json_int_t)rn[k], "mean", rb_mean(rs[k], rn[k])));
	json_object_set_new(o, "submissions", json_integer(subs));
	json_object_set_new(o, "passed", json_integer(passed));
	json_object_set_new(o, "graded", json_boolean(max > 0));
	json_object_set_new(o, "pass_rate", max > 0 ? rb_pct(passed, subs) : json_null());
	json_object_set_new(o, "mean_pct", rb_pct(score, max));
	json_object_set_new(o, "ratings", ratings);
}

static json_t *rb_sessions(const struct rb *x, int64_t registered)
{
	json_t *a = json_array();
	char d[16];

	for (int i = 0; i < x->c->nsess; i++) {
		const struct rc_session *s = &x->c->sess[i];
		int64_t by[RC_SRC];
		for (int k = 0; k < RC_SRC; k++)
			by[k] = rb_sum(x, s->att[k]);
		int64_t att = 0, zoom = 0, ck = 0, ev = 0;
		for (int k = 1; k < RC_SRC; k++) {
			att += by[k];
			zoom += k & ATT_ZOOM ? by[k] : 0;
			ck += k & ATT_CHECKIN ? by[k] : 0;
			ev += k & ATT_EVALUATION ? by[k] : 0;
		}
		json_t *o = json_pack(
		    "{s:I, s:i, s:s, s:s, s:I, s:I, s:o, s:I, s:I, s:I, s:I, s:I}", "id",
		    (json_int_t)s->id, "number", s->number, "title", s->title ? s->title : "",
		    "date", vtime_date(d, sizeof(d), s->starts_at), "registered",
		    (json_int_t)registered, "attended", (json_int_t)att, "rate",
		    rb_pct(att, registered), "zoom", (json_int_t)zoom, "checkin", (json_int_t)ck,
		    "evaluation", (json_int_t)ev, "only_checkin",
		    (json_int_t)(by[ATT_CHECKIN] + by[ATT_CHECKIN | ATT_EVALUATION]),
		    "only_evaluation", (json_int_t)by[ATT_EVALUATION]);
		rb_eval_figures(x, o, s->id, 0);
		json_array_append_new(a, o);
	}
	return a;
}

static int rb_session_number(const struct report_cube *c, int64_t session_id)
{
	for (int i = 0; i < c->nsess; i++)
		if (c->sess[i].id == session_id)
			return c->sess[i].number;
	return 0;
}

static json_t *rb_evaluations(const struct rb *x)
{
	json_t *a = json_array();

	for (int i = 0; i < x->c->nevals; i++) {
		const struct rc_eval *e = &x->c->evals[i];
		json_t *o = json_pack("{s:I, s:s, s:i}", "id", (json_int_t)e->id, "title", e->title,
		                      "session_number", rb_session_number(x->c, e->session_id));
		rb_eval_figures(x, o, -1, e->id);
		json_array_append_new(a, o);
	}
	return a;
}

/* A speaker's rating: the 'speaker' ratings of their sessions. */
static json_t *rb_speakers(const struct rb *x)
{
	json_t *a = json_array();
	char list[128];

	for (int i = 0; i < x->c->nspeakers; i++) {
		const struct rc_speaker *sp = &x->c->speakers[i];
		int64_t sum = 0, n = 0;
		size_t o = 0;
		list[0] = 0;
		for (int j = 0; j < sp->nsessions; j++) {
			for (int k = 0; k < x->c->nevals; k++)
				if (x->c->evals[k].session_id == sp->sessions[j]) {
					sum += rb_sum(x, x->c->evals[k].rsum[1]);
					n += rb_sum(x, x->c->evals[k].rcnt[1]);
				}
			if (o < sizeof(list))
				o += (size_t)snprintf(list + o, sizeof(list) - o, "%s%d",
				                      j ? ", " : "",
				                      rb_session_number(x->c, sp->sessions[j]));
		}
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:I, s:o}", "name", sp->name,
		                                   "org", sp->org, "sessions", list, "n",
		                                   (json_int_t)n, "mean", rb_mean(sum, n)));
	}
	return a;
}

static json_t *rb_certs(const struct rb *x)
{
	if (!x->c->certs_available)
		return json_pack("{s:b, s:n, s:n, s:n, s:s}", "available", 0, "valid", "revoked",
		                 "pending", "note", "chưa có");
	return json_pack("{s:b, s:I, s:I, s:o, s:s}", "available", 1, "valid",
	                 (json_int_t)rb_sum(x, x->c->cert_valid), "revoked",
	                 (json_int_t)rb_sum(x, x->c->cert_revoked), "pending",
	                 x->c->cert_pending_known ? json_integer(rb_sum(x, x->c->cert_pending))
	                                          : json_null(),
	                 "note", "");
}

static json_t *rb_mail(const struct rb *x)
{
	static const char *const keys[RC_MAIL] = {"queued", "sending",   "sent",
	                                          "failed", "cancelled", "retrying"};
	json_t *o = json_object();
	int64_t total = 0;

	for (int k = 0; k < RC_MAIL; k++) {
		int64_t n = rb_sum(x, x->c->mail[k]);
		json_object_set_new(o, keys[k], json_integer(n));
		total += n;
	}
	json_object_set_new(o, "total", json_integer(total));
	return o;
}

json_t *report_build(const struct report_cube *c, const struct report_filter *f)
{
	json_t *filter = rb_filter(c, f), *provinces = json_array();
	struct rb x;

	rb_init(&x, c, f, filter);
	for (int k = 0; k < x.nlist; k++)
		json_array_append_new(provinces, json_pack("{s:s, s:s}", "code", x.list[k].code,
		                                           "name", x.list[k].name));
	int64_t registered = rb_sum(&x, c->reg_active);
	json_t *aspects = json_array();
	for (int k = 0; k < 4; k++)
		json_array_append_new(aspects, json_pack("{s:s, s:s}", "key", report_aspects[k],
		                                         "label", report_aspect_label(k)));
	json_t *all = json_object();
	rb_eval_figures(&x, all, -1, 0);
	return json_pack(
	    "{s:o, s:I, s:o, s:o, s:{s:I, s:I, s:I, s:I, s:i}, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:O, s:o, s:o, s:o, s:o}",
	    "series", rb_series(c), "generated_at", (json_int_t)c->at, "filter", filter,
	    "provinces", provinces, "totals", "registered", (json_int_t)registered, "withdrawn",
	    (json_int_t)rb_sum(&x, c->reg_withdrawn), "took_part",
	    (json_int_t)rb_sum(&x, c->took_part), "stayed", (json_int_t)rb_sum(&x, c->stayed),
	    "sessions", c->nsess, "by_day", rb_by_day(&x), "by_province", rb_by_province(&x),
	    "by_category", rb_by_category(&x), "sessions", rb_sessions(&x, registered),
	    "evaluations", rb_evaluations(&x), "speakers", rb_speakers(&x), "ratings",
	    json_object_get(all, "ratings"), "aspects", aspects, "all_evaluations", all,
	    "certificates", rb_certs(&x), "mail", rb_mail(&x));
}
