/*
 * register_common.c: see register_common.h.
 */
#include "web/register_common.h"
#include "domain/registration.h"
#include "domain/series.h"
#include "http/req.h"

#include <time.h>

json_t *register_prepare(struct req *r, const struct series *s, const struct reg_raw *raw,
			 struct reg_input *in, const char *source)
{
	in->series_id = s->id;
	in->allow_legacy = s->legacy_units;
	in->capacity = s->capacity;
	in->now = (int64_t)time(NULL);
	in->source = source;
	return reg_validate(&r->arena, raw, in);
}
