/*
 * registration.c: validation, insert and look-up of registrations (see
 * registration.h).
 *
 * Duplicates: one registration per (series, e-mail compared without case).
 * The unique index decides, not a read before the write, so a double click
 * or two tabs still end as one row whatever the timing.
 */
#include "domain/registration.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/contact.h"
#include "domain/province.h"
#include "domain/series.h"
#include "domain/outbox.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

const struct reg_category reg_categories[] = {
	{"province_official", N_("Cán bộ quản lý cấp tỉnh"), false},
	{"district_official", N_("Cán bộ quản lý cấp huyện"), true},
	{"commune_official", N_("Cán bộ quản lý cấp xã"), false},
	{"enterprise", N_("Doanh nghiệp"), false},
	{"cooperative", N_("Hợp tác xã"), false},
	{"cooperative_group", N_("Tổ hợp tác"), false},
	{"household", N_("Hộ sản xuất, kinh doanh"), false},
	{"other", N_("Khác"), false},
};
const size_t reg_ncategories = sizeof(reg_categories) / sizeof(reg_categories[0]);

const struct reg_category *reg_category_find(const char *code)
{
	for (size_t i = 0; i < reg_ncategories; i++)
		if (strcmp(reg_categories[i].code, code) == 0)
			return &reg_categories[i];
	return NULL;
}

/* A single-line text field: clean UTF-8, NFC, spaces squeezed, within max
 * characters.  Returns the value or NULL with *msg set. */
static const char *reg_text(struct arena *a, const char *v, size_t max, bool required,
			    const char **msg)
{
	if (!v)
		v = "";
	/* Bytes, before NFC: a decomposed letter can take up to ~10 bytes. */
	if (strlen(v) > max * 12 + 64) {
		*msg = _("Quá dài.");
		return NULL;
	}
	char *s = utf8_nfc(a, v, strlen(v), true);
	if (!s) {
		*msg = _("Có ký tự không hợp lệ.");
		return NULL;
	}
	if (required && !*s) {
		*msg = _("Xin điền mục này.");
		return NULL;
	}
	if (utf8_length(s, strlen(s)) > max) {
		*msg = arena_printf(a, _("Tối đa %zu ký tự."), max);
		return NULL;
	}
	return s;
}

json_t *reg_validate(struct arena *a, const struct reg_raw *raw, struct reg_input *in)
{
	json_t *errors = json_object();
	const char *msg = NULL;
	char buf[EMAIL_MAX + 1];

#define REG_FAIL(field, m) json_object_set_new(errors, field, json_string(m))
	in->full_name = reg_text(a, raw->full_name, REG_NAME_MAX, true, &msg);
	if (!in->full_name)
		REG_FAIL("full_name", msg);
	else if (!(in->name_fold = utf8_fold(a, in->full_name, strlen(in->full_name))))
		REG_FAIL("full_name", _("Có ký tự không hợp lệ."));

	const char *email = reg_text(a, raw->email, EMAIL_MAX, true, &msg);
	if (!email)
		REG_FAIL("email", msg);
	else if (!email_canonical(email, buf))
		REG_FAIL("email", _("Địa chỉ e-mail không hợp lệ, ví dụ đúng: ten@example.com."));
	else {
		in->email = email;
		in->email_norm = arena_strdup(a, buf);
	}

	char phone[PHONE_MAX];
	const char *p = reg_text(a, raw->phone, PHONE_MAX, true, &msg);
	if (!p)
		REG_FAIL("phone", msg);
	else if (!phone_canonical(p, phone))
		REG_FAIL("phone", _("Số điện thoại không hợp lệ, ví dụ đúng: 0912 345 678."));
	else
		in->phone = arena_strdup(a, phone);

	const char *prov = raw->province_code ? raw->province_code : "";
	if (!*prov)
		REG_FAIL("province_code", _("Xin chọn tỉnh, thành phố."));
	else if (!province_find(prov))
		REG_FAIL("province_code", _("Tỉnh, thành phố không có trong danh sách."));
	else
		in->province_code = arena_strdup(a, prov);

	const char *cat = raw->category ? raw->category : "";
	const struct reg_category *c = reg_category_find(cat);
	if (!*cat)
		REG_FAIL("category", _("Xin chọn đối tượng tham gia."));
	else if (!c || (c->legacy && !in->allow_legacy))
		REG_FAIL("category", _("Đối tượng tham gia không có trong danh sách."));
	else
		in->category = c->code;

	if (!(in->organization = reg_text(a, raw->organization, REG_ORG_MAX, false, &msg)))
		REG_FAIL("organization", msg);
	if (!(in->position = reg_text(a, raw->position, REG_POSITION_MAX, false, &msg)))
		REG_FAIL("position", msg);
	in->consent = raw->consent;
#undef REG_FAIL
	if (json_object_size(errors) == 0) {
		json_decref(errors);
		return NULL;
	}
	return errors;
}

