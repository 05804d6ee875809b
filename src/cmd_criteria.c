/*
 * cmd_criteria.c: `ocop criteria list|show|score|load`, the criteria engine
 * without the web.  Loads the shipped sets, then:
 *   list                          one line per set, tab-separated
 *   show --set ID                 the set as JSON (what `load` accepts)
 *   score --set ID ANSWERS.json   points, stars, blocking rules, fixes
 *   load FILE.json                validate a set and store it in the database
 * The registry holds the shipped sets and then the sets stored in the
 * database (criteria_store.c), so `load` validates against both and `list`
 * shows both.  Exports cmd_criteria().  Exit status 2 with one line on
 * stderr for bad usage or invalid input, 1 when the shipped data or the
 * database is broken.  A running server sees a newly loaded set after its
 * next start (its registry is built once, at start-up).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "cmd.h"
#include "db/db.h"
#include "domain/criteria.h"
#include "domain/criteria_store.h"

#define EXIT_INVALID 2

struct opts {
	const char *set_id;
	const char *file;
};

static int usage(const char *msg)
{
	fprintf(stderr, "ocop criteria: %s\n", msg);
	fprintf(stderr, "usage: ocop criteria list | show --set ID | score --set ID ANSWERS.json "
	                "| load FILE.json\n");
	return EXIT_INVALID;
}

static int invalid(const char *what, const char *why)
{
	fprintf(stderr, "ocop criteria: %s: %s\n", what, why);
	return EXIT_INVALID;
}

/* Reads a whole file, refusing more than max bytes. */
static int read_file(const char *path, size_t max, struct buf *out, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	char chunk[8192];
	size_t n;
	int rc = -1;

	if (!f) {
		snprintf(err, errlen, "cannot open: %s", strerror(errno));
		return -1;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && out->len + n <= max)
		buf_add(out, chunk, n);
	if (ferror(f))
		snprintf(err, errlen, "cannot read: %s", strerror(errno));
	else if (n > 0 || out->overflow)
		snprintf(err, errlen, "over the limit of %zu bytes", max);
	else
		rc = 0;
	fclose(f);
	return rc;
}

static int parse_opts(int argc, char **argv, bool want_set, bool want_file, struct opts *o)
{
	for (int i = 2; i < argc; i++) {
		if (want_set && strcmp(argv[i], "--set") == 0 && i + 1 < argc)
			o->set_id = argv[++i];
		else if (want_set && strncmp(argv[i], "--set=", 6) == 0)
			o->set_id = argv[i] + 6;
		else if (want_file && !o->file && argv[i][0] != '-')
			o->file = argv[i];
		else
			return -1;
	}
	return (want_set && !o->set_id) || (want_file && !o->file) ? -1 : 0;
}

static void print_row(const struct criteria_set *s)
{
	char pset[160];

	if (s->kind == CRITERIA_FRAMEWORK)
		snprintf(pset, sizeof(pset), "(framework: %zu groups, %zu product sets)",
		         s->n_groups, s->n_psets);
	else
		snprintf(pset, sizeof(pset), "%s", s->product_set);
	printf("%s\t%d\t%s\t%s\t%s..%s\t%s", s->id, s->version,
	       s->is_shipped ? "shipped" : "loaded", s->legal_basis, s->effective_from,
	       s->effective_until ? s->effective_until : "", pset);
	for (const char *code = "A\0B\0C\0"; *code; code += 2) {
		size_t k = 0;

		while (k < s->n_parts && strcmp(s->parts[k].code, code) != 0)
			k++;
		if (k < s->n_parts)
			printf("\t%d", s->parts[k].max);
		else
			printf("\t-");
	}
	printf("\n");
}

static int cmd_list(struct criteria_registry *r, struct db *db, int argc, char **argv)
{
	(void)db;
	(void)argv;
	if (argc > 2)
		return usage("list takes no arguments");
	printf("ID\tVERSION\tORIGIN\tLEGAL BASIS\tEFFECTIVE\tPRODUCT SET\tA\tB\tC\n");
	for (size_t i = 0; i < criteria_registry_count(r); i++) {
		const struct criteria_set *s = criteria_registry_get(r, i);

		/* Older versions stay registered for old evaluations; list the newest. */
		if (criteria_registry_find(r, s->id) == s)
			print_row(s);
	}
	return 0;
}

