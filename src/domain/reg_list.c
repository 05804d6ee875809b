/*
 * reg_list.c: see reg_list.h.
 *
 * The SQL returns candidates newest first, at most REG_LIST_CHUNK at a
 * time; C keeps those where every word of the query is found (the index
 * only sees words of three characters or more, trigrams), and asks for the
 * next chunk until the page is full.  Four fixed statements: a plain list
 * with and without a province (each has its index), the FTS5 search
 * (SQLite only) and the portable LIKE search.
 */
#include "domain/reg_list.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "db/db.h"

#include <stdbool.h>
#include <string.h>
#include <stdint.h>

#define REG_LIST_CHUNK 1000
#define REG_LIST_WORDS 8

#define REG_LIST_COLS                                                                         \
	"r.id, r.full_name, r.name_fold, r.email, r.email_norm, r.phone, r.province_code, "   \
	"r.category, r.organization, r.position, r.status, r.created_at"
#define REG_LIST_FILTER                                                                       \
	" AND ($3 = '' OR r.province_code = $3) AND ($4 = '' OR r.category = $4) AND "        \
	"($5 = '' OR r.status = $5)"

static const char reg_list_sql_plain[] =
	"SELECT " REG_LIST_COLS " FROM registrations r WHERE r.series_id = $1 AND r.id < $2"
	REG_LIST_FILTER " ORDER BY r.id DESC LIMIT $6";
static const char reg_list_sql_province[] =
	"SELECT " REG_LIST_COLS " FROM registrations r WHERE r.series_id = $1 AND "
	"r.province_code = $3 AND r.id < $2" REG_LIST_FILTER " ORDER BY r.id DESC LIMIT $6";
/* SQLite: FTS5 trigram (migrations/0006, "-- @sqlite"). */
static const char reg_list_sql_fts[] =
	"SELECT " REG_LIST_COLS " FROM registrations_fts f JOIN registrations r ON r.id = "
	"f.rowid WHERE registrations_fts MATCH $7 AND f.rowid < $2 AND r.series_id = $1"
	REG_LIST_FILTER " ORDER BY f.rowid DESC LIMIT $6";
/* Portable: PostgreSQL's pg_trgm index serves this very expression. */
static const char reg_list_sql_like[] =
	"SELECT " REG_LIST_COLS " FROM registrations r WHERE r.series_id = $1 AND r.id < $2"
	REG_LIST_FILTER " AND (r.name_fold || ' ' || r.email_norm || ' ' || r.phone) LIKE $7 "
	"ESCAPE '!' ORDER BY r.id DESC LIMIT $6";

struct reg_search {
	const char *word[REG_LIST_WORDS];
	size_t nwords;
	/* FTS5 queries, NULL when no term is long enough: "strict" ties each
	 * short word to its neighbour ("vo minh" as one phrase), "loose" has
	 * the long words alone. */
	const char *strict, *loose;
	const char *like; /* LIKE pattern of the longest word */
};

/* A query of digits (and + . - spaces) with 3+ digits: the phone's digits
 * as stored (+84 and no leading 0), or NULL. */
static const char *reg_search_phone(struct arena *a, const char *q)
{
	char *d = arena_alloc(a, strlen(q) + 1);
	size_t n = 0;

	for (const char *p = q; *p; p++) {
		if (*p >= '0' && *p <= '9')
			d[n++] = *p;
		else if (!strchr(" +.-()", *p))
			return NULL;
	}
	d[n] = 0;
	if (n < 3)
		return NULL;
	if (d[0] == '0')
		return d + 1;
	if (q[strspn(q, " ")] == '+' && strncmp(d, "84", 2) == 0)
		return d + 2;
	return d;
}

/* Appends "AND \"text\"" (quotes doubled: any text is a valid query). */
static const char *reg_search_and(struct arena *a, const char *q, const char *text)
{
	struct buf b;

	buf_init(&b, 0);
	if (q)
		buf_addf(&b, "%s AND ", q);
	buf_addc(&b, '"');
	for (const char *p = text; *p; p++) {
		if (*p == '"')
			buf_addc(&b, '"');
		buf_addc(&b, *p);
	}
	buf_addc(&b, '"');
	const char *out = arena_strdup(a, b.p);
	buf_release(&b);
	return out;
}

/* Splits the folded query into words and builds the index queries. */
static void reg_search_parse(struct arena *a, const char *q, struct reg_search *s)
{
	const char *phone = reg_search_phone(a, q);
	char *f = phone ? arena_strdup(a, phone) : utf8_fold(a, q, strlen(q));
	const char *longest = "";

	memset(s, 0, sizeof(*s));
	for (char *w = f; w && *w && s->nwords < REG_LIST_WORDS;) {
		char *sp = strchr(w, ' ');
		if (sp)
			*sp = 0;
		s->word[s->nwords++] = w;
		if (strlen(w) > strlen(longest))
			longest = w;
		w = sp ? sp + 1 : NULL;
	}
	for (size_t i = 0; i < s->nwords; i++) {
		const char *w = s->word[i];
		if (strlen(w) >= 3) {
			s->strict = reg_search_and(a, s->strict, w);
			s->loose = reg_search_and(a, s->loose, w);
		} else if (i + 1 < s->nwords) {
			s->strict = reg_search_and(a, s->strict,
						   arena_printf(a, "%s %s", w, s->word[i + 1]));
		} else if (i > 0) {
			s->strict = reg_search_and(a, s->strict,
						   arena_printf(a, "%s %s", s->word[i - 1], w));
		}
	}
	struct buf l;
	buf_init(&l, 0);
	buf_addc(&l, '%');
	for (const char *p = longest; *p; p++) {
		if (*p == '%' || *p == '_' || *p == '!')
			buf_addc(&l, '!');
		buf_addc(&l, *p);
	}
	buf_addc(&l, '%');
	s->like = arena_strdup(a, l.p);
	buf_release(&l);
}

