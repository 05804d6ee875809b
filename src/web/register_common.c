/*
 * register_common.c: see register_common.h.
 */
#include "web/register_common.h"
#include "core/i18n.h"
#include "domain/registration.h"
#include "domain/series.h"
#include "http/req.h"
#include "web/mail_compose.h"

#include <time.h>

json_t *register_prepare(struct req *r, const struct series *s, const struct reg_raw *raw,
			 struct reg_input *in, const char *source)
{
	in->series_id = s->id;
	in->allow_legacy = s->legacy_units;
	in->capacity = s->capacity;
	in->now = (int64_t)time(NULL);
	in->source = source;
	json_t *errors = reg_validate(&r->arena, raw, in);
	if (errors)
		return errors;
	/* The token is chosen here so that the confirmation can name it; the
	 * mail is queued in the same transaction as the registration. */
	reg_new_token(in->token, sizeof(in->token));
	in->mail = mail_confirmation(r, s, in->full_name, in->email, in->token);
	in->mail_host = mail_host(r);
	return NULL;
}

int register_find_series(struct req *r, struct series *s)
{
	switch (series_find(r->db, r->params[0], s)) {
	case DB_OK:
		return 0;
	case DB_NOTFOUND:
		req_error(r, 404, _("Không tìm thấy chuỗi tập huấn này."));
		return -1;
	default:
		req_error(r, 500, _("Lỗi hệ thống. Xin thử lại sau."));
		return -1;
	}
}
