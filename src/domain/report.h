/*
 * report.h: the figures of a series, for the organisers' dashboard, the
 * PDF report and the XLSX workbook, computed in one place so the three
 * cannot disagree.
 *
 * Two steps.  report_cube_load() reads the stored rows once and counts
 * them into buckets, one per (province, category) of the participant:
 * registrations per day, attendance per session and source, submissions,
 * passes, scores and ratings per evaluation, mail per state, certificates
 * per status.  report_build() then sums the buckets a filter selects and
 * writes every figure into one JSON object.  A filter never needs a second
 * pass over the rows, and every figure under a filter is computed exactly
 * as without it.
 *
 * Definitions, each taken from the module that owns it:
 *   registered   an active registration (status 'active');
 *   attended     att_attended() on att_session_records(), the rule that
 *                also decides certificates; counted for active
 *                registrations only;
 *   stayed       attended every session of the series;
 *   passed/score as stored with each submission (eval_submit);
 *   ratings      answers to rating questions by their aspect (content,
 *                speaker, organisation, platform); a speaker's rating is
 *                the 'speaker' ratings of the sessions they spoke in;
 *   mail         outbox states, as outbox_progress();
 *   certified    certificates with status 'valid' (report_certs.c).
 *
 * Ownership: a cube is the caller's (report_cube_free); report_build()
 * returns a new JSON object the caller owns.
 */
#ifndef OCOP_REPORT_H
#define OCOP_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

struct db;
struct report_cube;

/* What the figures are restricted to, and how provinces are listed. */
struct report_filter {
	const char *province; /* a code of the list shown, or NULL: all */
	const char *category; /* a reg_categories code, or NULL: all */
	bool map_2025;        /* a pre-2025 series shown on the 34 current units */
};

/* Reads the rows of series_id through db, and through db2 too when it is
 * not NULL (a second connection, used on a thread of its own for half of
 * the work; neither may be used elsewhere meanwhile).  NULL on a database
 * error (logged).  The cube is reference-counted: it starts with one
 * reference, report_cube_hold() adds one and report_cube_free() drops one,
 * freeing it with the last. */
struct report_cube *report_cube_load(struct db *db, struct db *db2, int64_t series_id);
struct report_cube *report_cube_hold(struct report_cube *c);
void report_cube_free(struct report_cube *c);
/* When the cube was computed (Unix seconds). */
int64_t report_cube_time(const struct report_cube *c);

/* Every figure under filter f (unknown codes in f are ignored, and said so
 * in "filter"):
 * {series{...}, generated_at, filter{province, province_name, category,
 *  category_label, list, mapped, note}, provinces[{code, name}] (the list
 *  shown), totals{registered, withdrawn, took_part, stayed, sessions},
 *  by_day[{t, date, n, cumulative}], by_province[{code, name, registered,
 *  took_part, stayed, certified}] (ranked), by_category[{code, label, n}],
 *  sessions[{id, number, title, date, registered, attended, rate, zoom,
 *  checkin, evaluation, only_checkin, only_evaluation, submissions, passed,
 *  pass_rate, mean_pct, graded, ratings{content,...: {n, mean}}}],
 *  evaluations[{id, title, session_number, submissions, passed, pass_rate,
 *  mean_pct, graded}], speakers[{name, org, sessions, n, mean}],
 *  ratings{aspect: {n, mean}} (every evaluation), aspects[{key, label}],
 *  all_evaluations{submissions, passed, pass_rate, mean_pct, graded,
 *  ratings}, certificates{available, valid, revoked, pending, note},
 *  mail{sent, failed, queued, sending, cancelled, retrying, total}}.
 *  Rates are percents rounded to one decimal, means to two; a rate or
 *  mean with no base is null; pass_rate is null for an evaluation that
 *  grades nothing (a survey). */
json_t *report_build(const struct report_cube *c, const struct report_filter *f);

/* ---- The dashboard's cache (report_cache.c) ---- */

#define REPORT_REFRESH_MIN 10 /* seconds between counts while people write */

struct report_cache;
/* db_url (copied) is opened for the cache's own connections; a changed
 * database is counted again at most every refresh_min seconds (0: at the
 * next look-up). */
struct report_cache *report_cache_new(const char *db_url, int refresh_min);
void report_cache_free(struct report_cache *rc);
/* The cube of series_id (a reference: report_cube_free it): the cached
 * one while nothing was committed to the database since it was counted;
 * else counted anew, unless another count of it runs or the cached one is
 * younger than refresh_min seconds: then the cached one, with
 * *stale set.  rc NULL: always counted on db.  NULL on a database error. */
struct report_cube *report_cache_get(struct report_cache *rc, struct db *db, int64_t series_id,
                                     bool *stale);

/* The labels of the four rating aspects, in order. */
extern const char *const report_aspects[4];
const char *report_aspect_label(int i);

#endif
