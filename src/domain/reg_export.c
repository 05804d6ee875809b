/*
 * reg_export.c: see reg_export.h.  First pass: id and name of every
 * registration, a collation key of "given-name rest-of-name" for each,
 * sorted.  Second pass: each row by id, in that order, to the writer.
 */
#include "domain/reg_export.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/utf8.h"
#include "core/vtime.h"
#include "db/db.h"
#include "domain/contact.h"
#include "domain/province.h"
#include "domain/registration.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>
#include <xlsxwriter.h>

#define REG_EXPORT_COLS 10

static const char *const reg_export_heads[REG_EXPORT_COLS] = {
	N_("STT"),          N_("Họ và tên"),       N_("Địa chỉ email"), N_("Số điện thoại"),
	N_("Tỉnh/Thành phố"), N_("Đối tượng"),      N_("Đơn vị công tác"), N_("Chức vụ"),
	N_("Thời điểm đăng ký"), N_("Trạng thái"),
};

struct reg_export_item {
	int64_t id;
	uint32_t key_off, key_len;
};

struct reg_export_order {
	struct reg_export_item *items;
	size_t n;
	uint8_t *keys;
	size_t keys_len, keys_cap;
	size_t width[REG_EXPORT_COLS]; /* widest cell, in characters */
};

static int reg_export_cmp(const void *a, const void *b, void *ctx)
{
	const struct reg_export_item *x = a, *y = b;
	const uint8_t *keys = ctx;
	size_t n = x->key_len < y->key_len ? x->key_len : y->key_len;
	int c = memcmp(keys + x->key_off, keys + y->key_off, n);

	if (c)
		return c;
	if (x->key_len != y->key_len)
		return x->key_len < y->key_len ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* "Nguyễn Thị Cơ" -> "Cơ Nguyễn Thị": the given name leads. */
static char *reg_export_given_first(struct arena *a, const char *name)
{
	const char *sp = strrchr(name, ' ');

	if (!sp)
		return arena_strdup(a, name);
	return arena_printf(a, "%s %.*s", sp + 1, (int)(sp - name), name);
}

/* Appends the collation key of name for item it. */
static int reg_export_key(struct reg_export_order *o, UCollator *coll, struct arena *a,
			  const char *name, struct reg_export_item *it)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar u[512];
	int32_t ulen = 0;

	u_strFromUTF8(u, 512, &ulen, reg_export_given_first(a, name), -1, &err);
	if (U_FAILURE(err) || ulen > 512)
		return -1;
	for (;;) {
		size_t room = o->keys_cap - o->keys_len;
		int32_t n = ucol_getSortKey(coll, u, ulen, o->keys + o->keys_len, (int32_t)room);
		if (n <= 0)
			return -1;
		if ((size_t)n <= room) {
			it->key_off = (uint32_t)o->keys_len;
			it->key_len = (uint32_t)n;
			o->keys_len += (size_t)n;
			return 0;
		}
		o->keys_cap = o->keys_cap * 2 + (size_t)n;
		o->keys = xrealloc(o->keys, o->keys_cap);
	}
}

static void reg_export_width(struct reg_export_order *o, int col, const char *s)
{
	size_t n = utf8_length(s, strlen(s));

	if (n > o->width[col])
		o->width[col] = n;
}

/* The ids of the series in official order.  0 or -1. */
static int reg_export_sort(struct db *db, int64_t series_id, struct reg_export_order *o)
{
	struct db_stmt *st = db_prepare(db, "SELECT id, full_name, email, organization, position "
					    "FROM registrations WHERE series_id = $1");
	UErrorCode err = U_ZERO_ERROR;
	UCollator *coll = ucol_open("vi", &err);
	size_t cap = 1024;
	int rc = -1, step;
	struct arena a;

	memset(o, 0, sizeof(*o));
	if (!st || U_FAILURE(err)) {
		log_error("export: %s", st ? u_errorName(err) : "cannot prepare");
		db_done(st);
		ucol_close(coll);
		return -1;
	}
	arena_init(&a);
	o->items = xmalloc(cap * sizeof(*o->items));
	o->keys_cap = 64 * cap;
	o->keys = xmalloc(o->keys_cap);
	db_bind_int(st, 1, series_id);
	while ((step = db_step(st)) == DB_ROW) {
		if (o->n == cap) {
			cap *= 2;
			o->items = xrealloc(o->items, cap * sizeof(*o->items));
		}
		struct reg_export_item *it = &o->items[o->n];
		it->id = db_col_int(st, 0);
		if (reg_export_key(o, coll, &a, db_col_text(st, 1), it) != 0)
			break;
		o->n++;
		reg_export_width(o, 1, db_col_text(st, 1));
		reg_export_width(o, 2, db_col_text(st, 2));
		reg_export_width(o, 6, db_col_text(st, 3));
		reg_export_width(o, 7, db_col_text(st, 4));
		if (o->n % 4096 == 0) {
			arena_release(&a);
			arena_init(&a);
		}
	}
	db_done(st);
	if (step == DB_DONE) {
		qsort_r(o->items, o->n, sizeof(*o->items), reg_export_cmp, o->keys);
		rc = 0;
	}
	arena_release(&a);
	ucol_close(coll);
	return rc;
}

static void reg_export_order_release(struct reg_export_order *o)
{
	free(o->items);
	free(o->keys);
}

