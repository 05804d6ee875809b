/*
 * pdf_report.h: the report of a series as an A4 PDF, from the JSON of
 * report_build() (domain/report.h): a cover page (the organisers, the
 * series, its dates, the key figures, the date of the report), then the
 * summary tables per session, per evaluation, per speaker, per province
 * and per category, each with its chart drawn from the dashboard's own
 * chart descriptions (render/report_charts.c through chart_cairo.c).
 *
 * Files: pdf_report.c (the document, the cover), pdf_report_tables.c (the
 * sections).  Text reaches pango through set_text only.
 */
#ifndef OCOP_PDF_REPORT_H
#define OCOP_PDF_REPORT_H

#include <jansson.h>

#include "core/buf.h"

/* Appends the PDF to out.  rep is borrowed.  0, or -1 (out as it was). */
int pdf_report_render(struct buf *out, const json_t *rep);

#endif
