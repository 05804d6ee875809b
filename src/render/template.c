/*
 * template.c: the template engine (see template.h).  Exports tpl_set_*() and
 * tpl_render(); knows nothing of HTTP, files or the database.
 *
 * tpl_set_add() compiles a source once into a tree of nodes held in the
 * set's arena: text nodes point into an arena copy of the source, names are
 * split on '.' at compile time, and standalone tag lines are trimmed then,
 * so rendering is a walk of the tree with no parsing and no allocation
 * beyond the output buffer.  tpl_set_check() links each partial to its
 * template; after that the set is never written, which is what makes
 * tpl_render() safe to call from many threads at once.
 *
 * The context stack lives on the C stack of tpl_render() (one struct
 * tpl_ctx per pushed value), so a render holds no shared state.  Recursion
 * is bounded: TPL_MAX_NEST sections per template, TPL_MAX_DEPTH partials.
 *
 * Everything a variable prints goes through buf_add_html() unless the tag is
 * {{{x}}} or {{& x}}; tpl_set_each_raw() lists those so a test can pin them.
 */
#include "render/template.h"
#include "core/arena.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum tpl_kind { TPL_TEXT, TPL_VAR, TPL_RAW, TPL_SECTION, TPL_INVERTED, TPL_PARTIAL };

struct tpl_node {
	enum tpl_kind kind;
	int line;
	const char *text; /* TPL_TEXT: the bytes; otherwise the whole name */
	size_t len;
	const char **seg; /* the name split on '.'; nseg is 0 for "." */
	size_t nseg;
	struct tpl_node *child;   /* sections: the body */
	const struct tpl *target; /* partials: linked by tpl_set_check() */
	struct tpl_node *next;
};

struct tpl {
	const char *name;
	struct tpl_node *root;
	struct tpl *next;
};

struct tpl_set {
	struct arena arena;
	struct tpl *head, **tail;
};

struct tpl_ctx {
	json_t *v;
	const struct tpl_ctx *up;
};

/* One open section while compiling; frame 0 is the template itself. */
struct tpl_frame {
	struct tpl_node *node;
	struct tpl_node **tail;
};

struct tpl_parser {
	struct tpl_set *set;
	const char *name, *src;
	size_t len;
	int line;
	struct tpl_frame st[TPL_MAX_NEST + 1];
	int depth;
	char *err;
	size_t errlen;
};

/* A tag as read from the source: [open, end) with the name in [name, name + name_len). */
struct tpl_tag {
	char sigil; /* 0 for a plain variable, '{' for a triple mustache */
	size_t open, end;
	const char *name;
	size_t name_len;
};

static const struct tpl *tpl_find(const struct tpl_set *set, const char *name)
{
	for (const struct tpl *t = set->head; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

static int tpl_fail(struct tpl_parser *ps, int line, const char *what, const char *s, size_t n)
{
	/* Names are quoted but capped, so a hostile tag cannot flood the log. */
	if (ps->errlen)
		snprintf(ps->err, ps->errlen, "%s:%d: %s '%.*s'", ps->name, line, what,
		         (int)(n > 64 ? 64 : n), s);
	return -1;
}

static int tpl_count_lines(const char *s, size_t from, size_t to)
{
	int n = 0;

	for (const char *p = s + from; (p = memchr(p, '\n', (size_t)(s + to - p))); p++)
		n++;
	return n;
}

static bool tpl_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool tpl_name_ok(const struct tpl_tag *tag)
{
	const char *s = tag->name;
	size_t n = tag->name_len;

	if (!n)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (tag->sigil == '>') {
			if (tpl_is_space(c) || c == '{' || c == '}')
				return false;
		} else if (c == '.') {
			/* "." alone, or dots strictly between non-empty segments. */
			if (n > 1 && (i == 0 || i == n - 1 || s[i + 1] == '.'))
				return false;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		             (c >= '0' && c <= '9') || c == '_' || c == '-')) {
			return false;
		}
	}
	return true;
}