static int print_json(json_t *v)
{
	char *text = json_dumps(v, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(v);
	if (!text)
		return 1;
	printf("%s\n", text);
	free(text);
	return 0;
}

static const struct criteria_set *need_set(struct criteria_registry *r, const struct opts *o)
{
	const struct criteria_set *s = criteria_registry_find(r, o->set_id);

	if (!s)
		fprintf(stderr, "ocop criteria: --set: no set '%s' (see `ocop criteria list`)\n",
		        o->set_id);
	return s;
}

static int cmd_show(struct criteria_registry *r, struct db *db, int argc, char **argv)
{
	struct opts o = {0};
	const struct criteria_set *s;

	(void)db;
	if (parse_opts(argc, argv, true, false, &o))
		return usage("show needs --set ID");
	if (!(s = need_set(r, &o)))
		return EXIT_INVALID;
	return print_json(criteria_set_to_json(s));
}

static int cmd_score(struct criteria_registry *r, struct db *db, int argc, char **argv)
{
	struct opts o = {0};
	const struct criteria_set *s;
	struct criteria_result res;
	struct arena a;
	struct buf b;
	char err[512];
	int *choice, rc = EXIT_INVALID;

	(void)db;
	if (parse_opts(argc, argv, true, true, &o))
		return usage("score needs --set ID and an ANSWERS.json file");
	if (!(s = need_set(r, &o)))
		return EXIT_INVALID;
	arena_init(&a);
	buf_init(&b, CRITERIA_ANSWERS_MAX);
	if (read_file(o.file, CRITERIA_ANSWERS_MAX, &b, err, sizeof(err)) ||
	    criteria_answers_parse(&a, s, b.p, b.len, &choice, err, sizeof(err)) ||
	    criteria_score(&a, s, choice, &res, err, sizeof(err)))
		invalid(o.file, err);
	else
		rc = print_json(criteria_result_to_json(&res));
	buf_release(&b);
	arena_release(&a);
	return rc;
}

static int cmd_load(struct criteria_registry *r, struct db *db, int argc, char **argv)
{
	struct opts o = {0};
	struct buf b;
	char err[512];
	int rc = EXIT_INVALID;

	if (parse_opts(argc, argv, false, true, &o))
		return usage("load needs a FILE.json");
	buf_init(&b, CRITERIA_JSON_MAX);
	if (read_file(o.file, CRITERIA_JSON_MAX, &b, err, sizeof(err)) ||
	    criteria_registry_add_json(r, b.p, b.len, err, sizeof(err))) {
		invalid(o.file, err);
	} else {
		const struct criteria_set *s =
		    criteria_registry_get(r, criteria_registry_count(r) - 1);
		const char *user = getenv("USER");
		char by[96];

		snprintf(by, sizeof(by), "cli:%s", user && *user ? user : "?");
		if (criteria_store_insert(db, s->id, s->version, b.p, b.len, by) != DB_OK) {
			fprintf(stderr, "ocop criteria: cannot store set '%s': %s\n", s->id,
			        db_errmsg(db));
			rc = 1;
		} else {
			printf("ok: set %s version %d stored\n", s->id, s->version);
			rc = 0;
		}
	}
	buf_release(&b);
	return rc;
}

static const struct {
	const char *name;
	int (*fn)(struct criteria_registry *r, struct db *db, int argc, char **argv);
} subcommands[] = {
    {"list", cmd_list},
    {"show", cmd_show},
    {"score", cmd_score},
    {"load", cmd_load},
};

/* The shipped sets, then the stored ones.  Returns 0, or the exit status. */
static int registry_open(const char *db_url, struct criteria_registry *reg, struct db **db)
{
	char err[512];

	if (db_open(db_url, db, err, sizeof(err)) != 0 || db_migrate(*db, err, sizeof(err)) < 0) {
		fprintf(stderr, "ocop criteria: %s\n", err);
		if (*db)
			db_close(*db);
		return 1;
	}
	if (criteria_registry_init(reg, err, sizeof(err))) {
		fprintf(stderr, "ocop criteria: shipped criteria are broken: %s\n", err);
		db_close(*db);
		return 1;
	}
	if (criteria_store_load(*db, reg) < 0) {
		fprintf(stderr, "ocop criteria: cannot read stored sets: %s\n", db_errmsg(*db));
		criteria_registry_release(reg);
		db_close(*db);
		return 1;
	}
	return 0;
}

int cmd_criteria(const char *db_url, int argc, char **argv)
{
	struct criteria_registry reg;
	struct db *db = NULL;
	int rc = -1;

	if (argc < 2)
		return usage("missing subcommand");
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		if (strcmp(argv[1], subcommands[i].name) != 0)
			continue;
		if ((rc = registry_open(db_url, &reg, &db)) != 0)
			return rc;
		rc = subcommands[i].fn(&reg, db, argc, argv);
		criteria_registry_release(&reg);
		db_close(db);
		return rc;
	}
	return usage("unknown subcommand");
}
