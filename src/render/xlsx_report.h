/*
 * xlsx_report.h: the report of a series as an XLSX workbook, from the
 * JSON of report_build() (domain/report.h): one sheet per table (summary,
 * sessions, evaluations, speakers, provinces, categories, days,
 * certificates and mail), Vietnamese headings, frozen heading rows,
 * columns as wide as their content, numbers as numbers (render/sheet.c).
 */
#ifndef OCOP_XLSX_REPORT_H
#define OCOP_XLSX_REPORT_H

#include <jansson.h>

/* Writes the workbook at path.  rep is borrowed.  0, or -1. */
int xlsx_report_write(const json_t *rep, const char *path);

#endif
