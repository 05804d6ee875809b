/*
 * reg_map.c: see reg_map.h.
 *
 * A header maps by its first words: "Họ và tên (viết có dấu)" is a name,
 * "Số điện thoại (Zalo)" a phone.  The table is ordered so that the longer
 * key wins ("tên đơn vị" is an organisation, not a name), and the first
 * column that maps to a field keeps it.  A key ending in " =" must be the
 * whole header ("Tỉnh", but not "Tình trạng").
 */
#include "domain/reg_map.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "db/db.h"
#include "domain/registration.h"

#include <stdio.h>
#include <string.h>

const char *const reg_col_labels[REG_NCOLS] = {
	N_("Họ và tên"),     N_("Địa chỉ email"),  N_("Số điện thoại"), N_("Tỉnh/Thành phố"),
	N_("Đối tượng"),     N_("Đơn vị công tác"), N_("Chức vụ"),       N_("Đồng ý"),
};

static const struct {
	const char *key;
	enum reg_col col;
} reg_map_headers[] = {
	{"ten don vi", REG_COL_ORG},       {"ho va ten", REG_COL_NAME},
	{"ho ten", REG_COL_NAME},          {"full name", REG_COL_NAME},
	{"dia chi email", REG_COL_EMAIL},  {"dia chi e mail", REG_COL_EMAIL},
	{"email", REG_COL_EMAIL},          {"e mail", REG_COL_EMAIL},
	{"thu dien tu", REG_COL_EMAIL},    {"so dien thoai", REG_COL_PHONE},
	{"dien thoai", REG_COL_PHONE},     {"sdt", REG_COL_PHONE},
	{"so dt", REG_COL_PHONE},          {"phone", REG_COL_PHONE},
	{"tinh thanh pho", REG_COL_PROVINCE}, {"tinh thanh", REG_COL_PROVINCE},
	{"tinh tp", REG_COL_PROVINCE},     {"tinh =", REG_COL_PROVINCE},
	{"province", REG_COL_PROVINCE},    {"doi tuong", REG_COL_CATEGORY},
	{"category", REG_COL_CATEGORY},    {"don vi", REG_COL_ORG},
	{"co quan", REG_COL_ORG},          {"to chuc", REG_COL_ORG},
	{"organization", REG_COL_ORG},     {"organisation", REG_COL_ORG},
	{"chuc vu", REG_COL_POSITION},     {"chuc danh", REG_COL_POSITION},
	{"position", REG_COL_POSITION},    {"dong y", REG_COL_CONSENT},
	{"toi dong y", REG_COL_CONSENT},   {"consent", REG_COL_CONSENT},
};

/* Folded, with everything but letters and digits turned into single
 * spaces: "TP. Hồ Chí Minh" -> "tp ho chi minh".  "" for invalid text. */
