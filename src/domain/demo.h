/*
 * demo.h: the 2021 OCOP training series from the seed document, as data.
 */
#ifndef OCOP_DEMO_H
#define OCOP_DEMO_H

#include <stdbool.h>
#include <stdint.h>

struct db;

/* Loads the series 'ocop-2021' (and, with live, the same series as
 * 'ocop-live', moved so that its first session began an hour ago) unless
 * present: loading twice changes nothing.  Returns the number of series
 * added, or -1 (rolled back). */
int demo_load(struct db *db, bool live);
/* The evaluations of a demo series (demo_eval.c).  0 or -1. */
int demo_load_evaluations(struct db *db, int64_t series_id, int64_t now);

/* The certificate settings, logos and rules of a demo series
 * (demo_cert.c); dated: print 15/10/2021 as the date of issue.  0 or -1. */
int demo_load_certificates(struct db *db, int64_t series_id, const char *slug, bool dated,
			   int64_t now);

#endif
