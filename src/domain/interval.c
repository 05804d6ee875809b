/*
 * interval.c: merging [start, end) intervals (see interval.h).
 *
 * Sort by start, then sweep keeping the current run: an interval starting
 * at or before the run's end extends it, otherwise it starts a new run.
 * O(n log n) for the sort, in place, stable under repeated merging.
 */
#include "domain/interval.h"

#include <stdlib.h>

#include "core/arena.h"

static int cmp_start(const void *a, const void *b)
{
	const struct interval *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return (x->end > y->end) - (x->end < y->end);
}

size_t interval_merge(struct interval *iv, size_t n)
{
	size_t i, out = 0;

	if (n > 1)
		qsort(iv, n, sizeof *iv, cmp_start);
	for (i = 0; i < n; i++) {
		if (iv[i].end <= iv[i].start)
			continue;
		if (out && iv[i].start <= iv[out - 1].end) {
			if (iv[i].end > iv[out - 1].end)
				iv[out - 1].end = iv[i].end;
			continue;
		}
		iv[out++] = iv[i];
	}
	return out;
}

int64_t interval_total(const struct interval *iv, size_t n)
{
	int64_t sum = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (iv[i].end > iv[i].start)
			sum += iv[i].end - iv[i].start;
	return sum;
}

size_t interval_clip(struct interval *iv, size_t n, int64_t lo, int64_t hi)
{
	size_t i, out = 0;

	for (i = 0; i < n; i++) {
		struct interval x = iv[i];

		if (x.start < lo)
			x.start = lo;
		if (x.end > hi)
			x.end = hi;
		if (x.end > x.start)
			iv[out++] = x;
	}
	return out;
}

int64_t interval_covered(struct interval *iv, size_t n, int64_t lo, int64_t hi)
{
	n = interval_clip(iv, n, lo, hi);
	n = interval_merge(iv, n);
	return interval_total(iv, n);
}

void interval_set_init(struct interval_set *s)
{
	s->v = NULL;
	s->n = s->cap = 0;
}

void interval_set_release(struct interval_set *s)
{
	free(s->v);
	interval_set_init(s);
}

void interval_set_add(struct interval_set *s, int64_t start, int64_t end)
{
	if (end <= start)
		return;
	if (s->n == s->cap) {
		s->n = interval_merge(s->v, s->n);
		/* grow only when merging freed less than half, to stay amortised O(1) */
		if (s->n >= s->cap / 2) {
			s->cap = s->cap ? s->cap * 2 : 4;
			s->v = xrealloc(s->v, s->cap * sizeof *s->v);
		}
	}
	s->v[s->n].start = start;
	s->v[s->n].end = end;
	s->n++;
}

int64_t interval_set_covered(struct interval_set *s, int64_t lo, int64_t hi)
{
	int64_t sum = 0, a, b;
	size_t i;

	/* once merged the intervals are disjoint: clip each on the fly, keep the set whole */
	s->n = interval_merge(s->v, s->n);
	for (i = 0; i < s->n; i++) {
		a = s->v[i].start > lo ? s->v[i].start : lo;
		b = s->v[i].end < hi ? s->v[i].end : hi;
		if (b > a)
			sum += b - a;
	}
	return sum;
}
