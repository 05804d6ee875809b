/*
 * ocop_form.h: the self-assessment form as the engine sees it.  Turns the
 * posted (name, value) pairs into a product description, the choice array
 * of criteria.h and the dossier documents ticked, refusing with the exact
 * reason anything that does not belong to the set; and moves answers and
 * dossier between that form and their stored JSON text.
 *
 * Field names: product_name, product_set, producer, province_code; one
 * "c:CODE" per criterion whose value is an option id "CODE:N" (N the
 * 1-based option position); "doc" once per document ticked, valued with
 * its 1-based position in ocop_dossier_list().  Other names are ignored.
 * Pure: no SQL, no HTTP.
 */
#ifndef OCOP_FORM_H
#define OCOP_FORM_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct criteria_set;

#define OCOP_TEXT_MAX 200 /* characters of a product field */

struct ocop_form {
	const char *product_name, *product_set, *producer, *province_code;
	int *choice;   /* s->n_items, 0 when not answered */
	bool *has_doc; /* n_docs */
	size_t n_docs;
};

/*
 * The documents of the set's dossier: every evidence document its criteria
 * name, once each, in sheet order.  Allocated in a; *n gets the count.
 */
const char **ocop_dossier_list(struct arena *a, const struct criteria_set *s, size_t *n);

/*
 * Reads the n posted pairs into f (arrays allocated in a).  Returns 0, or
 * -1 with the reason (translated, for people) in err: a criterion answered
 * twice, an option id that is not of its criterion or does not exist, an
 * unknown criterion, a document ticked twice or unknown, a text field too
 * long or not clean UTF-8, an unknown province.  Unanswered criteria are
 * not an error here (progress may be saved); see ocop_form_missing().
 */
int ocop_form_parse(struct arena *a, const struct criteria_set *s, const char *const *names,
                    const char *const *values, size_t n, struct ocop_form *f, char *err,
                    size_t errlen);

/*
 * Marks in missing[] (s->n_items) the applicable criteria left unanswered,
 * and returns their count; 0 once a knock-out option was chosen, since that
 * ends the evaluation.
 */
size_t ocop_form_missing(const struct criteria_set *s, const int *choice, bool *missing);

/* The stored texts: answers {"1.1": 3, ...} and dossier [1, 4].  Arena. */
const char *ocop_answers_text(struct arena *a, const struct criteria_set *s, const int *choice);
const char *ocop_dossier_text(struct arena *a, const bool *has_doc, size_t n_docs);

/*
 * Reads stored texts back into f->choice and f->has_doc (allocated in a).
 * Entries that no longer fit the set are dropped: stored text was written
 * by ocop_answers_text for this very set version.
 */
void ocop_form_load(struct arena *a, const struct criteria_set *s, const char *answers,
                    const char *dossier, struct ocop_form *f);

#endif
