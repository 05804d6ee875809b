/*
 * arena.h: a region allocator with cleanup handlers, one per request (or per
 * command).  Everything allocated from an arena is freed at once by
 * arena_release(); foreign objects (json_t, cairo_t, ...) are released there
 * too through arena_defer().  Allocation failure aborts: callers cap what
 * grows with input at the edge, before allocating.
 */
#ifndef OCOP_ARENA_H
#define OCOP_ARENA_H

#include <stddef.h>

struct arena_block;
struct arena_defer;

struct arena {
	struct arena_block *head;
	struct arena_defer *defers;
	size_t total;
};

void arena_init(struct arena *a);
/* Frees every block and runs the deferred handlers, newest first. */
void arena_release(struct arena *a);

/* Zeroed memory, aligned for any type; owned by the arena. */
void *arena_alloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* printf into arena memory. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Runs fn(p) when the arena is released. */
void arena_defer(struct arena *a, void (*fn)(void *), void *p);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);

#endif
