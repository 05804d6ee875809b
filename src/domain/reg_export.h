/*
 * reg_export.h: a series' registrations as an official list: sorted by
 * given name, then the rest of the name, in Vietnamese alphabetical order
 * (ICU's "vi" collator), with Vietnamese column headings, as CSV (UTF-8
 * with a BOM, so that Excel reads it right) or XLSX (libxlsxwriter in
 * constant-memory mode: rows go to disk as they are written).
 *
 * Memory: one sort key and id per registration (about 60 bytes), then one
 * row at a time; 300,000 registrations take some 25 MB.  The columns are
 * those reg_map.c reads back, so an export imports again unchanged.
 */
#ifndef OCOP_REG_EXPORT_H
#define OCOP_REG_EXPORT_H

#include <stdint.h>
#include <stdio.h>

struct db;

/* Writes the CSV to out.  0, or -1 (database, ICU or write error). */
int reg_export_csv(struct db *db, int64_t series_id, FILE *out);
/* Writes the XLSX workbook to path (created or replaced).  0 or -1. */
int reg_export_xlsx(struct db *db, int64_t series_id, const char *path);

#endif
