/*
 * reg_import.c: see reg_import.h.  The rows of a batch are read and
 * validated on the calling thread, into an arena released after the
 * batch; only the writes run in the write job, so the writer thread is
 * busy for the inserts alone.
 */
#include "domain/reg_import.h"
#include "core/arena.h"
#include "core/csvread.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/reg_map.h"
#include "domain/registration.h"

#include <stdlib.h>
#include <string.h>

/* True when the row has no field or only empty ones. */
static bool reg_import_blank(const char *const *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (f[i][strspn(f[i], " \t")])
			return false;
	return true;
}

int reg_import_check(struct reg_map *m, struct arena *a, const char *data, size_t len,
		     size_t *rows, const char **msg)
{
	const char *fields[CSVREAD_MAX_FIELDS];
	struct csvread c;
	size_t n, bad, line = 1;
	int rc;

	*rows = 0;
	if (len == 0) {
		*msg = _("Tệp trống.");
		return -1;
	}
	bad = utf8_valid_len(data, len);
	if (bad < len || (len >= 2 && ((unsigned char)data[0] == 0xff ||
				       (unsigned char)data[0] == 0xfe))) {
		for (size_t i = 0; i < bad; i++)
			line += data[i] == '\n';
		*msg = arena_printf(a, _("Tệp không phải mã UTF-8 (lỗi ở dòng %zu). Hãy lưu lại "
					 "dưới dạng CSV UTF-8 (trong Excel: Lưu thành → CSV UTF-8; "
					 "Google Trang tính: Tải xuống → CSV) rồi gửi lại."),
				    line);
		return -1;
	}
	csvread_init(&c, data, len, csvread_sniff(data, len));
	if (csvread_next(&c, a, fields, &n) != CSVREAD_ROW || reg_import_blank(fields, n)) {
		*msg = _("Dòng đầu của tệp phải là dòng tiêu đề (Họ và tên, Địa chỉ email, ...).");
		return -1;
	}
	const char *missing;
	if (reg_map_header(m, a, fields, n, &missing) != 0) {
		*msg = arena_printf(a, _("Tệp thiếu cột: %s."), missing);
		return -1;
	}
	while ((rc = csvread_next(&c, NULL, fields, &n)) == CSVREAD_ROW)
		*rows += n > 1 || (n == 1 && *fields[0]);
	if (rc == CSVREAD_UNCLOSED) {
		*msg = arena_printf(a, _("Dòng %zu: dấu ngoặc kép (\") mở mà không đóng. Tệp chưa "
					 "được nhập; hãy sửa rồi gửi lại."),
				    c.row);
		return -1;
	}
	if (rc == CSVREAD_TOO_LONG) {
		*msg = arena_printf(a, _("Dòng %zu dài quá %u byte. Tệp chưa được nhập."), c.row,
				    CSVREAD_MAX_RECORD);
		return -1;
	}
	if (*rows > REG_IMPORT_MAX_ROWS) {
		*msg = arena_printf(a, _("Tệp có %zu dòng, nhiều hơn giới hạn %d dòng mỗi lần nhập. "
					 "Tệp chưa được nhập; hãy chia thành nhiều tệp."),
				    *rows, REG_IMPORT_MAX_ROWS);
		return -1;
	}
	if (*rows == 0) {
		*msg = _("Tệp không có dòng dữ liệu nào.");
		return -1;
	}
	return 0;
}

struct reg_import_batch {
	struct reg_import *imp;
	struct reg_input *in[REG_IMPORT_BATCH];
	size_t n, rows, rejected; /* rows read and rejected in this batch */
	size_t imported, merged, filled;
};

/* Fills the empty fields of the existing registration; DB_ROW if it did. */
static int reg_import_fill(struct db *db, const struct reg_input *in)
{
	struct db_stmt *st = db_prepare(
		db, "UPDATE registrations SET "
		    "organization = CASE WHEN organization = '' THEN $2 ELSE organization END, "
		    "position = CASE WHEN position = '' THEN $3 ELSE position END, "
		    "consent_at = CASE WHEN consent = 0 AND $4 = 1 THEN $5 ELSE consent_at END, "
		    "consent = CASE WHEN consent = 0 AND $4 = 1 THEN 1 ELSE consent END, "
		    "updated_at = $5 WHERE id = $1 AND ((organization = '' AND $2 <> '') OR "
		    "(position = '' AND $3 <> '') OR (consent = 0 AND $4 = 1)) RETURNING id");
	int rc;

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, in->id);
	db_bind_text(st, 2, in->organization);
	db_bind_text(st, 3, in->position);
	db_bind_int(st, 4, in->consent);
	db_bind_int(st, 5, in->now);
	rc = db_step(st);
	db_done(st);
	return rc;
}

