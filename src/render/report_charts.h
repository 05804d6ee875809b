/*
 * report_charts.h: the charts of a series report, described once from the
 * report's JSON (domain/report.h) as struct svg_chart, then drawn as SVG
 * on the dashboard (svg_chart()) and into the PDF (chart_cairo_draw()).
 * One description, two renderers: the page and the paper cannot show
 * different bars.
 */
#ifndef OCOP_REPORT_CHARTS_H
#define OCOP_REPORT_CHARTS_H

#include <jansson.h>

#include "render/svg_chart.h"

struct arena;

enum report_chart_id {
	REPORT_CHART_DAYS,       /* registrations per day (columns) */
	REPORT_CHART_PROVINCES,  /* registered per province, ranked */
	REPORT_CHART_CATEGORIES, /* registered per category */
	REPORT_CHART_ATTENDANCE, /* attended per session, stacked by source */
	REPORT_CHART_SCORES,     /* mean score per evaluation, percent */
	REPORT_CHART_PASS,       /* pass rate per evaluation, percent */
	REPORT_CHART_RATINGS,    /* mean of each satisfaction aspect */
	REPORT_CHART_SPEAKERS,   /* mean 'speaker' rating per speaker */
	REPORT_CHART_N
};

/* Fills c for chart `id` of rep; bars and texts are arena memory, rep is
 * borrowed and must outlive c.  base ("/admin/series/SLUG", borrowed) makes
 * each bar a link to the list behind it; NULL: no links (paper). */
void report_chart(struct arena *a, const json_t *rep, enum report_chart_id id, const char *base,
                  struct svg_chart *c);

#endif
