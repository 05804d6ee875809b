/*
 * interval.h: sets of half-open time intervals [start, end) in Unix
 * seconds, for attendance: a person who reconnects, or joins from a phone
 * and a laptop at once, has several overlapping intervals, and time covered
 * twice must count once.  Merge sorts and sweeps; nothing here allocates
 * except struct interval_set, which owns its array.
 */
#ifndef OCOP_INTERVAL_H
#define OCOP_INTERVAL_H

#include <stddef.h>
#include <stdint.h>

struct interval {
	int64_t start, end; /* [start, end); empty when end <= start */
};

/*
 * Sorts iv[0..n) and merges overlapping and touching intervals in place,
 * dropping empty ones.  Returns the new count; iv[0..count) is then sorted,
 * disjoint and separated by gaps.
 */
size_t interval_merge(struct interval *iv, size_t n);

/* Sum of the lengths of iv[0..n); counts overlaps twice unless merged first. */
int64_t interval_total(const struct interval *iv, size_t n);

/* Cuts each interval to [lo, hi), dropping those left empty.  Returns the new count. */
size_t interval_clip(struct interval *iv, size_t n, int64_t lo, int64_t hi);

/* Seconds of [lo, hi) covered by at least one of iv[0..n); reorders iv. */
int64_t interval_covered(struct interval *iv, size_t n, int64_t lo, int64_t hi);

/*
 * A growing set for one person.  interval_set_add merges when the array is
 * full before growing it, so its size follows the person's distinct
 * stretches of presence, not the number of rows they produced.
 */
struct interval_set {
	struct interval *v;
	size_t n, cap;
};

void interval_set_init(struct interval_set *s);
void interval_set_release(struct interval_set *s);
void interval_set_add(struct interval_set *s, int64_t start, int64_t end);
/* Merges in place (the set is otherwise unchanged) and returns the seconds covered within [lo, hi).
 */
int64_t interval_set_covered(struct interval_set *s, int64_t lo, int64_t hi);

#endif
