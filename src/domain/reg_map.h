/*
 * reg_map.h: how a spreadsheet's columns and values become a registration:
 * the header row mapped to fields by name (the question texts of a Google
 * Forms export, this program's own export, the API's field names), province
 * names or codes to the current codes (a name from before 1 July 2025 to
 * the unit it became part of, noted), category labels or codes to codes.
 * Names are compared folded (no case, no diacritics, punctuation as
 * spaces).  No SQL but reg_map_load.
 */
#ifndef OCOP_REG_MAP_H
#define OCOP_REG_MAP_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct db;

enum reg_col {
	REG_COL_NAME,
	REG_COL_EMAIL,
	REG_COL_PHONE,
	REG_COL_PROVINCE,
	REG_COL_CATEGORY,
	REG_COL_ORG,
	REG_COL_POSITION,
	REG_COL_CONSENT,
	REG_NCOLS
};

#define REG_MAP_PROVINCES 128
#define REG_MAP_CATEGORIES 16

struct reg_map {
	int col[REG_NCOLS]; /* the column of each field, -1 when absent */
	size_t nprov;
	struct {
		char key[64];  /* folded name without "tỉnh", "thành phố", "TP" */
		char code[4];  /* current code */
		char name[64]; /* the name as listed */
		bool old;      /* a pre-2025 name */
	} prov[REG_MAP_PROVINCES];
	struct {
		char key[128], key_tr[128]; /* folded label, and its translation */
	} cat[REG_MAP_CATEGORIES];
};

/* The column headings shown to people (Vietnamese msgids), by enum reg_col. */
extern const char *const reg_col_labels[REG_NCOLS];

/* Reads both province lists.  0, or -1 on a database error. */
int reg_map_load(struct reg_map *m, struct db *db);
/* Maps the header row.  Returns 0, or -1 when a required column is missing,
 * with *missing set to their labels, comma-separated (from a). */
int reg_map_header(struct reg_map *m, struct arena *a, const char *const *fields, size_t n,
		   const char **missing);
/* The current province code for a name or code, or NULL.  For a pre-2025
 * name, *old_name and *new_name are set (else NULL). */
const char *reg_map_province(const struct reg_map *m, struct arena *a, const char *value,
			     const char **old_name, const char **new_name);
/* The category code for a label or code; the value itself when unknown (so
 * that validation names it). */
const char *reg_map_category(const struct reg_map *m, struct arena *a, const char *value);
/* A consent cell: true unless empty or a no. */
bool reg_map_yes(struct arena *a, const char *value);

#endif