/* Reads the tag starting at `open` ("{{"); returns 0 or -1 with the error set. */
static int tpl_read_tag(struct tpl_parser *ps, size_t open, int line, struct tpl_tag *tag)
{
	const char *s = ps->src;
	bool triple = open + 2 < ps->len && s[open + 2] == '{';
	size_t a = open + (triple ? 3 : 2), b = a;
	const char *close = triple ? "}}}" : "}}";
	size_t close_len = triple ? 3 : 2;

	for (;; b++) {
		if (b + close_len > ps->len)
			return tpl_fail(ps, line, "unclosed tag", s + open, ps->len - open);
		if (!memcmp(s + b, close, close_len))
			break;
	}
	tag->open = open;
	tag->end = b + close_len;
	while (a < b && tpl_is_space(s[a]))
		a++;
	tag->sigil = triple ? '{' : 0;
	if (!triple && a < b && s[a] && strchr("#^/>!&=", s[a])) {
		tag->sigil = s[a++];
		while (a < b && tpl_is_space(s[a]))
			a++;
	}
	while (b > a && tpl_is_space(s[b - 1]))
		b--;
	tag->name = s + a;
	tag->name_len = b - a;
	if (tag->sigil == '!')
		return 0;
	if (tag->sigil == '=')
		return tpl_fail(ps, line, "delimiter change not supported", s + open,
		                tag->end - open);
	if (!tpl_name_ok(tag))
		return tpl_fail(ps, line, "bad tag name", s + open, tag->end - open);
	return 0;
}

static struct tpl_node *tpl_append(struct tpl_parser *ps, enum tpl_kind kind, int line)
{
	struct tpl_frame *f = &ps->st[ps->depth];
	struct tpl_node *n = arena_alloc(&ps->set->arena, sizeof(*n));

	n->kind = kind;
	n->line = line;
	*f->tail = n;
	f->tail = &n->next;
	return n;
}

static void tpl_add_text(struct tpl_parser *ps, size_t from, size_t to)
{
	if (to > from) {
		struct tpl_node *n = tpl_append(ps, TPL_TEXT, ps->line);

		n->text = ps->src + from;
		n->len = to - from;
	}
}

static void tpl_set_name(struct tpl_parser *ps, struct tpl_node *n, const struct tpl_tag *tag)
{
	struct arena *a = &ps->set->arena;
	char *name = arena_strndup(a, tag->name, tag->name_len);

	n->text = name;
	n->len = tag->name_len;
	if (!strcmp(name, ".") || n->kind == TPL_PARTIAL)
		return;
	n->nseg = 1;
	for (size_t i = 0; i < n->len; i++)
		n->nseg += name[i] == '.';
	n->seg = arena_alloc(a, n->nseg * sizeof(*n->seg));
	char *seg = arena_strndup(a, name, n->len);
	for (size_t i = 0; i < n->nseg; i++) {
		char *dot = strchr(seg, '.');

		n->seg[i] = seg;
		if (dot) {
			*dot = 0;
			seg = dot + 1;
		}
	}
}

/*
 * A section, inverted, close, comment or partial tag alone on its line (only
 * spaces and tabs around it) takes the whole line with it.  Returns whether
 * it does and, if so, where the line's text starts and the next line begins.
 */
static bool tpl_standalone(const struct tpl_parser *ps, const struct tpl_tag *tag, size_t text,
                           bool at_bol, size_t *ws, size_t *next)
{
	const char *s = ps->src;
	size_t a = tag->open, b = tag->end;

	if (!tag->sigil || tag->sigil == '{' || tag->sigil == '&')
		return false;
	while (a > text && (s[a - 1] == ' ' || s[a - 1] == '\t'))
		a--;
	if (a == text ? !at_bol : s[a - 1] != '\n')
		return false;
	while (b < ps->len && (s[b] == ' ' || s[b] == '\t'))
		b++;
	if (b + 1 < ps->len && s[b] == '\r' && s[b + 1] == '\n')
		b += 2;
	else if (b < ps->len && s[b] == '\n')
		b++;
	else if (b != ps->len)
		return false;
	*ws = a;
	*next = b;
	return true;
}

