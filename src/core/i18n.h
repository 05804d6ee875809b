/*
 * i18n.h: every user-visible string goes through GNU gettext.  Vietnamese
 * is the source language, so msgids are Vietnamese; English and French
 * catalogs live in po/ and need no code change.
 */
#ifndef OCOP_I18N_H
#define OCOP_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
