/*
 * template.h: logic-less templates (a mustache subset) rendered from a
 * jansson value.  A set is compiled once at start-up and is read-only
 * afterwards, so many threads may render from it at once.
 *
 * Tags: {{name}} (HTML-escaped), {{{name}}} and {{& name}} (raw), dotted
 * names {{a.b}}, the current item {{.}}, sections {{#name}}...{{/name}},
 * inverted sections {{^name}}...{{/name}}, partials {{> name}} and comments
 * {{! ...}}.  Delimiter changes ({{=<% %>=}}) are not supported.
 */
#ifndef OCOP_TEMPLATE_H
#define OCOP_TEMPLATE_H

#include <jansson.h>
#include <stddef.h>

#include "core/buf.h"

struct tpl_set; /* compiled, immutable once checked, thread-safe to render */

/* Sections nested deeper than this in one template are a compile error. */
#define TPL_MAX_NEST 64
/* Partials included deeper than this make tpl_render() fail. */
#define TPL_MAX_DEPTH 16

/* Returns an empty set; never NULL (allocation failure aborts). */
struct tpl_set *tpl_set_new(void);

/*
 * Compiles `src` (len bytes, need not be NUL-terminated, may contain any
 * bytes) under `name`; both are copied.  Returns 0, or -1 with a message in
 * err (e.g. "templates/x.html:12: unclosed section 'foo'") on a syntax error
 * or a duplicate name.  err may be NULL when errlen is 0.
 */
int tpl_set_add(struct tpl_set *set, const char *name, const char *src, size_t len, char *err,
                size_t errlen);

/*
 * After all adds, before the set is shared between threads: checks that every
 * partial names a template of the set and links it.  Returns 0, or -1 with
 * "templates/x.html:3: unknown partial 'foo'" in err.
 */
int tpl_set_check(struct tpl_set *set, char *err, size_t errlen);

/* Frees the set and everything it compiled; NULL is accepted. */
void tpl_set_free(struct tpl_set *set);

/*
 * Renders template `name` with context `ctx` (borrowed, may be NULL),
 * appending to out.  Returns 0; -1 if `name` or a partial is unknown, if
 * partials nest deeper than TPL_MAX_DEPTH, or if out overflowed its cap (what
 * was rendered so far stays in out).
 */
int tpl_render(const struct tpl_set *set, const char *name, json_t *ctx, struct buf *out);

/*
 * Calls fn(template_name, var_name, line, arg) for every raw variable
 * ({{{x}}} or {{& x}}), in template order then source order.  The strings
 * belong to the set.
 */
void tpl_set_each_raw(const struct tpl_set *set,
                      void (*fn)(const char *tpl, const char *var, int line, void *arg), void *arg);

#endif
