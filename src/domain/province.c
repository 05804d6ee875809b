/*
 * province.c: the province list (see province.h).  Loaded before the
 * server starts its threads, then only read.
 */
#include "domain/province.h"
#include "db/db.h"

#include <stdio.h>
#include <string.h>

#define PROVINCE_MAX 64

static struct province provinces[PROVINCE_MAX];
static size_t nprovinces;

int province_load(struct db *db)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT code, name, kind FROM provinces WHERE list = '2025' ORDER BY code");

	if (!st)
		return -1;
	nprovinces = 0;
	while (db_step(st) == DB_ROW && nprovinces < PROVINCE_MAX) {
		struct province *p = &provinces[nprovinces++];

		snprintf(p->code, sizeof(p->code), "%s", db_col_text(st, 0));
		snprintf(p->name, sizeof(p->name), "%s", db_col_text(st, 1));
		snprintf(p->kind, sizeof(p->kind), "%s", db_col_text(st, 2));
	}
	db_done(st);
	return nprovinces ? 0 : -1;
}

const struct province *province_all(size_t *n)
{
	*n = nprovinces;
	return provinces;
}

const struct province *province_find(const char *code)
{
	for (size_t i = 0; i < nprovinces; i++)
		if (strcmp(provinces[i].code, code) == 0)
			return &provinces[i];
	return NULL;
}
