/*
 * filename.h: names of uploaded files made safe to store and to hand back
 * in a Content-Disposition header: Vietnamese letters kept (NFC), paths,
 * control and invisible characters removed, length capped.  No I/O.
 */
#ifndef OCOP_FILENAME_H
#define OCOP_FILENAME_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

/* Longest cleaned name, in bytes (the extension is kept when cutting). */
#define FILENAME_MAX_BYTES 120

/*
 * The last path component of `name` (either slash), invalid UTF-8 refused,
 * C0/C1 controls, bidi overrides and zero-width characters dropped,
 * characters Windows refuses in names (<>:"|?*) turned into '-', white
 * space squeezed, leading dots and trailing dots or spaces removed, NFC,
 * cut to FILENAME_MAX_BYTES on a character boundary.  Returns the name in
 * the arena, or NULL when nothing usable remains (no name, or only an
 * extension such as ".pdf").
 */
char *filename_clean(struct arena *a, const char *name);
/* The extension after the last dot, without it ("" if none); borrowed. */
const char *filename_ext(const char *name);

#endif
