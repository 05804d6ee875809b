/*
 * ocop_view.h: what the self-assessment pages share: reading the posted
 * form, the choice of criteria sheets, and the view models (JSON) of the
 * form and of the result.  The result model feeds both the HTML template
 * (ocop_result_body.html) and the PDF (render/pdf_assessment.c), so the two
 * always say the same thing.  No SQL here.
 */
#ifndef OCOP_VIEW_H_
#define OCOP_VIEW_H_

#include <jansson.h>
#include <stdbool.h>

#include "domain/criteria.h"
#include "domain/ocop_assess.h"
#include "domain/ocop_form.h"

struct req;

/* One /me/{token}/ocop/{id}: the registration, the assessment, its sheet
 * (the version it was started with) and its stored answers. */
struct ocop_page {
	json_t *reg; /* borrowed from the request arena */
	int64_t reg_id;
	struct ocop_assess a;
	const struct criteria_set *s;
	struct ocop_form f;
	const char *base; /* "/me/{token}/ocop" */
	const char *path; /* base + "/{id}" */
};

/* Loads the registration of r->params[0] (and, with_assessment, the
 * assessment r->params[1]).  Returns 0, or -1 with 404/500 answered. */
int ocop_page_load(struct req *r, struct ocop_page *pg, bool with_assessment);

/* The sheets a product can be assessed against (newest version of each),
 * `selected` (an id) marked.  New reference. */
json_t *ocop_view_sets(const struct criteria_registry *reg, const char *selected);

/* The sheet named by id and version (version 0: the newest), or NULL. */
const struct criteria_set *ocop_view_sheet(const struct req *r, const char *id, int version);

/* Reads the posted fields of r into f (ocop_form_parse); 0 or -1 with the
 * reason in err. */
int ocop_view_parse(struct req *r, const struct criteria_set *s, struct ocop_form *f, char *err,
                    size_t errlen);

/*
 * The form's model: the product, the parts with their criteria and options
 * (chosen ones checked), the dossier documents, the provinces, and when
 * mark_missing is set the unanswered criteria marked.  New reference.
 */
json_t *ocop_view_form(struct req *r, const struct criteria_set *s, const struct ocop_form *f,
                       bool mark_missing);

/*
 * The result's model: product, points per part with every criterion's
 * chosen option, total, stars, outcome, blockers, "what to fix first" with
 * the evidence, the dossier checklist.  date is Unix seconds.  New
 * reference.
 */
json_t *ocop_view_result(struct req *r, const struct criteria_set *s, const struct ocop_form *f,
                         const struct criteria_result *res, int64_t date);

/* "★★★☆☆" for stars out of 5. */
const char *ocop_view_stars(int stars);

#endif