void reg_new_token(char *out, size_t n)
{
	unsigned char raw[16]; /* 128 bits */

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, n, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool reg_token_is_wellformed(const char *t)
{
	size_t n = 0;

	for (; t[n]; n++)
		if (!((t[n] >= 'a' && t[n] <= 'z') || (t[n] >= 'A' && t[n] <= 'Z') ||
		      (t[n] >= '0' && t[n] <= '9') || t[n] == '-' || t[n] == '_') ||
		    n > 22)
			return false;
	return n == 22;
}

static int reg_find_existing(struct db *db, struct reg_input *in)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, token, phone FROM registrations "
					    "WHERE series_id = $1 AND email_norm = $2");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, in->series_id);
	db_bind_text(st, 2, in->email_norm);
	rc = db_step(st);
	if (rc == DB_ROW) {
		in->id = db_col_int(st, 0);
		snprintf(in->token, sizeof(in->token), "%s", db_col_text(st, 1));
		snprintf(in->existing_phone, sizeof(in->existing_phone), "%s", db_col_text(st, 2));
		rc = DB_CONFLICT;
	} else {
		rc = DB_ERROR;
	}
	db_done(st);
	return rc;
}

int reg_insert(struct db *db, void *arg)
{
	struct reg_input *in = arg;
	struct db_stmt *st;
	int rc;

	if (in->capacity > 0) {
		int64_t n = 0;
		st = db_prepare(db, "SELECT COUNT(*) FROM registrations WHERE series_id = $1 "
				    "AND status = 'active'");
		if (!st)
			return DB_ERROR;
		db_bind_int(st, 1, in->series_id);
		if (db_one_int(st, &n) != DB_OK)
			return DB_ERROR;
		if (n >= in->capacity) {
			rc = reg_find_existing(db, in);
			return rc == DB_CONFLICT ? rc : DB_NOTFOUND;
		}
	}
	if (!in->token[0])
		reg_new_token(in->token, sizeof(in->token));
	st = db_prepare(db, "INSERT INTO registrations (series_id, token, full_name, name_fold, "
			    "email, email_norm, phone, province_code, category, organization, "
			    "position, consent, consent_at, source, created_at) VALUES ($1, $2, "
			    "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) "
			    "ON CONFLICT (series_id, email_norm) DO NOTHING RETURNING id");
	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, in->series_id);
	db_bind_text(st, 2, in->token);
	db_bind_text(st, 3, in->full_name);
	db_bind_text(st, 4, in->name_fold);
	db_bind_text(st, 5, in->email);
	db_bind_text(st, 6, in->email_norm);
	db_bind_text(st, 7, in->phone);
	db_bind_text(st, 8, in->province_code);
	db_bind_text(st, 9, in->category);
	db_bind_text(st, 10, in->organization);
	db_bind_text(st, 11, in->position);
	db_bind_int(st, 12, in->consent);
	if (in->consent)
		db_bind_int(st, 13, in->now);
	else
		db_bind_null(st, 13);
	db_bind_text(st, 14, in->source ? in->source : "web");
	db_bind_int(st, 15, in->now);
	rc = db_step(st);
	if (rc == DB_ROW) {
		in->id = db_col_int(st, 0);
		db_done(st);
		series_count_forget(in->series_id);
		if (!in->mail)
			return DB_OK;
		/* The confirmation leaves with the registration or not at all.
		 * Any failure is DB_ERROR: the row is in, and only DB_ERROR
		 * tells the writer that the job left work to undo. */
		in->mail->registration_id = in->id;
		return outbox_queue(db, in->mail, in->mail_host, in->now) == DB_OK ? DB_OK
										  : DB_ERROR;
	}
	db_done(st);
	if (rc == DB_DONE || rc == DB_CONFLICT)
		return reg_find_existing(db, in);
	return DB_ERROR;
}

