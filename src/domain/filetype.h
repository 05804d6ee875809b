/*
 * filetype.h: which files may be handed out as materials, decided from
 * their content (libmagic), never from their name or the type the browser
 * sent.  The table of allowed types lives in filetype.c.
 */
#ifndef OCOP_FILETYPE_H
#define OCOP_FILETYPE_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct filetype {
	const char *mime;  /* what the file is served as */
	const char *exts;  /* accepted extensions, space separated, first canonical */
	const char *label; /* short, for people: "PDF", "PowerPoint" */
	bool is_inline;    /* shown in the browser rather than saved */
};

/*
 * The allowed type of data[0..len), or NULL when the content is of no
 * allowed type (an executable, plain text, an archive, empty).  *sniffed
 * (may be NULL) gets libmagic's own answer, static text, for the log.
 * Safe from any thread: each thread keeps its own libmagic handle.
 */
const struct filetype *filetype_sniff(const void *data, size_t len, const char **sniffed);
/* The allowed type served as mime, or NULL. */
const struct filetype *filetype_find(const char *mime);
/* The allowed types' labels, for messages: "PDF, PowerPoint, ...". */
const char *filetype_labels(void);
/* `name` (a cleaned file name, or NULL for none) with an extension of type
 * t: kept when it already has one, else t's canonical one appended; no
 * name gives "tai-lieu.EXT".  Allocated from a. */
char *filetype_name(struct arena *a, const struct filetype *t, const char *name);

#endif
