/*
 * admin_attendance.h: what the attendance console files share.
 */
#ifndef OCOP_ADMIN_ATTENDANCE_H
#define OCOP_ADMIN_ATTENDANCE_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

struct req;
struct db;

/* The session attendance page with an import report (stolen), a notice or
 * an error. */
void att_session_page_post(struct req *r, unsigned status, json_t *report, const char *notice,
			   const char *error);
/* The attendance CSV of a series into f (UTF-8 with a BOM). */
int att_write_csv(struct db *db, int64_t series_id, FILE *f);

#endif