int reg_fts_flush(struct db *db)
{
	struct db_stmt *st;
	int64_t pending = 0;

	if (db_backend(db) != DB_SQLITE)
		return DB_OK;
	/* Most batches have nothing to index (submissions, console edits):
	 * one look at an empty table, and the index is not touched. */
	st = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM registrations_fts_pending)");
	if (!st || db_one_int(st, &pending) != DB_OK)
		return DB_ERROR;
	if (!pending)
		return DB_OK;
	st = db_prepare(db, "INSERT INTO registrations_fts (rowid, name_fold, email_norm, phone) "
			    "SELECT r.id, r.name_fold, r.email_norm, r.phone FROM "
			    "registrations_fts_pending p JOIN registrations r ON r.id = p.id");
	if (!st || db_run(st) != DB_OK)
		return DB_ERROR;
	st = db_prepare(db, "DELETE FROM registrations_fts_pending");
	if (!st || db_run(st) != DB_OK)
		return DB_ERROR;
	return DB_OK;
}

json_t *reg_find_by_token(struct db *db, const char *token)
{
	struct db_stmt *st;
	json_t *o = NULL;

	if (!reg_token_is_wellformed(token))
		return NULL;
	st = db_prepare(db, "SELECT id, series_id, full_name, email, phone, province_code, "
			    "category, organization, position, status, created_at, token "
			    "FROM registrations WHERE token = $1");
	if (!st)
		return NULL;
	db_bind_text(st, 1, token);
	if (db_step(st) == DB_ROW)
		o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "id",
			      (json_int_t)db_col_int(st, 0), "series_id",
			      (json_int_t)db_col_int(st, 1), "full_name", db_col_text(st, 2),
			      "email", db_col_text(st, 3), "phone", db_col_text(st, 4),
			      "province_code", db_col_text(st, 5), "category", db_col_text(st, 6),
			      "organization", db_col_text(st, 7), "position", db_col_text(st, 8),
			      "status", db_col_text(st, 9), "created_at",
			      (json_int_t)db_col_int(st, 10), "token", db_col_text(st, 11));
	db_done(st);
	return o;
}

int reg_lookup(struct db *db, const char *token, int64_t *id, int64_t *series_id)
{
	struct db_stmt *st;
	int rc;

	if (!reg_token_is_wellformed(token))
		return DB_NOTFOUND;
	st = db_prepare(db, "SELECT id, series_id FROM registrations WHERE token = $1 AND "
			    "status = 'active'");
	if (!st)
		return DB_ERROR;
	db_bind_text(st, 1, token);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		*series_id = db_col_int(st, 1);
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

/* Fills out from a row of id, series_id, created_at, token, full_name. */
static int reg_brief_step(struct db_stmt *st, struct arena *a, struct reg_brief *out)
{
	int rc = db_step(st);

	if (rc == DB_ROW) {
		out->id = db_col_int(st, 0);
		out->series_id = db_col_int(st, 1);
		out->created_at = db_col_int(st, 2);
		snprintf(out->token, sizeof(out->token), "%s", db_col_text(st, 3));
		out->full_name = a ? arena_strdup(a, db_col_text(st, 4)) : NULL;
	}
	db_done(st);
	return rc == DB_ROW ? DB_OK : rc == DB_DONE ? DB_NOTFOUND : DB_ERROR;
}

int reg_brief_by_email(struct db *db, struct arena *a, int64_t series_id, const char *email_norm,
		       struct reg_brief *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, series_id, created_at, token, full_name "
					    "FROM registrations WHERE series_id = $1 AND "
					    "email_norm = $2 AND status = 'active'");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, series_id);
	db_bind_text(st, 2, email_norm);
	return reg_brief_step(st, a, out);
}

int reg_brief_by_id(struct db *db, struct arena *a, int64_t id, struct reg_brief *out)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, series_id, created_at, token, full_name "
					    "FROM registrations WHERE id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, id);
	return reg_brief_step(st, a, out);
}

int64_t reg_id_by_email(struct db *db, int64_t series_id, const char *email)
{
	char norm[EMAIL_MAX + 1];
	int64_t id = 0;
	struct db_stmt *st;

	if (!email_canonical(email, norm))
		return 0;
	st = db_prepare(db, "SELECT id FROM registrations WHERE series_id = $1 AND email_norm = $2");
	if (!st)
		return 0;
	db_bind_int(st, 1, series_id);
	db_bind_text(st, 2, norm);
	return db_one_int(st, &id) == DB_OK ? id : 0;
}