static int tpl_handle_tag(struct tpl_parser *ps, const struct tpl_tag *tag, int line)
{
	struct tpl_node *n, *top = ps->st[ps->depth].node;
	enum tpl_kind kind = TPL_VAR;

	switch (tag->sigil) {
	case '{':
	case '&':
		kind = TPL_RAW;
		break;
	case '#':
		kind = TPL_SECTION;
		break;
	case '^':
		kind = TPL_INVERTED;
		break;
	case '>':
		kind = TPL_PARTIAL;
		break;
	case '!':
		return 0;
	case '/':
		if (!ps->depth)
			return tpl_fail(ps, line, "unexpected close", tag->name, tag->name_len);
		if (top->len != tag->name_len || memcmp(top->text, tag->name, top->len)) {
			char what[96];

			snprintf(what, sizeof(what), "section '%.40s' (line %d) closed by",
			         top->text, top->line);
			return tpl_fail(ps, line, what, tag->name, tag->name_len);
		}
		ps->depth--;
		return 0;
	}
	n = tpl_append(ps, kind, line);
	tpl_set_name(ps, n, tag);
	if (n->kind == TPL_SECTION || n->kind == TPL_INVERTED) {
		if (ps->depth == TPL_MAX_NEST)
			return tpl_fail(ps, line, "sections nested too deep at", tag->name,
			                tag->name_len);
		ps->depth++;
		ps->st[ps->depth].node = n;
		ps->st[ps->depth].tail = &n->child;
	}
	return 0;
}

static int tpl_parse(struct tpl_parser *ps, struct tpl *t)
{
	const char *s = ps->src;
	size_t pos = 0, text = 0;
	bool at_bol = true;

	ps->st[0].node = NULL;
	ps->st[0].tail = &t->root;
	for (;;) {
		const char *o = pos < ps->len ? memchr(s + pos, '{', ps->len - pos) : NULL;
		size_t open = o ? (size_t)(o - s) : ps->len, text_end, next, ws;
		struct tpl_tag tag;
		int line;

		if (o && (open + 1 >= ps->len || s[open + 1] != '{')) {
			pos = open + 1;
			continue;
		}
		if (!o) {
			tpl_add_text(ps, text, ps->len);
			break;
		}
		line = ps->line + tpl_count_lines(s, text, open);
		if (tpl_read_tag(ps, open, line, &tag) < 0)
			return -1;
		text_end = open;
		next = tag.end;
		at_bol = tpl_standalone(ps, &tag, text, at_bol, &ws, &next);
		if (at_bol)
			text_end = ws;
		tpl_add_text(ps, text, text_end);
		if (tpl_handle_tag(ps, &tag, line) < 0)
			return -1;
		ps->line = line + tpl_count_lines(s, open, next);
		pos = text = next;
	}
	if (ps->depth) {
		struct tpl_node *top = ps->st[ps->depth].node;

		return tpl_fail(ps, top->line, "unclosed section", top->text, top->len);
	}
	return 0;
}

struct tpl_set *tpl_set_new(void)
{
	struct tpl_set *set = xcalloc(1, sizeof(*set));

	arena_init(&set->arena);
	set->tail = &set->head;
	return set;
}

int tpl_set_add(struct tpl_set *set, const char *name, const char *src, size_t len, char *err,
                size_t errlen)
{
	struct tpl_parser ps = {.set = set, .name = name, .len = len, .line = 1};
	struct tpl *t;

	ps.err = err;
	ps.errlen = errlen;
	if (tpl_find(set, name)) {
		if (errlen)
			snprintf(err, errlen, "duplicate template '%.64s'", name);
		return -1;
	}
	/* On error the nodes compiled so far stay in the arena until tpl_set_free(). */
	ps.src = arena_strndup(&set->arena, src, len);
	t = arena_alloc(&set->arena, sizeof(*t));
	t->name = arena_strdup(&set->arena, name);
	ps.name = t->name;
	if (tpl_parse(&ps, t) < 0)
		return -1;
	*set->tail = t;
	set->tail = &t->next;
	return 0;
}

static int tpl_link(struct tpl_set *set, const struct tpl *t, struct tpl_node *n, char *err,
                    size_t errlen)
{
	for (; n; n = n->next) {
		if (n->kind == TPL_PARTIAL) {
			n->target = tpl_find(set, n->text);
			if (!n->target) {
				struct tpl_parser ps = {
				    .name = t->name, .err = err, .errlen = errlen};

				return tpl_fail(&ps, n->line, "unknown partial", n->text, n->len);
			}
		}
		if (n->child && tpl_link(set, t, n->child, err, errlen) < 0)
			return -1;
	}
	return 0;
}

int tpl_set_check(struct tpl_set *set, char *err, size_t errlen)
{
	for (const struct tpl *t = set->head; t; t = t->next)
		if (tpl_link(set, t, t->root, err, errlen) < 0)
			return -1;
	return 0;
}

void tpl_set_free(struct tpl_set *set)
{
	if (!set)
		return;
	arena_release(&set->arena);
	free(set);
}

