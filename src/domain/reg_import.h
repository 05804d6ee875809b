/*
 * reg_import.h: importing registrations from a CSV file (a Google Forms
 * export, this program's own export, a hand-made sheet), shared by the
 * console's upload and `ocop import registrations`.
 *
 * Two passes over the bytes.  reg_import_check reads the whole file first
 * and refuses it, before any write, when it is not UTF-8, when a quote is
 * never closed, when a required column is missing or when it has more than
 * REG_IMPORT_MAX_ROWS rows.  reg_import_run then reads the rows again,
 * validates each with reg_validate (the web form's rules), and writes them
 * REG_IMPORT_BATCH rows per write job (one transaction each, with the job's
 * progress row).  A bad row is reported (row number and reason) and
 * skipped; the good ones are written.
 *
 * Duplicates (same series and e-mail, in the database or earlier in the
 * file) merge: the existing registration keeps its token, status, time,
 * name, phone, province and category; an empty organisation or position is
 * filled from the row, and consent given in the row is recorded if none
 * was.  Importing the same file twice therefore changes nothing.  Imports
 * ignore the series' capacity and registration dates: organisers decide.
 * A withdrawn registration stays withdrawn.
 */
#ifndef OCOP_REG_IMPORT_H
#define OCOP_REG_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;
struct reg_map;

#define REG_IMPORT_BATCH 1000
#define REG_IMPORT_MAX_ROWS 200000
#define REG_IMPORT_MAX_REJECTS 1000 /* listed in the report; the rest counted */

/* Checks data[0..len) as described above.  Returns 0 with *rows (data
 * rows, blank ones left out) or -1 with *msg, a translated sentence for
 * the organiser (from a).  m must be loaded (reg_map_load). */
int reg_import_check(struct reg_map *m, struct arena *a, const char *data, size_t len,
		     size_t *rows, const char **msg);

struct reg_import {
	/* In. */
	struct reg_map *map;
	int64_t series_id;
	bool allow_legacy;
	int64_t job_id; /* the import_jobs row to keep up to date, or 0 */
	int64_t now;
	/* Runs fn(db, arg) as one write transaction; returns fn's rc. */
	int (*run)(void *ctx, int (*fn)(struct db *db, void *arg), void *arg);
	void (*progress)(void *ctx, const struct reg_import *imp); /* may be NULL */
	bool (*stop)(void *ctx);                                   /* may be NULL */
	void *ctx;
	/* Out, kept up to date batch by batch. */
	size_t total, done, imported, merged, filled, rejected;
	json_t *rejects; /* [{row, reason}], owned */
	json_t *notes;   /* {"Hà Giang → Tuyên Quang": rows}, owned */
	const char *error; /* why it stopped early (static, translated msgid) */
};

/* Imports a file that passed reg_import_check.  Returns 0, or -1 when a
 * write failed or stop() said so (imp->error); the batches written before
 * stay written, and importing the file again finishes the work. */
int reg_import_run(struct reg_import *imp, const char *data, size_t len);
/* The report: {total, done, imported, merged, filled, rejected, rejects,
 * rejects_more, notes: [text], error?}.  New reference. */
json_t *reg_import_report(const struct reg_import *imp);
/* Frees what run allocated. */
void reg_import_release(struct reg_import *imp);

#endif
