/*
 * criteria.h: OCOP criteria sets as data, and scoring a product against them.
 *
 * A criteria set is a JSON document (docs/criteria-schema.json,
 * docs/CRITERIA.md) of one of two kinds:
 *   - a framework: the legal basis, the parts (A, B, C) with their maxima,
 *     the star bands and the product groups and sets of one decision
 *     (qd1048-2019, qd148-2023);
 *   - a sheet: the criteria of one product set under a framework, with the
 *     options and their points, conditions, knock-out options, mandatory
 *     criteria per star level and the evidence each criterion needs.
 *
 * criteria.c parses and validates sets; criteria_registry.c keeps the shipped
 * (embedded data/criteria/ JSON files) and loaded sets; criteria_score.c scores
 * answers.  Pure: no SQL, no HTTP, no I/O besides the embedded files.
 *
 * Error messages are English, lower case, with the JSON path of the fault:
 *   criteria[3] '1.4': option 2 has 6 points, over the criterion's maximum 5
 */
#ifndef OCOP_CRITERIA_H
#define OCOP_CRITERIA_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "core/arena.h"

#define CRITERIA_FORMAT        "ocop-criteria/1"
#define CRITERIA_JSON_MAX      (1u << 20) /* bytes of one set's JSON */
#define CRITERIA_ANSWERS_MAX   (64u << 10)
#define CRITERIA_MAX_PARTS     8
#define CRITERIA_MAX_ITEMS     200
#define CRITERIA_MAX_OPTIONS   20
#define CRITERIA_MAX_EVIDENCE  20
#define CRITERIA_MAX_MANDATORY 100
#define CRITERIA_MAX_GROUPS    20
#define CRITERIA_MAX_PSETS     100
#define CRITERIA_MAX_STARS     5
#define CRITERIA_TOTAL         100 /* the parts of every set add up to this */
#define CRITERIA_REGISTRY_MAX  256

enum criteria_kind { CRITERIA_SHEET, CRITERIA_FRAMEWORK };

/* What choosing a knock-out option does to the evaluation. */
enum criteria_knockout {
	CRITERIA_KO_NONE,
	CRITERIA_KO_ELIMINATE, /* the product is eliminated */
	CRITERIA_KO_STOP,      /* the evaluation stops; no rating */
};

struct criteria_option {
	const char *label;
	int points;
	enum criteria_knockout knockout;
	const char *knockout_reason; /* NULL unless knockout */
};

struct criteria_part {
	const char *code; /* "A" */
	const char *title;
	int max;
};

struct criteria_band {
	int stars;
	int min; /* lowest total for this band */
};

/* One criterion (tiêu chí). */
struct criteria_item {
	const char *code;                       /* "1.1" */
	const char *title, *heading, *guidance; /* heading, guidance may be NULL */
	size_t part;                            /* index into set->parts */
	int max;
	int effort; /* 1 paperwork .. 3 investment; for "what to fix first" */
	struct criteria_option *options;
	size_t n_options;
	/* Applies only if item cond_item scored at least cond_min_points. */
	bool has_condition;
	size_t cond_item;
	int cond_min_points;
	const char *cond_text;
	const char **evidence;
	size_t n_evidence;
};

/* To be rated `stars` or more, item must score at least min_points. */
struct criteria_mandatory {
	int stars;
	size_t item;
	int min_points;
};

struct criteria_product_set {
	const char *group, *subgroup, *name; /* subgroup may be NULL */
};

struct criteria_set {
	struct arena arena; /* owns every string and array below */
	json_t *json;       /* the document as given; owned */
	enum criteria_kind kind;
	const char *id, *title;
	int version;
	const char *decision;    /* "1048/QĐ-TTg" */
	const char *legal_basis; /* "1048/QĐ-TTg, 781/QĐ-TTg (2020)" for listings */
	const char *effective_from;
	const char *effective_until; /* NULL: still in force */
	bool is_shipped;
	/* Sheets: their framework, resolved by the registry. */
	const char *framework_id;
	const struct criteria_set *framework;
	const char *product_group, *product_set;
	struct criteria_part parts[CRITERIA_MAX_PARTS];
	size_t n_parts;
	struct criteria_item *items;
	size_t n_items;
	struct criteria_mandatory *mandatory;
	size_t n_mandatory;
	/* Frameworks: bands (highest first) and product sets. */
	struct criteria_band bands[CRITERIA_MAX_STARS];
	size_t n_bands;
	int certifiable_min_stars;
	struct criteria_product_set *psets;
	size_t n_psets;
	size_t n_groups;
};

/*
 * Parses a set and checks everything that needs only the set itself: types,
 * required fields, unknown keys, codes, options within the maximum, each
 * part's criteria adding up to the part's maximum, conditions and mandatory
 * rules naming known criteria.  Returns a new set (free with
 * criteria_set_free) or NULL with the reason in err.  Duplicate JSON keys
 * are refused.
 */
struct criteria_set *criteria_set_parse(const char *json, size_t len, char *err, size_t errlen);

