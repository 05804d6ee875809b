/*
 * admin_form.h: reading console form fields into checked values, with a
 * Vietnamese message per field when a value is wrong.  A struct form
 * collects both the values as typed (to show the form again unchanged)
 * and the errors; the handler looks at form_ok() once at the end.
 * Everything returned lives in the request's arena.
 */
#ifndef OCOP_ADMIN_FORM_H
#define OCOP_ADMIN_FORM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct req;

struct form {
	struct req *r;
	json_t *values; /* name -> the text as sent (owned) */
	json_t *errors; /* name -> message (owned) */
};

enum { FORM_REQUIRED = 1, FORM_MULTILINE = 2 };

void form_init(struct form *f, struct req *r);
void form_release(struct form *f);
bool form_ok(const struct form *f);
void form_error(struct form *f, const char *name, const char *message);

/* Text, NFC, trimmed (inner white space squeezed unless FORM_MULTILINE),
 * at most max characters.  "" when empty and optional; NULL on error. */
const char *form_text(struct form *f, const char *name, size_t max, unsigned flags);
/* An http:// or https:// address of at most 500 bytes, or "" when empty. */
const char *form_url(struct form *f, const char *name, unsigned flags);
/* A date (yyyy-mm-dd or dd/mm/yyyy) in date_name and a time (HH:MM) in
 * time_name, Vietnam time, as Unix seconds; 0 when both are empty and
 * optional; -1 on error (reported under err_name, or date_name if NULL). */
int64_t form_datetime(struct form *f, const char *date_name, const char *time_name,
                      const char *err_name, unsigned flags);
/* A whole number in [min, max]; 0 when empty (optional); -1 on error. */
int64_t form_int(struct form *f, const char *name, int64_t min, int64_t max);

/* A positive id from a path segment, or 0. */
int64_t form_id(const char *s);
/* Unix seconds as the values of a date and a time input (yyyy-mm-dd,
 * HH:MM, Vietnam time), set into values under the two names. */
void form_set_datetime(json_t *values, const char *date_name, const char *time_name, int64_t t);

#endif
