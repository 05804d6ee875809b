/*
 * xlsx_ocop.h: a series' self-assessment summary (domain/ocop_stats.h) as
 * an Excel workbook, one sheet per table of the organisers' page.
 */
#ifndef OCOP_XLSX_OCOP_H
#define OCOP_XLSX_OCOP_H

#include <jansson.h>

#include "core/buf.h"

/*
 * Appends the .xlsx bytes for stats (borrowed) to out.  libxlsxwriter
 * writes only to files, so the workbook goes to a private temporary file
 * (mkstemp under TMPDIR or /tmp) that is read back and removed.  Returns 0,
 * or -1 (out unchanged) if the file cannot be written or read.
 */
int xlsx_ocop_render(const json_t *stats, const char *series_title, struct buf *out);

#endif
