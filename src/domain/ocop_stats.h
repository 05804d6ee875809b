/*
 * ocop_stats.h: what the organisers learn from a series' self-assessments:
 * how many participants assessed a product, the predicted stars by
 * province, by product set and by participant category, and the criteria
 * most often scored low (what the next training should teach).
 */
#ifndef OCOP_STATS_H
#define OCOP_STATS_H

#include <jansson.h>
#include <stdint.h>

struct db;
struct criteria_registry;

#define OCOP_STATS_LOW_SHOWN 15

/*
 * The summary of series_id's assessments, each re-read against its own set
 * version in reg.  New reference, NULL on a database error:
 *   {"participants": N, "assessments": N, "complete": N,
 *    "stars": [n0, n1, .. n5]            (0: not rated: eliminated or stopped)
 *    "by_province" | "by_set" | "by_category":
 *        [{"name": "...", "counts": [n0..n5], "total": N}, ...]  (most first)
 *    "low": [{"set": "...", "code": "6.4", "title": "...", "low": n,
 *             "answered": m, "percent": p}, ...]}  (most often low first)
 * Only complete assessments count in the distributions and in "low"; a
 * criterion is scored low when it earns under half of its maximum.
 */
json_t *ocop_stats_series(struct db *db, const struct criteria_registry *reg, int64_t series_id);

#endif