/*
 * Checks a sheet against its framework (a framework passes NULL): same parts
 * and maxima, a known product group and product set.  Sets s->framework.
 * Returns 0, or -1 with the reason in err.
 */
int criteria_set_validate(struct criteria_set *s, const struct criteria_set *framework, char *err,
                          size_t errlen);

void criteria_set_free(struct criteria_set *s);

/* The set's JSON, as `criteria load` accepts it.  New reference. */
json_t *criteria_set_to_json(const struct criteria_set *s);

/* Index of the criterion with this code, or -1. */
long criteria_set_find_item(const struct criteria_set *s, const char *code);

/* Stars of the band holding total (bands of the set's framework). */
int criteria_stars(const struct criteria_set *s, int total);

/*
 * The registry: shipped sets and sets loaded at run time.  Sets are never
 * removed or changed once added, so pointers stay valid until release.  One
 * writer at a time (the caller serialises adds); lookups may run on other
 * threads while a set is added.
 */
struct criteria_registry {
	struct criteria_set *sets[CRITERIA_REGISTRY_MAX];
	atomic_size_t n;
};

/*
 * Loads every embedded data/criteria/ JSON files, frameworks first.  A shipped
 * file that fails validation is a build error: returns -1 with the reason.
 */
int criteria_registry_init(struct criteria_registry *r, char *err, size_t errlen);
void criteria_registry_release(struct criteria_registry *r);

/*
 * Validates a set (a sheet's framework must be registered) and adds it.  A
 * set whose id is registered replaces it only with a higher version; the
 * older one stays reachable through criteria_registry_find_version.  On any
 * error nothing changes: a malformed set never replaces a good one.
 * Returns 0, or -1 with the reason in err.  The registry copies nothing from
 * json after returning.
 */
int criteria_registry_add_json(struct criteria_registry *r, const char *json, size_t len, char *err,
                               size_t errlen);

/* The highest version with this id, or NULL.  Borrowed. */
const struct criteria_set *criteria_registry_find(const struct criteria_registry *r,
                                                  const char *id);
const struct criteria_set *criteria_registry_find_version(const struct criteria_registry *r,
                                                          const char *id, int version);
/* Every registered set, in order of registration, older versions included. */
size_t criteria_registry_count(const struct criteria_registry *r);
const struct criteria_set *criteria_registry_get(const struct criteria_registry *r, size_t i);

/*
 * Answers: choice[i] is the 1-based position of the option chosen for
 * s->items[i], 0 when not answered.
 *
 * criteria_answers_parse reads {"1.1": 2, ...}; the array (s->n_items ints)
 * is allocated in a.  Refuses duplicate keys, unknown codes, positions out
 * of range, and applicable criteria left unanswered (unless a knock-out
 * option was chosen, which ends the evaluation).  Returns 0 or -1 with err.
 */
int criteria_answers_parse(struct arena *a, const struct criteria_set *s, const char *json,
                           size_t len, int **choice, char *err, size_t errlen);
/* The same checks on an array built elsewhere (a web form). */
int criteria_answers_validate(const struct criteria_set *s, const int *choice, char *err,
                              size_t errlen);

enum criteria_outcome { CRITERIA_RATED, CRITERIA_ELIMINATED, CRITERIA_STOPPED };

enum criteria_block_kind { CRITERIA_BLOCK_KNOCKOUT, CRITERIA_BLOCK_MANDATORY };

/* A knock-out option chosen, or a mandatory criterion not met. */
struct criteria_block {
	enum criteria_block_kind kind;
	size_t item;
	enum criteria_knockout effect; /* knock-outs */
	const char *reason;            /* knock-outs */
	int stars;                     /* mandatory: the level it guards */
	int min_points;                /* mandatory */
	bool is_capping;               /* mandatory: lowers the rating now */
};

/* "What to fix first": move item from option `from` to option `to`. */
struct criteria_fix {
	size_t item;
	size_t from, to; /* 1-based positions */
	int gain;        /* points won */
	int effort;      /* the criterion's effort, 1..3 */
	bool unblocks;   /* clears a knock-out or a capping mandatory rule */
};

struct criteria_result {
	const struct criteria_set *set;
	const int *choice;
	int part_points[CRITERIA_MAX_PARTS];
	int total;
	int band_stars; /* stars the total alone earns */
	int stars;      /* after knock-outs and mandatory caps; 0 when not rated */
	bool is_certifiable;
	enum criteria_outcome outcome;
	bool *is_applicable; /* per item */
	struct criteria_block *blocks;
	size_t n_blocks;
	struct criteria_fix *fixes; /* ranked, best first */
	size_t n_fixes;
};

/*
 * Scores valid answers (checked again here) against a sheet.  Arrays in r
 * are allocated in a; r->choice borrows choice.  Returns 0 or -1 with err.
 */
int criteria_score(struct arena *a, const struct criteria_set *s, const int *choice,
                   struct criteria_result *r, char *err, size_t errlen);

/* The result as JSON (docs/CRITERIA.md, "Score output").  New reference. */
json_t *criteria_result_to_json(const struct criteria_result *r);

#endif
