/*
 * register_common.h: what the form and the JSON API share before writing
 * a registration.
 */
#ifndef OCOP_REGISTER_COMMON_H
#define OCOP_REGISTER_COMMON_H

#include <jansson.h>

struct req;
struct series;
struct reg_raw;
struct reg_input;

/* The series of r->params[0]: 0, or -1 with the 404 (or 500) answered. */
int register_find_series(struct req *r, struct series *s);
/* Fills `in` for series `s` from `raw`; NULL when valid, else the field
 * errors (caller owns). */
json_t *register_prepare(struct req *r, const struct series *s, const struct reg_raw *raw,
			 struct reg_input *in, const char *source);

#endif