/* Mustache lookup: the first segment walks the stack outward, the rest descend. */
static json_t *tpl_lookup(const struct tpl_ctx *c, const struct tpl_node *n)
{
	json_t *v = NULL;

	if (!n->nseg)
		return c ? c->v : NULL;
	for (; c && !v; c = c->up)
		if (json_is_object(c->v))
			v = json_object_get(c->v, n->seg[0]);
	for (size_t i = 1; v && i < n->nseg; i++)
		v = json_is_object(v) ? json_object_get(v, n->seg[i]) : NULL;
	return v;
}

static bool tpl_truthy(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return true;
	case JSON_ARRAY:
		return json_array_size(v) > 0;
	case JSON_STRING:
		return json_string_length(v) > 0;
	case JSON_INTEGER:
		return json_integer_value(v) != 0;
	case JSON_REAL:
		return json_real_value(v) != 0.0;
	case JSON_TRUE:
		return true;
	default:
		return false;
	}
}

static void tpl_print(struct buf *out, const json_t *v, bool raw)
{
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (raw)
			buf_add(out, json_string_value(v), json_string_length(v));
		else
			buf_add_html(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_addf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		buf_addf(out, "%g", json_real_value(v));
		break;
	default:
		break; /* booleans, null, objects and arrays print nothing */
	}
}

static int tpl_walk(const struct tpl_set *set, const struct tpl_node *n, const struct tpl_ctx *c,
                    int depth, struct buf *out);

static int tpl_section(const struct tpl_set *set, const struct tpl_node *n, const struct tpl_ctx *c,
                       int depth, struct buf *out)
{
	json_t *v = tpl_lookup(c, n);
	struct tpl_ctx push = {v, c};

	if (n->kind == TPL_INVERTED)
		return v && tpl_truthy(v) ? 0 : tpl_walk(set, n->child, c, depth, out);
	if (!v || !tpl_truthy(v))
		return 0;
	if (json_is_object(v))
		return tpl_walk(set, n->child, &push, depth, out);
	if (!json_is_array(v))
		return tpl_walk(set, n->child, c, depth, out);
	for (size_t i = 0; i < json_array_size(v); i++) {
		push.v = json_array_get(v, i);
		if (tpl_walk(set, n->child, &push, depth, out) < 0)
			return -1;
	}
	return 0;
}

static int tpl_walk(const struct tpl_set *set, const struct tpl_node *n, const struct tpl_ctx *c,
                    int depth, struct buf *out)
{
	for (; n; n = n->next) {
		const struct tpl *t;
		json_t *v;

		/* Stop early: an overflowing page is thrown away anyway. */
		if (out->overflow)
			return -1;
		switch (n->kind) {
		case TPL_TEXT:
			buf_add(out, n->text, n->len);
			break;
		case TPL_VAR:
		case TPL_RAW:
			v = tpl_lookup(c, n);
			if (v)
				tpl_print(out, v, n->kind == TPL_RAW);
			break;
		case TPL_SECTION:
		case TPL_INVERTED:
			if (tpl_section(set, n, c, depth, out) < 0)
				return -1;
			break;
		case TPL_PARTIAL:
			/* Unlinked when tpl_set_check() was skipped: look it up, never write. */
			t = n->target ? n->target : tpl_find(set, n->text);
			if (!t || depth >= TPL_MAX_DEPTH)
				return -1;
			if (tpl_walk(set, t->root, c, depth + 1, out) < 0)
				return -1;
			break;
		}
	}
	return out->overflow ? -1 : 0;
}

int tpl_render(const struct tpl_set *set, const char *name, json_t *ctx, struct buf *out)
{
	const struct tpl *t = tpl_find(set, name);
	struct tpl_ctx c = {ctx, NULL};

	if (!t)
		return -1;
	return tpl_walk(set, t->root, ctx ? &c : NULL, 0, out);
}

static void tpl_each_raw(const struct tpl *t, const struct tpl_node *n,
                         void (*fn)(const char *, const char *, int, void *), void *arg)
{
	for (; n; n = n->next) {
		if (n->kind == TPL_RAW)
			fn(t->name, n->text, n->line, arg);
		tpl_each_raw(t, n->child, fn, arg);
	}
}

void tpl_set_each_raw(const struct tpl_set *set,
                      void (*fn)(const char *tpl, const char *var, int line, void *arg), void *arg)
{
	for (const struct tpl *t = set->head; t; t = t->next)
		tpl_each_raw(t, t->root, fn, arg);
}
