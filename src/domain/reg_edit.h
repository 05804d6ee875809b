/*
 * reg_edit.h: an organiser's changes to one registration: its fields
 * (validated by reg_validate, like the form) and its status (withdraw,
 * reactivate).  Each write records the audit entry, with the registration
 * before and after, in the same transaction.  A withdrawn registration
 * keeps everything (history, attendance, token) but is left out of
 * counts of participants and of mailings (status <> 'active').
 */
#ifndef OCOP_REG_EDIT_H
#define OCOP_REG_EDIT_H

#include <stdint.h>

#include "domain/registration.h"

struct account;
struct db;

struct reg_edit {
	const struct account *who;
	int64_t series_id, id, now;
	struct reg_input in;    /* reg_edit_update: the validated fields */
	const char *status;     /* reg_edit_status: "active" or "withdrawn" */
};

/* Write jobs.  DB_OK; DB_NOTFOUND (no such registration in the series);
 * DB_CONFLICT (update: the e-mail is another registration's); DB_ERROR. */
int reg_edit_update(struct db *db, void *edit);
int reg_edit_status(struct db *db, void *edit);

#endif