static int reg_import_progress_row(struct db *db, const struct reg_import_batch *b)
{
	const struct reg_import *imp = b->imp;
	struct db_stmt *st = db_prepare(db, "UPDATE import_jobs SET done = $2, imported = $3, "
					    "merged = $4, rejected = $5, updated_at = $6 "
					    "WHERE id = $1");

	if (!st)
		return DB_ERROR;
	db_bind_int(st, 1, imp->job_id);
	db_bind_int(st, 2, (int64_t)(imp->done + b->rows));
	db_bind_int(st, 3, (int64_t)(imp->imported + b->imported));
	db_bind_int(st, 4, (int64_t)(imp->merged + b->merged));
	db_bind_int(st, 5, (int64_t)(imp->rejected + b->rejected));
	db_bind_int(st, 6, imp->now);
	return db_run(st);
}

/* The write job: one batch, and the progress row, in one transaction. */
static int reg_import_write(struct db *db, void *arg)
{
	struct reg_import_batch *b = arg;

	b->imported = b->merged = b->filled = 0;
	for (size_t i = 0; i < b->n; i++) {
		int rc = reg_insert(db, b->in[i]);
		if (rc == DB_OK) {
			b->imported++;
			continue;
		}
		if (rc != DB_CONFLICT)
			return DB_ERROR;
		b->merged++;
		rc = reg_import_fill(db, b->in[i]);
		if (rc == DB_ROW)
			b->filled++;
		else if (rc != DB_DONE)
			return DB_ERROR;
	}
	if (b->imp->job_id && reg_import_progress_row(db, b) != DB_OK)
		return DB_ERROR;
	return DB_OK;
}

/* The cell of a field.  A spreadsheet cell may hold line breaks (a quoted
 * newline) where the web form's one-line fields cannot: they become spaces,
 * in place (the cell is the arena's copy), and validation squeezes them. */
static const char *reg_import_cell(const struct reg_map *m, const char *const *f, size_t n,
				   enum reg_col col)
{
	int i = m->col[col];

	if (i < 0 || (size_t)i >= n)
		return "";
	for (char *p = (char *)f[i]; (p = strpbrk(p, "\r\n\t"));)
		*p = ' ';
	return f[i];
}

static void reg_import_reject(struct reg_import *imp, size_t row, const char *reason)
{
	imp->rejected++;
	if (json_array_size(imp->rejects) < REG_IMPORT_MAX_REJECTS)
		json_array_append_new(imp->rejects,
				      json_pack("{s:I, s:s}", "row", (json_int_t)row, "reason", reason));
}

/* "Số điện thoại: ...; Tỉnh/Thành phố: ... ('Hà Tây')" from reg_validate's errors. */
static const char *reg_import_reasons(struct arena *a, json_t *errors, const char *province)
{
	static const struct {
		const char *field;
		enum reg_col col;
	} fields[] = {{"full_name", REG_COL_NAME},        {"email", REG_COL_EMAIL},
		      {"phone", REG_COL_PHONE},           {"province_code", REG_COL_PROVINCE},
		      {"category", REG_COL_CATEGORY},     {"organization", REG_COL_ORG},
		      {"position", REG_COL_POSITION}};
	const char *out = NULL;

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		const char *msg = json_string_value(json_object_get(errors, fields[i].field));
		if (!msg)
			continue;
		const char *part = arena_printf(a, "%s: %s", _(reg_col_labels[fields[i].col]), msg);
		if (fields[i].col == REG_COL_PROVINCE && *province)
			part = arena_printf(a, "%s ('%s')", part, province);
		out = out ? arena_printf(a, "%s; %s", out, part) : part;
	}
	return out ? out : _("Dữ liệu không hợp lệ.");
}

/* Validates one row; adds it to the batch or to the rejects. */
static void reg_import_row(struct reg_import *imp, struct reg_import_batch *b,
			   struct arena *a, const char *const *f, size_t n, size_t row)
{
	const struct reg_map *m = imp->map;
	const char *prov = reg_import_cell(m, f, n, REG_COL_PROVINCE);
	const char *old_name, *new_name;
	const char *code = reg_map_province(m, a, prov, &old_name, &new_name);
	struct reg_raw raw = {
		.full_name = reg_import_cell(m, f, n, REG_COL_NAME),
		.email = reg_import_cell(m, f, n, REG_COL_EMAIL),
		.phone = reg_import_cell(m, f, n, REG_COL_PHONE),
		.province_code = code ? code : prov,
		.category = reg_map_category(m, a, reg_import_cell(m, f, n, REG_COL_CATEGORY)),
		.organization = reg_import_cell(m, f, n, REG_COL_ORG),
		.position = reg_import_cell(m, f, n, REG_COL_POSITION),
		.consent = reg_map_yes(a, reg_import_cell(m, f, n, REG_COL_CONSENT)),
	};
	struct reg_input *in = arena_alloc(a, sizeof(*in));
	json_t *errors;