/* One row's cells, display forms, in the arena. */
static int reg_export_row(struct db *db, struct arena *a, int64_t id, const char **cells)
{
	struct db_stmt *st = db_prepare(db, "SELECT full_name, email, phone, province_code, "
					    "category, organization, position, created_at, status "
					    "FROM registrations WHERE id = $1");
	char d[32], t[16];
	char *phone = arena_alloc(a, PHONE_MAX);

	if (!st)
		return -1;
	db_bind_int(st, 1, id);
	if (db_step(st) != DB_ROW) {
		db_done(st);
		return -1;
	}
	const struct province *p = province_find(db_col_text(st, 3));
	const struct reg_category *c = reg_category_find(db_col_text(st, 4));
	int64_t at = db_col_int(st, 7);
	phone_local(db_col_text(st, 2), phone);
	cells[1] = arena_strdup(a, db_col_text(st, 0));
	cells[2] = arena_strdup(a, db_col_text(st, 1));
	cells[3] = phone;
	cells[4] = p ? p->name : arena_strdup(a, db_col_text(st, 3));
	cells[5] = c ? _(c->label) : arena_strdup(a, db_col_text(st, 4));
	cells[6] = arena_strdup(a, db_col_text(st, 5));
	cells[7] = arena_strdup(a, db_col_text(st, 6));
	cells[8] = arena_printf(a, "%s %s", vtime_date(d, sizeof(d), at), vtime_hm(t, sizeof(t), at));
	cells[9] = strcmp(db_col_text(st, 8), "withdrawn") == 0 ? _("Đã rút") : _("Đang tham gia");
	db_done(st);
	return 0;
}

/* A CSV cell: quoted when it holds the delimiter, a quote or a line break,
 * or could start a formula in a spreadsheet (=, +, -, @ get a ' before). */
static void reg_export_csv_cell(FILE *out, const char *s)
{
	bool quote = strpbrk(s, ",\"\r\n") != NULL;
	bool formula = strchr("=+-@", s[0]) && s[0];

	if (!quote && !formula) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	if (formula)
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

int reg_export_csv(struct db *db, int64_t series_id, FILE *out)
{
	struct reg_export_order o;
	const char *cells[REG_EXPORT_COLS];
	struct arena a;
	int rc = -1;

	if (reg_export_sort(db, series_id, &o) != 0)
		return -1;
	fputs("\xEF\xBB\xBF", out);
	for (int c = 0; c < REG_EXPORT_COLS; c++) {
		if (c)
			fputc(',', out);
		reg_export_csv_cell(out, _(reg_export_heads[c]));
	}
	fputs("\r\n", out);
	arena_init(&a);
	for (size_t i = 0; i < o.n; i++) {
		cells[0] = arena_printf(&a, "%zu", i + 1);
		if (reg_export_row(db, &a, o.items[i].id, cells) != 0)
			goto out;
		for (int c = 0; c < REG_EXPORT_COLS; c++) {
			if (c)
				fputc(',', out);
			reg_export_csv_cell(out, cells[c]);
		}
		fputs("\r\n", out);
		if (i % 1024 == 1023) {
			arena_release(&a);
			arena_init(&a);
		}
	}
	rc = ferror(out) ? -1 : 0;
out:
	arena_release(&a);
	reg_export_order_release(&o);
	return rc;
}

int reg_export_xlsx(struct db *db, int64_t series_id, const char *path)
{
	static const double min_w[REG_EXPORT_COLS] = {6, 14, 14, 14, 16, 16, 16, 10, 17, 14};
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE, .tmpdir = NULL};
	struct reg_export_order o;
	const char *cells[REG_EXPORT_COLS];
	struct arena a;
	int rc = -1;

	if (reg_export_sort(db, series_id, &o) != 0)
		return -1;
	lxw_workbook *wb = workbook_new_opt(path, &opts);
	if (!wb) {
		log_error("export: cannot create '%s'", path);
		reg_export_order_release(&o);
		return -1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, _("Danh sách đăng ký"));
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xEEF3EF);
	for (int c = 0; c < REG_EXPORT_COLS; c++) {
		/* Widths that fit: the widest cell, a little air, within bounds. */
		double w = (double)o.width[c] + 2;
		double h = (double)utf8_length(_(reg_export_heads[c]), strlen(_(reg_export_heads[c]))) + 2;
		w = w < h ? h : w;
		w = w < min_w[c] ? min_w[c] : w > 60 ? 60 : w;
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL);
	}
	worksheet_freeze_panes(ws, 1, 0);
	for (int c = 0; c < REG_EXPORT_COLS; c++)
		worksheet_write_string(ws, 0, (lxw_col_t)c, _(reg_export_heads[c]), head);
	arena_init(&a);
	for (size_t i = 0; i < o.n; i++) {
		if (reg_export_row(db, &a, o.items[i].id, cells) != 0)
			goto out;
		lxw_row_t row = (lxw_row_t)(i + 1);
		worksheet_write_number(ws, row, 0, (double)(i + 1), NULL);
		for (int c = 1; c < REG_EXPORT_COLS; c++)
			worksheet_write_string(ws, row, (lxw_col_t)c, cells[c], NULL);
		if (i % 1024 == 1023) {
			arena_release(&a);
			arena_init(&a);
		}
	}
	rc = 0;
out:
	arena_release(&a);
	if (workbook_close(wb) != LXW_NO_ERROR) {
		log_error("export: cannot write '%s'", path);
		rc = -1;
	}
	reg_export_order_release(&o);
	return rc;
}
