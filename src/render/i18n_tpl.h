/*
 * i18n_tpl.h: translation of template text.  Templates mark user-visible
 * text as {{_ text}}; before a template is compiled, each mark is replaced
 * by gettext(text).  Vietnamese is the source language, so with no
 * catalogue the text stays as written.  tools/pot.sh extracts the marks.
 */
#ifndef OCOP_I18N_TPL_H
#define OCOP_I18N_TPL_H

#include <stddef.h>

struct buf;

/* Appends src with every {{_ text}} translated.  0, or -1 on an unclosed mark. */
int i18n_tpl_expand(const char *src, size_t len, struct buf *out);

#endif