/* Every word in the name, the e-mail or the phone. */
static bool reg_search_ok(const struct reg_search *s, struct db_stmt *st)
{
	for (size_t i = 0; i < s->nwords; i++)
		if (!strstr(db_col_text(st, 2), s->word[i]) &&
		    !strstr(db_col_text(st, 4), s->word[i]) &&
		    !strstr(db_col_text(st, 5), s->word[i]))
			return false;
	return true;
}

static json_t *reg_list_row(struct db_stmt *st)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I}", "id",
			 (json_int_t)db_col_int(st, 0), "full_name", db_col_text(st, 1), "email",
			 db_col_text(st, 3), "phone", db_col_text(st, 5), "province_code",
			 db_col_text(st, 6), "category", db_col_text(st, 7), "organization",
			 db_col_text(st, 8), "position", db_col_text(st, 9), "status",
			 db_col_text(st, 10), "created_at", (json_int_t)db_col_int(st, 11));
}

/* One page with one statement and FTS query (or LIKE pattern). */
static json_t *reg_list_run(struct db *db, const char *sql, const char *match,
			    const struct reg_search *s, int64_t series_id,
			    const struct reg_query *q, int64_t *next)
{
	int64_t before = q->before > 0 ? q->before : INT64_MAX;
	json_t *rows = json_array();

	*next = 0;
	for (;;) {
		struct db_stmt *st = db_prepare(db, sql);
		int64_t seen = 0, last = 0;
		int rc;

		if (!st) {
			json_decref(rows);
			return NULL;
		}
		db_bind_int(st, 1, series_id);
		db_bind_int(st, 2, before);
		db_bind_text(st, 3, q->province ? q->province : "");
		db_bind_text(st, 4, q->category ? q->category : "");
		db_bind_text(st, 5, q->status ? q->status : "");
		db_bind_int(st, 6, s ? REG_LIST_CHUNK : q->limit + 1);
		if (s)
			db_bind_text(st, 7, match);
		while ((rc = db_step(st)) == DB_ROW) {
			seen++;
			last = db_col_int(st, 0);
			if (s && !reg_search_ok(s, st))
				continue;
			if (json_array_size(rows) == (size_t)q->limit) {
				*next = json_integer_value(
					json_object_get(json_array_get(rows, q->limit - 1), "id"));
				break;
			}
			json_array_append_new(rows, reg_list_row(st));
		}
		db_done(st);
		if (rc == DB_ERROR) {
			json_decref(rows);
			return NULL;
		}
		/* Done: a page and one more, or no more candidates. */
		if (*next || !s || seen < REG_LIST_CHUNK)
			return rows;
		before = last;
	}
}

json_t *reg_list(struct db *db, struct arena *a, int64_t series_id, struct reg_query *q,
		 int64_t *next)
{
	const char *plain = q->province && *q->province ? reg_list_sql_province : reg_list_sql_plain;
	struct reg_search s;

	if (!q->q || !*q->q)
		return reg_list_run(db, plain, NULL, NULL, series_id, q, next);
	reg_search_parse(a, q->q, &s);
	if (s.nwords == 0)
		return reg_list_run(db, plain, NULL, NULL, series_id, q, next);
	if (!s.strict || strcmp(db_dialect(db), "sqlite") != 0)
		return reg_list_run(db, reg_list_sql_like, s.like, &s, series_id, q, next);
	/* Short words next to their neighbour first: fast, and what people
	 * type; if that finds nobody, any order (checked word by word). */
	if (!q->loose) {
		json_t *rows = reg_list_run(db, reg_list_sql_fts, s.strict, &s, series_id, q, next);
		if (!rows || json_array_size(rows) || q->before || !strcmp(s.strict, s.loose ? s.loose : ""))
			return rows;
		json_decref(rows);
		q->loose = true;
	}
	if (!s.loose)
		return reg_list_run(db, reg_list_sql_like, s.like, &s, series_id, q, next);
	return reg_list_run(db, reg_list_sql_fts, s.loose, &s, series_id, q, next);
}

json_t *reg_list_one(struct db *db, int64_t series_id, int64_t id)
{
	struct db_stmt *st = db_prepare(
		db, "SELECT " REG_LIST_COLS ", r.consent, r.token FROM registrations r "
		    "WHERE r.series_id = $1 AND r.id = $2");
	json_t *o = NULL;

	if (!st)
		return NULL;
	db_bind_int(st, 1, series_id);
	db_bind_int(st, 2, id);
	if (db_step(st) == DB_ROW) {
		o = reg_list_row(st);
		json_object_set_new(o, "consent", json_boolean(db_col_int(st, 12)));
		json_object_set_new(o, "token", json_string(db_col_text(st, 13)));
	}
	db_done(st);
	return o;
}