static char *reg_map_key(struct arena *a, const char *s)
{
	char *f = utf8_fold(a, s ? s : "", s ? strlen(s) : 0);
	char *o;
	bool space = false;

	if (!f)
		return arena_strdup(a, "");
	o = f;
	for (const char *p = f; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		bool word = ch >= 0x80 || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
		if (!word) {
			space = o > f;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = false;
		*o++ = (char)ch;
	}
	*o = 0;
	return f;
}

/* key is word or starts with word and a space; "word =" must be all. */
static bool reg_map_starts(const char *key, const char *word)
{
	size_t n = strlen(word);

	if (n > 2 && strcmp(word + n - 2, " =") == 0)
		return strncmp(key, word, n - 2) == 0 && key[n - 2] == 0;
	return strncmp(key, word, n) == 0 && (key[n] == 0 || key[n] == ' ');
}

/* Drops a leading "tinh", "thanh pho", "tp" or "t p". */
static const char *reg_map_province_key(const char *key)
{
	static const char *const prefixes[] = {"thanh pho", "tp", "t p", "tinh"};

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (reg_map_starts(key, prefixes[i]) && key[strlen(prefixes[i])])
			return key + strlen(prefixes[i]) + 1;
	return key;
}

int reg_map_load(struct reg_map *m, struct db *db)
{
	struct arena a;
	/* Current names first: "Hà Nội" is in both lists. */
	struct db_stmt *st = db_prepare(
		db, "SELECT list, code, name, COALESCE(successor_code, code) FROM provinces "
		    "ORDER BY list = 'pre2025', code");
	int rc = -1;

	if (!st)
		return -1;
	arena_init(&a);
	m->nprov = 0;
	while (db_step(st) == DB_ROW && m->nprov < REG_MAP_PROVINCES) {
		bool old = strcmp(db_col_text(st, 0), "pre2025") == 0;
		const char *key = reg_map_province_key(reg_map_key(&a, db_col_text(st, 2)));
		m->prov[m->nprov].old = old;
		snprintf(m->prov[m->nprov].key, sizeof(m->prov[0].key), "%s", key);
		snprintf(m->prov[m->nprov].code, sizeof(m->prov[0].code), "%s",
			 db_col_text(st, old ? 3 : 1));
		snprintf(m->prov[m->nprov].name, sizeof(m->prov[0].name), "%s", db_col_text(st, 2));
		m->nprov++;
	}
	db_done(st);
	for (size_t i = 0; i < reg_ncategories && i < REG_MAP_CATEGORIES; i++) {
		snprintf(m->cat[i].key, sizeof(m->cat[i].key), "%s",
			 reg_map_key(&a, reg_categories[i].label));
		snprintf(m->cat[i].key_tr, sizeof(m->cat[i].key_tr), "%s",
			 reg_map_key(&a, _(reg_categories[i].label)));
	}
	rc = m->nprov ? 0 : -1;
	arena_release(&a);
	return rc;
}

int reg_map_header(struct reg_map *m, struct arena *a, const char *const *fields, size_t n,
		   const char **missing)
{
	static const enum reg_col required[] = {REG_COL_NAME, REG_COL_EMAIL, REG_COL_PHONE,
						REG_COL_PROVINCE, REG_COL_CATEGORY};
	const char *miss = NULL;

	for (int c = 0; c < REG_NCOLS; c++)
		m->col[c] = -1;
	for (size_t i = 0; i < n; i++) {
		const char *key = reg_map_key(a, fields[i]);
		for (size_t k = 0; k < sizeof(reg_map_headers) / sizeof(reg_map_headers[0]); k++) {
			if (!reg_map_starts(key, reg_map_headers[k].key))
				continue;
			if (m->col[reg_map_headers[k].col] < 0)
				m->col[reg_map_headers[k].col] = (int)i;
			break;
		}
	}
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		if (m->col[required[i]] >= 0)
			continue;
		const char *label = _(reg_col_labels[required[i]]);
		miss = miss ? arena_printf(a, "%s, %s", miss, label) : label;
	}
	*missing = miss;
	return miss ? -1 : 0;
}

const char *reg_map_province(const struct reg_map *m, struct arena *a, const char *value,
			     const char **old_name, const char **new_name)
{
	const char *key = reg_map_province_key(reg_map_key(a, value));
	char code[4];

	*old_name = *new_name = NULL;
	if (key[0] >= '0' && key[0] <= '9' && strlen(key) <= 2) {
		snprintf(code, sizeof(code), "%s%s", key[1] ? "" : "0", key);
		for (size_t i = 0; i < m->nprov; i++)
			if (!m->prov[i].old && strcmp(m->prov[i].code, code) == 0)
				return m->prov[i].code;
		return NULL;
	}
	if (strcmp(key, "hcm") == 0 || strcmp(key, "tphcm") == 0 || strcmp(key, "sai gon") == 0)
		key = "ho chi minh";
	for (size_t i = 0; i < m->nprov; i++) {
		if (strcmp(m->prov[i].key, key) != 0)
			continue;
		if (m->prov[i].old) {
			*old_name = m->prov[i].name;
			for (size_t j = 0; j < m->nprov; j++)
				if (!m->prov[j].old && strcmp(m->prov[j].code, m->prov[i].code) == 0)
					*new_name = m->prov[j].name;
		}
		return m->prov[i].code;
	}
	return NULL;
}

const char *reg_map_category(const struct reg_map *m, struct arena *a, const char *value)
{
	const char *key;

	if (!value)
		return NULL;
	if (reg_category_find(value))
		return value;
	key = reg_map_key(a, value);
	for (size_t i = 0; i < reg_ncategories && i < REG_MAP_CATEGORIES; i++)
		if (strcmp(key, m->cat[i].key) == 0 || strcmp(key, m->cat[i].key_tr) == 0)
			return reg_categories[i].code;
	return value;
}

bool reg_map_yes(struct arena *a, const char *value)
{
	const char *key = reg_map_key(a, value);

	return *key && strcmp(key, "khong") != 0 && strcmp(key, "no") != 0 &&
	       strcmp(key, "0") != 0 && strcmp(key, "false") != 0 &&
	       strcmp(key, "khong dong y") != 0;
}
