/*
 * province.h: the 34 province-level units in force since 1 July 2025 (and
 * the 63 before, for old series), read once at start-up from the provinces
 * table (migrations/0002_provinces.sql, where the sources are cited) and
 * read-only afterwards.
 */
#ifndef OCOP_PROVINCE_H
#define OCOP_PROVINCE_H

#include <stddef.h>

struct db;

struct province {
	char code[4];
	char name[64];
	char kind[12];
};

/* Loads the current list.  0, or -1 if the table is missing or empty. */
int province_load(struct db *db);
/* The current list, in code order. */
const struct province *province_all(size_t *n);
/* NULL if `code` is not a current province code. */
const struct province *province_find(const char *code);

#endif
