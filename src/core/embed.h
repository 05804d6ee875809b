/*
 * embed.h: files embedded in the binary at build time (templates/, static/,
 * migrations/, data/).  tools/embed.c writes the table; names are the paths
 * relative to the repository root, e.g. "templates/series.html".
 */
#ifndef OCOP_EMBED_H
#define OCOP_EMBED_H

#include <stddef.h>

struct embed {
	const char *name;
	const unsigned char *data; /* NUL-terminated after len bytes */
	size_t len;
};

extern const struct embed embed_files[];
extern const size_t embed_count;

/* Returns the file or NULL. */
const struct embed *embed_find(const char *name);

#endif
