/*
 * pdf_report_int.h: what pdf_report.c and pdf_report_tables.c share.
 */
#ifndef OCOP_PDF_REPORT_INT_H
#define OCOP_PDF_REPORT_INT_H

#include <jansson.h>
#include <stddef.h>

struct pdf_flow;

/* A string member, "" when absent. */
const char *prt_str(const json_t *o, const char *k);
/* A number member the Vietnamese way with `decimals` decimals, "—" when
 * null or absent; written into out and returned. */
const char *prt_num(char *out, size_t n, const json_t *o, const char *k, int decimals);
/* The sections after the cover. */
void pdf_report_sections(struct pdf_flow *p, const json_t *rep);

#endif
