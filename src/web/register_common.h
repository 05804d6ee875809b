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

/* Fills `in` for series `s` from `raw`; NULL when valid, else the field
 * errors (caller owns). */
json_t *register_prepare(struct req *r, const struct series *s, const struct reg_raw *raw,
			 struct reg_input *in, const char *source);

#endif
