/*
 * arena.c: region allocator (see arena.h).  Blocks grow geometrically from
 * 4 KB; a request that asks for more than a block gets a block of its own.
 */
#include "core/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	max_align_t data[];
};

struct arena_defer {
	struct arena_defer *next;
	void (*fn)(void *);
	void *p;
};

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		abort();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		abort();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		abort();
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(xmalloc(n), s, n);
}

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->defers = NULL;
	a->total = 0;
}

void arena_release(struct arena *a)
{
	while (a->defers) {
		struct arena_defer *d = a->defers;

		a->defers = d->next;
		d->fn(d->p);
	}
	while (a->head) {
		struct arena_block *b = a->head;

		a->head = b->next;
		free(b);
	}
	a->total = 0;
}

void *arena_alloc(struct arena *a, size_t n)
{
	const size_t align = sizeof(max_align_t);
	struct arena_block *b = a->head;

	n = (n + align - 1) & ~(align - 1);
	if (!b || b->size - b->used < n) {
		size_t size = b ? b->size * 2 : 4096;

		if (size > 1 << 20)
			size = 1 << 20;
		if (size < n)
			size = n;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		/* A big one-off block goes second so the current block keeps serving. */
		if (a->head && size == n) {
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
		a->total += size;
	}
	void *p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = 0;
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	char probe[1];
	int n;

	va_start(ap, fmt);
	n = vsnprintf(probe, sizeof(probe), fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	char *p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *p)
{
	struct arena_defer *d = arena_alloc(a, sizeof(*d));

	d->fn = fn;
	d->p = p;
	d->next = a->defers;
	a->defers = d;
}
