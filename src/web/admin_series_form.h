/*
 * admin_series_form.h: the series form (create and edit) shared by
 * admin_series.c: reading it into a struct series_input, and showing it.
 */
#ifndef OCOP_ADMIN_SERIES_FORM_H
#define OCOP_ADMIN_SERIES_FORM_H

#include <jansson.h>

struct req;
struct form;
struct series;
struct series_input;

#define SERIES_TITLE_MAX       200
#define SERIES_DESCRIPTION_MAX 5000
#define SERIES_CAPACITY_MAX    1000000

/* Fills `in` from the posted fields and files; errors go into f. */
void series_form_parse(struct form *f, struct series_input *in);
/* Renders templates/admin_series_form.html: s NULL for "new".  values
 * and errors are borrowed; existing is the snapshot (for logos), may be
 * NULL. */
void series_form_render(struct req *r, unsigned status, const struct series *s, json_t *values,
                        json_t *errors, json_t *existing);
/* The snapshot of a series as form values (caller owns). */
json_t *series_form_values(json_t *snapshot);

#endif