	in->series_id = imp->series_id;
	in->allow_legacy = imp->allow_legacy;
	in->capacity = 0;
	in->now = imp->now;
	in->source = "import";
	if ((errors = reg_validate(a, &raw, in))) {
		reg_import_reject(imp, row, reg_import_reasons(a, errors, code ? "" : prov));
		json_decref(errors);
		b->rejected++;
		return;
	}
	if (old_name && new_name) {
		const char *k = arena_printf(a, "%s → %s", old_name, new_name);
		json_object_set_new(imp->notes, k,
				    json_integer(json_integer_value(json_object_get(imp->notes, k)) + 1));
	}
	b->in[b->n++] = in;
}

/* Writes the batch; adds its counts once it is committed. */
static int reg_import_flush(struct reg_import *imp, struct reg_import_batch *b)
{
	if (b->rows == 0)
		return 0;
	if (imp->run(imp->ctx, reg_import_write, b) != DB_OK) {
		imp->error = N_("Lỗi khi ghi vào cơ sở dữ liệu; các dòng trước đó đã được lưu. Hãy "
				"nhập lại cùng tệp để hoàn tất (dòng đã có sẽ không bị nhân đôi).");
		return -1;
	}
	imp->done += b->rows;
	imp->imported += b->imported;
	imp->merged += b->merged;
	imp->filled += b->filled;
	b->n = b->rows = b->rejected = 0;
	if (imp->progress)
		imp->progress(imp->ctx, imp);
	return 0;
}

int reg_import_run(struct reg_import *imp, const char *data, size_t len)
{
	const char *fields[CSVREAD_MAX_FIELDS];
	struct reg_import_batch *b = xcalloc(1, sizeof(*b));
	struct csvread c;
	struct arena a;
	size_t n;
	int rc = -1;

	imp->rejects = json_array();
	imp->notes = json_object();
	b->imp = imp;
	arena_init(&a);
	csvread_init(&c, data, len, csvread_sniff(data, len));
	if (csvread_next(&c, NULL, fields, &n) != CSVREAD_ROW)
		goto out;
	while (csvread_next(&c, &a, fields, &n) == CSVREAD_ROW) {
		if (reg_import_blank(fields, n))
			continue;
		b->rows++;
		reg_import_row(imp, b, &a, fields, n, c.row);
		if (b->rows == REG_IMPORT_BATCH) {
			if (reg_import_flush(imp, b) != 0)
				goto out;
			arena_release(&a);
			arena_init(&a);
			if (imp->stop && imp->stop(imp->ctx)) {
				imp->error = N_("Việc nhập bị dừng vì máy chủ tắt; các dòng trước đó "
						"đã được lưu. Hãy nhập lại cùng tệp để hoàn tất.");
				goto out;
			}
		}
	}
	if (reg_import_flush(imp, b) != 0)
		goto out;
	rc = 0;
out:
	arena_release(&a);
	free(b);
	return rc;
}

json_t *reg_import_report(const struct reg_import *imp)
{
	json_t *notes = json_array();
	const char *k;
	json_t *v;

	json_object_foreach(imp->notes, k, v)
	{
		json_array_append_new(
			notes, json_sprintf(_("%s (tên tỉnh trước 1/7/2025, ghi theo tên mới): %lld dòng"),
					    k, (long long)json_integer_value(v)));
	}
	json_t *rejects = imp->rejects ? json_incref(imp->rejects) : json_array();
	json_t *r = json_pack(
		"{s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:I, s:o}", "total", (json_int_t)imp->total,
		"done", (json_int_t)imp->done, "imported", (json_int_t)imp->imported, "merged",
		(json_int_t)imp->merged, "filled", (json_int_t)imp->filled, "rejected",
		(json_int_t)imp->rejected, "rejects", rejects,
		"rejects_more",
		(json_int_t)(imp->rejected - (imp->rejects ? json_array_size(imp->rejects) : 0)),
		"notes", notes);
	if (imp->error)
		json_object_set_new(r, "error", json_string(_(imp->error)));
	return r;
}

void reg_import_release(struct reg_import *imp)
{
	json_decref(imp->rejects);
	json_decref(imp->notes);
	imp->rejects = imp->notes = NULL;
}
